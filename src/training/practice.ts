/**
 * Practice claims: the rules folder's base claim, varied, with one or more defects planted
 * from the rules' own firing tests, then scrubbed so the answer is exactly what the scrub
 * finds. Level 1 plants one obvious defect (a missing field, a malformed code), level 2 one
 * that needs a policy to see (an edit table, compatibility, filing, history), level 3
 * several at once. The same seed always gives the same claim.
 */
import type { ClaimInput } from '../contract/claim.js';
import type { Finding, ScrubResult } from '../engine/finding.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim } from '../engine/scrub.js';
import type { RuleSet } from '../rules/rule.js';
import { overlay } from '../ruleset/overlay.js';
import { caseOptions, testClaim } from '../ruleset/test-runner.js';
import { pick, seededRandom, type Random } from './random.js';
import { isObvious, isPlain, practiceSeeds, type PracticeLevel, type PracticeSeed } from './seeds.js';
import { drawVariation, variedBase, withName, type Variation } from './variation.js';

export interface PracticeOptions {
  level: PracticeLevel;
  seed: number;
  /** only defects of this family (`code-compatibility/procedure-age`), for practising a weak spot */
  family?: string;
}

export interface PlantedDefect {
  ruleId: string;
  /** the rule test it came from */
  test: string;
  family: string;
}

export interface PracticeClaim {
  seed: number;
  level: PracticeLevel;
  claim: ClaimInput;
  /** the date the claim is judged as */
  asOf: string;
  planted: PlantedDefect[];
  /** what the scrub found that a trainee should mark: errors and warnings, in the scrub's order */
  answer: Finding[];
  result: ScrubResult;
}

/** Seeds tried before giving up: a combination can cancel itself (two defects on the same field). */
const TRIES = 40;

export function generatePractice(prepared: PreparedRuleSet, options: PracticeOptions): PracticeClaim {
  const { ruleSet } = prepared;
  const pool = poolFor(practiceSeeds(ruleSet), options);
  if (pool.length === 0) throw new RangeError(`no practice defects for level ${options.level}${options.family ? ` in ${options.family}` : ''}`);
  const random = seededRandom(options.seed);
  for (let i = 0; i < TRIES; i++) {
    const planted = plantsFor(random, pool, practiceSeeds(ruleSet).filter(isPlain), options.level);
    const variation = drawVariation(random);
    if (options.level === 3 && planted.length < 2) continue;
    const plain = build(prepared, ruleSet, planted, undefined);
    if (plain === null) continue;
    // a variation that changes what the scrub finds would plant a defect nobody chose; a date or code
    // can (an age rule, a history rule), a made-up name hardly ever, so the name alone is tried next
    const fits = (built: Built | null): built is Built => built !== null && sameRules(built.answer, plain.answer);
    let chosen = build(prepared, ruleSet, planted, variation);
    if (!fits(chosen)) chosen = build(prepared, ruleSet, planted, variation, false);
    if (!fits(chosen)) chosen = plain;
    return { seed: options.seed, level: options.level, ...chosen, planted: planted.map((s) => ({ ruleId: s.rule.id, test: s.test.name, family: s.family })) };
  }
  throw new RangeError(`no practice claim could be made for level ${options.level} from seed ${options.seed}`);
}

function poolFor(seeds: PracticeSeed[], options: PracticeOptions): PracticeSeed[] {
  return seeds.filter((s) => {
    if (options.family !== undefined && s.family !== options.family) return false;
    if (options.level === 1) return isObvious(s.family);
    if (options.level === 2) return !isObvious(s.family);
    return true;
  });
}

/** The first defect may need its own tables, history or dates; the others must not, so they can share its claim. */
function plantsFor(random: Random, pool: PracticeSeed[], plain: PracticeSeed[], level: PracticeLevel): PracticeSeed[] {
  const first = pick(random, pool);
  if (level !== 3) return [first];
  const count = 1 + Math.floor(random() * 2);
  const planted = [first];
  for (let i = 0; i < count * 4 && planted.length <= count; i++) {
    const next = pick(random, plain);
    if (planted.every((s) => s.family !== next.family)) planted.push(next);
  }
  return planted;
}

interface Built {
  claim: ClaimInput;
  asOf: string;
  answer: Finding[];
  result: ScrubResult;
}

/** `visit`: vary the visit (date, code, birth year) as well as the patient's name. */
function build(prepared: PreparedRuleSet, ruleSet: RuleSet, planted: PracticeSeed[], variation: Variation | undefined, visit = true): Built | null {
  const [first, ...others] = planted as [PracticeSeed, ...PracticeSeed[]];
  let base: Record<string, unknown> = variation && visit ? variedBase(ruleSet.baseClaim, variation) : ruleSet.baseClaim;
  for (const other of others) base = overlay(base, other.test.claim ?? {}) as Record<string, unknown>;
  const laid = testClaim({ ...ruleSet, baseClaim: base }, first.test);
  if (laid.problem !== undefined) return null;
  let claim = structuredClone(laid.claim) as unknown as Record<string, unknown>;
  if (variation) {
    // only a varied claim is renamed: the unvaried build is the check that nothing but the defects changed
    if (claim.claimId === ruleSet.baseClaim.claimId) claim.claimId = `PRACTICE-${variation.lastName.toUpperCase()}`;
    for (const seed of planted) claim = withName(claim, variation, seed.test.claim ?? {});
  }
  if (planted.every((seed) => !('totalCharge' in (seed.test.claim ?? {})))) claim.totalCharge = totalOf(claim);
  const result = scrubClaim(claim as unknown as ClaimInput, prepared, caseOptions(laid.asOf, laid.reference, laid.history));
  const answer = result.findings.filter((f) => f.severity !== 'info');
  const fired = planted.every((seed) => answer.some((f) => f.ruleId === seed.rule.id && (seed.test.line === undefined || f.line === seed.test.line)));
  return fired ? { claim: claim as unknown as ClaimInput, asOf: laid.asOf, answer, result } : null;
}

function sameRules(a: readonly Finding[], b: readonly Finding[]): boolean {
  const key = (f: Finding): string => `${f.ruleId}|${f.line ?? ''}`;
  const left = a.map(key).sort().join(',');
  return left === b.map(key).sort().join(',');
}

/** A defect that adds or reprices lines would otherwise also plant a wrong total nobody chose. */
function totalOf(claim: Record<string, unknown>): unknown {
  const lines = Array.isArray(claim.lines) ? (claim.lines as Array<Record<string, unknown>>) : [];
  if (!lines.every((l) => typeof l?.charge === 'number')) return claim.totalCharge;
  return Math.round(lines.reduce((sum, l) => sum + (l.charge as number), 0) * 100) / 100;
}
