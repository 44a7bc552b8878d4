/** The full official files import with the counts their publishers give; the regular suite reads excerpts of them. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTable, openReferenceData, UNDATED_EFFECTIVE } from '../../src/reference/index.js';
import { tempDir } from '../support/folders.js';
import { CORPUS_FILES } from './corpus-tables.js';
import { CORPUS_DIR } from './paths.js';

describe('the official tables, whole', () => {
  it('ICD-10-CM FY2025 and FY2026 order files: every code, and the official zip', async () => {
    const dir = tempDir();
    await expect(importTable(dir, 'icd10cm', CORPUS_FILES.icd2026)).resolves.toMatchObject({ label: 'ICD-10-CM FY2026', rows: 98186 });
    await expect(importTable(dir, 'icd10cm', CORPUS_FILES.icd2025)).resolves.toMatchObject({ label: 'ICD-10-CM FY2025', rows: 97584 });
    const zipDir = tempDir();
    const zip = join(CORPUS_DIR, 'icd10cm/FY2026/icd10cm-CodeDescriptions-2026.zip');
    await expect(importTable(zipDir, 'icd10cm', zip)).resolves.toMatchObject({ effective: '2025-10-01', rows: 98186, source: 'icd10cm-CodeDescriptions-2026.zip' });
    expect(openReferenceData(zipDir).icd10cm('2026-03-01')?.table.get('E119')?.billable).toBe(true);
  });

  it('HCPCS: the CMS 2019 record file and the 2022 CSV', async () => {
    const dir = tempDir();
    const records = join(CORPUS_DIR, 'codesets/hcpcs-2019_dewittpe/HCPC2019_CONTR_ANWEB.txt');
    await expect(importTable(dir, 'hcpcs', records)).resolves.toMatchObject({ label: 'HCPCS Level II 2019', rows: 6440 + 360 });
    await expect(importTable(dir, 'hcpcs', CORPUS_FILES.hcpcsCsv)).resolves.toMatchObject({ effective: UNDATED_EFFECTIVE, rows: 7500 });
  });

  it('MUE, MCE and place of service', async () => {
    const dir = tempDir();
    await expect(importTable(dir, 'mue', CORPUS_FILES.mue)).resolves.toMatchObject({ effective: '2024-07-01', rows: 14677 });
    await expect(importTable(dir, 'mce', CORPUS_FILES.mce)).resolves.toMatchObject({ label: 'Medicare Code Editor v41.1' });
    await expect(importTable(dir, 'pos', CORPUS_FILES.pos)).resolves.toMatchObject({ rows: 50 });
    const mce = openReferenceData(dir).mce('2024-05-01');
    expect(mce?.table.get('O0000')).toMatchObject({ ages: ['maternity'], sex: 'female' });
  });
});
