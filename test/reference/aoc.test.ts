import { describe, expect, it } from 'vitest';
import { importTable, listTables, openReferenceData, ReferenceFormatError } from '../../src/reference/index.js';
import { FILES, parseLines, recordLines } from './helpers.js';
import { tempDir } from '../support/folders.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CMS_HEADER = 'Add-on Code\tAOC_DEL_DT (Julian)\tPrimary Code\tPrimary Code Del Dt (Julian)\tAOC Edit Type\tAOC Edit Eff Dt (Julian)\tAOC Edit Del Dt (Julian)\tSpecial Instruction Notes';

function formatError(lines: string[]): ReferenceFormatError {
  try {
    parseLines('ncci-aoc', lines, 'aoc.txt');
  } catch (error) {
    if (error instanceof ReferenceFormatError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('ncci-aoc', () => {
  it('imports the decoded table; without dates every edit is active, and the version says so', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'ncci-aoc', FILES.aoc);
    expect(v).toMatchObject({ kind: 'ncci-aoc', effective: '2024-06-03', label: 'NCCI add-on code edits 2024-06-03', rows: recordLines(FILES.aoc, 1) });
    expect(v.note).toMatch(/no effective or deletion dates: every edit in it is read as active/);
    expect(listTables(dir)[0]?.note).toBe(v.note);
    const aoc = openReferenceData(dir).aoc('2024-07-01')!.table;
    expect(aoc.edits('99417').map((e) => [e.primary, e.type])).toEqual([['99205', 1], ['99215', 1]]);
    expect(aoc.edits('11001')).toEqual([{ addOn: '11001', primary: '11000', type: 1, effective: null, deleted: null }]);
    expect(aoc.edits('0054T')).toEqual([{ addOn: '0054T', primary: 'CCCCC', type: 2, effective: null, deleted: null }]);
    expect(aoc.edits('20701').every((e) => e.type === 3)).toBe(true);
    expect(aoc.edits('99215')).toEqual([]);
  });

  it('reads CMS columns and Julian dates: an edit applies from its effective date through its deletion date', async () => {
    const dir = tempDir();
    const file = join(dir, 'AOC_2024Q3.txt');
    writeFileSync(file, [
      CMS_HEADER,
      '11001\t*\t11000\t*\t1\t2009001\t*\t',
      '99417\t*\t99215\t*\t1\t2021001\t2024182\t',
      '99417\t*\t99205\t2024100\t1\t2021001\t*\t',
      '0054T\t*\tCCCCC\t*\t2\t2013091\t\tCCCCC = Contractor Defined Primary Codes',
    ].join('\r\n'));
    const v = await importTable(join(dir, 'data'), 'ncci-aoc', file);
    expect(v).toMatchObject({ effective: '2024-07-01', rows: 4 });
    expect(v.note).toBeUndefined();
    const data = openReferenceData(join(dir, 'data'));
    // 2024182 is June 30 2024 (a leap year); 2024100 is April 9
    expect(data.aoc('2024-06-30')!.table.edits('99417').map((e) => e.primary)).toEqual(['99215']);
    expect(data.aoc('2024-07-01')!.table.edits('99417')).toEqual([]);
    expect(data.aoc('2024-04-09')!.table.edits('99417').map((e) => e.primary)).toEqual(['99205', '99215']);
    expect(data.aoc('2020-12-31')!.table.edits('99417')).toEqual([]);
    expect(data.aoc('2024-07-01')!.table.edits('11001')[0]).toMatchObject({ effective: '2009-01-01', deleted: null });
  });

  it('names the file, line and field of a bad value', () => {
    expect(formatError(['primary_code,add_on_code,aoc_edit_type', '11000,11001,4']).message).toBe(
      'aoc.txt:2: expected an add-on code edit type 1, 2 or 3 in AOC Edit Type (found "4")',
    );
    expect(formatError(['primary_code,add_on_code,aoc_edit_type', '11000,1100,1']).message).toContain('in Add-on Code (found "1100")');
    expect(formatError(['primary_code,add_on_code,aoc_edit_type', '11000,0054T,2']).message).toContain('CCCCC (contractor-defined primaries) for an edit of type 2 in Primary Code');
    expect(formatError(['primary_code,add_on_code,aoc_edit_type', '11000,11001,1', '11000,11001,1']).message).toContain('aoc.txt:3: expected each add-on and primary pair once');
    expect(formatError([CMS_HEADER, '11001\t*\t11000\t*\t1\t2009400\t*\t']).message).toContain('in AOC Edit Eff Dt (found "2009400")');
    expect(formatError(['add_on_code', '11001']).message).toContain('NCCI add-on code edit header row');
  });
});
