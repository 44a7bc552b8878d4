/**
 * Searching a loaded code set, as the workbench does to put codes on a named list: by the
 * start of the code, then by words of the description, over the stored tables and over a
 * rule test's reference data alike.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { inMemoryReferenceData, referenceFixtureSchema } from '../../src/reference/in-memory.js';
import { tempDir } from '../support/folders.js';
import { FILES } from './helpers.js';

const DATE = '2026-01-15';
let reference: ReferenceData;

/** Every ICD-10-CM code of the excerpt, without the dot, as the order file lists them. */
const icdCodes = readFileSync(FILES.icd2026, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
  .map((l) => l.slice(6, 14).trim());

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'icd10cm', FILES.icd2026);
  await importTable(dir, 'hcpcs', FILES.hcpcsCsv);
  await importTable(dir, 'pos', FILES.pos);
  await importTable(dir, 'mue', FILES.mue);
  reference = openReferenceData(dir);
});

const icd = () => reference.icd10cm(DATE)!.table;
const hcpcs = () => reference.hcpcs(DATE)!.table;
const pos = () => reference.pos(DATE)!.table;

describe('searching ICD-10-CM', () => {
  it('finds every code that starts with the query, in code order, written with the dot, headers marked not billable', () => {
    const found = icd().search('e11', 200);
    const expected = icdCodes.filter((c) => c.startsWith('E11')).sort();
    expect(found.total).toBe(expected.length);
    expect(found.codes.map((c) => c.code.replace('.', ''))).toEqual(expected);
    expect(found.codes[0]).toEqual({ code: 'E11', meaning: 'Type 2 diabetes mellitus', billable: false });
    expect(found.codes).toContainEqual({ code: 'E11.65', meaning: 'Type 2 diabetes mellitus with hyperglycemia', billable: true });
  });

  it('reads a code with or without its dot', () => {
    const exact = [{ code: 'E11.9', meaning: 'Type 2 diabetes mellitus without complications', billable: true }];
    expect(icd().search('E11.9').codes).toEqual(exact);
    expect(icd().search('e119').codes).toEqual(exact);
    expect(icd().search(' E11.9 ').codes).toEqual(exact);
  });

  it('finds codes whose description holds every word of the query, in any case and as parts of words', () => {
    const found = icd().search('Diabet RETINOPATHY macular', 200);
    expect(found.codes.map((c) => c.code)).toContain('E11.3511');
    expect(found.codes.length).toBe(found.total);
    expect(found.codes.every((c) => /diabet/i.test(c.meaning) && /retinopathy/i.test(c.meaning) && /macular/i.test(c.meaning))).toBe(true);
    expect(icd().search('diabetes zebra').total).toBe(0);
  });

  it('answers at most the limit, 50 unless told and never more than 200, and says how many match in all', () => {
    const everything = icd().search('a', 1000);
    expect(everything.total).toBeGreaterThan(200);
    expect(everything.codes).toHaveLength(200);
    expect(icd().search('a').codes).toHaveLength(50);
    const three = icd().search('diabetes', 3);
    expect(three.codes).toHaveLength(3);
    expect(three.total).toBe(icd().search('diabetes', 200).total);
    expect(three.codes).toEqual(icd().search('diabetes', 200).codes.slice(0, 3));
  });

  it('finds nothing for a query that is neither a code nor a word of one', () => {
    expect(icd().search('Q99.99.99')).toEqual({ codes: [], total: 0 });
    expect(icd().search('   ')).toEqual({ codes: [], total: 0 });
  });
});

describe('searching HCPCS Level II', () => {
  it('keeps procedure codes and modifiers apart', () => {
    const wheelchairs = hcpcs().searchCodes('wheelchair', 200);
    expect(wheelchairs.codes.map((c) => c.code)).toContain('E1232');
    expect(wheelchairs.codes.every((c) => c.code.length === 5)).toBe(true);
    expect(hcpcs().searchModifiers('wheelchair').total).toBe(0);
    expect(hcpcs().searchModifiers('a1').codes).toEqual([{ code: 'A1', meaning: 'Dressing for one wound' }]);
    expect(hcpcs().searchCodes('a1').codes.every((c) => c.code.length === 5 && c.code.startsWith('A1'))).toBe(true);
  });

  it('gives the long description, and finds words of the short one too', () => {
    expect(hcpcs().searchCodes('E1232').codes).toEqual([{ code: 'E1232', meaning: 'Wheelchair, pediatric size, tilt-in-space, folding, adjustable, with seating system' }]);
    // "ped" and "wc" are only in the short description, "Folding ped wc tilt-in-space"
    expect(hcpcs().searchCodes('ped wc').codes.map((c) => c.code)).toContain('E1232');
  });
});

