import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import { openClaimStore, storeFiles, storeOptionsFromEnv, type EmbeddedClaimStore, type ScrubRecord } from '../../src/store/index.js';
import { describeClaimStore } from './claim-store-contract.js';
import { auditLines, databaseRecordIds, journalRecords, removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId, type Scrubbed } from './helpers.js';

let claims: Scrubbed[];
beforeAll(() => {
  claims = scrubbedClaims(30);
});
afterAll(removeTempDataDirs);

const record = (scrubbed: Scrubbed): Parameters<EmbeddedClaimStore['recordScrub']>[0] => ({
  ...scrubbed,
  by: { username: 'avery', role: 'biller', address: '203.0.113.9' },
  origin: 'rest',
});

/** Sets this process's limit on the size of a file it writes (as a full disk would stop it), or lifts it. */
function limitFileSize(bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes}:`]);
}

// what any claim store must do, then what the embedded one does with its files
describeClaimStore('the lowdb claim store', { place: tempDataDir, open: (dataDir, options) => openClaimStore(dataDir, options) });

describe('the lowdb claim store on disk', () => {
  it('writes a burst of scrubs in a few file writes, each acknowledged only once it is on disk', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const onDiskWhenAcknowledged = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.recordScrub(record(withClaimId(claims[i % claims.length]!, `B-${i}`))).then((stored) => {
          // read right at the acknowledgement: the record and its audit entry must already be in the files
          const inJournal = journalRecords(dataDir).some((line) => line.record?.id === stored.id);
          const inAudit = auditLines(dataDir).some((entry) => (entry.target as string[])[0] === stored.id);
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

  it('reads a pass over the history from the journal without pushing the recent records out of memory', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    await Promise.all(claims.map((c, i) => store.recordScrub(record(withClaimId(c, `PASS-${i}`)))));
    await store.close();

    const reopened = await openClaimStore(dataDir);
    const newest = (await reopened.history({ limit: 1 })).items[0]!;
    await reopened.scrub(newest.id);
    expect(reopened.stats().recentRecords).toBe(1);
    let read = 0;
    for await (const one of reopened.records()) expect(one.claimId).toBe(`PASS-${claims.length - 1 - read++}`);
    expect(read).toBe(claims.length);
    // the page's reads are what memory is for; a pass reads once and moves on
    expect(reopened.stats().recentRecords).toBe(1);
    await reopened.close();
  });

  it('writes to its files only what retention keeps', async () => {
    const dataDir = tempDataDir();
    let at = Date.parse('2026-10-01T12:00:00.000Z');
    const now = (): Date => new Date(at);
    // a scrub a day for 25 days: the newest 10 are at most 9 days old
    const store = await openClaimStore(dataDir, { maxAgeDays: 9, now });
    for (let i = 0; i < 25; i++) {
      if (i > 0) at += 86_400_000;
      await store.recordScrub(record(withClaimId(claims[i % claims.length]!, `K-${i}`)));
    }
    // every scrub stays audited: retention of claims never reaches the audit trail
    expect(auditLines(dataDir)).toHaveLength(25);
    await store.close();
    expect(databaseRecordIds(dataDir)).toHaveLength(10);

    const reopened = await openClaimStore(dataDir, { maxAgeDays: 3, now });
    expect((await reopened.history()).total).toBe(4);
    // written at start-up, not only with the next change
    expect(databaseRecordIds(dataDir)).toEqual((await reopened.history()).items.map((s) => s.id).reverse());
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
    expect((await reopened.history()).items.map((s) => s.claimId)).toEqual(['U-2', 'U-1', 'U-0']);
    expect((await reopened.scrub(kept[0]!.id))?.result).toEqual(kept[0]!.result);
    expect(await reopened.chat(kept[1]!.id)).toEqual([expect.objectContaining({ text: 'why?' })]);
    const stored = await reopened.recordScrub(record(claims[4]!));
    await reopened.close();
    expect(databaseRecordIds(dataDir)).toEqual([...kept.map((r) => r.id), stored.id]);

    writeFileSync(database, readFileSync(database, 'utf8').replace(/^\["[^"]+",/m, '[7,'));
    const again = await openClaimStore(dataDir);
    expect(again.warnings[0]?.message).toMatch(/not a Scrubjay claim store \(scrubs\.0\.0/);
    expect((await again.history()).total).toBe(4);
    expect(readdirSync(dir).filter((name) => name.startsWith('claims.json.unreadable-'))).toHaveLength(2);
    await again.close();
  });

  it('reads a database written before scrubs had owners, without moving it aside', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const kept = await store.recordScrub(record(withClaimId(claims[0]!, 'W-1')));
    await store.close();
    const { database } = storeFiles(dataDir);
    const file = JSON.parse(readFileSync(database, 'utf8')) as { scrubColumns: string[]; scrubs: unknown[][] };
    // that format had neither the owner nor the claim facts after it
    file.scrubColumns = file.scrubColumns.filter((column) => column !== 'owner' && column !== 'facts');
    file.scrubs = file.scrubs.map((row) => row.slice(0, -2));
    writeFileSync(database, JSON.stringify(file));

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([]);
    expect((await reopened.history()).items).toEqual([expect.objectContaining({ id: kept.id, claimId: 'W-1', owner: null })]);
    expect((await reopened.scrub(kept.id))?.owner).toBe('avery');
    await reopened.close();
  });

  it('moves an audit log of the format before the chain aside, keeps it, and starts a new chain', async () => {
    const dataDir = tempDataDir();
    const { audit, dir } = storeFiles(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = '{"at":"2026-11-20T10:00:00.000Z","actor":"127.0.0.1","action":"scrub","scrubId":"x-1","claimId":"C-1","detail":"rest"}\n{"at":"2026-11-20T10:01:00.000Z","actor":"rules-folder","action":"rules-reload"}\n';
    writeFileSync(audit, old, { mode: 0o600 });

    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([expect.objectContaining({ kind: 'audit-moved-aside', file: expect.stringContaining('audit.ndjson.unreadable-') })]);
    expect(readFileSync(store.warnings[0]!.file!, 'utf8')).toBe(old);
    expect(await store.auditQuery()).toEqual({ total: 0, items: [] });
    const first = await store.audit({ user: null, role: null, action: 'data-reload' });
    expect(first).toMatchObject({ seq: 1, prev: '0'.repeat(64) });
    await store.close();
    expect(auditLines(dataDir)).toEqual([expect.objectContaining({ seq: 1, action: 'data-reload', hash: first.hash })]);
  });

  it('keeps an edited audit log where it is and goes on chaining from its last entry, for the verify to name the edit', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    await store.audit({ user: 'a', role: 'admin', action: 'user-change', target: ['b'] });
    const second = await store.audit({ user: 'a', role: 'admin', action: 'rules-publish' });
    await store.close();
    const { audit } = storeFiles(dataDir);
    writeFileSync(audit, readFileSync(audit, 'utf8').replace('"user-change"', '"sign-out"'));

    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([]);
    const third = await reopened.audit({ user: null, role: null, action: 'data-reload' });
    expect(third).toMatchObject({ seq: 3, prev: second.hash });
    await reopened.close();
    expect(auditLines(dataDir).map((e) => e.action)).toEqual(['sign-out', 'rules-publish', 'data-reload']);
  });

  it('rejects a scrub whose write fails, naming the file, and stores it with the next write that succeeds', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const { journal } = storeFiles(dataDir);
    await store.recordScrub(record(withClaimId(claims[5]!, 'F-0')));
    // no room for a whole record: the write fails part way, as on a full disk
    limitFileSize(statSync(journal).size + 100);
    try {
      await expect(store.recordScrub(record(withClaimId(claims[6]!, 'F-1')))).rejects.toMatchObject({ code: 'SJ_STORE_IO', location: { file: journal } });
    } finally {
      limitFileSize('unlimited');
    }
    expect(journalRecords(dataDir).map((line) => line.record?.claimId)).toEqual(['F-0']); // no half record left behind
    const next = await store.recordScrub(record(withClaimId(claims[7]!, 'F-2')));
    expect((await store.history()).items.map((s) => s.claimId)).toEqual(['F-2', 'F-1', 'F-0']);
    expect(journalRecords(dataDir).map((line) => line.record?.claimId)).toEqual(['F-0', 'F-1', 'F-2']);
    const failedId = (await store.history()).items[1]!.id;
    await store.close();

    const reopened = await openClaimStore(dataDir);
    expect((await reopened.scrub(failedId))?.claimId).toBe('F-1');
    expect((await reopened.scrub(next.id))?.claimId).toBe('F-2');
    await reopened.close();
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
    expect(storeOptionsFromEnv({ SCRUBJAY_KEEP_SCRUBS: '2000', SCRUBJAY_KEEP_DAYS: '30', SCRUBJAY_KEEP_AUDIT_DAYS: ' 3650 ', SCRUBJAY_KEEP_CHAT_TURNS: '' })).toEqual({
      maxScrubs: 2000,
      maxAgeDays: 30,
      maxAuditAgeDays: 3650,
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
    ['SCRUBJAY_KEEP_AUDIT_DAYS', '0x10'],
    ['SCRUBJAY_KEEP_AUDIT_DAYS', '0'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    let thrown: unknown;
    try {
      storeOptionsFromEnv({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScrubjayError);
    expect(thrown).toMatchObject({ code: 'SJ_SETTING_INVALID', location: { path: variable } });
    expect((thrown as Error).message).toContain(variable);
    expect((thrown as Error).message).toContain(value);
  });

  it('passes straight to the store: SCRUBJAY_KEEP_SCRUBS is the ceiling warned at, SCRUBJAY_KEEP_DAYS the age scrubs go at', async () => {
    const store = await openClaimStore(tempDataDir(), storeOptionsFromEnv({ SCRUBJAY_KEEP_SCRUBS: '2', SCRUBJAY_KEEP_DAYS: '30' }));
    for (let i = 0; i < 4; i++) await store.recordScrub(record(claims[i]!));
    expect((await store.history()).total).toBe(4);
    expect(await store.retention()).toMatchObject({ scrubs: 4, ceiling: 2, overCeiling: true, maxAgeDays: 30 });
    await store.close();
  });

  it('logs one warning when the ceiling is crossed, not one per scrub past it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const store = await openClaimStore(tempDataDir(), { maxScrubs: 3, logger });
    for (let i = 0; i < 3; i++) await store.recordScrub(record(claims[i]!));
    const warnings = (): Array<Record<string, unknown>> => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.kind === 'retention-ceiling');
    expect(warnings()).toEqual([]);
    for (let i = 3; i < 10; i++) await store.recordScrub(record(claims[i]!));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ level: 40, scrubs: 4, ceiling: 3, maxAgeDays: 90 });
    expect(warnings()[0]!.msg).toContain('SCRUBJAY_KEEP_SCRUBS');
    await store.close();
  });
});
