/**
 * Checks the `filed:` of rule tests, which files a test claim relative to its filing
 * deadline: one day count, no written date it would silently replace, and a payer
 * profile that exists. Whether the claim has the line it names is known only once the
 * case's claim is laid over the base claim, so the test run reports that.
 */
import type { PayerProfile } from '../payers/profile.js';
import { ruleProblem, type RuleProblem } from './problems.js';
import type { LoadedRule } from './rule.js';

export function lintFiledTests(rules: readonly LoadedRule[], payers: readonly PayerProfile[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    rule.tests.forEach((test, i) => {
      const filed = test.filed;
      if (filed === undefined) return;
      const report = (path: ReadonlyArray<string | number>, message: string): void => {
        problems.push(ruleProblem('SJ_RULES_LINT', rule.locate(['tests', i, ...path]), `rule "${rule.id}": test "${test.name}": ${message}`, rule.id));
      };
      const before = filed.daysBeforeDeadline !== undefined;
      const after = filed.daysAfterDeadline !== undefined;
      if (before && after) report(['filed'], 'filed gives both daysBeforeDeadline and daysAfterDeadline; keep one');
      else if (!before && !after) report(['filed'], 'filed needs daysBeforeDeadline (0 is the deadline itself) or daysAfterDeadline');
      const submission = test.claim?.submissionDate;
      if (typeof submission === 'string') report(['claim', 'submissionDate'], 'filed sets the submission date from the deadline; remove claim.submissionDate');
      if (submission === null && test.asOf !== undefined) report(['asOf'], 'the claim has no submission date, so filed sets the scrub date; remove asOf');
      if (filed.profile !== undefined && !payers.some((p) => p.id === filed.profile)) {
        report(['filed', 'profile'], `no payer profile "${filed.profile}" in rules/payers (known: ${payers.map((p) => p.id).join(', ')})`);
      }
    });
  }
  return problems;
}
