/**
 * The journal behind the store: what it holds, how start-up reads back what the database
 * had not taken in, what happens to a journal that is damaged or missing, compaction while
 * the store is in use, and the move of a database of the first format into the journal.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles, type ChatTurn, type ScrubRecord } from '../../src/store/index.js';
import { databaseRecordIds, journalRecords, removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId, type Scrubbed } from './helpers.js';

let claims: Scrubbed[];
beforeAll(() => {
  claims = scrubbedClaims(12, 11);
});
afterAll(removeTempDataDirs);

const record = (scrubbed: Scrubbed) => ({ ...scrubbed, by: { username: null, role: null, address: '198.51.100.4' }, origin: 'rest' as const });
const turn = (text: string, role: ChatTurn['role'] = 'user'): ChatTurn => ({ at: '2026-11-27T10:00:00.000Z', role, text });

/**
 * Scrubs go by age, so the journal gathers lines nothing points at as time passes: a clock
 * the test moves on HOURS_APART hours before each scrub, with a one-day age limit, keeps
 * the newest six or seven.
 */
const HOURS_APART = 4;
function steppingClock(start: string): { now: () => Date; step(): void; set(at: string): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), step: () => (at += HOURS_APART * 3_600_000), set: (to) => (at = Date.parse(to)) };
}

/** A record as another process of this store would have appended it. */
function recordLike(base: ScrubRecord, id: string, claimId: string): ScrubRecord {
  return { ...base, id, claimId, claim: { ...base.claim, claimId }, result: { ...base.result, claimId } };
}

