import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit, auditPaths, GENESIS_HASH, openClaimStore, storeFiles, verifyAuditChain, type AuditEntry } from '../../src/store/index.js';
import { auditLines, finished, removeTempDataDirs, spawnScript, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

const DAY = 86_400_000;

function clock(start: string): { now: () => Date; advanceDays(days: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advanceDays: (days) => (at += days * DAY) };
}

function linesOf(file: string): AuditEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
}

describe('the audit log with several writers', () => {
  it('loses no entry and keeps the chain whole when two shell commands and the server append at once', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const children = ['ana', 'ben'].map((user) => finished(spawnScript('audit-append-child.ts', [dataDir, user, '60'])));
    const mine: Array<Promise<AuditEntry>> = [];
    for (let i = 0; i < 60; i++) {
      mine.push(store.audit({ user: 'srv', role: 'admin', action: 'sign-in', target: [`srv-${i}`], address: '127.0.0.1' }));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const outputs = await Promise.all(children);
    for (const output of outputs) expect(output.stdout.trim(), output.stderr).toBe('done');
    const written = await Promise.all(mine);
    expect(written.map((e) => e.target[0])).toEqual(Array.from({ length: 60 }, (_, i) => `srv-${i}`));

    // the running server sees what the shell appended, without a restart
    const page = await store.auditQuery({ limit: 1000 });
    expect(page.total).toBe(180);
    expect((await store.auditQuery({ user: 'ana' })).total).toBe(60);
    await store.close();

    const lines = auditLines(dataDir) as unknown as AuditEntry[];
    expect(lines.map((e) => e.seq)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    const targets = new Set(lines.map((e) => e.target[0]));
    for (const user of ['ana', 'ben', 'srv']) for (let i = 0; i < 60; i++) expect(targets.has(`${user}-${i}`), `${user}-${i}`).toBe(true);
    expect(await verifyAuditChain(auditPaths(storeFiles(dataDir)))).toMatchObject({ ok: true, entries: 180, lastSeq: 180, firstProblem: null });
    expect(page.items.map((e) => e.seq)).toEqual(Array.from({ length: 180 }, (_, i) => 180 - i));
  });

  it('appends from a process that never opened the store, continuing the chain the server left', async () => {
    const dataDir = tempDataDir();
    const first = await appendAudit(dataDir, { user: 'root', role: 'admin', action: 'user-change', target: ['root'] });
    expect(first).toMatchObject({ seq: 1, prev: GENESIS_HASH, user: 'root', role: 'admin', address: null });
    const store = await openClaimStore(dataDir);
    const second = await store.audit({ user: 'root', role: 'admin', action: 'sign-in', address: '::1' });
    expect(second).toMatchObject({ seq: 2, prev: first.hash });
    const third = await appendAudit(dataDir, { user: 'root', role: 'admin', action: 'user-change', target: ['kim'] });
    expect(third).toMatchObject({ seq: 3, prev: second.hash });
    const fourth = await store.audit({ user: 'root', role: 'admin', action: 'sign-out' });
    expect(fourth).toMatchObject({ seq: 4, prev: third.hash });
    expect((await store.auditQuery()).items.map((e) => e.action)).toEqual(['sign-out', 'user-change', 'sign-in', 'user-change']);
    await store.close();
  });

  it('moves a log of the format before the chain aside before a shell command first appends to it', async () => {
    const dataDir = tempDataDir();
    const { audit, dir } = storeFiles(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = '{"at":"2026-11-20T10:01:00.000Z","actor":"rules-folder","action":"rules-reload"}\n';
    writeFileSync(audit, old, { mode: 0o600 });
    const entry = await appendAudit(dataDir, { user: 'root', role: 'admin', action: 'user-change', target: ['kim'] });
    expect(entry).toMatchObject({ seq: 1, prev: GENESIS_HASH });
    const aside = readdirSync(dir).filter((name) => name.startsWith('audit.ndjson.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(old);
    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([]);
    expect((await store.auditQuery()).items).toEqual([entry]);
    await store.close();
  });

  it('takes over a lock left by a process that is gone, or one not touched for over ten seconds', async () => {
    const dataDir = tempDataDir();
    const { auditLock } = storeFiles(dataDir);
    await appendAudit(dataDir, { user: null, role: null, action: 'setup' });
    // a pid that is not running: a child that has exited
    const gone = await finished(spawnScript('audit-append-child.ts', [dataDir, 'x', '0']));
    expect(gone.code).toBe(0);
    const child = spawnScript('audit-append-child.ts', [dataDir, 'x', '0']);
    const pid = child.pid!;
    await finished(child);
    writeFileSync(auditLock, `${JSON.stringify({ pid, host: (await import('node:os')).hostname(), token: 'left-behind' })}\n`);
    expect((await appendAudit(dataDir, { user: null, role: null, action: 'data-import' })).seq).toBe(2);
    expect(existsSync(auditLock)).toBe(false);

    // this very process holds it, but has not touched it for a minute: hung
    writeFileSync(auditLock, `${JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 'hung' })}\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(auditLock, old, old);
    expect((await appendAudit(dataDir, { user: null, role: null, action: 'data-import' })).seq).toBe(3);
  });

  it('cuts off a line a crashed writer left unfinished, and says so', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const kept = await store.audit({ user: 'a', role: 'biller', action: 'batch', target: ['batch-1'] });
    await store.close();
    appendFileSync(storeFiles(dataDir).audit, '{"seq":2,"at":"2026-');
    const reopened = await openClaimStore(dataDir);
    expect(reopened.warnings).toEqual([expect.objectContaining({ kind: 'audit-tail-cut', file: storeFiles(dataDir).audit })]);
    expect(await reopened.audit({ user: 'a', role: 'biller', action: 'sign-out' })).toMatchObject({ seq: 2, prev: kept.hash });
    await reopened.close();
    expect(await verifyAuditChain(auditPaths(storeFiles(dataDir)))).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('audit retention by age', () => {
  it('moves entries past the age to a dated archive, whole and in order, and the live log continues the chain', async () => {
    const dataDir = tempDataDir();
    const time = clock('2020-01-01T08:00:00.000Z');
    const store = await openClaimStore(dataDir, { now: time.now });
    const written: AuditEntry[] = [];
    for (let i = 0; i < 10; i++) {
      written.push(await store.audit({ user: 'u', role: 'biller', action: 'history-read', target: [`S-${i}`] }));
      time.advanceDays(100);
    }
    await store.close();
    // now 2022-09-27; with a retention of 730 days, the entries before 2020-09-27 (S-0 .. S-2) are past it
    const reopened = await openClaimStore(dataDir, { now: time.now, maxAuditAgeDays: 730 });
    const files = storeFiles(dataDir);
    const archives = readdirSync(files.auditArchive);
    expect(archives).toEqual(['audit-until-2020-09-27.ndjson']);
    const archived = linesOf(join(files.auditArchive, archives[0]!));
    expect(archived).toEqual(written.slice(0, 3));
    const live = linesOf(files.audit);
    expect(live).toEqual(written.slice(3));
    expect(live[0]!.prev).toBe(archived.at(-1)!.hash);
    expect((await reopened.auditQuery()).total).toBe(7);
    const next = await reopened.audit({ user: 'u', role: 'biller', action: 'sign-out' });
    expect(next).toMatchObject({ seq: 11, prev: written[9]!.hash });
    await reopened.close();
    expect(await verifyAuditChain(auditPaths(files))).toMatchObject({ ok: true, entries: 11, archives: 1, lastSeq: 11 });

    // six years by default: nothing more is due two years on
    time.advanceDays(730);
    const later = await openClaimStore(dataDir, { now: time.now });
    expect(readdirSync(files.auditArchive)).toHaveLength(1);
    expect((await later.auditQuery()).total).toBe(8);
    await later.close();
  });

  it('archives everything when all of it is past the age, and the next entry still follows the last archived one', async () => {
    const dataDir = tempDataDir();
    const time = clock('2019-05-01T08:00:00.000Z');
    const store = await openClaimStore(dataDir, { now: time.now });
    const last = (await Promise.all([store.audit({ user: null, role: null, action: 'rules-reload' }), store.audit({ user: null, role: null, action: 'data-reload' })])).at(-1)!;
    await store.close();
    time.advanceDays(3000);
    const reopened = await openClaimStore(dataDir, { now: time.now });
    expect(readFileSync(storeFiles(dataDir).audit, 'utf8')).toBe('');
    expect(await reopened.auditQuery()).toEqual({ total: 0, items: [] });
    expect(await reopened.audit({ user: null, role: null, action: 'rules-reload' })).toMatchObject({ seq: 3, prev: last.hash });
    await reopened.close();
    expect(await appendAudit(dataDir, { user: 'x', role: 'admin', action: 'user-change' })).toMatchObject({ seq: 4 });
    expect(await verifyAuditChain(auditPaths(storeFiles(dataDir)))).toMatchObject({ ok: true, entries: 4, archives: 1 });
  });
});

describe('audit retention interrupted', () => {
  it('recognises entries a crash left both in the archive and in the log, and removes them from the log at the next start', async () => {
    const dataDir = tempDataDir();
    const time = clock('2018-01-01T08:00:00.000Z');
    for (let i = 0; i < 4; i++) {
      await appendAudit(dataDir, { user: 'u', role: 'admin', action: 'data-import', target: [`D-${i}`] }, time.now());
      time.advanceDays(1000);
    }
    // 4,000 days on: the first two entries are past six years
    const reopened = await openClaimStore(dataDir, { now: time.now });
    await reopened.close();
    const files = storeFiles(dataDir);
    const [archive] = readdirSync(files.auditArchive);
    const archivedText = readFileSync(join(files.auditArchive, archive!), 'utf8');
    expect(linesOf(join(files.auditArchive, archive!)).map((e) => e.seq)).toEqual([1, 2]);
    // as if the crash came after the archive was written and before the log was replaced
    const liveText = readFileSync(files.audit, 'utf8');
    writeFileSync(files.audit, archivedText + liveText);
    expect(await verifyAuditChain(auditPaths(files))).toMatchObject({ ok: true, entries: 4, archives: 1 });

    const again = await openClaimStore(dataDir, { now: time.now });
    expect(readFileSync(files.audit, 'utf8')).toBe(liveText);
    expect(readFileSync(join(files.auditArchive, archive!), 'utf8')).toBe(archivedText);
    expect((await again.auditQuery()).total).toBe(2);
    await again.close();
    expect(await verifyAuditChain(auditPaths(files))).toMatchObject({ ok: true, entries: 4, archives: 1 });
  });
});

describe('audit queries over a log longer than memory holds', () => {
  it('reads the file for a filter, counting every match, newest first', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const writes: Array<Promise<AuditEntry>> = [];
    for (let i = 0; i < 2_500; i++) writes.push(store.audit({ user: `u${i % 5}`, role: 'biller', action: i % 50 === 0 ? 'sign-in-failed' : 'scrub', target: [`T-${i}`], ...(i % 7 === 0 ? { detail: 'naïve — ✓ 診療' } : {}) }));
    await Promise.all(writes);
    await store.close();
    const reopened = await openClaimStore(dataDir);
    const newest = await reopened.auditQuery({ limit: 1000 });
    expect(newest.total).toBe(2_500);
    // read back from the end of the file in pieces at start-up: whole lines, none missed or doubled
    expect(newest.items.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => 2_500 - i));
    expect(newest.items.map((e) => e.target[0])).toEqual(Array.from({ length: 1000 }, (_, i) => `T-${2_499 - i}`));
    const failed = await reopened.auditQuery({ action: 'sign-in-failed', limit: 3 });
    expect(failed.total).toBe(50);
    expect(failed.items.map((e) => e.target[0])).toEqual(['T-2450', 'T-2400', 'T-2350']);
    const oldest = await reopened.auditQuery({ user: 'u0', limit: 1000 });
    expect(oldest.total).toBe(500);
    expect(oldest.items).toHaveLength(500);
    expect(oldest.items.at(-1)!.target).toEqual(['T-0']);
    await expect(reopened.auditQuery({ since: 'not a date' })).rejects.toMatchObject({ code: 'SJ_ARGUMENT_INVALID' });
    expect(newest.items.find((e) => e.seq === 2_493)?.detail).toBe('naïve — ✓ 診療');
    await reopened.close();
    expect(await verifyAuditChain(auditPaths(storeFiles(dataDir)))).toMatchObject({ ok: true, entries: 2_500 });
  });
});
