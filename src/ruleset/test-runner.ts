/**
 * Runs the test cases written inside rule files. Each case lays its partial claim over
 * the base claim, scrubs it with the whole rule set (and the case's own code-set entries,
 * when it gives any), and checks whether the rule under test fired (on the expected line,
 * when one is given). A case with `filed:` is filed that many days from its line's
 * filing deadline under the claim's payer profile. The base claim itself must scrub
 * without errors or warnings, or every "pass" case would prove nothing.
 */
import { prepareRuleSet, type PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim, type ScrubOptions } from '../engine/scrub.js';
import { ClaimsHistory, type ClaimHistory } from '../engine/history.js';
import { normalizeClaim } from '../claim/normalize.js';
import type { ScrubResult } from '../engine/finding.js';
import { overlay } from './overlay.js';
import { fileRelativeToDeadline } from './filed-date.js';
import { inMemoryReferenceData, referenceFixtureSchema } from '../reference/in-memory.js';
import type { ReferenceData } from '../reference/types.js';
import type { LoadedRule, RuleSet, RuleTest, SourcePosition } from '../rules/rule.js';
import type { ClaimInput } from '../contract/claim.js';

export interface RuleTestOutcome {
  ruleId: string;
  test: string;
  passed: boolean;
  source: SourcePosition;
  /** why it failed, in words */
  reason?: string;
}

export interface RuleTestReport {
  outcomes: RuleTestOutcome[];
  passed: number;
  failed: number;
  /** errors and warnings the base claim produced (it should produce none) */
  baseClaimFindings: ScrubResult['findings'];
  /** set when the run stopped because its time budget ran out; the outcomes are those of the cases run before */
  outOfTime?: OutOfTime;
}

/** Where a run stopped when its budget ran out: the rule whose case was running when the time was up. */
export interface OutOfTime {
  ruleId: string;
  /** the case's `name` */
  test: string;
  source: SourcePosition;
  budgetMs: number;
  elapsedMs: number;
  /** cases run, of all there were to run */
  ran: number;
  total: number;
}

export interface RuleTestLimits {
  /**
   * Time the whole run may take, in ms. A case is never interrupted (scrubbing is synchronous): the clock is read
   * after each case, and the run stops after the case that went past the budget, even when it was the last.
   */
  budgetMs?: number;
}

export interface TestCase {
  claim: ClaimInput;
  asOf: string;
  /** the case's own code-set entries; none loaded when the case gives none */
  reference?: ReferenceData;
  /** the patient's earlier claims, when the case lists them */
  history?: ClaimHistory;
  /** why the case cannot be run as written (its `filed:` names a line or profile the claim does not have); it then fails */
  problem?: string;
}

export type ClaimScrubber = (claim: ClaimInput, asOf: string, reference?: ReferenceData, history?: ClaimHistory) => ScrubResult | Promise<ScrubResult>;

/** The options a case is scrubbed with. */
export function caseOptions(asOf: string, reference?: ReferenceData, history?: ClaimHistory): ScrubOptions {
  return { asOf, ...(reference ? { reference } : {}), ...(history ? { history } : {}) };
}

export function testClaim(ruleSet: RuleSet, test: RuleTest): TestCase {
  // the base claim has its lines; a test that replaces them with something else is scrubbed as any untrusted claim is
  const claim = overlay(ruleSet.baseClaim, test.claim ?? {}) as ClaimInput;
  const submission = typeof ruleSet.baseClaim.submissionDate === 'string' ? ruleSet.baseClaim.submissionDate : undefined;
  const reference = test.reference === undefined ? undefined : inMemoryReferenceData(referenceFixtureSchema.parse(test.reference));
  const asOf = test.asOf ?? submission ?? '2026-01-01';
  const withReference = { ...(reference ? { reference } : {}), ...(test.history ? { history: historyOf(ruleSet, test.history) } : {}) };
  if (test.filed === undefined) return { claim, asOf, ...withReference };
  const filed = fileRelativeToDeadline(ruleSet.payers, claim, asOf, test.asOf !== undefined, test.filed);
  return 'problem' in filed ? { claim, asOf, ...withReference, problem: filed.problem } : { ...filed, ...withReference };
}

function historyOf(ruleSet: RuleSet, claims: ReadonlyArray<Record<string, unknown>>): ClaimHistory {
  const history = new ClaimsHistory();
  for (const earlier of claims) history.add(normalizeClaim(overlay(ruleSet.baseClaim, earlier) as ClaimInput));
  return history;
}

/** Findings that make a base claim unfit to build tests on: anything but information. */
export function blockingFindings(result: ScrubResult): ScrubResult['findings'] {
  return result.findings.filter((f) => f.severity !== 'info');
}

export function judge(rule: LoadedRule, test: RuleTest, result: ScrubResult): string | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule.id);
  const onLine = test.line === undefined ? hits : hits.filter((f) => f.line === test.line);
  if (test.expect === 'fire' && onLine.length === 0) {
    const where = test.line === undefined ? '' : ` on line ${test.line}`;
    const elsewhere = hits.length > 0 ? ` (it fired on line ${hits.map((h) => h.line).join(', ')})` : '';
    return `expected the rule to fire${where}, but it did not${elsewhere}`;
  }
  if (test.expect === 'pass' && onLine.length > 0) {
    return `expected the rule to pass, but it fired: ${onLine[0]?.message}`;
  }
  return undefined;
}

export async function runRuleTests(
  ruleSet: RuleSet,
  scrubber?: ClaimScrubber,
  only?: (rule: LoadedRule) => boolean,
  limits: RuleTestLimits = {},
): Promise<RuleTestReport> {
  const started = performance.now();
  const prepared: PreparedRuleSet = prepareRuleSet(ruleSet);
  const scrub: ClaimScrubber = scrubber ?? ((claim, asOf, reference, history) => scrubClaim(claim, prepared, caseOptions(asOf, reference, history)));
  const base = testClaim(ruleSet, { name: 'base', expect: 'pass' });
  const baseResult = await scrub(base.claim, base.asOf);
  const outcomes: RuleTestOutcome[] = [];
  const rules = only ? ruleSet.rules.filter(only) : ruleSet.rules;
  const total = rules.reduce((n, rule) => n + rule.tests.length, 0);
  let outOfTime: OutOfTime | undefined;
  run: for (const rule of rules) {
    for (let i = 0; i < rule.tests.length; i++) {
      const test = rule.tests[i]!;
      const { claim, asOf, reference, history, problem } = testClaim(ruleSet, test);
      const reason = problem ?? judge(rule, test, await scrub(claim, asOf, reference, history));
      const source = rule.locate(['tests', i]);
      outcomes.push({ ruleId: rule.id, test: test.name, passed: reason === undefined, source, ...(reason ? { reason } : {}) });
      const elapsedMs = performance.now() - started;
      if (limits.budgetMs !== undefined && elapsedMs > limits.budgetMs) {
        outOfTime = { ruleId: rule.id, test: test.name, source, budgetMs: limits.budgetMs, elapsedMs: Math.round(elapsedMs), ran: outcomes.length, total };
        break run;
      }
    }
  }
  const failed = outcomes.filter((o) => !o.passed).length;
  return { outcomes, passed: outcomes.length - failed, failed, baseClaimFindings: blockingFindings(baseResult), ...(outOfTime ? { outOfTime } : {}) };
}
