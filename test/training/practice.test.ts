import { describe, expect, it } from 'vitest';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { generatePractice } from '../../src/training/practice.js';
import { isObvious, practiceFamilies } from '../../src/training/seeds.js';
import { RULES_DIR } from '../support/paths.js';

const prepared = loadPreparedRuleSet(RULES_DIR);
const subscriberOf = (claim: unknown): { firstName?: string; lastName?: string } => ((claim as { subscriber?: object }).subscriber ?? {}) as { firstName?: string; lastName?: string };
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('practice claims', () => {
  it('are the same claim, defects and answer for the same seed', () => {
    for (const level of [1, 2, 3] as const) {
      expect(generatePractice(prepared, { level, seed: 7 })).toEqual(generatePractice(prepared, { level, seed: 7 }));
    }
  });

  it('vary with the seed: other defects, other made-up patients', () => {
    const claims = SEEDS.map((seed) => generatePractice(prepared, { level: 1, seed }));
    expect(new Set(claims.map((c) => c.planted[0]!.ruleId)).size).toBeGreaterThan(10);
    const names = new Set(claims.map((c) => `${subscriberOf(c.claim).firstName} ${subscriberOf(c.claim).lastName}`));
    expect(names.size).toBeGreaterThan(5);
    // the base claim's patient is the rules folder's; a practice claim shows someone made up
    expect(claims.filter((c) => subscriberOf(c.claim).lastName === 'Diaz').length).toBeLessThan(claims.length / 4);
  });

  it('level 1 plants one obvious defect, and the scrub finds it', () => {
    for (const seed of SEEDS) {
      const practice = generatePractice(prepared, { level: 1, seed });
      expect(practice.planted).toHaveLength(1);
      expect(isObvious(practice.planted[0]!.family)).toBe(true);
      expect(practice.answer.map((f) => f.ruleId)).toContain(practice.planted[0]!.ruleId);
    }
  });

  it('level 2 plants one defect that takes a policy to see (edit tables, compatibility, filing, history)', () => {
    const families = new Set<string>();
    for (const seed of SEEDS) {
      const practice = generatePractice(prepared, { level: 2, seed });
      expect(practice.planted).toHaveLength(1);
      expect(isObvious(practice.planted[0]!.family)).toBe(false);
      expect(practice.answer.map((f) => f.ruleId)).toContain(practice.planted[0]!.ruleId);
      families.add(practice.planted[0]!.family.split('/')[0]!);
    }
    expect(families.size).toBeGreaterThan(2);
  });

  it('level 3 plants several defects of different families, all found', () => {
    for (const seed of SEEDS) {
      const practice = generatePractice(prepared, { level: 3, seed });
      expect(practice.planted.length).toBeGreaterThanOrEqual(2);
      expect(new Set(practice.planted.map((p) => p.family)).size).toBe(practice.planted.length);
      for (const planted of practice.planted) expect(practice.answer.map((f) => f.ruleId)).toContain(planted.ruleId);
    }
  });

  it('keeps to one family when asked, for practising a weak spot', () => {
    const family = 'code-compatibility/procedure-age';
    expect(practiceFamilies(prepared.ruleSet)).toContain(family);
    for (const seed of SEEDS.slice(0, 10)) {
      expect(generatePractice(prepared, { level: 2, seed, family }).planted[0]!.family).toBe(family);
    }
  });

  it('refuses a family that has no defects at the level asked', () => {
    expect(() => generatePractice(prepared, { level: 1, seed: 1, family: 'code-compatibility/procedure-age' })).toThrow(RangeError);
  });
});
