import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importTable, openReferenceData, type TableVersion } from '../../src/reference/index.js';
import { watchReferenceData, type ReferenceStatus, type ReferenceWatch } from '../../src/reference/live.js';
import { runCli } from '../support/cli.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { waitFor } from '../support/wait.js';

const POS_FILE = FIXTURE_FILES.pos;
const MUE_FILE = FIXTURE_FILES.mue;

const open: ReferenceWatch[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((watch) => watch.close()));
});

function kinds(status: ReferenceStatus): string[] {
  return status.tables.map((t) => t.kind);
}

function loadedKinds(watch: ReferenceWatch, expected: string[]): Promise<ReferenceStatus> {
  return waitFor(
    `${expected.join(', ')} to be loaded`,
    () => {
      const status = watch.status();
      return JSON.stringify(kinds(status)) === JSON.stringify(expected) ? status : undefined;
    },
    () => watch.status(),
  );
}

async function dataList(dataDir: string): Promise<TableVersion[]> {
  const run = await runCli(['data', 'list', '--format', 'json', '--data', dataDir]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as TableVersion[];
}

describe('reference data imported while the service runs', () => {
  it('picks up imports made by `scrubjay data import` in another process, and tells listeners what is loaded', async () => {
    const dataDir = tempDir('scrubjay-live-data-');
    const reference = openReferenceData(dataDir);
    // no periodic poll: only the watcher can notice the import
    const watch = await watchReferenceData(dataDir, reference, { pollMs: 0 });
    open.push(watch);
    const seen: ReferenceStatus[] = [];
    watch.onChange((status) => seen.push(status));
    expect(watch.status()).toMatchObject({ tables: [], generation: '' });

    const pos = await runCli(['data', 'import', 'pos', POS_FILE, '--data', dataDir]);
    expect(pos.code).toBe(0);
    const afterPos = await loadedKinds(watch, ['pos']);
    expect(afterPos.generation).not.toBe('');
    expect(afterPos.tables).toEqual(await dataList(dataDir));
    expect(reference.pos('2026-01-01')?.table.get('11')?.name).toBe('Office');

    const mue = await runCli(['data', 'import', 'mue', MUE_FILE, '--data', dataDir]);
    expect(mue.code).toBe(0);
    const afterMue = await loadedKinds(watch, ['mue', 'pos']);
    expect(afterMue.tables).toEqual(await dataList(dataDir));
    expect(afterMue.generation).not.toBe(afterPos.generation);
    expect(reference.mue('2024-07-01')?.table.get('0001U')?.units).toBe(1);
    expect(seen.map(kinds)).toEqual([['pos'], ['mue', 'pos']]);
  });

  it('notices an import with the periodic check alone, and re-reads on request', async () => {
    const dataDir = tempDir('scrubjay-live-data-');
    const reference = openReferenceData(dataDir);
    const watch = await watchReferenceData(dataDir, reference, { watch: false, pollMs: 50 });
    open.push(watch);
    await importTable(dataDir, 'pos', POS_FILE);
    const status = await loadedKinds(watch, ['pos']);
    expect(status.tables[0]).toMatchObject({ kind: 'pos', rows: 50, source: 'place_of_service.csv' });

    const manual = await watchReferenceData(dataDir, openReferenceData(dataDir), { watch: false, pollMs: 0 });
    open.push(manual);
    await importTable(dataDir, 'mue', MUE_FILE);
    expect(kinds(await manual.reloadNow())).toEqual(['mue', 'pos']);
  });
});
