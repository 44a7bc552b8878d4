import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import type { RuleSet } from '../../src/rules/rule.js';
import { readRuleFolder } from '../../src/ruleset/history/folder-files.js';
import { checkRuleFiles } from '../../src/ruleset/history/validate.js';
import { runRuleTests, testClaim } from '../../src/ruleset/test-runner.js';
import { editByRename } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { RULES_DIR } from '../support/paths.js';

const EXPIRED = 'timely-filing-limit-expired';

function loaded(dir: string): RuleSet {
  const { ruleSet, problems } = loadRuleSet(dir);
  expect(problems.map(formatProblem)).toEqual([]);
  return ruleSet!;
}

/** The rule ids a claim to Aetna, served 2026-01-01 and sent on day 120 (2026-05-01), gets under a rule set. */
function day120ForAetna(ruleSet: RuleSet): string[] {
  const { claim, asOf } = testClaim(ruleSet, {
    name: 'day 120',
    expect: 'pass',
    claim: { payer: { id: '60054', name: 'Aetna', kind: 'commercial' }, submissionDate: '2026-05-01', lines: [{ serviceDate: '2026-01-01' }] },
  });
  return scrubClaim(claim, prepareRuleSet(ruleSet), { asOf }).findings.map((f) => f.ruleId);
}

describe('a commercial contract renewed at 180 days', () => {
  it('is a change to the payer profiles alone: the whole set loads, every rule test passes, and day 120 is timely for Aetna', async () => {
    const dir = copyOfShippedRules();
    for (const payer of ['aetna', 'cigna']) editByRename(join(dir, 'payers', `${payer}.yaml`), 'period: { days: 90 }', 'period: { days: 180 }');
    const renewed = loaded(dir);
    expect(renewed.payers.filter((p) => p.timelyFiling.period.days === 180).map((p) => p.id).sort()).toEqual(['aetna', 'cigna']);

    const report = await runRuleTests(renewed);
    expect(report.outcomes.filter((o) => !o.passed).map((o) => `${o.source.file}:${o.source.line} ${o.ruleId} / ${o.test}: ${o.reason}`)).toEqual([]);
    expect(report.baseClaimFindings).toEqual([]);
    expect(report.passed).toBe(renewed.rules.reduce((n, rule) => n + rule.tests.length, 0));

    // the check a published change goes through accepts it as it is
    const check = await checkRuleFiles(readRuleFolder(dir));
    expect(check.problems).toEqual([]);
    expect(check.tests.failed).toEqual([]);
    expect(check.ok).toBe(true);

    expect(day120ForAetna(renewed)).not.toContain(EXPIRED);
    expect(day120ForAetna(loaded(RULES_DIR))).toContain(EXPIRED);
  });
});
