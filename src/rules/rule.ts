/** A rule as written in a rule file, and as loaded (with where it came from). */
import type { Scope } from './facts-catalog.js';
import type { CodeList } from './lists.js';
import type { PayerProfile } from '../payers/profile.js';

export type Severity = 'error' | 'warning' | 'info';

export interface FactCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
}

export type Condition = FactCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

export interface RuleTest {
  name: string;
  claim?: Record<string, unknown>;
  /** code-set and edit-table entries the case runs with (see src/reference/in-memory.ts) */
  reference?: Record<string, unknown>;
  asOf?: string;
  /** the patient's earlier claims, each laid over the base claim */
  history?: Array<Record<string, unknown>>;
  /** files the claim a number of days from the deadline its payer profile gives, instead of on a written date */
  filed?: FiledRelative;
  expect: 'fire' | 'pass';
  line?: number;
}

/**
 * A filing date counted from a line's filing deadline, so that a test follows the payer
 * profile when the profile's limit changes. Exactly one of the two day counts is given;
 * `daysBeforeDeadline: 0` is the deadline itself.
 */
export interface FiledRelative {
  daysBeforeDeadline?: number;
  daysAfterDeadline?: number;
  /** the 1-based line whose date of service starts the clock (default 1) */
  line?: number;
  /** the id of the payer profile the claim must get; the case fails when it gets another */
  profile?: string;
}

export interface RuleReference {
  title: string;
  section?: string;
  url?: string;
}

export interface RuleDefinition {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  carc?: string;
  rarc?: string[];
  scope: Scope;
  description: string;
  references: RuleReference[];
  appliesTo?: { payerKinds?: string[]; payerIds?: string[]; from?: string; to?: string };
  conditions: TopLevelCondition;
  field?: string;
  /** pair rules: a fact path naming the line to report on, e.g. `ptp.column2` */
  reportOn?: string;
  message: string;
  explanation: string;
  fix: string;
  tests: RuleTest[];
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface LoadedRule extends RuleDefinition {
  source: SourcePosition;
  /** where a part of this rule is written, e.g. `['tests', 0]` or `['conditions', 'all', 1]` */
  locate(path: ReadonlyArray<string | number>): SourcePosition;
}

export interface RuleSet {
  dir: string;
  rules: LoadedRule[];
  lists: ReadonlyMap<string, CodeList>;
  payers: PayerProfile[];
  baseClaim: Record<string, unknown>;
  /** SHA-256 (hex) of the rule files the set was read from, by relative path and bytes: see content-hash.ts */
  hash: string;
  version: string;
}

export function isFactCondition(c: Condition): c is FactCondition {
  return Object.prototype.hasOwnProperty.call(c, 'fact');
}
