/**
 * A rule set made ready to evaluate: conditions compiled, templates parsed, and rules
 * indexed by what triggers them — first by scope, so each claim item only meets its own
 * rules, then (for line rules) by procedure code: a line rule whose top-level `all`
 * tests `line.procedureCode` (a preventive visit, a sex-specific range, ...) is only a
 * candidate for the codes that pass that test. The gate re-uses the rule's own compiled
 * leaf, and the full condition still runs, so the index changes speed, never results.
 */
import { operatorTable, type OperatorTable } from '../rules/operators.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { LoadedRule, RuleSet } from '../rules/rule.js';
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import { parseTemplate, type Template } from '../rules/template.js';
import { isFactCondition, type Condition } from '../rules/rule.js';
import { parsePath, resolveSegments } from '../rules/path.js';
import { compileCondition, type CompiledCondition } from './compile.js';

export interface PreparedRule {
  rule: LoadedRule;
  test: CompiledCondition;
  /** reads the line a finding is reported on, for rules with `reportOn` */
  reportOn?: (facts: Readonly<Record<string, unknown>>) => unknown;
  message: Template;
  explanation: Template;
  fix: Template;
}

export interface PreparedRuleSet {
  ruleSet: RuleSet;
  operators: OperatorTable;
  byScope: Readonly<Record<Scope, PreparedRule[]>>;
  byId: ReadonlyMap<string, PreparedRule>;
  /** the line rules that can fire for a line with this procedure code, in rule-set order */
  lineRulesFor(procedureCode: string | null): readonly PreparedRule[];
  /** the payer profile of a payer id and kind (remembered: claims repeat payers) */
  profileFor(payerId: string | null, kind: string | null): PayerProfile | undefined;
}

function profileIndex(profiles: readonly PayerProfile[]): PreparedRuleSet['profileFor'] {
  const known = new Map<string, PayerProfile | undefined>();
  return (payerId, kind) => {
    const key = `${payerId}|${kind}`;
    if (known.has(key)) return known.get(key);
    const profile = selectProfile(profiles, payerId, kind);
    if (known.size < 10_000) known.set(key, profile);
    return profile;
  };
}

/** The top-level `all` tests that read only the line's procedure code, compiled as one gate. */
function procedureCodeGate(rule: LoadedRule, operators: OperatorTable): ((code: string | null) => boolean) | undefined {
  const top = rule.conditions as Condition;
  if (!('all' in top)) return undefined;
  const leaves = top.all.filter(
    (c) => isFactCondition(c) && c.fact === 'line' && c.path === '$.procedureCode' && !(c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value)),
  );
  if (leaves.length === 0) return undefined;
  const gate = compileCondition({ all: leaves }, operators);
  return (code) => gate({ line: { procedureCode: code } });
}

/** `fact.field.field` → a reader of that value from an item's facts. */
function factPathReader(reference: string): (facts: Readonly<Record<string, unknown>>) => unknown {
  const dot = reference.indexOf('.');
  const fact = dot === -1 ? reference : reference.slice(0, dot);
  const segments = parsePath(`$${dot === -1 ? '' : reference.slice(dot)}`) ?? [];
  return (facts) => resolveSegments(facts[fact], segments);
}

const CODE_INDEX_LIMIT = 50_000;

function lineRuleIndex(rules: readonly PreparedRule[], operators: OperatorTable): (code: string | null) => readonly PreparedRule[] {
  const gates = rules.map((r) => procedureCodeGate(r.rule, operators));
  const index = new Map<string | null, readonly PreparedRule[]>();
  return (code) => {
    let candidates = index.get(code);
    if (candidates === undefined) {
      candidates = rules.filter((_, i) => gates[i]?.(code) ?? true);
      if (index.size >= CODE_INDEX_LIMIT) index.clear();
      index.set(code, candidates);
    }
    return candidates;
  };
}

export function prepareRuleSet(ruleSet: RuleSet): PreparedRuleSet {
  const operators = operatorTable((name) => ruleSet.lists.get(name));
  const byScope: Record<Scope, PreparedRule[]> = { claim: [], diagnosis: [], line: [], pair: [] };
  const byId = new Map<string, PreparedRule>();
  for (const rule of ruleSet.rules) {
    const prepared: PreparedRule = {
      rule,
      test: compileCondition(rule.conditions, operators),
      ...(rule.reportOn ? { reportOn: factPathReader(rule.reportOn) } : {}),
      message: parseTemplate(rule.message.trim()),
      explanation: parseTemplate(rule.explanation.trim()),
      fix: parseTemplate(rule.fix.trim()),
    };
    byScope[rule.scope].push(prepared);
    byId.set(rule.id, prepared);
  }
  return { ruleSet, operators, byScope, byId, lineRulesFor: lineRuleIndex(byScope.line, operators), profileFor: profileIndex(ruleSet.payers) };
}
