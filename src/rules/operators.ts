/**
 * The operators a rule condition may use. json-rules-engine's own ten keep their
 * meaning; Scrubjay adds the claim-specific ones below. Each custom operator is one
 * definition handed both to json-rules-engine and to the compiled evaluator, so the two
 * cannot drift apart. An operator's `accepts` is json-rules-engine's fact-value
 * validator: when it refuses the fact value, the condition is false.
 */
import { RE2JS } from 're2js';
import { isIsoDate } from '../claim/dates.js';
import { isValidNpi } from '../claim/npi.js';
import type { CodeList } from './lists.js';
import { historyTest } from './history-query.js';

export interface OperatorDefinition {
  name: string;
  /** what the rule's `value` must be, for lint and the docs */
  valueKind: 'any' | 'array' | 'number' | 'boolean' | 'regex' | 'list' | 'date-or-fact' | 'history-query';
  description: string;
  evaluate(factValue: unknown, ruleValue: unknown): boolean;
  accepts?(factValue: unknown): boolean;
  /**
   * For a value written in the rule, the same test with the value already prepared (a
   * regular expression compiled, a list looked up): what the compiled evaluator calls.
   */
  bind?(ruleValue: unknown): (factValue: unknown) => boolean;
}

function isNumeric(factValue: unknown): boolean {
  // json-rules-engine's numeric validator; numbers and null are answered directly (same answer, no string round trip)
  if (typeof factValue === 'number') return !Number.isNaN(factValue);
  if (factValue === null || factValue === undefined) return false;
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/** json-rules-engine's built-in operators, re-stated for the compiled evaluator. */
export const BUILT_IN_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'equal', valueKind: 'any', description: 'fact === value', evaluate: (a, b) => a === b },
  { name: 'notEqual', valueKind: 'any', description: 'fact !== value', evaluate: (a, b) => a !== b },
  { name: 'in', valueKind: 'array', description: 'fact is one of the values', evaluate: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  { name: 'notIn', valueKind: 'array', description: 'fact is none of the values', evaluate: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  { name: 'contains', valueKind: 'any', description: 'the fact (a list) holds the value', evaluate: (a, b) => (a as unknown[]).indexOf(b) > -1, accepts: Array.isArray },
  { name: 'doesNotContain', valueKind: 'any', description: 'the fact (a list) does not hold the value', evaluate: (a, b) => (a as unknown[]).indexOf(b) === -1, accepts: Array.isArray },
  { name: 'lessThan', valueKind: 'number', description: 'fact < value', evaluate: (a, b) => (a as number) < (b as number), accepts: isNumeric },
  { name: 'lessThanInclusive', valueKind: 'number', description: 'fact <= value', evaluate: (a, b) => (a as number) <= (b as number), accepts: isNumeric },
  { name: 'greaterThan', valueKind: 'number', description: 'fact > value', evaluate: (a, b) => (a as number) > (b as number), accepts: isNumeric },
  { name: 'greaterThanInclusive', valueKind: 'number', description: 'fact >= value', evaluate: (a, b) => (a as number) >= (b as number), accepts: isNumeric },
];

/**
 * Rule patterns run on claim text the service does not control, so they are compiled by RE2, whose matching time
 * grows linearly with the text: a pattern such as `^(a+)+$`, which makes a backtracking engine take seconds on a
 * 30-character claim id, is as cheap as any other. RE2 refuses what only backtracking can do (backreferences,
 * lookahead, lookbehind); lint reports those before a rule set is accepted.
 */
export interface RulePattern {
  /** whether the pattern matches somewhere in `text` (a search, as JavaScript's RegExp.test) */
  test(text: string): boolean;
}

/*
 * RE2's matcher costs over ten times what V8's RegExp does on the short anchored patterns rules use. Claims repeat the
 * same short values (codes, modifiers, ZIP codes) over and over, so each pattern remembers its answer for recent short
 * texts. The memory stays bounded: only short texts are kept, and a full memo starts again empty.
 */
const MEMO_TEXT_LENGTH = 64;
const MEMO_ENTRIES = 4096;

class MemoisedPattern implements RulePattern {
  private readonly memo = new Map<string, boolean>();

  constructor(private readonly re: RE2JS) {}

  test(text: string): boolean {
    if (text.length > MEMO_TEXT_LENGTH) return this.re.test(text);
    let answer = this.memo.get(text);
    if (answer === undefined) {
      answer = this.re.test(text);
      if (this.memo.size >= MEMO_ENTRIES) this.memo.clear();
      this.memo.set(text, answer);
    }
    return answer;
  }
}

const patternCache = new Map<string, RulePattern>();
/** The compiled pattern; throws (see `patternProblem`) when RE2 cannot compile it. */
export function compilePattern(pattern: string): RulePattern {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new MemoisedPattern(RE2JS.compile(pattern));
    patternCache.set(pattern, re);
  }
  return re;
}

