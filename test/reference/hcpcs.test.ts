import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTable, openReferenceData, UNDATED_EFFECTIVE } from '../../src/reference/index.js';
import { FILES, hcpcsRecordCodes } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('hcpcs', () => {
  it('imports the CMS 320-character record file with its preamble and continuation records', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'hcpcs', FILES.hcpcs2019);
    expect(v).toMatchObject({ effective: '2019-01-01', label: 'HCPCS Level II 2019', rows: hcpcsRecordCodes(FILES.hcpcs2019) });
    const h = openReferenceData(dir).hcpcs('2019-05-01');
    expect(h?.outOfRange).toBe(false);
    expect(h?.table.code('A0021')).toEqual({ title: 'Outside state ambulance serv' });
    expect(h?.table.code('A4466')).toEqual({ title: 'Elastic garment/covering', terminated: '2016-12-31' });
    expect(h?.table.code('G8891')?.title).toBe('Doc med reas no ldl-c contrl');
    expect(h?.table.modifier('A1')).toEqual({ title: 'Dressing for one wound' });
    expect(h?.table.modifier('GT')).toBeDefined();
    // Modifiers and codes are kept apart even though both live in one file.
    expect(h?.table.code('A1')).toBeUndefined();
    expect(h?.table.modifier('A0021')).toBeUndefined();
    expect(h?.table.code('99213')).toBeUndefined();
    expect(h?.table.modifier('25')).toBeUndefined();
  });

  it('imports the CSV form including modifiers (recid 7) and continuation rows', async () => {
    const dir = tempDir();
    const undated = await importTable(dir, 'hcpcs', FILES.hcpcsCsv);
    // one row per code or modifier: continuation rows (recid 4 and 8) add to the description
    const codeRows = readFileSync(FILES.hcpcsCsv, 'utf8').split('\n').filter((l) => /^[A-Z0-9]+,\d{4},[37],/.test(l)).length;
    expect(codeRows).toBeGreaterThan(100);
    expect(undated).toMatchObject({ effective: UNDATED_EFFECTIVE, rows: codeRows });
    const dated = await importTable(dir, 'hcpcs', FILES.hcpcsCsv, { effective: '2022-01-01' });
    expect(dated.label).toBe('HCPCS Level II 2022');
    const h = openReferenceData(dir).hcpcs('2022-06-01');
    expect(h?.version.effective).toBe('2022-01-01');
    expect(h?.table.modifier('A1')?.title).toBe('Dressing for one wound');
    expect(h?.table.code('G0503')).toBeDefined();
    expect(h?.table.code('E0100')).toBeDefined();
    expect(openReferenceData(dir).hcpcs('2000-01-01')?.version.effective).toBe(UNDATED_EFFECTIVE);
  });
});
