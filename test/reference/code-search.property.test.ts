/**
 * A stored table, whose descriptions the search reads as bytes in place, answers every
 * search exactly as the same codes held as text do (a rule test's reference data), for
 * any codes, descriptions (capitals, accents, punctuation) and queries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICD_COLUMNS } from '../../src/reference/binary/columns.js';
import { KeyedTable, buildKeyedTable } from '../../src/reference/binary/keyed-table.js';
import { inMemoryReferenceData } from '../../src/reference/in-memory.js';
import { IcdLookup } from '../../src/reference/tables.js';

const code = fc.stringMatching(/^[A-Z][0-9][0-9A-Z]{1,5}$/);
const words = ['Fracture', 'femur', 'DIABETES', 'type', '2', 'Sjögren', 'ÉPAULE', 'épaule', 'w/o', 'left,', 'right', 'a', 'é'];
const title = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
const entries = fc.uniqueArray(fc.record({ code, billable: fc.boolean(), title }), { selector: (e) => e.code, minLength: 1, maxLength: 40 });

function storedTable(rows: ReadonlyArray<{ code: string; billable: boolean; title: string }>): IcdLookup {
  const file = buildKeyedTable(
    rows.map((r) => ({ key: r.code, ints: [r.billable ? 1 : 0], strings: [r.title, ''] })),
    ICD_COLUMNS.intCount,
    ICD_COLUMNS.stringCount,
  );
  return new IcdLookup(new KeyedTable('generated', file));
}

describe('the code search, stored and in memory', () => {
  it('gives the same codes in the same order, and the same total, for any query', () => {
    fc.assert(
      fc.property(
        entries,
        fc.oneof(
          code.map((c) => c.slice(0, 3)),
          code.map((c) => `${c.slice(0, 3)}.${c.slice(3)}`.toLowerCase()),
          fc.array(fc.constantFrom(...words, 'FEM', 'ÉPAU', 'zzz'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
        ),
        fc.integer({ min: 1, max: 60 }),
        (rows, query, limit) => {
          const memory = inMemoryReferenceData({ effective: '1900-01-01', icd10cm: Object.fromEntries(rows.map((r) => [r.code, { billable: r.billable, title: r.title }])) });
          const expected = memory.icd10cm('2026-01-01')!.table.search(query, limit);
          expect(storedTable(rows).search(query, limit)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
