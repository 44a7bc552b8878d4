import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, hashOf, openClaimStore, storeFiles, type AuditEntry } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/folders.js';

const DAY = 86_400_000;

/** A data folder with `count` entries written as the service writes them: by the server's store and by shell commands. */
async function dataFolderWith(count: number): Promise<{ dataDir: string; log: string }> {
  const dataDir = join(tempDir('scrubjay-audit-cli-'), 'data');
  const store = await openClaimStore(dataDir);
  for (let i = 1; i <= count; i++) {
    if (i % 3 === 0) await appendAudit(dataDir, { user: 'root', role: 'admin', action: 'user-change', target: [`user-${i}`] });
    else await store.audit({ user: `user-${i}`, role: 'biller', action: i % 2 === 0 ? 'sign-in' : 'history-read', target: [`S-${i}`], address: '192.0.2.10' });
  }
  await store.close();
  return { dataDir, log: storeFiles(dataDir).audit };
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

function rewrite(file: string, change: (lines: string[]) => string[]): void {
  writeFileSync(file, `${change(lines(file)).join('\n')}\n`);
}

async function verify(dataDir: string, format: 'text' | 'json' = 'text') {
  return runCli(['audit', 'verify', '--data', dataDir, ...(format === 'json' ? ['--format', 'json'] : [])]);
}

describe('scrubjay audit verify', () => {
  it('says the chain is whole, with its length, after appends by the server and by shell commands', async () => {
    const { dataDir } = await dataFolderWith(7);
    const text = await verify(dataDir);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trim()).toBe('audit chain whole: 7 entries, 0 archive files, last seq 7');
    const json = await verify(dataDir, 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, entries: 7, archives: 0, lastSeq: 7, firstProblem: null, unfinishedTail: false });
  });

  it('tells a line a crash cut short at the end from an edit', async () => {
    const { dataDir, log } = await dataFolderWith(3);
    appendFileSync(log, '{"seq":4,"at":"2026-12-0');
    const run = await verify(dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('audit chain whole: 3 entries');
    expect(run.stdout).toContain('ends in an unfinished line');
    // the same text with its newline was written whole, then changed: an edit
    appendFileSync(log, '\n');
    const edited = await verify(dataDir, 'json');
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout).firstProblem).toMatchObject({ seq: 4, line: 4, kind: 'edited' });
  });

  it('names an entry whose content was edited (exit 1)', async () => {
    const { dataDir, log } = await dataFolderWith(6);
    rewrite(log, (all) => all.map((line, i) => (i === 3 ? line.replace('"user-4"', '"user-9"') : line)));
    const text = await verify(dataDir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`entry seq 4 (line 4 of ${log}) was edited: its hash does not match its content`);
    const json = await verify(dataDir, 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 3, firstProblem: { seq: 4, line: 4, file: log, kind: 'edited' } });
  });

  it('names an entry edited with its hash recomputed, by the link of the entry after it', async () => {
    const { dataDir, log } = await dataFolderWith(6);
    rewrite(log, (all) =>
      all.map((line, i) => {
        if (i !== 1) return line;
        const { hash: _hash, ...entry } = JSON.parse(line) as AuditEntry;
        const forged = { ...entry, user: 'someone-else' };
        return JSON.stringify({ ...forged, hash: hashOf(forged) });
      }),
    );
    const json = await verify(dataDir, 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).firstProblem).toMatchObject({ seq: 2, line: 2, file: log, kind: 'edited' });
    expect((await verify(dataDir)).stdout).toContain(`entry seq 2 (line 2 of ${log}) was edited`);
  });

  it('names an entry that was removed (exit 1)', async () => {
    const { dataDir, log } = await dataFolderWith(8);
    rewrite(log, (all) => all.filter((_, i) => i !== 4));
    const text = await verify(dataDir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`entry after seq 4 is missing or out of order (found seq 6 at line 5 of ${log})`);
    expect(JSON.parse((await verify(dataDir, 'json')).stdout).firstProblem).toMatchObject({ seq: 5, line: 5, file: log, kind: 'removed' });
  });

  it('names entries that were swapped (exit 1)', async () => {
    const { dataDir, log } = await dataFolderWith(8);
    rewrite(log, (all) => [...all.slice(0, 2), all[3]!, all[2]!, ...all.slice(4)]);
    const text = await verify(dataDir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`entry after seq 2 is out of order (found seq 4 at line 3 of ${log}; seq 3 comes later, at line 4 of ${log})`);
    expect(JSON.parse((await verify(dataDir, 'json')).stdout).firstProblem).toMatchObject({ seq: 3, line: 3, file: log, kind: 'reordered' });
  });

  it('follows the chain through the archive into the live log, and notices an archive that went missing', async () => {
    const dataDir = join(tempDir('scrubjay-audit-cli-'), 'data');
    let at = Date.parse('2019-02-01T10:00:00.000Z');
    const now = (): Date => new Date(at);
    const store = await openClaimStore(dataDir, { now });
    for (let i = 0; i < 6; i++) {
      await store.audit({ user: 'kim', role: 'compliance', action: 'rules-publish', target: [`v${i}`] });
      at += 400 * DAY;
    }
    await store.close();
    // now 2025-08-28: with six years kept, the entry before 2019-08-28 goes to the archive
    const reopened = await openClaimStore(dataDir, { now });
    await reopened.audit({ user: 'kim', role: 'compliance', action: 'sign-out' });
    await reopened.close();
    const { auditArchive } = storeFiles(dataDir);
    expect(readdirSync(auditArchive)).toEqual(['audit-until-2019-08-28.ndjson']);
    const archive = join(auditArchive, 'audit-until-2019-08-28.ndjson');
    expect(lines(archive)).toHaveLength(1);

    const whole = await verify(dataDir);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout.trim()).toBe('audit chain whole: 7 entries, 1 archive file, last seq 7');

    renameSync(archive, join(dataDir, 'elsewhere.ndjson'));
    const broken = await verify(dataDir, 'json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstProblem: { seq: 1, line: 1, file: storeFiles(dataDir).audit, kind: 'removed' } });
    expect((await verify(dataDir)).stdout).toContain('entries before seq 2 are missing');
  });

  it('exits 2 for a data folder that is not there, without making one, and for a log it cannot read', async () => {
    const missing = join(tempDir('scrubjay-audit-cli-'), 'nothing-here');
    const run = await verify(missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`there is no data folder at ${missing}`);
    expect(existsSync(missing)).toBe(false);

    const { dataDir, log } = await dataFolderWith(2);
    unlinkSync(log);
    // a folder where the log should be: unreadable as a file, whoever runs this
    mkdirSync(log);
    const unreadable = await verify(dataDir);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/SJ_STORE_IO: could not read .*audit\.ndjson \(EISDIR\)/);
    rmSync(log, { recursive: true });
    expect((await verify(dataDir)).stdout.trim()).toBe('audit chain whole: 0 entries, 0 archive files, last seq 0');
  });
});
