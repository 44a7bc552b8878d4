/**
 * Every operator a rule may use, against answers worked out from its meaning in
 * rules/README.md. The agreement test cannot catch a wrong operator (both evaluators share
 * its definition), so each case is put to the operator the way each evaluator uses it:
 * compiled with the value written in the rule and with the value read from another fact,
 * and run by json-rules-engine itself the same two ways.
 */
import fc from 'fast-check';
import { Engine, Operator, Rule } from 'json-rules-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileScope } from '../../src/engine/compile.js';
import type { CodeList } from '../../src/rules/lists.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { BUILT_IN_OPERATORS, OPERATOR_NAMES, operatorTable, type OperatorTable } from '../../src/rules/operators.js';
import { resolvePath } from '../../src/rules/path.js';
import type { FactCondition } from '../../src/rules/rule.js';
import { RULES_DIR } from '../support/paths.js';

/** fact value, rule value, whether the condition holds; `undefined` as the fact is a missing field */
type Case = readonly [fact: unknown, value: unknown, holds: boolean];
/** a rule value that is another fact, and that fact is missing: only the fact-reference forms can say this */
const MISSING_VALUE = Symbol('missing value');

const ZIP = '^[0-9]{5}(-?[0-9]{4})?$';
const STATE = '^[A-Z]{2}$';
const TAX_ID = '^[0-9]{9}$';
const TWO_DIGITS = '^[0-9]{2}$';
const DIAGNOSIS = '^[A-Z][0-9][A-Z0-9](\\.?[A-Z0-9]{1,4})?$';
const PROCEDURE = '^([0-9]{4}[0-9FTUAM]|[A-Z][0-9]{4})$';
const MODIFIER = '^[A-Z0-9]{2}$';

/** Per operator: what it means, each with the cases that show it. */
/** Earlier services as a line's history.earlier lists them. */
const AWV_LAST_MARCH = { procedureCode: 'G0439', daysBefore: 300, fullMonthsBefore: 10, sameProvider: true };
const OTHER_PROVIDER = { procedureCode: '99213', daysBefore: 14, fullMonthsBefore: 0, sameProvider: false };

