/**
 * The defects a practice claim can carry: every firing test written inside a rule file.
 * Each rule's own tests are the surest way to plant exactly the problem the rule knows, and
 * they grow with the rule set without anyone writing exercises by hand.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LoadedRule, RuleSet, RuleTest } from '../rules/rule.js';

export type PracticeLevel = 1 | 2 | 3;
export const PRACTICE_LEVELS: readonly PracticeLevel[] = [1, 2, 3];

export interface PracticeSeed {
  rule: LoadedRule;
  test: RuleTest;
  /** the rule's file under the rules folder without its extension: `code-compatibility/procedure-age` */
  family: string;
}

/** Folders whose problems a trainee can see on the face of the claim: a blank field, a malformed code. */
const OBVIOUS = new Set(['missing-information', 'code-validity']);

/** Source files are named from where the server runs, or from the folder itself; the family is the part below the rules folder. */
export function familyOf(rule: LoadedRule, rulesDir: string): string {
  const below = relative(resolve(rulesDir), resolve(rule.source.file));
  // a set checked as a draft names its files from the folder already
  const path = below.startsWith('..') || isAbsolute(below) ? rule.source.file : below;
  return path.split(sep).join('/').replace(/\.ya?ml$/, '');
}

/** Obvious defects teach level 1; the rest (edit tables, compatibility, filing, history) need knowing a policy. */
export function isObvious(family: string): boolean {
  return OBVIOUS.has(family.split('/')[0]!);
}

/** A seed that needs nothing but its claim: it can be laid beside another without its tables or dates getting in the way. */
export function isPlain(seed: PracticeSeed): boolean {
  const { test } = seed;
  return test.reference === undefined && test.history === undefined && test.filed === undefined && test.asOf === undefined;
}

/** Every firing test of the rule set, in rule order, so a seed number always picks the same one. */
export function practiceSeeds(ruleSet: RuleSet): PracticeSeed[] {
  const seeds: PracticeSeed[] = [];
  for (const rule of ruleSet.rules) {
    const family = familyOf(rule, ruleSet.dir);
    for (const test of rule.tests) if (test.expect === 'fire') seeds.push({ rule, test, family });
  }
  return seeds;
}

/** Every family that has at least one seed: what a trainee can be asked to practise. */
export function practiceFamilies(ruleSet: RuleSet): string[] {
  return [...new Set(practiceSeeds(ruleSet).map((s) => s.family))].sort();
}
