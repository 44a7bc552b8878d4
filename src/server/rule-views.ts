/** What the REST API shows of a rule: everything a reader needs, nothing of the loader's internals. */
import { can, type Role } from '../access/index.js';
import type { LoadedRule } from '../rules/rule.js';
import type { RulesStatus } from '../ruleset/live.js';

/**
 * The rules status as a role sees it. Whoever owns the rules sees why an edit was refused;
 * everyone else sees only that the set in force is unchanged, since a half-made edit is the
 * rule owners' business and its messages name files on the server.
 */
export function rulesStatusFor(status: RulesStatus, role: Role): RulesStatus {
  if (can(role, 'rules:write')) return status;
  return { ...status, problems: [], failedTests: [] };
}

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
