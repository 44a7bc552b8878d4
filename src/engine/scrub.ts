/**
 * Scrubbing one claim. The fast path evaluates compiled conditions synchronously; the
 * json-rules-engine path (jre.ts) evaluates the same rules with json-rules-engine itself.
 * Both walk the same items and build findings with the same code, so any difference
 * between them can only come from condition evaluation — which the tests compare.
 */
import { normalizeClaim, type ClaimView } from '../claim/normalize.js';
import { selectProfile } from '../payers/profile.js';
import { renderTemplate } from '../rules/template.js';
import { compareFindings, statusOf, type Finding, type ScrubResult } from './finding.js';
import { scrubContext } from './facts.js';
import { itemPath, ruleApplies, visitItems, type ClaimItem } from './items.js';
import type { PreparedRule, PreparedRuleSet } from './prepare.js';

export interface ScrubOptions {
  /** the date the scrub is run as: YYYY-MM-DD */
  asOf: string;
}

/** Normalises a claim and visits each of its items with their facts. */
export function walkClaim(raw: Record<string, unknown>, prepared: PreparedRuleSet, options: ScrubOptions, visit: (item: ClaimItem) => void): ClaimView {
  const claim = normalizeClaim(raw);
  const context = scrubContext(claim, options.asOf);
  const profile = selectProfile(prepared.ruleSet.payers, claim.payer.id, claim.payer.kind);
  visitItems(claim, context, profile, visit);
  return claim;
}

/** Collects findings, keeping one per rule and line for pair rules (a line duplicating two others is one problem). */
export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly pairSeen = new Set<string>();

  add(prepared: PreparedRule, item: ClaimItem): void {
    const { rule } = prepared;
    if (item.scope === 'pair') {
      const key = `${rule.id}|${item.line}`;
      if (this.pairSeen.has(key)) return;
      this.pairSeen.add(key);
    }
    const facts = item.facts as unknown as Record<string, unknown>;
    let path: string | null;
    if (item.scope === 'claim') path = rule.field ?? null;
    else if (rule.field === undefined || item.scope === 'diagnosis') path = itemPath(item);
    else path = `${itemPath(item)}.${rule.field}`;
    this.findings.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      carc: rule.carc ?? null,
      rarc: rule.rarc ?? [],
      line: item.line,
      path,
      message: renderTemplate(prepared.message, facts),
      explanation: renderTemplate(prepared.explanation, facts),
      fix: renderTemplate(prepared.fix, facts),
    });
  }

  result(claim: ClaimView, prepared: PreparedRuleSet, options: ScrubOptions): ScrubResult {
    const findings = this.findings.sort(compareFindings);
    return {
      claimId: claim.claimId,
      status: statusOf(findings),
      asOf: options.asOf,
      rulesetVersion: prepared.ruleSet.version,
      findings,
    };
  }
}

/** The fast path: compiled conditions, synchronous, safe to call from any number of concurrent requests. */
export function scrubClaim(raw: Record<string, unknown>, prepared: PreparedRuleSet, options: ScrubOptions): ScrubResult {
  const collector = new FindingCollector();
  const claim = walkClaim(raw, prepared, options, (item) => {
    const candidates = item.scope === 'line' ? prepared.lineRulesFor(item.facts.line!.procedureCode) : prepared.byScope[item.scope];
    const facts = item.facts as unknown as Record<string, unknown>;
    for (let r = 0; r < candidates.length; r++) {
      const candidate = candidates[r]!;
      if (candidate.test(facts) && ruleApplies(candidate.rule, item.facts.claim, item.serviceDate)) collector.add(candidate, item);
    }
  });
  return collector.result(claim, prepared, options);
}
