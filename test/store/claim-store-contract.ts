/**
 * What any claim store must do, written against the `ClaimStore` interface alone, so the
 * embedded store and a server database answer to the same tests. Each implementation runs
 * it with a factory: `describeClaimStore('the lowdb claim store', factory)`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import type { StoreOptions } from '../../src/store/index.js';
import type { Actor, AuditInput, ClaimStore, ScrubRecord } from '../../src/store/store.js';
import { scrubbedClaims, withClaimId, type Scrubbed } from './helpers.js';

/** The settings every store takes: what it keeps, and the clock it stamps and ages records with. */
export type ContractStoreOptions = Pick<StoreOptions, 'maxScrubs' | 'maxAgeDays' | 'maxChatTurns' | 'maxConversations' | 'maxAuditAgeDays' | 'now'>;

export interface ClaimStoreFactory {
  /** Somewhere new and empty to keep a store (for the embedded store, a data folder). */
  place(): string;
  /** Opens the store kept at `place`; opening it again after `close()` is a restart. */
  open(place: string, options?: ContractStoreOptions): Promise<ClaimStore>;
}

type Recorded = Parameters<ClaimStore['recordScrub']>[0];

const BY: Actor = { username: 'avery', role: 'biller', address: '203.0.113.9' };
const record = (scrubbed: Scrubbed, by = BY): Recorded => ({ ...scrubbed, by, origin: 'rest' });
const service = (action: AuditInput['action'], detail?: string): AuditInput => ({ user: null, role: null, action, ...(detail === undefined ? {} : { detail }) });

/** The same scrub without a claim id, as a claim that lacks one is kept. */
const withoutClaimId = (scrubbed: Scrubbed): Scrubbed => ({ claim: { ...scrubbed.claim, claimId: undefined }, result: { ...scrubbed.result, claimId: null } });

/** A clock the test moves forward, so records can be aged without waiting. */
function clock(start: string): { now: () => Date; advanceDays(days: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advanceDays: (days) => (at += days * 86_400_000) };
}

