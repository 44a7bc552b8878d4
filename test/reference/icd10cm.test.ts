import { describe, expect, it } from 'vitest';
import { importTable, listTables, openReferenceData } from '../../src/reference/index.js';
import { FILES, recordLines } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('icd10cm', () => {
  const dir = tempDir();

  it('imports both fiscal years with the effective date and label taken from the file name', async () => {
    // every line of an order file is one code (the corpus suite checks the CDC's full counts)
    const fy26 = await importTable(dir, 'icd10cm', FILES.icd2026);
    expect(fy26).toMatchObject({ kind: 'icd10cm', effective: '2025-10-01', label: 'ICD-10-CM FY2026', rows: recordLines(FILES.icd2026), source: 'icd10cm-order-2026.txt' });
    const fy25 = await importTable(dir, 'icd10cm', FILES.icd2025);
    expect(fy25).toMatchObject({ effective: '2024-10-01', label: 'ICD-10-CM FY2025', rows: recordLines(FILES.icd2025) });
    expect(listTables(dir).map((v) => v.effective)).toEqual(['2024-10-01', '2025-10-01']);
  });

  it('answers billable codes, headers and unknown codes', () => {
    const icd = openReferenceData(dir).icd10cm('2025-10-01');
    expect(icd?.version.label).toBe('ICD-10-CM FY2026');
    expect(icd?.outOfRange).toBe(false);
    expect(icd?.table.get('E119')).toEqual({ billable: true, title: 'Type 2 diabetes mellitus without complications' });
    expect(icd?.table.get('E11')).toEqual({ billable: false, title: 'Type 2 diabetes mellitus' });
    expect(icd?.table.get('E11.9')?.billable).toBe(true);
    expect(icd?.table.get('e119')?.billable).toBe(true);
    expect(icd?.table.get('QA0')?.billable).toBe(false);
    expect(icd?.table.get('E1199')).toBeUndefined();
    expect(icd?.table.get('')).toBeUndefined();
    expect(icd?.table.get('E11-9!')).toBeUndefined();
  });

  it('reads billable codes across the chapters', () => {
    // a code per chapter letter
    const icd = openReferenceData(dir).icd10cm('2026-01-01');
    for (const code of ['A000', 'I10', 'J449', 'Z0000', 'S72001A']) expect(icd?.table.get(code)?.billable).toBe(true);
  });

  it('picks the version in force on the date of service', () => {
    const data = openReferenceData(dir);
    expect(data.icd10cm('2025-09-30')?.version.label).toBe('ICD-10-CM FY2025');
    expect(data.icd10cm('2025-10-01')?.version.label).toBe('ICD-10-CM FY2026');
    expect(data.icd10cm('2031-01-01')?.version.label).toBe('ICD-10-CM FY2026');
    const before = data.icd10cm('2020-01-01');
    expect(before?.outOfRange).toBe(true);
    expect(before?.version.label).toBe('ICD-10-CM FY2025');
    expect(data.loaded('icd10cm')).toHaveLength(2);
  });

  it('reads the order file out of a zip laid out as the official one, not the addenda beside it', async () => {
    const zipDir = tempDir();
    const v = await importTable(zipDir, 'icd10cm', FILES.icdZip);
    expect(v).toMatchObject({ effective: '2025-10-01', rows: recordLines(FILES.icd2026), source: 'icd10cm-CodeDescriptions-2026.zip' });
    expect(openReferenceData(zipDir).icd10cm('2026-03-01')?.table.get('E119')?.billable).toBe(true);
  });

  it('loads a version quickly', () => {
    const started = performance.now();
    const icd = openReferenceData(dir).icd10cm('2025-10-01');
    icd?.table.get('E119');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('takes an explicit effective date over the file name', async () => {
    const other = tempDir();
    const v = await importTable(other, 'icd10cm', FILES.icd2026, { effective: '2025-11-15' });
    expect(v.effective).toBe('2025-11-15');
  });
});
