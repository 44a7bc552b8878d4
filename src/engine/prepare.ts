/**
 * A rule set made ready to evaluate: conditions compiled, templates parsed, and rules
 * indexed by the scope that triggers them, so each claim item only meets its own rules.
 */
import { operatorTable, type OperatorTable } from '../rules/operators.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { LoadedRule, RuleSet } from '../rules/rule.js';
import { parseTemplate, type Template } from '../rules/template.js';
import { compileCondition, type CompiledCondition } from './compile.js';

export interface PreparedRule {
  rule: LoadedRule;
  test: CompiledCondition;
  message: Template;
  explanation: Template;
  fix: Template;
}

export interface PreparedRuleSet {
  ruleSet: RuleSet;
  operators: OperatorTable;
  byScope: Readonly<Record<Scope, PreparedRule[]>>;
  byId: ReadonlyMap<string, PreparedRule>;
}

export function prepareRuleSet(ruleSet: RuleSet): PreparedRuleSet {
  const operators = operatorTable((name) => ruleSet.lists.get(name));
  const byScope: Record<Scope, PreparedRule[]> = { claim: [], diagnosis: [], line: [], pair: [] };
  const byId = new Map<string, PreparedRule>();
  for (const rule of ruleSet.rules) {
    const prepared: PreparedRule = {
      rule,
      test: compileCondition(rule.conditions, operators),
      message: parseTemplate(rule.message.trim()),
      explanation: parseTemplate(rule.explanation.trim()),
      fix: parseTemplate(rule.fix.trim()),
    };
    byScope[rule.scope].push(prepared);
    byId.set(rule.id, prepared);
  }
  return { ruleSet, operators, byScope, byId };
}
