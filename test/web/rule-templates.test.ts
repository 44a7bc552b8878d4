/**
 * The workbench's new-rule templates: each, saved in its family's folder of a copy of the
 * shipped rules, lints clean and its own tests pass, so an author starts from a valid rule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { runRuleTests } from '../../src/ruleset/test-runner.js';
import { RULE_TEMPLATES } from '../../web/js/rule-templates.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

describe('new-rule templates', () => {
  it('has one for each family of the shipped rules', () => {
    const { ruleSet } = loadRuleSet(copyOfShippedRules());
    const families = new Set(ruleSet!.rules.map((rule) => rule.category));
    expect(RULE_TEMPLATES.map((t) => t.family).sort()).toEqual([...families].sort());
  });

  for (const template of RULE_TEMPLATES) {
    it(`${template.family}: lints clean and passes its own tests`, async () => {
      const dir = copyOfShippedRules();
      const id = `new-${template.family}-rule`;
      writeFileSync(join(dir, template.family, `${id}.yaml`), template.text(id));
      const { ruleSet, problems } = loadRuleSet(dir);
      expect(problems.map(formatProblem)).toEqual([]);
      const rule = ruleSet!.rules.find((r) => r.id === id);
      expect(rule?.category).toBe(template.family);
      const report = await runRuleTests(ruleSet!, undefined, (r) => r.id === id);
      expect(report.outcomes.filter((o) => !o.passed)).toEqual([]);
      expect(report.passed).toBe(2);
      expect(report.baseClaimFindings).toEqual([]);
    });
  }
});