export function describeClaimStore(name: string, factory: ClaimStoreFactory): void {
  let claims: Scrubbed[];
  beforeAll(() => {
    claims = scrubbedClaims(30);
  });

  /** Stores one scrub of each claim id, in order, and returns what the store answered. */
  async function recordEach(store: ClaimStore, ids: readonly string[], base = 1): Promise<ScrubRecord[]> {
    const stored: ScrubRecord[] = [];
    for (const [i, id] of ids.entries()) stored.push(await store.recordScrub(record(withClaimId(claims[(base + i) % claims.length]!, id))));
    return stored;
  }

  describe(name, () => {
    it("answers the patient's claim history: the newest scrub of each claim id, none of a voided claim, and the same after a restart", async () => {
      const place = factory.place();
      const store = await factory.open(place);
      // the same patient and billing provider on every claim; the codes tell the claims apart
      const patientClaim = (claimId: string, code: string, date: string, frequency = '1'): Scrubbed => {
        const base = withClaimId(claims[0]!, claimId);
        const lines = [{ ...(base.claim.lines as Array<Record<string, unknown>>)[0], procedureCode: code, serviceDate: date }];
        return { claim: { ...base.claim, frequency, lines, subscriber: { ...(base.claim.subscriber as object), memberId: '1EG4TE5MK73', birthDate: '1950-03-14' }, patient: { relationship: 'self' }, billingProvider: { ...(base.claim.billingProvider as object), npi: '1234567893' } }, result: base.result };
      };
      const first = await store.claimHistory();
      await store.recordScrub(record(patientClaim('H-1', 'G0438', '2025-01-06')));
      await store.recordScrub(record(patientClaim('H-2', '99213', '2025-02-03')));
      await store.recordScrub(record(patientClaim('H-2', '99214', '2025-02-03'))); // scrubbed again: it stands for H-2
      await store.recordScrub(record(patientClaim('H-3', '99215', '2025-03-03')));
      await store.recordScrub(record(patientClaim('H-3', '99215', '2025-03-03', '8'))); // voided
      const key = '1234567893|1EG4TE5MK73|1950-03-14';
      const codes = (history: Awaited<ReturnType<ClaimStore['claimHistory']>>, except: string | null = null) =>
        history.servicesOf(key, except).map((s) => `${s.claimId}:${s.procedureCode}`).sort();
      // the history asked for before the scrubs follows them
      expect(codes(first)).toEqual(['H-1:G0438', 'H-2:99214']);
      // a claim scrubbed again is not its own history
      expect(codes(first, 'H-1')).toEqual(['H-2:99214']);
      await store.close();
      const reopened = await factory.open(place);
      expect(codes(await reopened.claimHistory())).toEqual(['H-1:G0438', 'H-2:99214']);
      await reopened.close();
    });

    it('answers every read and write with a promise, as a server database must', async () => {
      const store = await factory.open(factory.place());
      const calls: Array<Promise<unknown>> = [
        store.recordScrub(record(withClaimId(claims[0]!, 'P-1'))),
        store.history(),
        store.scrubsOfClaim('P-1'),
        store.latestScrubOfClaim('P-1'),
        store.scrub('no-such-scrub'),
        store.appendChat('a-conversation', [{ at: '2026-11-27T10:00:00.000Z', role: 'user', text: 'why?' }]),
        store.chat('a-conversation'),
        store.audit(service('data-reload')),
        store.auditQuery(),
      ];
      for (const call of calls) expect(call).toBeInstanceOf(Promise);
      await Promise.all(calls);
      await store.close();
    });

    it('keeps a scrub with its result, rule-set and reference-data versions, and its audit entry, across a restart', async () => {
      const place = factory.place();
      const store = await factory.open(place);
      const scrubbed = claims[0]!;
      const stored = await store.recordScrub({ ...scrubbed, by: BY, origin: 'socket' });
      expect(stored).toMatchObject({ claimId: scrubbed.result.claimId, status: scrubbed.result.status, rulesetVersion: scrubbed.result.rulesetVersion, origin: 'socket', owner: 'avery' });
      // resolved: the record and its audit entry are kept already
      expect((await store.auditQuery({ limit: 1 })).items[0]).toMatchObject({ action: 'scrub', target: [stored.id, scrubbed.result.claimId] });
      await store.close();

      const reopened = await factory.open(place);
      expect(reopened.warnings).toEqual([]);
      const back = await reopened.scrub(stored.id);
      expect(back?.result).toEqual(scrubbed.result);
      expect(back?.claim).toEqual(scrubbed.claim);
      expect(back?.referenceData).toEqual(scrubbed.result.referenceData);
      const errors = scrubbed.result.findings.filter((f) => f.severity === 'error').length;
      expect(back?.owner).toBe('avery');
      expect((await reopened.history()).items).toEqual([expect.objectContaining({ id: stored.id, claimId: scrubbed.result.claimId, errors, owner: 'avery' })]);
      expect(await reopened.auditQuery()).toEqual({
        total: 1,
        items: [
          expect.objectContaining({ seq: 1, action: 'scrub', user: 'avery', role: 'biller', address: '203.0.113.9', target: [stored.id, scrubbed.result.claimId], detail: 'socket', prev: '0'.repeat(64) }),
        ],
      });
      await reopened.close();
    });

    it('searches the history by part of a claim id, case-insensitive, newest first, in pages', async () => {
      const store = await factory.open(factory.place());
      const stored = await recordEach(store, ['ABC-100', 'xyz-100', 'abc-200', 'Q-9', 'aBc-300']);

      const abc = await store.history({ claimId: 'bC-' });
      expect(abc.total).toBe(3);
      expect(abc.items.map((s) => s.claimId)).toEqual(['aBc-300', 'abc-200', 'ABC-100']);
      expect((await store.history({ claimId: '100' })).items.map((s) => s.claimId)).toEqual(['xyz-100', 'ABC-100']);

      const page = await store.history({ claimId: 'abc', limit: 1, offset: 1 });
      expect(page).toEqual({ total: 3, items: [expect.objectContaining({ claimId: 'abc-200', id: stored[2]!.id })] });
      expect((await store.history({ limit: 2 })).items.map((s) => s.claimId)).toEqual(['aBc-300', 'Q-9']);
      expect(await store.history({ claimId: 'nothing' })).toEqual({ total: 0, items: [] });
      await store.close();
    });

    it('finds the scrubs of exactly one claim id, not of ids that contain it or differ in case, newest first', async () => {
      const store = await factory.open(factory.place());
      const ids = ['C-1001', 'C-10011', 'c-1001', 'C-1001', 'XC-1001', 'C-100', 'C-1001 ', 'C-1001'];
      const stored = await recordEach(store, ids);
      await store.recordScrub(record(withoutClaimId(claims[9]!)));
      const ofC1001 = stored.filter((_, i) => ids[i] === 'C-1001').reverse();

      const found = await store.scrubsOfClaim('C-1001');
      expect(found.map((s) => s.id)).toEqual(ofC1001.map((s) => s.id));
      expect(found[0]).toEqual(expect.objectContaining({ id: ofC1001[0]!.id, claimId: 'C-1001', status: ofC1001[0]!.status, scrubbedAt: ofC1001[0]!.scrubbedAt }));
      expect((await store.scrubsOfClaim('C-1001', { limit: 2 })).map((s) => s.id)).toEqual(ofC1001.slice(0, 2).map((s) => s.id));
      expect((await store.scrubsOfClaim('c-1001')).map((s) => s.id)).toEqual([stored[2]!.id]);
      expect((await store.scrubsOfClaim('C-100')).map((s) => s.id)).toEqual([stored[5]!.id]);
      for (const none of ['C-10', '1001', 'C-1001X', '', 'null']) expect(await store.scrubsOfClaim(none), none).toEqual([]);

      expect(await store.latestScrubOfClaim('C-1001')).toEqual(ofC1001[0]);
      expect((await store.latestScrubOfClaim('C-10011'))?.claim).toMatchObject({ claimId: 'C-10011' });
      expect(await store.latestScrubOfClaim('C-10')).toBeUndefined();
      await store.close();
    });

    it('finds the newest scrub of many claim ids at once, in the order asked, as one by one would, before and after a restart', async () => {
      const place = factory.place();
      const store = await factory.open(place);
      const ids = ['R-1', 'R-2', 'R-1', 'R-3', 'R-20', 'R-2'];
      await recordEach(store, ids);
      const asked = ['R-2', 'R-9', 'R-1', 'R-3', 'R-2', '', 'r-1', 'R-20'];
      const oneByOne = async (reading: ClaimStore): Promise<Array<ScrubRecord | undefined>> => Promise.all(asked.map((id) => reading.latestScrubOfClaim(id)));
      const expected = await oneByOne(store);
      expect(expected.map((r) => r?.claimId)).toEqual(['R-2', undefined, 'R-1', 'R-3', 'R-2', undefined, undefined, 'R-20']);
      expect(await store.latestScrubsOfClaims(asked)).toEqual(expected);
      expect(await store.latestScrubsOfClaims([])).toEqual([]);
      await store.close();
      // read back from where the store keeps its records, not from what it remembers
      const reopened = await factory.open(place);
      expect(await reopened.latestScrubsOfClaims(asked)).toEqual(expected);
      await reopened.close();
    });

    it('still finds a claim id by its exact id after a restart, and after many newer scrubs of look-alike ids', async () => {
      const place = factory.place();
      const store = await factory.open(place);
      const [first] = await recordEach(store, ['D-7']);
      // more look-alikes than a page of the history search holds, all newer
      await recordEach(store, Array.from({ length: 60 }, (_, i) => `D-7${i}`));
      await store.close();

      const reopened = await factory.open(place);
      expect((await reopened.scrubsOfClaim('D-7')).map((s) => s.id)).toEqual([first!.id]);
      expect(await reopened.latestScrubOfClaim('D-7')).toEqual(first);
      const again = await reopened.recordScrub(record(withClaimId(claims[3]!, 'D-7')));
      expect((await reopened.scrubsOfClaim('D-7')).map((s) => s.id)).toEqual([again.id, first!.id]);
      expect((await reopened.latestScrubOfClaim('D-7'))?.id).toBe(again.id);
      expect((await reopened.scrubsOfClaim('D-759')).map((s) => s.claimId)).toEqual(['D-759']);
      await reopened.close();
    });

    it('reads back whole records newest first, as many as asked for, across a restart and past one batch', async () => {
      const place = factory.place();
      const store = await factory.open(place);
      // more than one batch of reads, stored concurrently as the service does (the order is the order of the calls)
      const ids = Array.from({ length: 450 }, (_, i) => `R-${i}`);
      const stored = await Promise.all(ids.map((id, i) => store.recordScrub(record(withClaimId(claims[i % claims.length]!, id)))));
      const newestFirst = [...stored].reverse();
      const all: ScrubRecord[] = [];
      for await (const one of store.records()) all.push(one);
      expect(all.map((r) => r.id)).toEqual(newestFirst.map((r) => r.id));
      expect(all[0]).toEqual(newestFirst[0]);
      await store.close();

      // after a restart nothing is in memory: every record comes from the store's files
      const reopened = await factory.open(place);
      const newest: ScrubRecord[] = [];
      for await (const one of reopened.records({ limit: 3 })) newest.push(one);
      expect(newest).toEqual(newestFirst.slice(0, 3));
      let counted = 0;
      for await (const one of reopened.records({ limit: 300 })) {
        // a scrub stored while a pass runs is not part of it
        if (counted++ === 0) await reopened.recordScrub(record(withClaimId(claims[0]!, 'R-late')));
        expect(one.claimId).not.toBe('R-late');
      }
      expect(counted).toBe(300);
      await reopened.close();

      const empty = await factory.open(factory.place());
      for await (const one of empty.records()) expect.unreachable(`an empty store has no record, yet gave ${one.id}`);
      await empty.close();
    });

    it('keeps every scrub younger than the age limit past the count ceiling, and says it is over the ceiling', async () => {
      const place = factory.place();
      const time = clock('2026-11-01T12:00:00.000Z');
      const store = await factory.open(place, { maxScrubs: 10, maxAgeDays: 90, now: time.now });
      expect(await store.retention()).toEqual({ scrubs: 0, ceiling: 10, overCeiling: false, oldestAt: null, maxAgeDays: 90 });
      const real = await recordEach(store, ['REAL-1', 'REAL-2'], 0);
      await store.appendChat(real[0]!.id, [{ at: time.now().toISOString(), role: 'user', text: 'why?' }]);
      expect(await store.retention()).toMatchObject({ scrubs: 2, overCeiling: false, oldestAt: real[0]!.scrubbedAt });
      // a flood of junk, far past the ceiling, an hour later
      time.advanceDays(1 / 24);
      for (let i = 0; i < 40; i++) await store.recordScrub(record(withClaimId(claims[i % claims.length]!, `JUNK-${i}`)));

      expect((await store.history({ limit: 1 })).total).toBe(42);
      expect((await store.scrub(real[0]!.id))?.claimId).toBe('REAL-1');
      expect((await store.latestScrubOfClaim('REAL-2'))?.id).toBe(real[1]!.id);
      expect(await store.chat(real[0]!.id)).toHaveLength(1);
      expect(await store.retention()).toEqual({ scrubs: 42, ceiling: 10, overCeiling: true, oldestAt: real[0]!.scrubbedAt, maxAgeDays: 90 });
      await store.close();

      // over the ceiling across a restart, with a lower ceiling too: nothing young goes
      const reopened = await factory.open(place, { maxScrubs: 4, maxAgeDays: 90, now: time.now });
      expect((await reopened.history({ limit: 1 })).total).toBe(42);
      expect((await reopened.scrub(real[1]!.id))?.claim).toEqual({ ...claims[1]!.claim, claimId: 'REAL-2' });
      expect(await reopened.retention()).toMatchObject({ scrubs: 42, ceiling: 4, overCeiling: true });

      // once they are older than the age limit they go, oldest first, with their conversations and from the claim-id lookup
      time.advanceDays(90 - 0.5 / 24); // the real scrubs are now half an hour past 90 days old, the junk half an hour short of it
      const fresh = await reopened.recordScrub(record(withClaimId(claims[3]!, 'FRESH-1')));
      expect((await reopened.history({ limit: 1 })).total).toBe(41);
      expect(await reopened.scrub(real[0]!.id)).toBeUndefined();
      expect(await reopened.chat(real[0]!.id)).toEqual([]);
      expect(await reopened.scrubsOfClaim('REAL-2')).toEqual([]);
      expect((await reopened.retention()).oldestAt).toBe((await reopened.history({ limit: 1, offset: 40 })).items[0]!.scrubbedAt);
      time.advanceDays(1 / 24);
      await reopened.recordScrub(record(withClaimId(claims[4]!, 'FRESH-2')));
      expect((await reopened.history()).items.map((s) => s.claimId)).toEqual(['FRESH-2', fresh.claimId]);
      expect(await reopened.retention()).toMatchObject({ scrubs: 2, overCeiling: false, oldestAt: fresh.scrubbedAt });
      await reopened.close();
    });

    it('drops scrubs and conversations older than the configured number of days', async () => {
      const place = factory.place();
      const time = clock('2026-01-01T12:00:00.000Z');
      const store = await factory.open(place, { maxAgeDays: 90, now: time.now });
      const old = await store.recordScrub(record(withClaimId(claims[2]!, 'OLD-1')));
      await store.appendChat('free-standing', [{ at: time.now().toISOString(), role: 'user', text: 'hello' }]);
      time.advanceDays(60);
      const recent = await store.recordScrub(record(withClaimId(claims[3]!, 'NEW-1')));
      await store.close();

      time.advanceDays(31); // OLD-1 is now 91 days old, NEW-1 31
      const reopened = await factory.open(place, { maxAgeDays: 90, now: time.now });
      expect((await reopened.history()).items.map((s) => s.id)).toEqual([recent.id]);
      expect(await reopened.scrub(old.id)).toBeUndefined();
      expect(await reopened.latestScrubOfClaim('OLD-1')).toBeUndefined();
      expect(await reopened.chat('free-standing')).toEqual([]);

      time.advanceDays(60); // a running store forgets too, with its next write
      const latest = await reopened.recordScrub(record(withClaimId(claims[4]!, 'NEW-2')));
      expect((await reopened.history()).items.map((s) => s.id)).toEqual([latest.id]);
      expect(await reopened.scrubsOfClaim('NEW-1')).toEqual([]);
      await reopened.close();
    });

    it('appends chat turns in order, keeps the newest turns per conversation, and keeps them across a restart', async () => {
      const place = factory.place();
      const store = await factory.open(place, { maxChatTurns: 5, maxConversations: 2 });
      const stored = await store.recordScrub(record(claims[5]!));
      const turn = (n: number): { at: string; role: 'user' | 'assistant'; text: string } => ({
        at: `2026-11-27T10:00:0${n}.000Z`,
        role: n % 2 === 0 ? 'user' : 'assistant',
        text: `turn ${n}`,
      });
      await store.appendChat(stored.id, [turn(0), turn(1)]);
      await Promise.all([store.appendChat(stored.id, [turn(2), turn(3)]), store.appendChat(stored.id, [turn(4)])]);
      await store.appendChat(stored.id, [{ ...turn(5), suggestions: ['Add modifier 25 to line 1'] }, turn(6), turn(7)]);
      expect((await store.chat(stored.id)).map((t) => t.text)).toEqual(['turn 3', 'turn 4', 'turn 5', 'turn 6', 'turn 7']);

      await store.appendChat('conversation-b', [turn(0)]);
      await store.appendChat(stored.id, [turn(8)]); // the scrub's conversation is now the most recent one
      await store.appendChat('conversation-c', [turn(0)]); // a third conversation, past the ceiling of two: none is young enough to go
      expect(await store.chat('conversation-b')).toHaveLength(1);
      await store.close();

      const reopened = await factory.open(place, { maxChatTurns: 5, maxConversations: 2 });
      const turns = await reopened.chat(stored.id);
      expect(turns.map((t) => t.text)).toEqual(['turn 4', 'turn 5', 'turn 6', 'turn 7', 'turn 8']);
      expect(turns[1]?.suggestions).toEqual(['Add modifier 25 to line 1']);
      expect(await reopened.chat('conversation-c')).toHaveLength(1);
      expect(await reopened.chat('conversation-b')).toHaveLength(1);
      expect(await reopened.chat('unknown')).toEqual([]);
      await reopened.close();
    });

    it('lists only the scrubs of one owner when asked, as a trainee sees only their own', async () => {
      const store = await factory.open(factory.place());
      const trainee: Actor = { username: 'tam', role: 'trainee', address: '198.51.100.7' };
      const mine = await store.recordScrub(record(withClaimId(claims[1]!, 'O-1'), trainee));
      await store.recordScrub(record(withClaimId(claims[2]!, 'O-2')));
      await store.recordScrub(record(withClaimId(claims[3]!, 'O-3'), { username: null, role: null, address: '198.51.100.8' }));
      const again = await store.recordScrub(record(withClaimId(claims[4]!, 'O-4'), trainee));
      expect(await store.history({ owner: 'tam' })).toEqual({ total: 2, items: [expect.objectContaining({ id: again.id, owner: 'tam' }), expect.objectContaining({ id: mine.id, owner: 'tam' })] });
      expect((await store.history({ owner: 'tam', claimId: 'o-1' })).items.map((s) => s.id)).toEqual([mine.id]);
      expect((await store.history({ owner: 'avery' })).items.map((s) => s.claimId)).toEqual(['O-2']);
      expect((await store.history()).items.map((s) => s.owner)).toEqual(['tam', null, 'avery', 'tam']);
      expect((await store.scrub(mine.id))?.owner).toBe('tam');
      await store.close();
    });

    it('keeps an audit trail, newest first, chained by hash, filtered by user, action and time', async () => {
      const place = factory.place();
      const time = clock('2026-03-01T09:00:00.000Z');
      const store = await factory.open(place, { now: time.now });
      await store.audit(service('rules-rejected', 'rules/payers/x.yaml:3:1'));
      for (let i = 0; i < 29; i++) {
        time.advanceDays(1);
        await store.audit({ user: i % 3 === 0 ? 'ines' : 'avery', role: 'biller', action: i % 2 === 0 ? 'history-read' : 'sign-in', target: [`A-${i}`], address: '192.0.2.1' });
      }
      const page = await store.auditQuery();
      expect(page.total).toBe(30);
      expect(page.items).toHaveLength(30);
      expect(page.items[0]).toMatchObject({ seq: 30, user: 'avery', action: 'history-read', target: ['A-28'], address: '192.0.2.1', at: '2026-03-30T09:00:00.000Z' });
      expect(page.items[29]).toMatchObject({ seq: 1, user: null, action: 'rules-rejected', prev: '0'.repeat(64) });
      for (let i = 0; i < 29; i++) expect(page.items[i]!.prev).toBe(page.items[i + 1]!.hash);
      expect((await store.auditQuery({ limit: 3 })).items.map((e) => e.target[0])).toEqual(['A-28', 'A-27', 'A-26']);
      const ines = await store.auditQuery({ user: 'ines' });
      expect(ines.total).toBe(10);
      expect(ines.items.every((e) => e.user === 'ines')).toBe(true);
      const signIns = await store.auditQuery({ action: 'sign-in', since: '2026-03-20', limit: 2 });
      expect(signIns.total).toBe(5);
      expect(signIns.items.map((e) => e.target[0])).toEqual(['A-27', 'A-25']);
      await store.close();

      const reopened = await factory.open(place, { now: time.now });
      expect(await reopened.auditQuery()).toEqual(page);
      const next = await reopened.audit(service('data-reload'));
      expect(next).toMatchObject({ seq: 31, prev: page.items[0]!.hash });
      await reopened.close();
    });

    it('never drops audit entries with the claims: claim retention and audit retention are separate', async () => {
      const place = factory.place();
      const time = clock('2026-01-01T12:00:00.000Z');
      const store = await factory.open(place, { maxAgeDays: 30, maxScrubs: 2, now: time.now });
      for (let i = 0; i < 5; i++) await store.recordScrub(record(withClaimId(claims[i]!, `R-${i}`)));
      time.advanceDays(400);
      await store.recordScrub(record(withClaimId(claims[5]!, 'R-5')));
      await store.close();
      const reopened = await factory.open(place, { maxAgeDays: 30, maxScrubs: 2, now: time.now });
      expect((await reopened.history()).total).toBe(1);
      const audit = await reopened.auditQuery({ action: 'scrub' });
      expect(audit.total).toBe(6);
      expect(audit.items.map((e) => e.target[1])).toEqual(['R-5', 'R-4', 'R-3', 'R-2', 'R-1', 'R-0']);
      await reopened.close();
    });

    it('refuses writes once closed, and is ready to open again', async () => {
      const place = factory.place();
      const store = await factory.open(place);
      await store.close();
      await expect(store.recordScrub(record(claims[0]!))).rejects.toMatchObject({ code: 'SJ_STORE_CLOSED' });
      await expect(store.audit(service('chat'))).rejects.toBeInstanceOf(ScrubjayError);
      const next = await factory.open(place);
      expect(next.warnings).toEqual([]);
      await next.close();
    });
  });
}
