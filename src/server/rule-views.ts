/** What the REST API shows of a rule: everything a reader needs, nothing of the loader's internals. */
import type { LoadedRule } from '../rules/rule.js';

export function ruleSummary(rule: LoadedRule) {
  return { id: rule.id, title: rule.title, category: rule.category, severity: rule.severity, carc: rule.carc ?? null, scope: rule.scope };
}

export function ruleDetail(rule: LoadedRule) {
  return {
    ...ruleSummary(rule),
    rarc: rule.rarc ?? [],
    description: rule.description.trim(),
    references: rule.references,
    appliesTo: rule.appliesTo ?? null,
    conditions: rule.conditions,
    field: rule.field ?? null,
    message: rule.message.trim(),
    explanation: rule.explanation.trim(),
    fix: rule.fix.trim(),
    tests: rule.tests,
    source: rule.source,
  };
}
