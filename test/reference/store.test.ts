import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTable, listTables, openReferenceData, ReferenceFormatError } from '../../src/reference/index.js';
import { FILES, recordLines, snapshot } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('data folder', () => {
  it('reports nothing for an empty or missing folder and creates nothing', () => {
    const dir = tempDir();
    const missing = join(dir, 'not-there');
    const data = openReferenceData(missing);
    expect(data.icd10cm('2026-01-01')).toBeUndefined();
    expect(data.ptp('2026-01-01')).toBeUndefined();
    expect(data.loaded('pos')).toEqual([]);
    expect(listTables(missing)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });

  it('replaces a version when the same kind and date is imported again', async () => {
    const dir = tempDir();
    await importTable(dir, 'icd10cm', FILES.icd2025, { effective: '2025-10-01' });
    expect(openReferenceData(dir).icd10cm('2025-10-01')?.version.rows).toBe(recordLines(FILES.icd2025));
    const second = await importTable(dir, 'icd10cm', FILES.icd2026);
    const versions = listTables(dir);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toEqual(second);
    expect(openReferenceData(dir).icd10cm('2025-10-01')?.version.rows).toBe(recordLines(FILES.icd2026));
    expect(readdirSync(join(dir, 'reference', 'icd10cm'))).toHaveLength(1);
  });

  it('leaves the folder exactly as it was when an import fails', async () => {
    const dir = tempDir();
    await importTable(dir, 'pos', FILES.pos);
    const before = snapshot(dir);
    const bad = join(tempDir(), 'place_of_service.csv');
    writeFileSync(bad, 'place_of_service_code,description\n11,Office\nXX,Nowhere\n');
    await expect(importTable(dir, 'pos', bad)).rejects.toBeInstanceOf(ReferenceFormatError);
    await expect(importTable(dir, 'ncci-ptp', FILES.mue)).rejects.toBeInstanceOf(ReferenceFormatError);
    expect(snapshot(dir)).toEqual(before);
    expect(openReferenceData(dir).pos('2026-01-01')?.table.get('11')?.name).toBe('Office');
  });

  it('does not create the data folder when the first import fails', async () => {
    const dir = join(tempDir(), 'fresh');
    await expect(importTable(dir, 'mue', FILES.ptp)).rejects.toBeInstanceOf(ReferenceFormatError);
    expect(existsSync(dir)).toBe(false);
  });

  it('lets a long-lived reader see later imports', async () => {
    const dir = tempDir();
    const data = openReferenceData(dir);
    expect(data.mue('2024-07-01')).toBeUndefined();
    await importTable(dir, 'mue', FILES.mue);
    data.reload();
    expect(data.mue('2024-07-01')?.table.get('0001U')?.units).toBe(1);
    await importTable(dir, 'mce', FILES.mce);
    await new Promise((r) => setTimeout(r, 1100));
    expect(data.mce('2024-07-01')).toBeDefined();
  });

  it('lists versions with kind, effective date, rows and source', async () => {
    const dir = tempDir();
    await importTable(dir, 'pos', FILES.pos);
    await importTable(dir, 'mue', FILES.mue);
    expect(listTables(dir).map((v) => [v.kind, v.effective, v.rows, v.source])).toEqual([
      ['mue', '2024-07-01', recordLines(FILES.mue, 1), 'mue_practitioner_eff_2024-07-01_excerpt.csv'],
      ['pos', '1900-01-01', 50, 'place_of_service.csv'],
    ]);
  });
});