const CASES: Record<string, ReadonlyArray<{ means: string; cases: readonly Case[] }>> = {
  equal: [
    { means: 'the same value of the same type', cases: [['icd9', 'icd9', true], ['icd10', 'icd9', false], [1, 1, true], [true, true, true], [false, true, false]] },
    { means: 'no conversion between types or letter cases', cases: [['1', 1, false], [1, true, false], ['ICD9', 'icd9', false], [' icd9', 'icd9', false]] },
    { means: 'a missing value equals no written value', cases: [[undefined, null, false], [undefined, '', false], [undefined, false, false], [null, null, true]] },
  ],
  notEqual: [
    { means: 'a different value or type', cases: [['icd10', 'icd9', true], ['icd9', 'icd9', false], ['1', 1, true], [1, 1, false]] },
    { means: 'true on a missing value', cases: [[undefined, 'icd9', true], [null, 'icd9', true]] },
  ],
  in: [
    { means: 'the fact is one of the listed values', cases: [['7', ['7', '8'], true], ['8', ['7', '8'], true], ['1', ['7', '8'], false], ['99381', ['99381', '99391'], true], ['99382', ['99381', '99391'], false]] },
    { means: 'the same type and case only', cases: [[7, ['7', '8'], false], ['f', ['F', 'M', 'U'], false]] },
    { means: 'false on a missing value and for an empty list', cases: [[undefined, ['7', '8'], false], [null, ['7', '8'], false], ['7', [], false]] },
  ],
  notIn: [
    { means: 'the fact is none of the listed values', cases: [['X', ['F', 'M', 'U'], true], ['F', ['F', 'M', 'U'], false], ['U', ['F', 'M', 'U'], false], ['9', ['1', '7', '8'], true]] },
    { means: 'the same type and case only', cases: [['f', ['F', 'M', 'U'], true], [7, ['1', '7', '8'], true], ['F ', ['F', 'M', 'U'], true]] },
    { means: 'true on a missing value and for an empty list', cases: [[undefined, ['F', 'M', 'U'], true], [null, ['F', 'M', 'U'], true], ['F', [], true]] },
  ],
  contains: [
    { means: 'the list holds the value', cases: [[['25', '59'], '25', true], [['59'], '25', false], [['newborn', 'pediatric'], 'pediatric', true], [[], '25', false]] },
    { means: 'the same type and case only', cases: [[['25'], 25, false], [['Newborn'], 'newborn', false]] },
    { means: 'false for a fact that is not a list, text included', cases: [['25', '25', false], ['125', '25', false], [undefined, '25', false], [null, '25', false], [25, 25, false]] },
  ],
  doesNotContain: [
    { means: 'the list does not hold the value', cases: [[['GA'], 'KX', true], [['KX'], 'KX', false], [['GA', 'KX'], 'KX', false], [[], 'KX', true]] },
    { means: 'the same type and case only', cases: [[['kx'], 'KX', true], [['25'], 25, true]] },
    { means: 'false for a fact that is not a list', cases: [['GA', 'KX', false], [undefined, 'KX', false], [null, 'KX', false]] },
  ],
  lessThan: [
    { means: 'the fact is below the value', cases: [[-1, 0, true], [0, 0, false], [1, 0, false], [29, 30, true], [30, 30, false], [0.99, 1, true], [64, 65, true], [65, 65, false]] },
    { means: 'false on a missing or non-numeric value (null is not taken for 0)', cases: [[undefined, 1, false], [null, 1, false], ['', 1, false], ['abc', 1, false], [true, 2, false], [Number.NaN, 1, false]] },
    { means: 'text that reads as a number compares as one', cases: [['0.5', 1, true], ['5', 1, false]] },
  ],
  lessThanInclusive: [
    { means: 'the fact is at or below the value', cases: [[0, 0, true], [-0.01, 0, true], [0.01, 0, false], [-5, 0, true]] },
    { means: 'false on a missing or non-numeric value (null and empty text are not 0)', cases: [[undefined, 0, false], [null, 0, false], ['', 0, false], [false, 0, false]] },
  ],
  greaterThan: [
    { means: 'the fact is above the value', cases: [[5, 4, true], [4, 4, false], [3, 4, false], [1, 0, true], [0, 0, false], [18, 17, true], [125, 124, true], [124, 124, false], [7, 6, true]] },
    { means: 'false on a missing or non-numeric value', cases: [[undefined, 0, false], [null, -1, false], ['x', 0, false], [true, 0, false]] },
    { means: 'false when the value is another fact that is missing', cases: [[7, MISSING_VALUE, false]] },
  ],
  greaterThanInclusive: [
    { means: 'the fact is at or above the value', cases: [[0, 0, true], [1, 0, true], [-1, 0, false], [29.5, 30, false]] },
    { means: 'false on a missing or non-numeric value (null is not 0)', cases: [[undefined, 0, false], [null, 0, false], ['', 0, false]] },
  ],
  isBlank: [
    {
      means: 'value true: the fact is missing, empty or whitespace text, or an empty list',
      cases: [[undefined, true, true], [null, true, true], ['', true, true], ['   ', true, true], ['\t\n', true, true], [[], true, true], ['x', true, false], [' x ', true, false], [['x'], true, false], [[''], true, false]],
    },
    { means: 'value true: a number or boolean is present, even 0 or false', cases: [[0, true, false], [false, true, false], [{}, true, false]] },
    { means: 'value false: the fact is present', cases: [['x', false, true], [0, false, true], [['2'], false, true], [undefined, false, false], [null, false, false], [' ', false, false], [[], false, false]] },
  ],
  isValidDate: [
    {
      means: 'value true: a real calendar date written YYYY-MM-DD',
      cases: [['2026-02-20', true, true], ['2026-12-31', true, true], ['2026-01-01', true, true], ['2026-04-30', true, true], ['2026-04-31', true, false], ['2026-13-01', true, false], ['2026-00-10', true, false], ['2026-01-00', true, false], ['2026-01-32', true, false]],
    },
    { means: 'value true: February 29 only in a leap year', cases: [['2024-02-29', true, true], ['2000-02-29', true, true], ['2023-02-29', true, false], ['1900-02-29', true, false], ['2100-02-29', true, false], ['2024-02-30', true, false]] },
    {
      means: 'value true: no other way of writing a date',
      cases: [['2026-1-05', true, false], ['2026/01/05', true, false], ['20260105', true, false], ['01/05/2026', true, false], ['2026-01-05T00:00:00', true, false], [' 2026-01-05', true, false], ['2026-01-05 ', true, false], ['2026-0a-05', true, false], [20260105, true, false]],
    },
    { means: 'value false: the fact is anything but a real date, missing included', cases: [['2023-02-29', false, true], ['2026-02-20', false, false], [undefined, false, true], [null, false, true], [20260105, false, true]] },
  ],
  isValidNpi: [
    // check digits worked by hand: Luhn over 80840 + the nine digits (the prefix adds 24 to the sum)
    { means: 'value true: ten digits whose last is the Luhn check digit with prefix 80840', cases: [['1234567893', true, true], ['1000000004', true, true], ['2000000002', true, true], ['3000000000', true, true]] },
    { means: 'value true: a wrong check digit fails, Luhn without the prefix too', cases: [['1234567890', true, false], ['1000000005', true, false], ['3000000001', true, false], ['1234567897', true, false]] },
    {
      means: 'value true: only ten digits written as text',
      cases: [['123456789', true, false], ['12345678930', true, false], ['123456789X', true, false], [' 1234567893', true, false], ['1234567893 ', true, false], ['1234567893\n', true, false], ['', true, false], [1234567893, true, false]],
    },
    { means: 'value false: the fact is anything but a valid NPI, missing included', cases: [['1234567890', false, true], ['1234567893', false, false], [undefined, false, true], [null, false, true], [1234567893, false, true]] },
  ],
  matches: [
    { means: 'the text matches the expression as written in the rule files', cases: [['123456789', TAX_ID, true], ['12345678', TAX_ID, false], ['12-3456789', TAX_ID, false], ['12345', ZIP, true], ['12345-6789', ZIP, true], ['123456789', ZIP, true], ['1234', ZIP, false], ['12345-678', ZIP, false], ['E11.9', DIAGNOSIS, true], ['E119', DIAGNOSIS, true], ['E11.', DIAGNOSIS, false], ['3074F', '^[0-9]{4}F$', true]] },
    { means: 'case and whitespace count', cases: [['TX', STATE, true], ['tx', STATE, false], ['TX ', STATE, false], ['11\n', TWO_DIGITS, false]] },
    { means: 'an expression without anchors may match anywhere', cases: [['XAX', 'A', true], ['XBX', 'A', false], ['', '^$', true]] },
    { means: 'false for a missing value or one that is not text', cases: [[undefined, TWO_DIGITS, false], [null, TWO_DIGITS, false], [11, TWO_DIGITS, false], [['11'], TWO_DIGITS, false]] },
    { means: 'false when the value is no regular expression (not text, or a fact that is missing)', cases: [['5', 5, false], ['anything', MISSING_VALUE, false], ['', MISSING_VALUE, false]] },
  ],
  notMatches: [
    { means: 'the text does not match the expression', cases: [['1', TWO_DIGITS, true], ['AB', TWO_DIGITS, true], ['11', TWO_DIGITS, false], ['99213', PROCEDURE, false], ['3074F', PROCEDURE, false], ['G0402', PROCEDURE, false], ['9921', PROCEDURE, true], ['99213X', PROCEDURE, true], ['E11.9', DIAGNOSIS, false], ['E1', DIAGNOSIS, true]] },
    { means: 'case and whitespace count', cases: [['g0402', PROCEDURE, true], ['11 ', TWO_DIGITS, true]] },
    { means: 'false for a missing value or one that is not text', cases: [[undefined, TWO_DIGITS, false], [null, TWO_DIGITS, false], [11, TWO_DIGITS, false], [[], TWO_DIGITS, false]] },
    { means: 'false when the value is no regular expression', cases: [['6', 5, false], ['anything', MISSING_VALUE, false]] },
  ],
  someNotMatching: [
    { means: 'the list has an entry that is not matching text', cases: [[['25', '59'], MODIFIER, false], [['25', '5'], MODIFIER, true], [['LT'], MODIFIER, false], [['lt'], MODIFIER, true], [['25', ''], MODIFIER, true]] },
    { means: 'an entry that is not text counts as not matching', cases: [[[25], MODIFIER, true], [[null], MODIFIER, true], [['25', ['59']], MODIFIER, true]] },
    { means: 'false for an empty list, a missing value or one that is not a list', cases: [[[], MODIFIER, false], [undefined, MODIFIER, false], [null, MODIFIER, false], ['5', MODIFIER, false]] },
    { means: 'false when the value is no regular expression', cases: [[['5'], 5, false], [['x', 7], MISSING_VALUE, false]] },
  ],
  inList: [
    {
      means: 'the code is in the named list, ends of a range included',
      cases: [['99213', 'em-services', true], ['99202', 'em-services', true], ['99499', 'em-services', true], ['92014', 'em-services', true], ['99201', 'em-services', false], ['99500', 'em-services', false], ['92015', 'em-services', false], ['11042', 'em-services', false], ['58150', 'female-only-procedures', true], ['55700', 'female-only-procedures', false], ['55700', 'male-only-procedures', true]],
    },
    { means: 'a range holds only codes of the shape of its ends', cases: [['9921A', 'em-services', false], ['992130', 'em-services', false], ['9921', 'em-services', false], ['E4', 'ncci-ptp-modifiers', true], ['E5', 'ncci-ptp-modifiers', false], ['EA', 'ncci-ptp-modifiers', false]] },
    { means: 'codes are compared as written (facts arrive trimmed and upper-case)', cases: [['xs', 'ncci-ptp-modifiers', false], [' 99213', 'em-services', false]] },
    { means: 'false for a missing value, a code that is not text, or a list that does not exist', cases: [[undefined, 'em-services', false], [null, 'em-services', false], [99213, 'em-services', false], [['99213'], 'em-services', false], ['99213', 'no-such-list', false]] },
  ],
  notInList: [
    { means: 'the code is not in the named list', cases: [['11042', 'em-services', true], ['99213', 'em-services', false], ['99201', 'em-services', true], ['99202', 'em-services', false], ['9921A', 'em-services', true]] },
    { means: 'codes are compared as written', cases: [['xs', 'ncci-ptp-modifiers', true]] },
    { means: 'a code is in no list that does not exist', cases: [['99213', 'no-such-list', true]] },
    { means: 'false for a missing value or a code that is not text', cases: [[undefined, 'em-services', false], [null, 'em-services', false], [11042, 'em-services', false], [['11042'], 'em-services', false]] },
  ],
  someInList: [
    { means: 'the list has at least one code of the named list', cases: [[['59'], 'ncci-ptp-modifiers', true], [['25', 'XS'], 'ncci-ptp-modifiers', true], [['E1'], 'ncci-ptp-modifiers', true], [['76', '77'], 'ncci-ptp-modifiers', false], [['E5'], 'ncci-ptp-modifiers', false], [[], 'ncci-ptp-modifiers', false]] },
    { means: 'entries that are not text, or not written as in the list, are in no list', cases: [[[59], 'ncci-ptp-modifiers', false], [[null, '59'], 'ncci-ptp-modifiers', true], [['xs'], 'ncci-ptp-modifiers', false]] },
    { means: 'false for a missing value, one that is not a list, or a list that does not exist', cases: [[undefined, 'ncci-ptp-modifiers', false], [null, 'ncci-ptp-modifiers', false], ['59', 'ncci-ptp-modifiers', false], [['59'], 'no-such-list', false]] },
  ],
  dateBefore: [
    { means: 'the fact is an earlier date', cases: [['2026-02-19', '2026-02-20', true], ['2026-02-20', '2026-02-20', false], ['2026-02-21', '2026-02-20', false], ['2025-12-31', '2026-01-01', true], ['2026-01-01', '2025-12-31', false], ['2026-09-30', '2026-10-01', true]] },
    { means: 'leap days are dates', cases: [['2024-02-28', '2024-02-29', true], ['2024-02-29', '2024-03-01', true], ['2024-03-01', '2024-02-29', false]] },
    { means: 'false unless both sides are real dates', cases: [['2023-02-28', '2023-02-29', false], ['2023-02-29', '2023-03-01', false], ['2026-2-19', '2026-02-20', false], ['2026-02-19', 'tomorrow', false], [20260219, '2026-02-20', false]] },
    { means: 'false on a missing fact or value', cases: [[undefined, '2026-02-20', false], [null, '2026-02-20', false], ['2026-02-19', MISSING_VALUE, false]] },
  ],
  someEarlier: [
    {
      means: 'an earlier service of one of the codes, within the window',
      cases: [
        [[AWV_LAST_MARCH], { codes: ['G0439'], withinFullMonths: 11 }, true],
        [[AWV_LAST_MARCH], { codes: ['G0439'], withinFullMonths: 10 }, false],
        [[AWV_LAST_MARCH], { codes: ['G0438'] }, false],
        [[AWV_LAST_MARCH], { codes: ['G0439'], withinDays: 300 }, true],
        [[AWV_LAST_MARCH], { codes: ['G0439'], withinDays: 299 }, false],
        [[OTHER_PROVIDER], { codes: ['99213'], sameProvider: true }, false],
        [[OTHER_PROVIDER, AWV_LAST_MARCH], { codes: ['99213', 'G0439'], sameProvider: true }, true],
      ],
    },
    { means: 'codes from a named list', cases: [[[OTHER_PROVIDER], { list: 'em-services', withinDays: 30 }, true], [[AWV_LAST_MARCH], { list: 'em-services' }, false]] },
    { means: 'false on no history, a missing fact or a value that is not a query', cases: [[[], { codes: ['G0439'] }, false], [undefined, { codes: ['G0439'] }, false], [[AWV_LAST_MARCH], 'G0439', false], [[AWV_LAST_MARCH], MISSING_VALUE, false]] },
  ],
  dateAfter: [
    { means: 'the fact is a later date', cases: [['2015-10-01', '2015-09-30', true], ['2015-09-30', '2015-09-30', false], ['2015-09-29', '2015-09-30', false], ['2026-01-01', '2025-12-31', true], ['2025-12-31', '2026-01-01', false]] },
    { means: 'leap days are dates', cases: [['2024-02-29', '2024-02-28', true], ['2024-03-01', '2024-02-29', true], ['2024-02-29', '2024-03-01', false]] },
    { means: 'false unless both sides are real dates', cases: [['2023-03-01', '2023-02-29', false], ['2023-02-30', '2023-02-28', false], ['2026-02-21 ', '2026-02-20', false], ['2026-02-21', 20260220, false]] },
    { means: 'false on a missing fact or value (a code with no termination date)', cases: [[undefined, '2026-02-20', false], [null, '2026-02-20', false], ['2026-02-21', MISSING_VALUE, false], ['2026-02-21', null, false]] },
  ],
};