describe('procedure codes the MUE table lists beside HCPCS Level II', () => {
  const also = () => ({ codesStartingWith: (prefix: string) => reference.mue(DATE)!.table.codesStartingWith(prefix), meaning: 'no description loaded' });

  it('are found by their start, in code order among the HCPCS codes, each once and described when HCPCS describes it', () => {
    expect(hcpcs().searchCodes('9921').total).toBe(0);
    expect(hcpcs().searchCodes('9921', 50, also()).codes).toEqual([
      { code: '99213', meaning: 'no description loaded' },
      { code: '99214', meaning: 'no description loaded' },
      { code: '99215', meaning: 'no description loaded' },
    ]);
    const a4 = hcpcs().searchCodes('a4', 200, also());
    const codes = a4.codes.map((c) => c.code);
    expect(codes).toEqual([...new Set(codes)].sort());
    expect(a4.total).toBe(codes.length);
    // A4301 is only in the MUE table, A4550 in both: its HCPCS description is kept
    expect(a4.codes).toContainEqual({ code: 'A4301', meaning: 'no description loaded' });
    expect(a4.codes.filter((c) => c.code === 'A4550')).toEqual(hcpcs().searchCodes('A4550').codes);
    expect(hcpcs().searchCodes('A4550').codes[0]?.meaning).not.toBe('no description loaded');
    expect(codes.filter((c) => hcpcs().code(c) !== undefined)).toEqual(hcpcs().searchCodes('a4', 200).codes.map((c) => c.code));
  });

  it('are not found by words, having none', () => {
    expect(hcpcs().searchCodes('nature of analyte', 50, also()).total).toBe(0);
  });
});

describe('searching places of service', () => {
  it('finds a code and names', () => {
    expect(pos().search('11').codes[0]).toEqual({ code: '11', meaning: 'Office' });
    expect(pos().search('telehealth').codes.map((c) => c.code)).toEqual(['02', '10']);
  });
});

describe("a rule test's reference data", () => {
  const data = inMemoryReferenceData(
    referenceFixtureSchema.parse({
      icd10cm: {
        'E11.9': { billable: true, title: 'Type 2 diabetes mellitus without complications' },
        E10: { billable: false, title: 'Type 1 diabetes mellitus' },
        A00: { billable: false, title: 'Cholera, not E10 or E11' },
      },
      hcpcs: { codes: { G0008: { title: 'Administration of influenza virus vaccine' } }, modifiers: { '25': { title: 'Significant, separately identifiable E/M service' } } },
      pos: { '11': { name: 'Office' } },
      mue: { '99213': { units: 1, mai: 3 }, G0008: { units: 1, mai: 2 } },
    }),
  );

  it('is searched as the stored tables are: codes by their start first, then by words', () => {
    const icdTable = data.icd10cm(DATE)!.table;
    expect(icdTable.search('e10').codes).toEqual([
      { code: 'E10', meaning: 'Type 1 diabetes mellitus', billable: false },
      { code: 'A00', meaning: 'Cholera, not E10 or E11', billable: false },
    ]);
    expect(icdTable.search('E119').codes).toEqual([{ code: 'E11.9', meaning: 'Type 2 diabetes mellitus without complications', billable: true }]);
    expect(icdTable.search('DIABETES', 1)).toEqual({ codes: [{ code: 'E10', meaning: 'Type 1 diabetes mellitus', billable: false }], total: 2 });
    expect(data.hcpcs(DATE)!.table.searchCodes('influenza').codes).toEqual([{ code: 'G0008', meaning: 'Administration of influenza virus vaccine' }]);
    expect(data.hcpcs(DATE)!.table.searchModifiers('25').codes).toEqual([{ code: '25', meaning: 'Significant, separately identifiable E/M service' }]);
    expect(data.pos(DATE)!.table.search('off').codes).toEqual([{ code: '11', meaning: 'Office' }]);
    const mue = data.mue(DATE)!.table;
    const also = { codesStartingWith: (prefix: string) => mue.codesStartingWith(prefix), meaning: 'no description loaded' };
    expect(data.hcpcs(DATE)!.table.searchCodes('992', 50, also).codes).toEqual([{ code: '99213', meaning: 'no description loaded' }]);
    expect(data.hcpcs(DATE)!.table.searchCodes('g', 50, also).codes).toEqual([{ code: 'G0008', meaning: 'Administration of influenza virus vaccine' }]);
  });
});
