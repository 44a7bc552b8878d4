import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles } from '../../src/store/index.js';
import { finished, lineMatching, removeTempDataDirs, spawnScript, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

/** A live process that is not a Scrubjay server, to name in a lock. */
function bystander(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

/** Read here from /proc, independently of the code under test: field 22 of the stat line, after the command name. */
function startTicksOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

const bootId = (): string => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

function writeLock(dataDir: string, owner: object): string {
  const { dir, lock } = storeFiles(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(lock, `${JSON.stringify({ host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'earlier', ...owner })}\n`, { mode: 0o600 });
  return lock;
}


interface ChildReport {
  opened: boolean;
  pid?: number;
  code?: string;
  message?: string;
  warnings?: Array<{ kind: string; message: string }>;
}

const report = (stdout: string): ChildReport => JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildReport;

describe('one server per data folder', () => {
  it('a second server on the same folder refuses to start, naming the folder and the pid holding it', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    const second = await finished(spawnScript('open-store-child.ts', [dataDir, 'try']));
    expect(second.code).toBe(3);
    const refused = report(second.stdout);
    expect(refused).toMatchObject({ opened: false, code: 'SJ_STORE_LOCKED' });
    expect(refused.message).toContain(`The data folder ${dataDir} is in use by another Scrubjay server (pid ${process.pid} on ${hostname()}`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    await store.close();
    const afterClose = await finished(spawnScript('open-store-child.ts', [dataDir, 'try']));
    expect(report(afterClose.stdout)).toMatchObject({ opened: true, warnings: [] });
  });

  it('refuses in this process while another process holds the folder', async () => {
    const dataDir = tempDataDir();
    const holder = spawnScript('open-store-child.ts', [dataDir, 'hold']);
    const done = finished(holder);
    const opened = JSON.parse(await lineMatching(holder, /"opened":true/)) as ChildReport;
    await expect(openClaimStore(dataDir)).rejects.toMatchObject({ code: 'SJ_STORE_LOCKED', message: expect.stringContaining(`pid ${opened.pid}`) });
    holder.kill('SIGTERM');
    await done;
  });

  it('takes over the lock of a server that was killed, and says so', async () => {
    const dataDir = tempDataDir();
    const holder = spawnScript('open-store-child.ts', [dataDir, 'hold']);
    const done = finished(holder);
    const opened = JSON.parse(await lineMatching(holder, /"opened":true/)) as ChildReport;
    holder.kill('SIGKILL');
    await done;
    const { lock } = storeFiles(dataDir);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: opened.pid });

    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([
      expect.objectContaining({ kind: 'lock-taken-over', file: lock, message: expect.stringContaining(`pid ${opened.pid} on ${hostname()}`) }),
    ]);
    expect(store.warnings[0]!.message).toContain('no longer running');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('records when the holding process started, so a later process with the same pid is not taken for it', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    expect(JSON.parse(readFileSync(storeFiles(dataDir).lock, 'utf8'))).toMatchObject({
      pid: process.pid,
      process: { bootId: bootId(), startTicks: startTicksOf(process.pid) },
    });
    await store.close();
  });

  it('takes over a lock whose pid now belongs to another live process (a reboot, a container restart), and says so', async () => {
    const dataDir = tempDataDir();
    const other = bystander();
    try {
      const pid = other.pid!;
      const lock = writeLock(dataDir, { pid, process: { bootId: bootId(), startTicks: String(Number(startTicksOf(pid)) - 1) } });
      const store = await openClaimStore(dataDir);
      expect(store.warnings).toEqual([
        expect.objectContaining({ kind: 'lock-taken-over', file: lock, message: expect.stringContaining(`pid ${pid} now belongs to another process`) }),
      ]);
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
      await store.close();
    } finally {
      other.kill();
    }
  });

  it('takes over a lock written before the last boot, even if its pid runs again', async () => {
    const dataDir = tempDataDir();
    const pid = process.ppid;
    writeLock(dataDir, { pid, process: { bootId: '00000000-0000-0000-0000-000000000000', startTicks: startTicksOf(pid) } });
    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([expect.objectContaining({ kind: 'lock-taken-over', message: expect.stringContaining(`pid ${pid} now belongs to another process`) })]);
    await store.close();
  });

  it('still refuses a lock whose live process started when the lock says', async () => {
    const dataDir = tempDataDir();
    const other = bystander();
    try {
      const pid = other.pid!;
      writeLock(dataDir, { pid, process: { bootId: bootId(), startTicks: startTicksOf(pid) } });
      await expect(openClaimStore(dataDir)).rejects.toMatchObject({ code: 'SJ_STORE_LOCKED', message: expect.stringContaining(`pid ${pid} on ${hostname()}`) });
    } finally {
      other.kill();
    }
  });

  it('judges a lock written by an earlier version (no start recorded) by its pid alone', async () => {
    const dataDir = tempDataDir();
    writeLock(dataDir, { pid: process.ppid });
    await expect(openClaimStore(dataDir)).rejects.toMatchObject({ code: 'SJ_STORE_LOCKED', message: expect.stringContaining(`pid ${process.ppid}`) });
  });

  it('takes over a damaged lock file', async () => {
    const dataDir = tempDataDir();
    const first = await openClaimStore(dataDir);
    await first.close();
    writeFileSync(storeFiles(dataDir).lock, 'not a lock');
    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([expect.objectContaining({ kind: 'lock-taken-over', message: expect.stringContaining('unreadable lock') })]);
    await store.close();
  });

  it('releases the lock when the process exits without closing the store', async () => {
    const dataDir = tempDataDir();
    const run = await finished(spawnScript('open-store-child.ts', [dataDir, 'exit']));
    expect(report(run.stdout)).toMatchObject({ opened: true });
    expect(existsSync(storeFiles(dataDir).lock)).toBe(false);
  });

  it('refuses a second store on the same folder in the same process', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    await expect(openClaimStore(dataDir)).rejects.toMatchObject({ code: 'SJ_STORE_LOCKED' });
    await store.close();
  });
});