let table: OperatorTable;
beforeAll(() => {
  const { ruleSet, problems } = loadRuleSet(RULES_DIR);
  expect(problems).toEqual([]);
  const lists: ReadonlyMap<string, CodeList> = ruleSet!.lists;
  table = operatorTable((name) => lists.get(name));
});

const BUILT_IN_NAMES = new Set(BUILT_IN_OPERATORS.map((op) => op.name));

/** The item a case is evaluated on: the fact under `value`, a rule value given as a fact under `other`. */
function item(fact: unknown, value: unknown): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (fact !== undefined) facts.value = fact;
  if (value !== MISSING_VALUE) facts.other = value;
  return facts;
}

function conditionFor(operator: string, value: unknown, asFact: boolean): FactCondition {
  return { fact: 'item', path: '$.value', operator, value: asFact ? { fact: 'item', path: '$.other' } : value };
}

function compiled(operator: string, fact: unknown, value: unknown, asFact: boolean): boolean {
  const evaluate = compileScope([{ all: [conditionFor(operator, value, asFact)] }], table, 'case');
  return evaluate({ item: item(fact, value) }, new Uint8Array(1)) === 1;
}

/** json-rules-engine's own answer, with the custom operators registered as the reference scrubber registers them. */
async function byJsonRulesEngine(operator: string, fact: unknown, value: unknown, asFact: boolean): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  for (const op of table.values()) if (!BUILT_IN_NAMES.has(op.name)) engine.addOperator(new Operator(op.name, op.evaluate, op.accepts));
  engine.addRule(new Rule({ name: 'case', conditions: { all: [conditionFor(operator, value, asFact)] } as never, event: { type: 'case' } }));
  const { results } = await engine.run({ item: item(fact, value) });
  return results.length === 1;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === MISSING_VALUE) return 'a missing fact';
  return typeof value === 'number' && Number.isNaN(value) ? 'NaN' : JSON.stringify(value);
}

