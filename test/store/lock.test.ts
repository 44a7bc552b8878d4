import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles } from '../../src/store/index.js';
import { finished, lineMatching, removeTempDataDirs, spawnScript, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

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
