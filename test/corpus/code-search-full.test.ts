/**
 * The code search over the whole ICD-10-CM FY2026 order file and the whole HCPCS and MUE
 * tables finds exactly what a plain reading of the files finds: the descriptions read in
 * place as bytes give the same answers as the text.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { tempDir } from '../support/folders.js';
import { CORPUS_FILES } from './corpus-tables.js';

const DATE = '2026-03-01';
let reference: ReferenceData;

/** The order file as its layout gives it: code (no dot) at 6-13, billable at 14, long title from 77. */
const orderFile = readFileSync(CORPUS_FILES.icd2026, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
  .map((l) => ({ code: l.slice(6, 13).trim(), billable: l[14] === '1', title: l.slice(77).trim() }))
  .sort((a, b) => (a.code < b.code ? -1 : 1));

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'icd10cm', CORPUS_FILES.icd2026);
  await importTable(dir, 'hcpcs', CORPUS_FILES.hcpcsCsv);
  await importTable(dir, 'mue', CORPUS_FILES.mue);
  reference = openReferenceData(dir);
});

const dotted = (code: string): string => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

describe('the code search over whole tables', () => {
  it('finds every ICD-10-CM code whose long title holds every word, as reading the order file does', () => {
    for (const query of ['diabetes', 'Fracture FEMUR', 'type 2 diabetes mellitus without complications', 'sjogren w', 'zzzz']) {
      const words = query.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(' ');
      const expected = orderFile.filter((row) => words.every((w) => row.title.replace(/[A-Z]/g, (c) => c.toLowerCase()).includes(w)));
      const found = reference.icd10cm(DATE)!.table.search(query, 200);
      expect(found.total, query).toBe(expected.length);
      expect(found.codes, query).toEqual(expected.slice(0, 200).map((row) => ({ code: dotted(row.code), meaning: row.title, billable: row.billable })));
    }
  });

  it('finds every ICD-10-CM code by its start, with or without the dot', () => {
    const expected = orderFile.filter((row) => row.code.startsWith('S7200'));
    const found = reference.icd10cm(DATE)!.table.search('s72.00', 200);
    expect(found.total).toBe(expected.length);
    expect(found.codes.map((c) => c.code)).toEqual(expected.slice(0, 200).map((row) => dotted(row.code)));
    expect(reference.icd10cm(DATE)!.table.search('E119').codes).toEqual([{ code: 'E11.9', meaning: 'Type 2 diabetes mellitus without complications', billable: true }]);
  });

  it('finds the CPT codes of the MUE table beside the HCPCS codes of a procedure search', () => {
    const mue = reference.mue(DATE)!.table;
    const found = reference.hcpcs(DATE)!.table.searchCodes('99213', 50, { codesStartingWith: (p) => mue.codesStartingWith(p), meaning: 'no description loaded' });
    expect(found.codes).toEqual([{ code: '99213', meaning: 'no description loaded' }]);
    const j = reference.hcpcs(DATE)!.table.searchCodes('J1100', 50, { codesStartingWith: (p) => mue.codesStartingWith(p), meaning: 'no description loaded' });
    expect(j.codes).toHaveLength(1);
    expect(j.codes[0]?.meaning).toMatch(/dexamethasone/i);
  });
});