for (const [operator, meanings] of Object.entries(CASES)) {
  describe(operator, () => {
    for (const { means, cases } of meanings) {
      it(means, async () => {
        for (const [fact, value, holds] of cases) {
          const label = `${show(fact)} ${operator} ${show(value)}`;
          const forms = value === MISSING_VALUE ? [true] : [false, true];
          for (const asFact of forms) {
            const how = asFact ? 'value from a fact' : 'value in the rule';
            expect(compiled(operator, fact, value, asFact), `${label}, compiled, ${how}`).toBe(holds);
            expect(await byJsonRulesEngine(operator, fact, value, asFact), `${label}, json-rules-engine, ${how}`).toBe(holds);
          }
        }
      });
    }
  });
}

describe('the operator cases', () => {
  it('cover every registered operator, each both ways', () => {
    expect(Object.keys(CASES).sort()).toEqual([...OPERATOR_NAMES].sort());
    for (const [operator, meanings] of Object.entries(CASES)) {
      const answers = new Set(meanings.flatMap((m) => m.cases.map((c) => c[2])));
      expect([...answers].sort(), operator).toEqual([false, true]);
    }
  });
});

describe('isBlank', () => {
  const isBlank = operatorTable(() => undefined).get('isBlank')!;

  it('calls a value blank exactly when it is missing, an empty list, or text with nothing but whitespace', () => {
    for (const blank of [null, undefined, '', '   ', '\t\n', '\u00a0', '\u2028 \ufeff', []]) expect(isBlank.evaluate(blank, true), JSON.stringify(blank)).toBe(true);
    for (const present of ['x', ' x ', '\u00a0x', 0, false, [''], {}]) expect(isBlank.evaluate(present, true), JSON.stringify(present)).toBe(false);
  });

  it('agrees with trimming for any text, Unicode whitespace included', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u3000', 'a', '9') }));
    fc.assert(fc.property(text, (value) => isBlank.evaluate(value, true) === (value.trim() === '')), { numRuns: 5000 });
  });
});

describe('pattern operators', () => {
  it('answer each text by the pattern, for more distinct texts than a pattern remembers answers for, long ones included', () => {
    const matches = operatorTable(() => undefined).get('matches')!.bind!(ZIP);
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? String(10_000 + i) : i % 3 === 1 ? `${10_000 + i}-${1000 + (i % 9000)}` : `${i}x`));
    texts.push('1'.repeat(200), `12345${'-6789'.repeat(40)}`);
    const wrong = [...texts, ...texts].filter((text) => matches(text) !== /^[0-9]{5}(-?[0-9]{4})?$/.test(text));
    expect(wrong).toEqual([]);
  });
});
