/**
 * Checks that a rule means something, beyond the schema: its facts exist in its scope,
 * its paths name real fields, its operators exist and get the kind of value they need,
 * its lists are defined, its templates refer to real facts, an error carries a CARC,
 * ids are unique, and it is tested both ways.
 */
import { isIsoDate } from '../claim/dates.js';
import { FACTS, CLAIM_FIELDS, LINE_FIELDS, factsInScope, type FieldTree, type Scope } from './facts-catalog.js';
import type { CodeList } from './lists.js';
import { historyQueryProblem } from './history-query.js';
import { OPERATOR_NAMES, operatorTable, patternProblem } from './operators.js';
import { parseFactReference, parsePath, type PathSegment } from './path.js';
import { ruleProblem, type RuleProblem, type RuleProblemCode } from './problems.js';
import { isFactCondition, type Condition, type LoadedRule } from './rule.js';
import { parseTemplate } from './template.js';
import { referenceFixtureSchema } from '../reference/in-memory.js';

const OPERATORS = operatorTable(() => undefined);

export function lintRules(rules: readonly LoadedRule[], lists: ReadonlyMap<string, CodeList>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, LoadedRule>();
  for (const rule of rules) {
    const report = (path: ReadonlyArray<string | number>, message: string, code: RuleProblemCode = 'SJ_RULES_LINT'): void => {
      problems.push(ruleProblem(code, rule.locate(path), `rule "${rule.id}": ${message}`, rule.id));
    };
    const first = seen.get(rule.id);
    if (first) report(['id'], `duplicate id (first defined at ${first.source.file}:${first.source.line})`, 'SJ_RULES_DUPLICATE_ID');
    else seen.set(rule.id, rule);

    if (rule.severity === 'error' && !rule.carc) report([], 'an error rule needs a `carc`: the code the payer would return');
    lintCondition(rule.conditions, ['conditions'], rule.scope, lists, report);
    lintField(rule, report);
    lintReportOn(rule, report);
    for (const key of ['message', 'explanation', 'fix'] as const) lintTemplate(rule[key], rule.scope, (m) => report([key], m));
    lintTests(rule, report);
    const { from, to } = rule.appliesTo ?? {};
    if (from !== undefined && !isIsoDate(from)) report(['appliesTo', 'from'], `"${from}" is not a date`);
    if (to !== undefined && !isIsoDate(to)) report(['appliesTo', 'to'], `"${to}" is not a date`);
    if (from && to && from > to) report(['appliesTo'], `appliesTo.from ${from} is after appliesTo.to ${to}`);
  }
  return problems;
}

type Report = (path: ReadonlyArray<string | number>, message: string, code?: RuleProblemCode) => void;

