import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import { openClaimStore, storeFiles, storeOptionsFromEnv, type ScrubRecord } from '../../src/store/index.js';
import { auditLines, databaseRecordIds, journalRecords, removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId, type Scrubbed } from './helpers.js';

let claims: Scrubbed[];
beforeAll(() => {
  claims = scrubbedClaims(30);
});
afterAll(removeTempDataDirs);

const record = (scrubbed: Scrubbed): { claim: Scrubbed['claim']; result: Scrubbed['result']; actor: string; origin: 'rest' } => ({
  ...scrubbed,
  actor: '203.0.113.9',
  origin: 'rest',
});

/** Sets this process's limit on the size of a file it writes (as a full disk would stop it), or lifts it. */
function limitFileSize(bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes}:`]);
}

/** A clock the test moves forward, so records can be aged without waiting. */
function clock(start: string): { now: () => Date; advanceDays(days: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advanceDays: (days) => (at += days * 86_400_000) };
}

describe('claim store', () => {
  it('keeps a scrub with its result, rule-set and reference-data versions across a restart', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const scrubbed = claims[0]!;
    const stored = await store.recordScrub({ ...scrubbed, actor: '203.0.113.9', origin: 'socket' });
    expect(stored).toMatchObject({ claimId: scrubbed.result.claimId, status: scrubbed.result.status, rulesetVersion: scrubbed.result.rulesetVersion, origin: 'socket' });
    await store.close();

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([]);
    const back = await reopened.scrub(stored.id);
    expect(back?.result).toEqual(scrubbed.result);
    expect(back?.claim).toEqual(scrubbed.claim);
    expect(back?.referenceData).toEqual(scrubbed.result.referenceData);
    const errors = scrubbed.result.findings.filter((f) => f.severity === 'error').length;
    expect(reopened.history().items).toEqual([expect.objectContaining({ id: stored.id, claimId: scrubbed.result.claimId, errors })]);
    expect(reopened.auditLog()).toEqual([expect.objectContaining({ action: 'scrub', actor: '203.0.113.9', scrubId: stored.id, claimId: scrubbed.result.claimId, detail: 'socket' })]);
    await reopened.close();
  });

  it('writes a burst of scrubs in a few file writes, each acknowledged only once it is on disk', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const onDiskWhenAcknowledged = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.recordScrub(record(withClaimId(claims[i % claims.length]!, `B-${i}`))).then((stored) => {
          // read right at the acknowledgement: the record and its audit entry must already be in the files
          const inJournal = journalRecords(dataDir).some((line) => line.record?.id === stored.id);
          const inAudit = auditLines(dataDir).some((entry) => entry.scrubId === stored.id);
          return inJournal && inAudit;
        }),
      ),
    );
    expect(onDiskWhenAcknowledged.every(Boolean)).toBe(true);
    const stats = store.stats();
    expect(stats.scrubs).toBe(200);
    expect(stats.journalWrites).toBeLessThanOrEqual(5);
    expect(stats.auditWrites).toBeLessThanOrEqual(5);
    await store.close();
    // the database holds the index, not the records: a fraction of what the journal holds
    expect(databaseRecordIds(dataDir)).toHaveLength(200);
    expect(statSync(storeFiles(dataDir).database).size).toBeLessThan(statSync(storeFiles(dataDir).journal).size / 10);
  });

  it('searches by part of a claim id, case-insensitive, newest first, in pages', async () => {
    const store = await openClaimStore(tempDataDir());
    const ids = ['ABC-100', 'xyz-100', 'abc-200', 'Q-9', 'aBc-300'];
    const stored: ScrubRecord[] = [];
    for (const id of ids) stored.push(await store.recordScrub(record(withClaimId(claims[1]!, id))));

    const abc = store.history({ claimId: 'bC-' });
    expect(abc.total).toBe(3);
    expect(abc.items.map((s) => s.claimId)).toEqual(['aBc-300', 'abc-200', 'ABC-100']);
    expect(store.history({ claimId: '100' }).items.map((s) => s.claimId)).toEqual(['xyz-100', 'ABC-100']);

    const page = store.history({ claimId: 'abc', limit: 1, offset: 1 });
    expect(page).toEqual({ total: 3, items: [expect.objectContaining({ claimId: 'abc-200', id: stored[2]!.id })] });
    expect(store.history({ limit: 2 }).items.map((s) => s.claimId)).toEqual(['aBc-300', 'Q-9']);
    expect(store.history({ claimId: 'nothing' })).toEqual({ total: 0, items: [] });
    await store.close();
  });

  it('keeps at most the configured number of scrubs, dropping the oldest, with their conversations', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir, { maxScrubs: 10 });
    const stored: ScrubRecord[] = [];
    for (let i = 0; i < 25; i++) stored.push(await store.recordScrub(record(withClaimId(claims[i % claims.length]!, `K-${i}`))));
    await store.appendChat(stored[15]!.id, [{ at: '2026-11-27T10:00:00.000Z', role: 'user', text: 'why?' }]);
    await store.appendChat(stored[24]!.id, [{ at: '2026-11-27T10:00:00.000Z', role: 'user', text: 'why?' }]);
    for (let i = 25; i < 31; i++) await store.recordScrub(record(withClaimId(claims[0]!, `K-${i}`)));

    const newest = store.history({ limit: 100 });
    expect(newest.total).toBe(10);
    expect(newest.items.map((s) => s.claimId)).toEqual(Array.from({ length: 10 }, (_, i) => `K-${30 - i}`));
    expect(await store.scrub(stored[0]!.id)).toBeUndefined();
    expect(await store.scrub(stored[15]!.id)).toBeUndefined();
    expect(await store.chat(stored[15]!.id)).toEqual([]);
    expect(await store.chat(stored[24]!.id)).toHaveLength(1);
    await store.close();
    expect(databaseRecordIds(dataDir)).toHaveLength(10);

    const reopened = await openClaimStore(dataDir, { maxScrubs: 4 });
    expect(reopened.history().items.map((s) => s.claimId)).toEqual(['K-30', 'K-29', 'K-28', 'K-27']);
    expect(databaseRecordIds(dataDir)).toHaveLength(4);
    expect((await reopened.scrub(reopened.history().items[3]!.id))?.claim).toEqual({ ...claims[0]!.claim, claimId: 'K-27' });
    await reopened.close();
  });

  it('drops scrubs and conversations older than the configured number of days', async () => {
    const dataDir = tempDataDir();
    const time = clock('2026-01-01T12:00:00.000Z');
    const store = await openClaimStore(dataDir, { maxAgeDays: 90, now: time.now });
    const old = await store.recordScrub(record(withClaimId(claims[2]!, 'OLD-1')));
    await store.appendChat('free-standing', [{ at: time.now().toISOString(), role: 'user', text: 'hello' }]);
    time.advanceDays(60);
    const recent = await store.recordScrub(record(withClaimId(claims[3]!, 'NEW-1')));
    await store.close();

    time.advanceDays(31); // OLD-1 is now 91 days old, NEW-1 31
    const reopened = await openClaimStore(dataDir, { maxAgeDays: 90, now: time.now });
    expect(reopened.history().items.map((s) => s.id)).toEqual([recent.id]);
    expect(await reopened.scrub(old.id)).toBeUndefined();
    expect(await reopened.chat('free-standing')).toEqual([]);
    expect(databaseRecordIds(dataDir)).toEqual([recent.id]);

    time.advanceDays(60); // a running server forgets too, at its next write
    const latest = await reopened.recordScrub(record(withClaimId(claims[4]!, 'NEW-2')));
    expect(reopened.history().items.map((s) => s.id)).toEqual([latest.id]);
    await reopened.close();
  });

  it('appends chat turns in order, keeps the newest turns per conversation, and keeps them across a restart', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir, { maxChatTurns: 5, maxConversations: 2 });
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
    await store.appendChat('conversation-c', [turn(0)]); // a third conversation: the least recently active goes
    expect(await store.chat('conversation-b')).toEqual([]);
    await store.close();

    const reopened = await openClaimStore(dataDir, { maxChatTurns: 5, maxConversations: 2 });
    const turns = await reopened.chat(stored.id);
    expect(turns.map((t) => t.text)).toEqual(['turn 4', 'turn 5', 'turn 6', 'turn 7', 'turn 8']);
    expect(turns[1]?.suggestions).toEqual(['Add modifier 25 to line 1']);
    expect(await reopened.chat('conversation-c')).toHaveLength(1);
    expect(await reopened.chat('unknown')).toEqual([]);
    await reopened.close();
  });

  it('keeps an audit log, newest first, bounded to the configured number of entries', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir, { maxAuditEntries: 10 });
    await store.audit({ actor: 'socket-1', action: 'rules-rejected', detail: 'rules/payers/x.yaml:3:1' });
    for (let i = 0; i < 29; i++) await store.audit({ actor: `socket-${i}`, action: 'chat', claimId: `A-${i}` });
    const log = store.auditLog();
    expect(log).toHaveLength(10);
    expect(log[0]).toMatchObject({ actor: 'socket-28', action: 'chat', claimId: 'A-28' });
    expect(log[9]).toMatchObject({ claimId: 'A-19' });
    expect(store.auditLog(3).map((e) => e.claimId)).toEqual(['A-28', 'A-27', 'A-26']);
    expect(auditLines(dataDir).length).toBeLessThanOrEqual(11);
    await store.close();

    const reopened = await openClaimStore(dataDir, { maxAuditEntries: 10 });
    expect(reopened.auditLog()).toEqual(log);
    await reopened.close();
  });

  it('moves an unreadable database aside, keeps it, reports it and rebuilds the history from the journal', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const kept: ScrubRecord[] = [];
    for (let i = 0; i < 3; i++) kept.push(await store.recordScrub(record(withClaimId(claims[i]!, `U-${i}`))));
    await store.appendChat(kept[1]!.id, [{ at: '2026-11-27T10:00:00.000Z', role: 'user', text: 'why?' }]);
    await store.close();
    const { database, dir } = storeFiles(dataDir);
    truncateSync(database, 300);
    const damaged = readFileSync(database);

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([expect.objectContaining({ kind: 'database-moved-aside', file: expect.stringContaining('claims.json.unreadable-') })]);
    const aside = reopened.warnings[0]!.file!;
    expect(reopened.warnings[0]!.message).toContain(database);
    expect(reopened.warnings[0]!.message).toContain(aside);
    expect(readFileSync(aside)).toEqual(damaged);
    expect(reopened.history().items.map((s) => s.claimId)).toEqual(['U-2', 'U-1', 'U-0']);
    expect((await reopened.scrub(kept[0]!.id))?.result).toEqual(kept[0]!.result);
    expect(await reopened.chat(kept[1]!.id)).toEqual([expect.objectContaining({ text: 'why?' })]);
    const stored = await reopened.recordScrub(record(claims[4]!));
    await reopened.close();
    expect(databaseRecordIds(dataDir)).toEqual([...kept.map((r) => r.id), stored.id]);

    writeFileSync(database, readFileSync(database, 'utf8').replace(/^\["[^"]+",/m, '[7,'));
    const again = await openClaimStore(dataDir);
    expect(again.warnings[0]?.message).toMatch(/not a Scrubjay claim store \(scrubs\.0\.0/);
    expect(again.history().total).toBe(4);
    expect(readdirSync(dir).filter((name) => name.startsWith('claims.json.unreadable-'))).toHaveLength(2);
    await again.close();
  });

  it('moves an audit log with an unreadable line aside and continues with its readable entries', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    await store.audit({ actor: 'a', action: 'data-reload' });
    await store.audit({ actor: 'b', action: 'rules-reload' });
    await store.close();
    const { audit } = storeFiles(dataDir);
    appendFileSync(audit, 'edited by hand\n');
    const damaged = readFileSync(audit);

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([expect.objectContaining({ kind: 'audit-moved-aside', message: expect.stringContaining('line 3') })]);
    expect(readFileSync(reopened.warnings[0]!.file!)).toEqual(damaged);
    expect(reopened.auditLog().map((e) => e.actor)).toEqual(['b', 'a']);
    await reopened.audit({ actor: 'c', action: 'data-reload' });
    expect(auditLines(dataDir).map((e) => e.actor)).toEqual(['a', 'b', 'c']);
    await reopened.close();
  });

  it('rejects a scrub whose write fails, naming the file, and stores it with the next write that succeeds', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const { journal } = storeFiles(dataDir);
    await store.recordScrub(record(withClaimId(claims[5]!, 'F-0')));
    // no room for a whole record: the write fails part way, as on a full disk
    limitFileSize(statSync(journal).size + 100);
    try {
      await expect(store.recordScrub(record(withClaimId(claims[6]!, 'F-1')))).rejects.toMatchObject({ code: 'STORE_IO', location: { file: journal } });
    } finally {
      limitFileSize('unlimited');
    }
    expect(journalRecords(dataDir).map((line) => line.record?.claimId)).toEqual(['F-0']); // no half record left behind
    const next = await store.recordScrub(record(withClaimId(claims[7]!, 'F-2')));
    expect(store.history().items.map((s) => s.claimId)).toEqual(['F-2', 'F-1', 'F-0']);
    expect(journalRecords(dataDir).map((line) => line.record?.claimId)).toEqual(['F-0', 'F-1', 'F-2']);
    const failedId = store.history().items[1]!.id;
    await store.close();

    const reopened = await openClaimStore(dataDir);
    expect((await reopened.scrub(failedId))?.claimId).toBe('F-1');
    expect((await reopened.scrub(next.id))?.claimId).toBe('F-2');
    await reopened.close();
  });

  it('refuses writes once closed, and frees the folder for the next server', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    await store.close();
    await expect(store.recordScrub(record(claims[0]!))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(store.audit({ actor: 'a', action: 'chat' })).rejects.toBeInstanceOf(ScrubjayError);
    const next = await openClaimStore(dataDir);
    expect(next.warnings).toEqual([]);
    await next.close();
  });

  it('logs ids and counts, never claim contents', async () => {
    const dataDir = tempDataDir();
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString('utf8');
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    const first = await openClaimStore(dataDir, { logger });
    for (let i = 0; i < 5; i++) await first.recordScrub(record(claims[i]!));
    await first.appendChat('conversation', [{ at: '2026-11-27T10:00:00.000Z', role: 'user', text: 'secret question text' }]);
    await first.close();
    truncateSync(storeFiles(dataDir).database, 200);
    const second = await openClaimStore(dataDir, { logger });
    await second.close();

    expect(logged).toContain('claim store written');
    expect(logged).toContain('database-moved-aside');
    for (const { claim } of claims.slice(0, 5)) {
      const patient = claim.patient as Record<string, unknown> | undefined;
      const subscriber = claim.subscriber as Record<string, unknown> | undefined;
      for (const value of [subscriber?.memberId, patient?.lastName, patient?.birthDate, subscriber?.lastName]) {
        if (typeof value === 'string' && value.length > 3) expect(logged).not.toContain(value);
      }
    }
    expect(logged).not.toContain('secret question text');
  });
});

describe('retention settings from the environment', () => {
  it('reads whole numbers, ignores unset or empty variables', () => {
    expect(storeOptionsFromEnv({ SCRUBJAY_KEEP_SCRUBS: '2000', SCRUBJAY_KEEP_DAYS: '30', SCRUBJAY_KEEP_AUDIT: ' 100000 ', SCRUBJAY_KEEP_CHAT_TURNS: '' })).toEqual({
      maxScrubs: 2000,
      maxAgeDays: 30,
      maxAuditEntries: 100_000,
    });
    expect(storeOptionsFromEnv({})).toEqual({});
  });

  it.each([
    ['SCRUBJAY_KEEP_SCRUBS', 'lots'],
    ['SCRUBJAY_KEEP_SCRUBS', '0'],
    ['SCRUBJAY_KEEP_SCRUBS', '10.5'],
    ['SCRUBJAY_KEEP_DAYS', '-3'],
    ['SCRUBJAY_KEEP_CHAT_TURNS', '1e3'],
    ['SCRUBJAY_KEEP_CONVERSATIONS', 'ten'],
    ['SCRUBJAY_KEEP_AUDIT', '0x10'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    let thrown: unknown;
    try {
      storeOptionsFromEnv({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScrubjayError);
    expect(thrown).toMatchObject({ code: 'SETTING_INVALID', location: { path: variable } });
    expect((thrown as Error).message).toContain(variable);
    expect((thrown as Error).message).toContain(value);
  });

  it('passes straight to the store', async () => {
    const store = await openClaimStore(tempDataDir(), storeOptionsFromEnv({ SCRUBJAY_KEEP_SCRUBS: '2' }));
    for (let i = 0; i < 4; i++) await store.recordScrub(record(claims[i]!));
    expect(store.history().total).toBe(2);
    await store.close();
  });
});
