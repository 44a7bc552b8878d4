import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTable, openReferenceData } from '../../src/reference/index.js';
import { FILES, parseLines, recordLines } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('ncci-ptp', () => {
  it('imports the excerpt and answers known pairs', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'ncci-ptp', FILES.ptp);
    expect(v).toMatchObject({ effective: '2024-07-01', rows: recordLines(FILES.ptp, 1), label: 'NCCI PTP practitioner edits 2024-07-01' });
    const ptp = openReferenceData(dir).ptp('2024-07-01');
    expect(ptp?.table.get('11042', '0213T')).toEqual({
      column1: '11042', column2: '0213T', effective: null, deleted: null, modifierIndicator: 0,
      rationale: 'Misuse of Column Two code with Column One code',
    });
    expect(ptp?.table.get('11042', '0183T')).toMatchObject({ deleted: '2013-12-31', modifierIndicator: 1, rationale: 'More extensive procedure' });
    // The table is directional: column 2 with column 1 is not an edit.
    expect(ptp?.table.get('0213T', '11042')).toBeUndefined();
    expect(ptp?.table.get('11042', 'XXXXX')).toBeUndefined();
    expect(ptp?.table.get('', '')).toBeUndefined();
    expect(openReferenceData(dir).ptp('2024-06-30')?.outOfRange).toBe(true);
  });

  it('imports the CMS text layout: licence preamble, header spread over lines, "*" dates', async () => {
    const dir = tempDir();
    const file = join(dir, 'ccipra-v302r0-f1.txt');
    writeFileSync(file, [
      'CPT codes, descriptions and other data only are copyright 2023 American Medical Association. All Rights Reserved.',
      'Applicable FARS/HHSARS apply.',
      '',
      'Column1/Column 2 Edits',
      'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale',
      '\t\t\t\t*=no data\t0=not allowed\t',
      '\t\t\t\t\t1=allowed\t',
      '\t\t\t\t\t9=not applicable\t',
      '0001A\t0591T\t\t20201211\t*\t1\tMisuse of column two code with column one code',
      '11042\t0213T\t*\t19960101\t20231231\t0\tStandards of medical / surgical practice',
      '',
    ].join('\r\n'));
    const v = await importTable(dir, 'ncci-ptp', file);
    expect(v).toMatchObject({ effective: '2024-07-01', rows: 2 });
    const ptp = openReferenceData(dir).ptp('2024-08-01');
    expect(ptp?.table.get('0001A', '0591T')).toMatchObject({ effective: '2020-12-11', deleted: null, modifierIndicator: 1 });
    expect(ptp?.table.get('11042', '0213T')).toMatchObject({ effective: '1996-01-01', deleted: '2023-12-31', modifierIndicator: 0 });
    // A date before the edit began sees no edit.
    expect(openReferenceData(dir).ptp('2020-01-01')?.table.get('0001A', '0591T')).toBeUndefined();
  });

  it('picks, for a pair deleted and re-added, the record in force on the date', () => {
    const parsed = parseLines('ncci-ptp', [
      'column_1,column_2,deletion_date_yyyymmdd_blank_if_active,modifier_indicator,ptp_edit_rationale',
      '0007U,0328U,,1,Misuse of Column Two code with Column One code',
      '0007U,0328U,20230630,0,HCPCS/CPT procedure code definition',
    ]);
    expect(parsed.rows).toBe(2);
  });

  it('answers dated questions: a pair deleted and re-added, and a pair deleted', async () => {
    const dir = tempDir();
    await importTable(dir, 'ncci-ptp', FILES.ptp);
    const data = openReferenceData(dir);
    const now = data.ptp('2024-07-01');
    expect(now?.table.get('0007U', '0328U')).toMatchObject({ deleted: null, modifierIndicator: 1 });
    const then = data.ptp('2023-01-01');
    expect(then?.table.get('0007U', '0328U')).toMatchObject({ deleted: '2023-06-30', modifierIndicator: 0 });
    expect(now?.table.history('0007U', '0328U')).toHaveLength(2);
    expect(now?.table.get('U0003', 'U0004')).toMatchObject({ deleted: '2023-06-30', rationale: 'Mutually exclusive procedures' });
  });
});
