/**
 * A rule set made ready to evaluate: rules grouped by the scope that triggers them (so
 * each claim item only meets its own rules), each scope's conditions compiled into one
 * function, templates parsed, and payer profiles remembered by payer.
 */
import { operatorTable, type OperatorTable } from '../rules/operators.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { LoadedRule, RuleSet } from '../rules/rule.js';
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import { compileTemplate, parseTemplate, type RenderedTemplate } from '../rules/template.js';
import { parseFactReference, resolveSegments } from '../rules/path.js';
import { compileScope, type ScopeEvaluator } from './compile.js';

export interface PreparedRule {
  rule: LoadedRule;
  /** reads the line a finding is reported on, for rules with `reportOn` */
  reportOn?: (facts: Readonly<Record<string, unknown>>) => unknown;
  message: RenderedTemplate;
  explanation: RenderedTemplate;
  fix: RenderedTemplate;
}

export interface PreparedScope {
  rules: PreparedRule[];
  evaluate: ScopeEvaluator;
}

export interface PreparedRuleSet {
  ruleSet: RuleSet;
  operators: OperatorTable;
  byScope: Readonly<Record<Scope, PreparedScope>>;
  byId: ReadonlyMap<string, PreparedRule>;
  /** the payer profile of a payer id and kind (remembered: claims repeat payers) */
  profileFor(payerId: string | null, kind: string | null): PayerProfile | undefined;
}

function profileIndex(profiles: readonly PayerProfile[]): PreparedRuleSet['profileFor'] {
  const known = new Map<string, PayerProfile | undefined>();
  // a file of claims is mostly one payer's: the last answer is checked before building a key
  let last: { payerId: string | null; kind: string | null; profile: PayerProfile | undefined } | undefined;
  return (payerId, kind) => {
    if (last !== undefined && last.payerId === payerId && last.kind === kind) return last.profile;
    const key = `${payerId}|${kind}`;
    let profile: PayerProfile | undefined;
    if (known.has(key)) profile = known.get(key);
    else {
      profile = selectProfile(profiles, payerId, kind);
      if (known.size < 10_000) known.set(key, profile);
    }
    last = { payerId, kind, profile };
    return profile;
  };
}

/** `fact.field.field` (checked by lint) → a reader of that value from an item's facts. */
function factPathReader(reference: string): (facts: Readonly<Record<string, unknown>>) => unknown {
  const { fact, segments } = parseFactReference(reference) ?? { fact: reference, segments: [] };
  return (facts) => resolveSegments(facts[fact], segments);
}

export function prepareRuleSet(ruleSet: RuleSet): PreparedRuleSet {
  const operators = operatorTable((name) => ruleSet.lists.get(name));
  const grouped: Record<Scope, PreparedRule[]> = { claim: [], diagnosis: [], line: [], pair: [] };
  const byId = new Map<string, PreparedRule>();
  for (const rule of ruleSet.rules) {
    const prepared: PreparedRule = {
      rule,
      ...(rule.reportOn ? { reportOn: factPathReader(rule.reportOn) } : {}),
      message: compileTemplate(parseTemplate(rule.message.trim())),
      explanation: compileTemplate(parseTemplate(rule.explanation.trim())),
      fix: compileTemplate(parseTemplate(rule.fix.trim())),
    };
    grouped[rule.scope].push(prepared);
    byId.set(rule.id, prepared);
  }
  const scope = (rules: PreparedRule[], name: Scope): PreparedScope => ({ rules, evaluate: compileScope(rules.map((r) => r.rule.conditions), operators, name) });
  const byScope = { claim: scope(grouped.claim, 'claim'), diagnosis: scope(grouped.diagnosis, 'diagnosis'), line: scope(grouped.line, 'line'), pair: scope(grouped.pair, 'pair') };
  return { ruleSet, operators, byScope, byId, profileFor: profileIndex(ruleSet.payers) };
}
