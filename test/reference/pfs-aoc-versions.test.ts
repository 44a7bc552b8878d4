import { describe, expect, it } from 'vitest';
import { AocBinary, buildAocTable } from '../../src/reference/binary/aoc-binary.js';
import { packCode5 } from '../../src/reference/binary/code-pack.js';
import { ReferenceFormatError, ReferenceStoreError } from '../../src/reference/index.js';
import { dayNumber } from '../../src/reference/text/dates.js';
import { resolveVersion } from '../../src/reference/versions.js';
import { pfsParser } from '../../src/reference/parsers/pfs.js';

describe('the version a PFS or add-on code file makes', () => {
  it('reads the release from the names CMS and the decoded copies use', () => {
    const pfs = (name: string) => resolveVersion('pfs', name, {}).effective;
    expect(pfs('RVU24A.zip')).toBe('2024-01-01');
    expect(pfs('rvu24c.zip')).toBe('2024-07-01');
    expect(pfs('RVU25D.zip')).toBe('2025-10-01');
    expect(pfs('PPRRVU24_JUL.csv')).toBe('2024-07-01');
    expect(pfs('PPRRVU2025_Oct.csv')).toBe('2025-10-01');
    expect(pfs('PPRRVU2026_Jan_nonQPP.csv')).toBe('2026-01-01');
    expect(pfs('pfs_rvu_indicators_2024-07_northstar_decoded.csv')).toBe('2024-07-01');
    expect(resolveVersion('pfs', 'PPRRVU24_JUL.csv', {}, '2024-08-15')).toEqual({ effective: '2024-08-15', label: 'Medicare PFS relative value file 2024-08-15' });
    expect(resolveVersion('ncci-aoc', 'aoc_eff_2024-06-03_northstar_decoded.csv', {})).toEqual({ effective: '2024-06-03', label: 'NCCI add-on code edits 2024-06-03' });
    expect(resolveVersion('ncci-aoc', 'AOC_2024Q4.txt', {}).effective).toBe('2024-10-01');
  });

  it('asks for --effective when the name tells nothing', () => {
    expect(() => resolveVersion('pfs', 'fees.csv', {})).toThrow(ReferenceFormatError);
    expect(() => resolveVersion('ncci-aoc', 'addons.csv', {})).toThrow(/pass --effective YYYY-MM-DD/);
  });
});

describe('the PPRRVU file inside a release zip', () => {
  it('is the one CSV of the release, the non-QPP one when the release holds two', () => {
    expect(pfsParser.zipEntry('PPRRVU24_JUL.csv')).toBe(true);
    expect(pfsParser.zipEntry('PPRRVU24_JUL.txt')).toBe(false);
    expect(pfsParser.zipEntry('GPCI2024.csv')).toBe(false);
    expect(pfsParser.zipEntry('PPRRVU2026_Jan_nonQPP.csv')).toBe(true);
    expect(pfsParser.zipEntry('PPRRVU2026_Jan_QPP.csv')).toBe(false);
  });
});

describe('the stored add-on code table', () => {
  const rows = [
    { addOn: packCode5('99417'), primary: packCode5('99215'), type: 1 as const, effectiveDay: dayNumber('2021-01-01'), deletedDay: 0 },
    { addOn: packCode5('11001'), primary: packCode5('11000'), type: 1 as const, effectiveDay: 0, deletedDay: dayNumber('2024-06-30') },
    { addOn: packCode5('99417'), primary: packCode5('99205'), type: 1 as const, effectiveDay: 0, deletedDay: 0 },
  ];

  it('reads back what was written, sorted by primary', () => {
    const table = new AocBinary('table.bin', buildAocTable(rows));
    expect(table.rows).toBe(3);
    expect(table.edits('99417')).toEqual([
      { addOn: '99417', primary: '99205', type: 1, effective: null, deleted: null },
      { addOn: '99417', primary: '99215', type: 1, effective: '2021-01-01', deleted: null },
    ]);
    expect(table.edits('11001', dayNumber('2024-06-30'))).toHaveLength(1);
    expect(table.edits('11001', dayNumber('2024-07-01'))).toEqual([]);
    expect(table.edits('not a code')).toEqual([]);
  });

  it('refuses a truncated or foreign file with the store error, not a crash', () => {
    const bytes = buildAocTable(rows);
    expect(() => new AocBinary('table.bin', bytes.subarray(0, bytes.length - 16))).toThrow(ReferenceStoreError);
    expect(() => new AocBinary('table.bin', Buffer.from('SJKT and more bytes than a header needs.....'))).toThrow(/not a SJAO table file/);
  });
});
