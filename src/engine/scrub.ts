/**
 * Scrubbing one claim. The fast path evaluates compiled conditions synchronously; the
 * json-rules-engine path (jre.ts) evaluates the same rules with json-rules-engine itself.
 * Both walk the same items and build findings with the same code, so any difference
 * between them can only come from condition evaluation — which the tests compare.
 */
import { normalizeClaim, type ClaimView, type LineView } from '../claim/normalize.js';
import type { ReferenceData } from '../reference/types.js';
import { ReferenceLookup } from './reference-facts.js';
import { compareFindings, statusOf, type Finding, type ScrubResult } from './finding.js';
import { scrubContext } from './facts.js';
import { claimPast, type ClaimHistory } from './history.js';
import { patientKey } from '../claim/patient-key.js';
import { itemPath, ruleApplies, visitItems, type ClaimItem } from './items.js';
import type { PreparedRule, PreparedRuleSet } from './prepare.js';
import type { ClaimInput } from '../contract/claim.js';

export interface ScrubOptions {
  /** the date the scrub is run as: YYYY-MM-DD */
  asOf: string;
  /** official code sets and edit tables; without them only format checks run (and say so) */
  reference?: ReferenceData;
  /** the patients' earlier claims; without it history edits cannot judge (history.available is false) */
  history?: ClaimHistory;
}

export interface ClaimWalk {
  claim: ClaimView;
  reference: ReferenceLookup;
}

/** Normalises a claim and visits each of its items with their facts. */
export function walkClaim(raw: ClaimInput, prepared: PreparedRuleSet, options: ScrubOptions, visit: (item: ClaimItem) => void, reuse = false): ClaimWalk {
  const claim = normalizeClaim(raw);
  const context = scrubContext(claim, options.asOf);
  const profile = prepared.profileFor(claim.payer.id, claim.payer.kind);
  const reference = new ReferenceLookup(options.reference, profile);
  // asked once per claim, and only when a history was given: a scrub without one pays nothing
  const past = options.history === undefined ? undefined : claimPast(options.history, patientKey(claim), claim.claimId);
  visitItems(claim, context, profile, reference, visit, reuse, past);
  return { claim, reference };
}

/**
 * Collects findings, keeping one per rule and line for pair rules (a line duplicating two others
 * is one problem), and one per rule and diagnosis for diagnosis rules: a diagnosis judged on the
 * dates of several lines is reported on the first line it fails for, not once per date.
 */
export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly pairSeen = new Set<string>();
  // most claims have no diagnosis finding: made on the first
  private diagnosisSeen: Set<string> | undefined;

  add(prepared: PreparedRule, item: ClaimItem): void {
    const { rule } = prepared;
    const facts = item.facts as unknown as Record<string, unknown>;
    // a pair rule may report on a line its facts name (the column-2 line of an NCCI edit), else on the pair's second line
    const target = prepared.reportOn?.(facts) as LineView | null | undefined;
    const line = target ? target.number : item.line;
    if (item.scope === 'pair') {
      const key = `${rule.id}|${line}`;
      if (this.pairSeen.has(key)) return;
      this.pairSeen.add(key);
    } else if (item.scope === 'diagnosis') {
      const key = `${rule.id}|${item.index}`;
      const seen = (this.diagnosisSeen ??= new Set());
      if (seen.has(key)) return;
      seen.add(key);
    }
    const prefix = target ? `lines[${target.index}]` : itemPath(item);
    let path: string | null;
    if (item.scope === 'claim') path = rule.field ?? null;
    else if (rule.field === undefined || item.scope === 'diagnosis') path = prefix;
    else path = `${prefix}.${rule.field}`;
    this.findings.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      carc: rule.carc ?? null,
      rarc: rule.rarc ?? [],
      line,
      path,
      message: prepared.message(facts),
      explanation: prepared.explanation(facts),
      fix: prepared.fix(facts),
    });
  }

  result(walk: ClaimWalk, prepared: PreparedRuleSet, options: ScrubOptions): ScrubResult {
    const findings = this.findings.sort(compareFindings);
    return {
      claimId: walk.claim.claimId,
      status: statusOf(findings),
      asOf: options.asOf,
      rulesetVersion: prepared.ruleSet.version,
      rulesetHash: prepared.ruleSet.hash,
      findings,
      referenceData: walk.reference.versionsUsed(),
    };
  }
}

/** The fast path: compiled conditions, synchronous, safe to call from any number of concurrent requests. */
export function scrubClaim(raw: ClaimInput, prepared: PreparedRuleSet, options: ScrubOptions): ScrubResult {
  const collector = new FindingCollector();
  const fired = firedBuffer(prepared);
  const scopes = prepared.byScope;
  const walk = walkClaim(raw, prepared, options, (item) => {
    // compared, not looked up by a variable key: the scope names are few and fixed
    const name = item.scope;
    const scope = name === 'line' ? scopes.line : name === 'pair' ? scopes.pair : name === 'diagnosis' ? scopes.diagnosis : scopes.claim;
    // most items break no rule: then there is nothing to look through
    let left = scope.evaluate(item.facts as unknown as Record<string, unknown>, fired);
    if (left === 0) return;
    const rules = scope.rules;
    for (let r = 0; left > 0; r++) {
      if (fired[r] !== 1) continue;
      left--;
      if (ruleApplies(rules[r]!.rule, item.facts.claim, item.serviceDate)) collector.add(rules[r]!, item);
    }
  }, true);
  return collector.result(walk, prepared, options);
}

// One scratch buffer per rule set, big enough for its largest scope: scrubbing is synchronous, so it is never shared by two claims at once.
const buffers = new WeakMap<PreparedRuleSet, Uint8Array>();

function firedBuffer(prepared: PreparedRuleSet): Uint8Array {
  let buffer = buffers.get(prepared);
  if (buffer === undefined) {
    buffer = new Uint8Array(Math.max(1, ...Object.values(prepared.byScope).map((s) => s.rules.length)));
    buffers.set(prepared, buffer);
  }
  return buffer;
}