/** Why RE2 refuses `pattern`, in words for the rule's author, or undefined when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `${reason}; rule patterns run on RE2, which matches in time proportional to the text and so has no backtracking features (no backreferences such as \\1, no lookahead (?= (?!, no lookbehind (?<= (?<!)`;
  }
}

function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    // most values start with a printable ASCII character: then they are not blank, whatever follows
    const first = value.charCodeAt(0);
    return !(first > 32 && first < 127) && value.trim() === '';
  }
  return Array.isArray(value) && value.length === 0;
}

export type ListLookup = (name: string) => CodeList | undefined;

// Each test is written once, with its value prepared; `evaluate` (json-rules-engine's form) prepares and applies it.
// `test` searches the text, as JavaScript's RegExp.test does: anchors (^ $) are written in the pattern when wanted
const matchesWith = (re: RulePattern) => (a: unknown): boolean => re.test(a as string);
const notMatchesWith = (re: RulePattern) => (a: unknown): boolean => !re.test(a as string);
const someNotMatchingWith = (re: RulePattern) => (a: unknown): boolean => (a as unknown[]).some((item) => typeof item !== 'string' || !re.test(item));
const inListWith = (list: CodeList | undefined) => (a: unknown): boolean => list !== undefined && list.has(a as string);
const someInListWith = (list: CodeList | undefined) => (a: unknown): boolean => list !== undefined && (a as unknown[]).some((item) => typeof item === 'string' && list.has(item));
const never = (): boolean => false;
/**
 * A pattern operator's test for its value. Only text is a regular expression: anything else (a fact reference that
 * found nothing, say) holds for no fact, where `new RegExp(undefined)` would be the empty pattern that every text matches.
 */
const withPattern = (test: (re: RulePattern) => (a: unknown) => boolean) => (b: unknown): ((a: unknown) => boolean) => (typeof b === 'string' ? test(compilePattern(b)) : never);

/** Scrubjay's own operators; list operators read the rule set's named lists. */
export function customOperators(lists: ListLookup): OperatorDefinition[] {
  return [
    {
      name: 'isBlank',
      valueKind: 'boolean',
      description: 'value true: the fact is missing, empty text or an empty list; value false: it is present',
      evaluate: (a, b) => isBlank(a) === b,
    },
    {
      name: 'isValidDate',
      valueKind: 'boolean',
      description: 'value true: the fact is a real calendar date written YYYY-MM-DD; false: it is not',
      evaluate: (a, b) => isIsoDate(a) === b,
    },
    {
      name: 'isValidNpi',
      valueKind: 'boolean',
      description: 'value true: the fact is a 10-digit NPI whose check digit is right (Luhn with prefix 80840); false: it is not',
      evaluate: (a, b) => isValidNpi(a) === b,
    },
    {
      name: 'matches',
      valueKind: 'regex',
      description: 'the fact is text matching the regular expression',
      evaluate: (a, b) => withPattern(matchesWith)(b)(a),
      accepts: (a) => typeof a === 'string',
      bind: withPattern(matchesWith),
    },
    {
      name: 'notMatches',
      valueKind: 'regex',
      description: 'the fact is text that does not match the regular expression (missing values never match either operator)',
      evaluate: (a, b) => withPattern(notMatchesWith)(b)(a),
      accepts: (a) => typeof a === 'string',
      bind: withPattern(notMatchesWith),
    },
    {
      name: 'someNotMatching',
      valueKind: 'regex',
      description: 'the fact is a list with at least one entry that is not text matching the regular expression',
      evaluate: (a, b) => withPattern(someNotMatchingWith)(b)(a),
      accepts: Array.isArray,
      bind: withPattern(someNotMatchingWith),
    },
    {
      name: 'inList',
      valueKind: 'list',
      description: 'the fact is a code in the named list (rules/lists)',
      evaluate: (a, b) => inListWith(lists(b as string))(a),
      accepts: (a) => typeof a === 'string',
      bind: (b) => inListWith(lists(b as string)),
    },
    {
      name: 'notInList',
      valueKind: 'list',
      description: 'the fact is a code that is not in the named list (missing values are in no list and match neither operator)',
      evaluate: (a, b) => !inListWith(lists(b as string))(a),
      accepts: (a) => typeof a === 'string',
      bind: (b) => {
        const test = inListWith(lists(b as string));
        return (a) => !test(a);
      },
    },
    {
      name: 'someInList',
      valueKind: 'list',
      description: 'the fact is a list with at least one code in the named list',
      evaluate: (a, b) => someInListWith(lists(b as string))(a),
      accepts: Array.isArray,
      bind: (b) => someInListWith(lists(b as string)),
    },
    {
      name: 'someEarlier',
      valueKind: 'history-query',
      description: 'the fact (history.earlier) holds an earlier service of the patient matching the value: { codes | list, withinDays, withinFullMonths, sameProvider }',
      evaluate: (a, b) => historyTest(b, lists)(a),
      accepts: Array.isArray,
      bind: (b) => historyTest(b, lists),
    },
    {
      name: 'dateBefore',
      valueKind: 'date-or-fact',
      description: 'both the fact and the value are valid dates and the fact is earlier',
      evaluate: (a, b) => isIsoDate(b) && (a as string) < b,
      accepts: isIsoDate,
    },
    {
      name: 'dateAfter',
      valueKind: 'date-or-fact',
      description: 'both the fact and the value are valid dates and the fact is later',
      evaluate: (a, b) => isIsoDate(b) && (a as string) > b,
      accepts: isIsoDate,
    },
  ];
}

export type OperatorTable = ReadonlyMap<string, OperatorDefinition>;

export function operatorTable(lists: ListLookup): OperatorTable {
  return new Map([...BUILT_IN_OPERATORS, ...customOperators(lists)].map((op) => [op.name, op]));
}

export const OPERATOR_NAMES: ReadonlySet<string> = new Set(operatorTable(() => undefined).keys());
