import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJreScrubber } from '../../src/engine/jre.js';
import { caseOptions } from '../../src/ruleset/test-runner.js';
import { prepareRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { ruleSchema } from '../../src/rules/schema.js';
import { blockingFindings, judge, testClaim } from '../../src/ruleset/test-runner.js';
import { RULES_DIR } from '../support/paths.js';

const { ruleSet, problems } = loadRuleSet(RULES_DIR);

describe('the shipped rule set', () => {
  it('loads without a single problem', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    // every rule written in the folder is loaded, once: one per `id:` at the top of a rule document or list entry
    const ruleFiles = readdirSync(RULES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && f.includes(sep) && !/^(lists|payers|codes)[\\/]/.test(f));
    const written = ruleFiles.flatMap((file) => [...readFileSync(join(RULES_DIR, file), 'utf8').matchAll(/^(?:- )?id: (\S+)$/gm)].map((m) => m[1]));
    expect(ruleSet!.rules.map((r) => r.id).sort()).toEqual(written.sort());
    expect(new Set(written).size).toBe(written.length);
  });

  it('publishes the schema it is validated with', () => {
    expect(JSON.parse(readFileSync(join(RULES_DIR, 'rule.schema.json'), 'utf8'))).toEqual(ruleSchema);
  });

  it('has a base claim with no errors or warnings (only the note that no code sets are loaded)', () => {
    const prepared = prepareRuleSet(ruleSet!);
    const { claim, asOf } = testClaim(ruleSet!, { name: 'base', expect: 'pass' });
    expect(blockingFindings(scrubClaim(claim, prepared, { asOf }))).toEqual([]);
    expect(scrubClaim(claim, prepared, { asOf }).findings.map((f) => f.ruleId)).toEqual(['reference-data-not-loaded']);
  });

  it('covers every category the contract names, each error with a CARC and every rule with a source', () => {
    const categories = new Set(ruleSet!.rules.map((r) => r.category));
    for (const c of ['missing-information', 'code-validity', 'code-compatibility', 'timely-filing', 'reference-data']) expect(categories).toContain(c);
    for (const rule of ruleSet!.rules) {
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const ref of rule.references) {
        expect(ref.title, rule.id).toMatch(/\S+ \S+/);
        if (ref.url !== undefined) expect(ref.url, rule.id).toMatch(/^https:\/\/[^\s/]+\.[^\s/]+\//);
      }
      // X12 reason codes are numbers or a letter and a number (B15: the qualifying service was not received)
      if (rule.severity === 'error') expect(rule.carc, rule.id).toMatch(/^[A-Z]?\d{1,3}$/);
    }
  });
});

describe('every shipped rule passes its own tests with both evaluators', () => {
  const prepared = prepareRuleSet(ruleSet!);
  const jre = createJreScrubber(prepared);
  it.each(ruleSet!.rules.map((rule) => [rule.id, rule] as const))('%s', async (_id, rule) => {
    expect(rule.tests.some((t) => t.expect === 'fire') && rule.tests.some((t) => t.expect === 'pass')).toBe(true);
    for (const test of rule.tests) {
      const { claim, asOf, reference, history, problem } = testClaim(ruleSet!, test);
      expect(problem, `${rule.id} / ${test.name}`).toBeUndefined();
      const options = caseOptions(asOf, reference, history);
      const fast = scrubClaim(claim, prepared, options);
      expect(judge(rule, test, fast), `${rule.id} / ${test.name}`).toBeUndefined();
      expect(await jre.scrub(claim, options), `${rule.id} / ${test.name} (json-rules-engine)`).toEqual(fast);
    }
  });
});

describe('rules/README.md', () => {
  it('documents every fact field and operator a rule can use', async () => {
    const { FACTS } = await import('../../src/rules/facts-catalog.js');
    const { OPERATOR_NAMES } = await import('../../src/rules/operators.js');
    const readme = readFileSync(join(RULES_DIR, 'README.md'), 'utf8');
    for (const [fact, def] of Object.entries(FACTS)) {
      for (const field of Object.keys(def.fields)) expect(readme, `${fact}.${field}`).toMatch(new RegExp(`\\| \`${fact}\` \\| \`\\$\\.${field}[.\`]`));
    }
    for (const name of OPERATOR_NAMES) expect(readme).toContain(`| \`${name}\` |`);
  });
});
