import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReferenceFormatError, type ReferenceKind } from '../../src/reference/index.js';
import { FILES, parseLines } from './helpers.js';

/** A small valid sample of each kind, header first where the kind has one. */
function sample(kind: ReferenceKind): string[] {
  switch (kind) {
    case 'icd10cm':
      return readFileSync(FILES.icd2026, 'latin1').split('\r\n').slice(400, 430);
    case 'hcpcs': {
      const lines = readFileSync(FILES.hcpcs2019, 'latin1').split('\r\n');
      return lines.slice(0, lines.findIndex((l) => l.startsWith('A0021')) + 6);
    }
    case 'ncci-ptp':
      return readFileSync(FILES.ptp, 'utf8').split('\n').slice(0, 30);
    case 'mue':
      return readFileSync(FILES.mue, 'utf8').split('\n').slice(0, 30);
    case 'mce':
      return readFileSync(FILES.mce, 'utf8').split('\n').slice(0, 30);
    case 'pos':
      return readFileSync(FILES.pos, 'utf8').split('\n');
    case 'pfs':
      return readFileSync(FILES.pprrvu, 'utf8').split('\r\n').slice(0, 30);
    case 'ncci-aoc':
      return readFileSync(FILES.aoc, 'utf8').split('\n').slice(0, 15);
  }
}

const KINDS: ReferenceKind[] = ['icd10cm', 'hcpcs', 'ncci-ptp', 'mue', 'mce', 'pos', 'pfs', 'ncci-aoc'];

/** Parses, reporting a ReferenceFormatError as a value and letting anything else escape. */
function outcome(kind: ReferenceKind, lines: string[]): { ok: true } | { ok: false; error: ReferenceFormatError } {
  try {
    parseLines(kind, lines);
    return { ok: true };
  } catch (error) {
    if (error instanceof ReferenceFormatError) return { ok: false, error };
    throw error;
  }
}

const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 6 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(line: string, e: Edit): string {
  const at = line.length === 0 ? 0 : e.at % (line.length + 1);
  switch (e.op) {
    case 'insert':
      return line.slice(0, at) + e.text + line.slice(at);
    case 'delete':
      return line.slice(0, at) + line.slice(at + e.count);
    case 'replace':
      return line.slice(0, at) + e.text + line.slice(at + e.text.length);
    case 'truncate':
      return line.slice(0, at);
  }
}

describe.each(KINDS)('%s parser under mutation', (kind) => {
  const lines = sample(kind);

  it('accepts the unmutated sample', () => {
    expect(outcome(kind, lines).ok).toBe(true);
  });

  it('fails only with ReferenceFormatError, naming a line of the input', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        const mutated = [...lines];
        const index = which % mutated.length;
        mutated[index] = edits.reduce(apply, mutated[index] as string);
        const result = outcome(kind, mutated);
        if (!result.ok) {
          expect(result.error.line).toBeGreaterThanOrEqual(0);
          expect(result.error.line).toBeLessThanOrEqual(mutated.length);
          expect(result.error.message).toContain('test-input.csv');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts random lines as a table', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }), (garbage) => {
        expect(outcome(kind, garbage).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a data line replaced by random text at that line', () => {
    // The HCPCS record file has no header: whatever precedes its first record is preamble.
    const firstOk = lines.findIndex((l, i) => outcome(kind, lines.slice(0, i + 1)).ok);
    const first = kind === 'icd10cm' ? 0 : kind === 'hcpcs' ? firstOk + 1 : firstOk;
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /[^\s,\t]/.test(s) && !/^[0-9A-Z]{2,5}$/.test(s)), (which, text) => {
        const mutated = [...lines];
        const index = first + (which % (mutated.length - first));
        if ((mutated[index] as string).trim() === '') return;
        // Random text with no delimiters cannot fill a row; for fixed-width kinds it cannot be a record.
        mutated[index] = text.replace(/[,\t"]/g, '');
        if (mutated[index] === '' || /^\s+$/.test(mutated[index] as string)) return;
        const result = outcome(kind, mutated);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.line).toBe(index + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('field-level garbage is refused', () => {
  const bad = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[,"\t]/.test(s));

  it('PTP modifier indicator other than 0, 1, 9', () => {
    fc.assert(
      fc.property(bad.filter((s) => !['0', '1', '9'].includes(s.trim())), (mod) => {
        const result = outcome('ncci-ptp', [
          'column_1,column_2,deletion_date_yyyymmdd_blank_if_active,modifier_indicator,ptp_edit_rationale',
          `11042,0213T,,${mod},Misuse of Column Two code with Column One code`,
        ]);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.line).toBe(2);
      }),
    );
  });

  it('PTP codes that are not five letters or digits', () => {
    fc.assert(
      fc.property(bad.filter((s) => !/^[0-9A-Za-z]{5}$/.test(s.trim())), (code) => {
        const result = outcome('ncci-ptp', ['column_1,column_2,deletion_date,modifier_indicator,ptp_edit_rationale', `11042,${code},,1,x`]);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('PTP deletion dates that are not real dates', () => {
    fc.assert(
      fc.property(bad.filter((s) => s.trim() !== '' && s.trim() !== '*'), fc.integer({ min: 20240230, max: 20240299 }), (text, impossible) => {
        for (const value of [text, String(impossible)]) {
          const result = outcome('ncci-ptp', ['column_1,column_2,deletion_date,modifier_indicator,ptp_edit_rationale', `11042,0213T,${value},1,x`]);
          if (/^\d{8}$/.test(value.trim()) && value === text) continue;
          expect(result.ok).toBe(false);
        }
      }),
    );
  });

  it('MUE units that are not whole numbers', () => {
    fc.assert(
      fc.property(bad.filter((s) => !/^\d{1,9}$/.test(s.trim())), (units) => {
        expect(outcome('mue', ['hcpcs_code,mue_units,mue_mai,mue_rationale', `0001U,${units},2,x`]).ok).toBe(false);
      }),
    );
  });
});
