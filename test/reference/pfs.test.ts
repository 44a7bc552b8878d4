import { describe, expect, it } from 'vitest';
import { importTable, listTables, openReferenceData, ReferenceFormatError } from '../../src/reference/index.js';
import { FILES, parseLines, recordLines, snapshot } from './helpers.js';
import { tempDir } from '../support/folders.js';

const HEADER =
  'HCPCS,MOD,DESCRIPTION,STATUS CODE,NOT USED FOR MEDICARE PAYMENT,WORK RVU,NON-FAC PE RVU,NON-FAC NA INDICATOR,FACILITY PE RVU,FACILITY NA INDICATOR,MP RVU,NON-FACILITY TOTAL,FACILITY TOTAL,PCTC IND,GLOB DAYS,PRE OP,INTRA OP,POST OP,MULT PROC,BILAT SURG,ASST SURG,CO-SURG,TEAM SURG,ENDO BASE,CONV FACTOR';
const KNEE = '27447,,Total knee arthroplasty,A,,19.60,NA,NA,11.02,,3.95,NA,34.57,0,090,0.10,0.69,0.21,2,1,2,1,0,,32.7442';

function formatError(lines: string[]): ReferenceFormatError {
  try {
    parseLines('pfs', lines, 'PPRRVU24_JUL.csv');
  } catch (error) {
    if (error instanceof ReferenceFormatError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('pfs', () => {
  it('imports the PPRRVU CSV as CMS lays it out, each 26, TC and 53 row under its modifier', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'pfs', FILES.pprrvu);
    expect(v).toMatchObject({ kind: 'pfs', effective: '2024-07-01', label: 'Medicare PFS relative value file 2024-07-01', rows: recordLines(FILES.pfsDecoded, 1) });
    const pfs = openReferenceData(dir).pfs('2024-08-15');
    expect(pfs?.outOfRange).toBe(false);
    expect(pfs?.table.get('27447')).toEqual({
      code: '27447', modifier: '', status: 'A', pctc: 0, globalDays: '090', multipleProcedure: 2, bilateral: 1, assistant: 2, coSurgeons: 1, team: 0, endoscopicBase: '',
    });
    expect(pfs?.table.get('71046', '26')).toMatchObject({ modifier: '26', pctc: 1, globalDays: 'XXX' });
    expect(pfs?.table.get('71046', 'TC')).toMatchObject({ modifier: 'TC' });
    expect(pfs?.table.get('45378', '53')).toMatchObject({ modifier: '53', globalDays: '000' });
    expect(pfs?.table.get('45380')?.endoscopicBase).toBe('45378');
    expect(pfs?.table.get('11001')).toMatchObject({ globalDays: 'ZZZ', assistant: 1 });
    expect(pfs?.table.get('99417')?.status).toBe('I');
    expect(pfs?.table.get('93010', '26')).toBeUndefined();
    expect(pfs?.table.get('ZZZZZ')).toBeUndefined();
    expect(openReferenceData(dir).pfs('2024-06-30')?.outOfRange).toBe(true);
  });

  it('reads the decoded CSV to the same answers as the CMS layout', async () => {
    const cms = tempDir();
    const decoded = tempDir();
    await importTable(cms, 'pfs', FILES.pprrvu);
    const v = await importTable(decoded, 'pfs', FILES.pfsDecoded);
    expect(v.effective).toBe('2024-07-01');
    const a = openReferenceData(cms).pfs('2024-07-01')!.table;
    const b = openReferenceData(decoded).pfs('2024-07-01')!.table;
    for (const [code, modifier] of [['27447', ''], ['71046', '26'], ['71046', 'TC'], ['45380', ''], ['A4262', ''], ['G0439', ''], ['00100', '']] as const) {
      expect(b.get(code, modifier), `${code} ${modifier}`).toEqual(a.get(code, modifier));
    }
  });

  it('reads column names stacked over two rows under a title', () => {
    const parsed = parseLines('pfs', [
      '2024 National Physician Fee Schedule Relative Value File July Release,,,,,,,,,,,,,,,,,,,,,,,,',
      ',,,STATUS,NOT USED FOR MEDICARE,WORK,NON-FAC,NON-FAC NA,FACILITY,FACILITY NA,MP,NON-FACILITY,FACILITY,PCTC,GLOB,PRE,INTRA,POST,MULT,BILAT,ASST,CO-,TEAM,ENDO,CONV',
      'HCPCS,MOD,DESCRIPTION,CODE,PAYMENT,RVU,PE RVU,INDICATOR,PE RVU,INDICATOR,RVU,TOTAL,TOTAL,IND,DAYS,OP,OP,OP,PROC,SURG,SURG,SURG,SURG,BASE,FACTOR',
      KNEE,
      '71046,26,Chest x-ray 2vw,A,,0.22,0.09,,0.09,,0.01,0.32,0.32,1,XXX,0,0,0,0,0,0,0,0,,32.7442',
    ]);
    expect(parsed.rows).toBe(2);
  });

  it('names the file, line and field of a bad value, and stores nothing', async () => {
    expect(formatError([HEADER, KNEE.replace(',090,', ',045,')]).message).toBe(
      'PPRRVU24_JUL.csv:2: expected global days 000, 010, 090, MMM, XXX, YYY, ZZZ in GLOB DAYS (found "045")',
    );
    expect(formatError([HEADER, KNEE.replace(',2,1,2,1,0,', ',2,B,2,1,0,')]).message).toContain('a one-digit indicator 0-9 in BILAT SURG (found "B")');
    expect(formatError([HEADER, KNEE.replace('27447,,Total', '2744,,Total')]).message).toContain('in HCPCS (found "2744")');
    expect(formatError([HEADER, KNEE.replace(',A,,19.60', ',,,19.60')]).message).toContain('a one-letter status code in STATUS CODE');
    expect(formatError([HEADER, KNEE, KNEE]).message).toContain('PPRRVU24_JUL.csv:3: expected each code and modifier once; 27447 appears again');
    expect(formatError([HEADER, `${KNEE},extra`]).line).toBe(2);
    expect(formatError(['HCPCS,MOD,DESCRIPTION', '27447,,Knee']).message).toContain('a PFS relative value (PPRRVU) header row');
    const dir = tempDir();
    const before = snapshot(dir);
    await expect(importTable(dir, 'pfs', FILES.mue)).rejects.toThrow(/this is the header of a mue table/);
    expect(snapshot(dir)).toEqual(before);
    expect(listTables(dir)).toEqual([]);
  });
});