function lintCondition(condition: Condition, path: Array<string | number>, scope: Scope, lists: ReadonlyMap<string, CodeList>, report: Report): void {
  if ('all' in condition || 'any' in condition) {
    const key = 'all' in condition ? 'all' : 'any';
    const children = (condition as Record<string, Condition[]>)[key] ?? [];
    children.forEach((child, i) => lintCondition(child, [...path, key, i], scope, lists, report));
    return;
  }
  if ('not' in condition) {
    lintCondition(condition.not, [...path, 'not'], scope, lists, report);
    return;
  }
  if (!isFactCondition(condition)) return;
  lintFactReference(condition.fact, condition.path, scope, path, report);
  if (condition.params !== undefined) report([...path, 'params'], 'fact params are not used by Scrubjay facts; remove them');
  const operator = OPERATORS.get(condition.operator);
  if (!operator) {
    report([...path, 'operator'], `unknown operator "${condition.operator}" (known: ${[...OPERATOR_NAMES].join(', ')})`);
    return;
  }
  const value = condition.value;
  const valuePath = [...path, 'value'];
  const isFactValue = value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value;
  if (isFactValue) {
    // a pattern or a list name taken from a claim would let claim data choose the regular expression (one that does not
    // compile would stop the scrub) or the list; such a value only ever means something written in the rule
    if (operator.valueKind === 'regex' || operator.valueKind === 'list' || operator.valueKind === 'history-query') {
      report(valuePath, `operator ${condition.operator} needs ${operator.valueKind === 'regex' ? 'a regular expression' : 'the name of a list'} written in the rule, not a fact value`);
      return;
    }
    const ref = value as { fact: unknown; path?: unknown };
    if (typeof ref.fact !== 'string' || (ref.path !== undefined && typeof ref.path !== 'string')) report(valuePath, 'a fact value needs a `fact` name and an optional `path`');
    else lintFactReference(ref.fact, ref.path as string | undefined, scope, valuePath, report);
    return;
  }
  const name = condition.operator;
  switch (operator.valueKind) {
    case 'array':
      if (!Array.isArray(value)) report(valuePath, `operator ${name} needs a list as its value`);
      break;
    case 'number':
      if (typeof value !== 'number') report(valuePath, `operator ${name} needs a number as its value`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') report(valuePath, `operator ${name} needs true or false as its value`);
      break;
    case 'regex':
      if (typeof value !== 'string') report(valuePath, `operator ${name} needs a regular expression (text) as its value`);
      else {
        const problem = patternProblem(value);
        if (problem !== undefined) report(valuePath, `regular expression "${value}" cannot be used: ${problem}`, 'SJ_RULES_PATTERN');
      }
      break;
    case 'list':
      if (typeof value !== 'string' || !lists.has(value)) {
        report(valuePath, `operator ${name} needs the name of a list in rules/lists; "${String(value)}" is not one (known: ${[...lists.keys()].join(', ') || 'none'})`);
      }
      break;
    case 'history-query': {
      const problem = historyQueryProblem(value, new Set(lists.keys()));
      if (problem !== undefined) report(valuePath, `operator ${name} ${problem}`);
      break;
    }
    case 'date-or-fact':
      if (!isIsoDate(value)) report(valuePath, `operator ${name} needs a date (YYYY-MM-DD) or a fact reference as its value`);
      break;
    case 'any':
      break;
  }
}

function lintFactReference(fact: string, path: string | undefined, scope: Scope, at: Array<string | number>, report: Report): void {
  const def = FACTS[fact];
  if (!def) {
    report([...at, 'fact'], `unknown fact "${fact}" (known: ${Object.keys(FACTS).join(', ')})`);
    return;
  }
  if (!def.scopes.includes(scope)) {
    report([...at, 'fact'], `fact "${fact}" is not available to ${scope} rules (available: ${factsInScope(scope).join(', ')})`);
    return;
  }
  if (path === undefined) return;
  const segments = parsePath(path);
  if (segments === null) {
    report([...at, 'path'], `path "${path}" is not of the form $.field.field or $.list[0]`);
    return;
  }
  if (segments[0] === 'raw') {
    report([...at, 'path'], `"raw" holds the claim as received and is for quoting in messages; test the normalised fields instead`);
    return;
  }
  const missing = unknownField(def.fields, segments);
  if (missing) report([...at, 'path'], `fact "${fact}" has no field "${missing}"`);
}

/** What the catalog says is at a path: a field tree, a leaf's description, or undefined for an unknown field. */
function fieldAt(fields: FieldTree, segments: readonly PathSegment[]): FieldTree | string | undefined {
  let tree: FieldTree | string = fields;
  for (const segment of segments) {
    if (typeof segment === 'number' || typeof tree === 'string') continue;
    if (!Object.prototype.hasOwnProperty.call(tree, segment)) return undefined;
    tree = tree[segment] as FieldTree | string;
  }
  return tree;
}

/** The first field of a path that the catalog does not know, or undefined when all are known. */
function unknownField(fields: FieldTree, segments: readonly PathSegment[]): string | undefined {
  let tree: FieldTree | string = fields;
  for (const segment of segments) {
    if (typeof segment === 'number') continue; // list index: the catalog describes the list as a whole
    if (typeof tree === 'string') return undefined; // below a leaf (e.g. raw values) anything goes
    if (!Object.prototype.hasOwnProperty.call(tree, segment)) return segment;
    tree = tree[segment] as FieldTree | string;
  }
  return undefined;
}

function lintField(rule: LoadedRule, report: Report): void {
  if (rule.field === undefined) return;
  if (rule.scope === 'diagnosis') return;
  const root = rule.scope === 'claim' ? CLAIM_FIELDS : LINE_FIELDS;
  const segments = parsePath(`$.${rule.field}`);
  const missing = segments === null ? rule.field : unknownField(root, segments);
  if (missing) report(['field'], `field "${rule.field}" is not a ${rule.scope === 'claim' ? 'claim' : 'line'} field ("${missing}")`);
}

function lintTemplate(text: string, scope: Scope, report: (message: string) => void): void {
  const template = parseTemplate(text);
  for (const bad of template.malformed) report(`template hole "{{${bad}}}" is not of the form {{fact.field}}`);
  for (const hole of template.holes) {
    const def = FACTS[hole.fact];
    if (!def) report(`template refers to unknown fact "${hole.fact}"`);
    else if (!def.scopes.includes(scope)) report(`template refers to fact "${hole.fact}", which ${scope} rules do not have`);
    else {
      const missing = unknownField(def.fields, hole.segments);
      if (missing) report(`template refers to "${hole.source}": fact "${hole.fact}" has no field "${missing}"`);
    }
  }
}

function lintReportOn(rule: LoadedRule, report: Report): void {
  if (rule.reportOn === undefined) return;
  if (rule.scope !== 'pair') {
    report(['reportOn'], `only pair rules choose the line to report on; a ${rule.scope} rule reports on its own item`);
    return;
  }
  const parsed = parseFactReference(rule.reportOn);
  const def = parsed ? FACTS[parsed.fact] : undefined;
  if (!parsed || !def || !def.scopes.includes(rule.scope)) {
    report(['reportOn'], `"${rule.reportOn}" is not a fact path of a pair rule`);
    return;
  }
  if (fieldAt(def.fields, parsed.segments) !== LINE_FIELDS) report(['reportOn'], `"${rule.reportOn}" does not name a line (use e.g. pair.first or ptp.column2)`);
}

function lintTests(rule: LoadedRule, report: Report): void {
  if (!rule.tests.some((t) => t.expect === 'fire')) report(['tests'], 'needs at least one test that expects the rule to fire');
  if (!rule.tests.some((t) => t.expect === 'pass')) report(['tests'], 'needs at least one test that expects the rule to pass');
  rule.tests.forEach((t, i) => {
    // a diagnosis rule reports on the first line pointing to the diagnosis it fails for
    if (t.line !== undefined && rule.scope === 'claim') report(['tests', i, 'line'], 'a claim rule reports no line; remove "line"');
    if (t.asOf !== undefined && !isIsoDate(t.asOf)) report(['tests', i, 'asOf'], `"${t.asOf}" is not a date`);
    if (t.reference !== undefined) {
      const parsed = referenceFixtureSchema.safeParse(t.reference);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
          report(['tests', i, 'reference', ...path], `test reference data${path.length ? ` "${path.join('.')}"` : ''}: ${issue.message}`);
        }
      }
    }
  });
}