describe('the journal', () => {
  it('holds each scrub whole, one line each, while the database holds only where it is', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const stored = await store.recordScrub(record(withClaimId(claims[0]!, 'J-0')));
    await store.appendChat(stored.id, [turn('why?'), turn('because', 'assistant')]);
    await store.close();

    const lines = journalRecords(dataDir);
    expect(lines.map((line) => line.kind)).toEqual(['scrub', 'chat']);
    expect(lines[0]!.record).toEqual(stored);
    expect(lines[1]).toMatchObject({ conversation: stored.id, turns: [{ text: 'why?' }, { text: 'because' }] });
    const database = readFileSync(storeFiles(dataDir).database, 'utf8');
    expect(database).toContain(stored.id);
    expect(database).not.toContain('why?');
    expect(database).not.toContain(JSON.stringify(stored.claim));
  });

  it('takes in at start-up the lines the database had not (a kill between the append and the database write)', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const first = await store.recordScrub(record(withClaimId(claims[1]!, 'J-1')));
    await store.close();
    const late = recordLike(first, 'late-1', 'J-2');
    appendFileSync(
      storeFiles(dataDir).journal,
      `${JSON.stringify({ kind: 'scrub', record: late })}\n${JSON.stringify({ kind: 'chat', conversation: 'late-1', at: '2026-11-27T10:00:00.000Z', turns: [turn('and this one?')] })}\n`,
    );

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([]);
    expect((await reopened.history()).items.map((item) => item.claimId)).toEqual(['J-2', 'J-1']);
    expect(await reopened.scrub('late-1')).toEqual(late);
    expect((await reopened.chat('late-1')).map((t) => t.text)).toEqual(['and this one?']);
    await reopened.close();
    expect(databaseRecordIds(dataDir)).toEqual([first.id, 'late-1']);
  });

  it('cuts off a write a crash left unfinished, and keeps a last record that only lost its newline', async () => {
    const dataDir = tempDataDir();
    const { journal } = storeFiles(dataDir);
    const store = await openClaimStore(dataDir);
    const first = await store.recordScrub(record(withClaimId(claims[2]!, 'T-1')));
    await store.close();

    appendFileSync(journal, JSON.stringify({ kind: 'scrub', record: recordLike(first, 'whole-but-unended', 'T-2') }));
    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([]);
    expect((await reopened.history()).items.map((item) => item.claimId)).toEqual(['T-2', 'T-1']);
    await reopened.close();
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);

    appendFileSync(journal, '{"kind":"scrub","record":{"id":"cut-sh');
    const again = await openClaimStore(dataDir);
    expect(again.warnings).toEqual([]);
    expect((await again.history()).items.map((item) => item.claimId)).toEqual(['T-2', 'T-1']);
    const next = await again.recordScrub(record(withClaimId(claims[3]!, 'T-3')));
    await again.close();
    expect(readFileSync(journal, 'utf8')).not.toContain('cut-sh');
    expect(journalRecords(dataDir).map((line) => line.record?.id)).toEqual([first.id, 'whole-but-unended', next.id]);
  });

  it('moves a journal with a line that is not a record aside, keeps it, and carries on with its readable records', async () => {
    const dataDir = tempDataDir();
    const { journal } = storeFiles(dataDir);
    const store = await openClaimStore(dataDir);
    const stored: ScrubRecord[] = [];
    for (let i = 0; i < 3; i++) stored.push(await store.recordScrub(record(withClaimId(claims[i]!, `D-${i}`))));
    await store.close();
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines.splice(2, 0, 'edited by hand');
    writeFileSync(journal, lines.join('\n'));
    const damaged = readFileSync(journal);

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([expect.objectContaining({ kind: 'journal-moved-aside', file: expect.stringContaining('journal.ndjson.unreadable-') })]);
    expect(reopened.warnings[0]!.message).toContain('unreadable lines: 3');
    expect(reopened.warnings[0]!.message).toContain('3 readable records');
    expect(readFileSync(reopened.warnings[0]!.file!)).toEqual(damaged);
    expect((await reopened.history()).items.map((item) => item.claimId)).toEqual(['D-2', 'D-1', 'D-0']);
    for (const one of stored) expect(await reopened.scrub(one.id)).toEqual(one);
    await reopened.close();
    expect(readFileSync(journal, 'utf8')).not.toContain('edited by hand');
  });

  it('sets aside a database whose journal is gone, says so, and starts empty', async () => {
    const dataDir = tempDataDir();
    const { journal, database } = storeFiles(dataDir);
    const store = await openClaimStore(dataDir);
    for (let i = 0; i < 2; i++) await store.recordScrub(record(claims[i]!));
    await store.close();
    const listing = readFileSync(database);
    unlinkSync(journal);

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([expect.objectContaining({ kind: 'journal-missing', file: expect.stringContaining('claims.json.orphaned-') })]);
    expect(reopened.warnings[0]!.message).toContain(journal);
    expect(reopened.warnings[0]!.message).toContain('2 scrubs');
    expect(readFileSync(reopened.warnings[0]!.file!)).toEqual(listing);
    expect((await reopened.history()).total).toBe(0);
    await reopened.recordScrub(record(claims[2]!));
    expect((await reopened.history()).total).toBe(1);
    await reopened.close();
  });

  it('is compacted while the store is in use, every record and conversation reading back whole meanwhile', async () => {
    const dataDir = tempDataDir();
    const time = steppingClock('2026-11-27T10:00:00.000Z');
    const store = await openClaimStore(dataDir, { maxAgeDays: 1, now: time.now });
    await store.appendChat('free-standing', [turn('kept through compactions')]);
    // the scrubs come from further back than the conversation's last activity, so age never takes it
    time.set('2026-01-01T00:00:00.000Z');
    let recording = true;
    // reads all the while, until the recording is done and the journal has been compacted at least once
    const reader = (async (): Promise<number> => {
      let rounds = 0;
      while (recording || store.stats().compactions === 0) {
        const items = (await store.history()).items;
        const [turns, ...records] = await Promise.all([store.chat('free-standing'), ...items.map((item) => store.scrub(item.id))]);
        expect(turns.map((t) => t.text)).toEqual(['kept through compactions']);
        expect(records.map((r) => r?.claimId)).toEqual(items.map((item) => item.claimId));
        rounds++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return rounds;
    })();
    let stored = 0;
    // until a database write has started a compaction, and then some
    while (stored < 120 || store.stats().compactions === 0) {
      time.step();
      await store.recordScrub(record(withClaimId(claims[stored % claims.length]!, `C-${stored++}`)));
    }
    recording = false;
    expect(await reader).toBeGreaterThan(0);
    expect(journalRecords(dataDir).filter((line) => line.kind === 'scrub').length).toBeLessThan(stored);

    const after = await store.recordScrub(record(withClaimId(claims[0]!, 'C-after')));
    await store.appendChat('free-standing', [turn('appended after it', 'assistant')]);
    expect((await store.chat('free-standing')).map((t) => t.text)).toEqual(['kept through compactions', 'appended after it']);
    const kept = (await store.history()).items;
    await store.close();

    const reopened = await openClaimStore(dataDir, { maxAgeDays: 1, now: time.now });
    expect(reopened.warnings).toEqual([]);
    expect((await reopened.history()).items).toEqual(kept);
    for (const item of kept) expect((await reopened.scrub(item.id))?.claimId).toBe(item.claimId);
    expect((await reopened.scrub(after.id))?.claim).toEqual(after.claim);
    expect((await reopened.chat('free-standing')).map((t) => t.text)).toEqual(['kept through compactions', 'appended after it']);
    await reopened.close();
  });

  it('keeps the exact claim-id lookup through compactions and the restart after them', async () => {
    const dataDir = tempDataDir();
    const time = steppingClock('2026-01-01T00:00:00.000Z');
    const store = await openClaimStore(dataDir, { maxAgeDays: 1, now: time.now });
    // two claim ids, one inside the other, scrubbed in turn until the journal has been compacted
    const ids = ['L-1', 'L-10'];
    const stored: ScrubRecord[] = [];
    while (stored.length < 120 || store.stats().compactions === 0) {
      const n = stored.length;
      time.step();
      stored.push(await store.recordScrub(record(withClaimId(claims[n % claims.length]!, ids[n % 2]!))));
    }
    const kept = new Set((await store.history()).items.map((item) => item.id));
    expect(kept.size).toBeGreaterThanOrEqual(6);
    expect(kept.size).toBeLessThan(10);
    const newestOf = (claimId: string): string[] => stored.filter((one) => one.claimId === claimId && kept.has(one.id)).reverse().map((one) => one.id);
    const expectLookups = async (reading: typeof store): Promise<void> => {
      for (const claimId of ids) {
        expect((await reading.scrubsOfClaim(claimId)).map((s) => s.id), claimId).toEqual(newestOf(claimId));
        expect(await reading.latestScrubOfClaim(claimId), claimId).toEqual(stored.filter((one) => one.claimId === claimId).at(-1));
      }
      expect(await reading.scrubsOfClaim('L-')).toEqual([]);
    };
    await expectLookups(store);
    await store.close();

    const reopened = await openClaimStore(dataDir, { maxAgeDays: 1, now: time.now });
    expect(reopened.warnings).toEqual([]);
    // read from the compacted journal, at the positions the compaction moved them to
    await expectLookups(reopened);
    await reopened.close();
  });

  it('reads many records at once, side by side or far apart, in the order asked, with conversations between them', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const stored: ScrubRecord[] = [];
    for (let i = 0; i < 40; i++) {
      stored.push(await store.recordScrub(record(withClaimId(claims[i % claims.length]!, `M-${i}`))));
      // a long conversation between some of them puts their lines far apart in the journal
      if (i % 10 === 9) await store.appendChat(stored[i]!.id, [turn('x'.repeat(20_000))]);
    }
    await store.close();
    const reopened = await openClaimStore(dataDir);
    const asked = [39, 0, 1, 2, 25, 24, 11, 3, 38, 9, 10].map((i) => `M-${i}`);
    const records = await reopened.latestScrubsOfClaims(asked);
    expect(records.map((r) => r?.id)).toEqual(asked.map((claimId) => stored.find((s) => s.claimId === claimId)!.id));
    expect(records[0]).toEqual(stored[39]);
    expect(records[4]).toEqual(stored[25]);
    await reopened.close();
  });

  it('moves a database of the first format, which held the records themselves, into the journal', async () => {
    const dataDir = tempDataDir();
    const { database, journal, dir } = storeFiles(dataDir);
    const records: ScrubRecord[] = claims.slice(0, 2).map((scrubbed, i) => ({
      id: `first-format-${i}`,
      claimId: scrubbed.result.claimId,
      status: scrubbed.result.status,
      scrubbedAt: `2026-11-2${i}T09:00:00.000Z`,
      rulesetVersion: scrubbed.result.rulesetVersion,
      referenceData: scrubbed.result.referenceData,
      claim: scrubbed.claim,
      result: scrubbed.result,
      // kept before scrubs had owners: read back as nobody's
      owner: null,
    }));
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    writeFileSync(
      database,
      `${JSON.stringify({
        format: 'scrubjay-claim-store',
        version: 1,
        scrubs: records,
        conversations: [{ id: 'first-format-1', updatedAt: '2026-11-21T09:05:00.000Z', turns: [turn('an old question'), turn('an old answer', 'assistant')] }],
      })}\n`,
    );
    expect(existsSync(journal)).toBe(false);

    for (let run = 0; run < 2; run++) {
      const store = await openClaimStore(dataDir, { maxAgeDays: 100_000 });
      // the first format's folder was readable by others; the first opening makes it owner-only
      expect(store.warnings.map((warning) => warning.kind)).toEqual(run === 0 ? ['modes-tightened'] : []);
      expect((await store.history()).items.map((item) => item.id)).toEqual(['first-format-1', 'first-format-0']);
      expect(await store.scrub('first-format-0')).toEqual(records[0]);
      expect((await store.chat('first-format-1')).map((t) => t.text)).toEqual(['an old question', 'an old answer']);
      await store.close();
      expect(JSON.parse(readFileSync(database, 'utf8'))).toMatchObject({ version: 2 });
      expect(journalRecords(dataDir).map((line) => line.kind)).toEqual(['scrub', 'scrub', 'chat']);
    }
  });
});
