import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src/config/paths.js';
import { importTable } from '../../src/reference/index.js';
import { openClaimStore, storeFiles } from '../../src/store/index.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer } from '../server/support.js';
import { removeTempDataDirs, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

/** Every path under `root` (itself included) with its permission bits. */
function modesUnder(root: string): Array<{ path: string; dir: boolean; mode: number }> {
  const found: Array<{ path: string; dir: boolean; mode: number }> = [];
  const visit = (path: string): void => {
    const stat = lstatSync(path);
    found.push({ path, dir: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

const MUE = 'hcpcs_code,mue_units,mue_mai,mue_rationale,mue_service\n0001U,1,2,Code Descriptor,Practitioner\n';

describe('the data folder is readable by its owner only', () => {
  // A umask of 0 would make every file the process creates world-readable unless the code asks
  // for owner-only modes itself; this shows that it does, whatever the umask.
  let umask: number;
  beforeEach(() => {
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('after a server start, a scrub and a data import, every folder is 0700 and every file 0600', async () => {
    const dataDir = join(tempDataDir(), 'fresh');
    expect(resolveDataDir(dataDir)).toBe(dataDir);
    const service = await startTestServer({ dataDir });
    try {
      const response = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
      expect(response.status).toBe(200);
      const table = join(tempDataDir(), 'mue.csv');
      writeFileSync(table, MUE);
      await importTable(dataDir, 'mue', table, { effective: '2024-07-01' });
    } finally {
      await service.close();
    }
    const all = modesUnder(dataDir);
    const names = all.map((entry) => entry.path.slice(dataDir.length));
    expect(names).toEqual(expect.arrayContaining(['', '/store', '/store/journal.ndjson', '/store/claims.json', '/store/audit.ndjson', '/reference', '/reference/mue']));
    expect(names.some((name) => name.endsWith('/table.bin'))).toBe(true);
    expect(all.filter((entry) => entry.dir && entry.mode !== 0o700)).toEqual([]);
    expect(all.filter((entry) => !entry.dir && entry.mode !== 0o600)).toEqual([]);
  });

  it('the lock file is 0600 while the store holds the folder', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    expect(statSync(storeFiles(dataDir).lock).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('a folder left readable by others is made owner-only when opened, and says so', async () => {
    const dataDir = join(tempDataDir(), 'old');
    mkdirSync(join(dataDir, 'store'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'store', 'journal.ndjson'), '', { mode: 0o644 });
    const notices: string[] = [];
    resolveDataDir(dataDir, (message) => notices.push(message));
    expect(notices).toEqual([`${dataDir} held 3 files and folders that other local users could read (claims are protected health information); made them readable by their owner only`]);
    expect(modesUnder(dataDir).map((entry) => entry.mode)).toEqual([0o700, 0o700, 0o600]);
    const again: string[] = [];
    resolveDataDir(dataDir, (message) => again.push(message));
    expect(again).toEqual([]);
  });

  it('the store tightens its own folder when opened directly, with a warning', async () => {
    const dataDir = tempDataDir();
    const { dir } = storeFiles(dataDir);
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([expect.objectContaining({ kind: 'modes-tightened', file: dir, message: expect.stringContaining('readable by their owner only') })]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await store.close();
  });
});
