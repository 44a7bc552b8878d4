/**
 * The figures of a batch scrub, counted as results go by: how many claims, how many
 * would be rejected, warned or pass clean, which rules fire most and which CARCs a payer
 * would answer with. Pure and small whatever the batch size — nothing per claim is kept —
 * so the CLI and the web service's batch upload count the same way.
 */
import type { ClaimStatus, Finding } from '../engine/finding.js';

export interface RuleCount {
  ruleId: string;
  /** findings of this rule over the batch */
  count: number;
  /** claims with at least one finding of this rule */
  claims: number;
}

export interface CarcCount {
  carc: string;
  /** findings carrying this CARC over the batch */
  count: number;
  /** claims with at least one finding carrying this CARC */
  claims: number;
}

export interface BatchSummary {
  claims: number;
  rejected: number;
  warned: number;
  clean: number;
  /** every finding of every claim, notes included */
  findings: number;
  /** the rules with most error and warning findings, most first (ties by rule id) */
  topRules: RuleCount[];
  /** every CARC found, most findings first (ties by code) */
  carcs: CarcCount[];
}

/** What a tally needs of a result; a ScrubResult is one. */
export interface TalliedResult {
  status: ClaimStatus;
  findings: readonly Pick<Finding, 'ruleId' | 'carc' | 'severity'>[];
}

interface Counter {
  count: number;
  claims: number;
  lastClaim: number;
}

export const DEFAULT_TOP_RULES = 10;

export class BatchTally {
  private claims = 0;
  private readonly byStatus: Record<ClaimStatus, number> = { reject: 0, warn: 0, clean: 0 };
  private findings = 0;
  private readonly rules = new Map<string, Counter>();
  private readonly carcs = new Map<string, Counter>();

  add(result: TalliedResult): void {
    this.claims++;
    this.byStatus[result.status]++;
    this.findings += result.findings.length;
    for (const { ruleId, carc, severity } of result.findings) {
      // notes (codes checked by format only, and the like) are not problems a biller works through
      if (severity !== 'info') bump(this.rules, ruleId, this.claims);
      if (carc !== null) bump(this.carcs, carc, this.claims);
    }
  }

  /** True once any claim would be rejected: the CLI's exit code. */
  get anyRejected(): boolean {
    return this.byStatus.reject > 0;
  }

  summary(topRules = DEFAULT_TOP_RULES): BatchSummary {
    return {
      claims: this.claims,
      rejected: this.byStatus.reject,
      warned: this.byStatus.warn,
      clean: this.byStatus.clean,
      findings: this.findings,
      topRules: ranked(this.rules)
        .slice(0, topRules)
        .map(([ruleId, c]) => ({ ruleId, count: c.count, claims: c.claims })),
      carcs: ranked(this.carcs).map(([carc, c]) => ({ carc, count: c.count, claims: c.claims })),
    };
  }
}

/** Counts a finding; `claim` (the tally's running claim number) counts each claim once per key however many of its lines have it. */
function bump(counters: Map<string, Counter>, key: string, claim: number): void {
  const counter = counters.get(key);
  if (counter === undefined) counters.set(key, { count: 1, claims: 1, lastClaim: claim });
  else {
    counter.count++;
    if (counter.lastClaim !== claim) {
      counter.claims++;
      counter.lastClaim = claim;
    }
  }
}

function ranked(counters: Map<string, Counter>): Array<[string, Counter]> {
  return [...counters].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
}
