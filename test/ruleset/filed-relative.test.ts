import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import type { RuleSet, RuleTest } from '../../src/rules/rule.js';
import { runRuleTests, testClaim } from '../../src/ruleset/test-runner.js';
import { editByRename, saveByRename } from '../support/folders.js';
import { copyOfShippedRules, lineOf } from '../support/rule-folders.js';

const AETNA = { id: '60054', name: 'Aetna', kind: 'commercial' };
const MEDICAID = { id: 'SKMED', name: 'State Medicaid', kind: 'medicaid' };
const FILING_FILE = join('timely-filing', 'filing-limit.yaml');

/** A copy of the shipped rules with Aetna's limit set to `days`, loaded (it must load clean). */
function rulesWithAetnaAt(days: number): { dir: string; ruleSet: RuleSet } {
  const dir = copyOfShippedRules();
  editByRename(join(dir, 'payers', 'aetna.yaml'), 'period: { days: 90 }', `period: { days: ${days} }`);
  const { ruleSet, problems } = loadRuleSet(dir);
  expect(problems.map(formatProblem)).toEqual([]);
  return { dir, ruleSet: ruleSet! };
}

const filedCase = (claim: Record<string, unknown>, filed: RuleTest['filed'], extra: Partial<RuleTest> = {}): RuleTest => ({ name: 'probe', expect: 'pass', claim, filed, ...extra });

describe('a rule test filed relative to the filing deadline', () => {
  it('is filed on the date the payer profile gives: days for a contract, calendar months for Medicaid, the calendar year for Medicare', () => {
    const { ruleSet } = rulesWithAetnaAt(45);
    const aetna = testClaim(ruleSet, filedCase({ payer: AETNA, lines: [{ serviceDate: '2026-01-01' }] }, { daysBeforeDeadline: 0 }));
    expect(aetna.claim.submissionDate).toBe('2026-02-15');
    const medicaid = testClaim(ruleSet, filedCase({ payer: MEDICAID, lines: [{ serviceDate: '2025-01-31' }] }, { daysBeforeDeadline: 29 }));
    expect(medicaid.claim.submissionDate).toBe('2026-01-02');
    // the base claim's payer is Medicare; a February 29 service has its deadline on February 28
    const medicare = testClaim(ruleSet, filedCase({ lines: [{ serviceDate: '2024-02-29' }] }, { daysAfterDeadline: 1 }));
    expect(medicare.claim.submissionDate).toBe('2025-03-01');
    for (const filed of [aetna, medicaid, medicare]) expect(filed.problem).toBeUndefined();
  });

  it('sets the scrub date instead when the claim has no submission date, and counts from the line it names', () => {
    const { ruleSet } = rulesWithAetnaAt(45);
    const base = testClaim(ruleSet, { name: 'base', expect: 'pass' });
    const unsent = testClaim(ruleSet, filedCase({ payer: AETNA, submissionDate: null, lines: [{ serviceDate: '2026-01-01' }, { serviceDate: '2026-03-01' }] }, { daysAfterDeadline: 2, line: 2 }));
    expect(unsent.claim.submissionDate).toBeNull();
    expect(unsent.asOf).toBe('2026-04-17');
    // a case filed by submission date keeps the scrub date it would have had
    const sent = testClaim(ruleSet, filedCase({ payer: AETNA }, { daysBeforeDeadline: 10 }));
    expect(sent.asOf).toBe(base.asOf);
  });

  it('follows a changed profile: the shipped tests pin Aetna\'s deadline wherever the profile puts it', async () => {
    for (const days of [30, 90, 180, 365]) {
      const { ruleSet } = rulesWithAetnaAt(days);
      const report = await runRuleTests(ruleSet, undefined, (rule) => rule.category === 'timely-filing');
      expect(report.outcomes.filter((o) => !o.passed).map((o) => `${o.ruleId} / ${o.test}: ${o.reason}`), `${days} days`).toEqual([]);
      expect(report.outcomes.filter((o) => o.test.startsWith('Aetna')).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('fails, at the case, when the claim gets another profile than it names, lacks the line, or the line has no date of service', async () => {
    const dir = copyOfShippedRules();
    const file = join(dir, FILING_FILE);
    const cases = [
      '    - name: a Cigna case with Aetna\'s payer id',
      '      claim: { payer: { id: "60054", name: Aetna, kind: commercial } }',
      '      filed: { daysAfterDeadline: 1, profile: cigna }',
      '      expect: fire',
      '    - name: a third line that is not there',
      '      filed: { daysAfterDeadline: 1, line: 3 }',
      '      expect: fire',
      '    - name: a line without a date of service',
      '      claim: { lines: [{ serviceDate: null }] }',
      '      filed: { daysBeforeDeadline: 0 }',
      '      expect: pass',
      '',
    ].join('\n');
    const text = readFileSync(file, 'utf8').replace('    - name: base claim\n      expect: pass\n', `    - name: base claim\n      expect: pass\n${cases}`);
    saveByRename(file, text);
    const { ruleSet, problems } = loadRuleSet(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    const report = await runRuleTests(ruleSet!, undefined, (rule) => rule.id === 'timely-filing-limit-expired');
    const failed = report.outcomes.filter((o) => !o.passed).map((o) => ({ test: o.test, reason: o.reason, file: o.source.file, line: o.source.line }));
    expect(failed).toEqual([
      { test: "a Cigna case with Aetna's payer id", reason: `filed: the claim gets the payer profile "aetna" (${join(dir, 'payers', 'aetna.yaml')}), not "cigna"`, file, line: lineOf(text, "a Cigna case with Aetna's payer id") },
      { test: 'a third line that is not there', reason: 'filed: the claim has no line 3 (it has 1)', file, line: lineOf(text, 'a third line that is not there') },
      { test: 'a line without a date of service', reason: 'filed: line 1 has no valid date of service to count the deadline from', file, line: lineOf(text, 'a line without a date of service') },
    ]);
    expect(report.failed).toBe(3);
  });
});
