/**
 * The result of one claim as a reader found it: its rule findings and its input problems
 * (as `input` findings), each finding placed in the file, and a claim that cannot be
 * scrubbed (unreadable, institutional) never passing as clean. Nothing is kept once a
 * result is handed on, so a batch of any size scrubs in flat memory.
 */
import type { ClaimFromFile } from '../claim/source.js';
import type { ClaimInput } from '../contract/claim.js';
import type { BatchResult, ResultSource } from '../contract/result.js';
import { compareFindings, statusOf, type Finding, type ScrubResult } from '../engine/finding.js';
import { createJreScrubber } from '../engine/jre.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim, type ScrubOptions } from '../engine/scrub.js';
import { findingFromProblem } from './input-findings.js';

// the contract's types (src/contract/result.ts), re-exported so that imports from here keep working
export type { BatchResult, ResultSource } from '../contract/result.js';

/** Scrubs one claim of the contract's shape; the fast path answers at once, json-rules-engine with a promise. */
export interface BatchScrubber {
  asOf: string;
  rulesetVersion: string;
  rulesetHash: string;
  scrub(claim: ClaimInput): ScrubResult | Promise<ScrubResult>;
}

export function createBatchScrubber(prepared: PreparedRuleSet, options: ScrubOptions, engine: 'fast' | 'jre' = 'fast'): BatchScrubber {
  const base = { asOf: options.asOf, rulesetVersion: prepared.ruleSet.version, rulesetHash: prepared.ruleSet.hash };
  if (engine === 'fast') return { ...base, scrub: (claim) => scrubClaim(claim, prepared, options) };
  const jre = createJreScrubber(prepared);
  return { ...base, scrub: (claim) => jre.scrub(claim, options) };
}

/** Only professional claims are scrubbed: professional rules on an institutional claim would say wrong things. */
function isProfessional(claim: ClaimInput): boolean {
  return claim.type !== 'institutional';
}

function notScrubbed(item: ClaimFromFile): Finding {
  const where = `${item.file}: claim ${item.index + 1}`;
  return findingFromProblem(
    item.claim === null
      ? { severity: 'error', code: 'claim-unreadable', message: `${where} could not be read, so it was not checked` }
      : { severity: 'error', code: 'claim-type-not-supported', message: `${where} is an institutional claim; only professional claims (837P, CMS-1500) are checked` },
    item,
  );
}

/** The result of one claim read from a file: its rule findings (when it could be read) and its input problems. */
export function scrubClaimFromFile(item: ClaimFromFile, scrubber: BatchScrubber): BatchResult | Promise<BatchResult> {
  const source: ResultSource = { file: item.file, format: item.format, index: item.index };
  const claim = item.claim;
  if (claim === null || !isProfessional(claim)) {
    const findings = item.problems.map((p) => findingFromProblem(p, item));
    // a claim that is not scrubbed must never pass as clean, whatever its reader said of it
    if (!findings.some((f) => f.severity === 'error')) findings.push(notScrubbed(item));
    findings.sort(compareFindings);
    const claimId = typeof claim?.claimId === 'string' ? claim.claimId : null;
    return { claimId, status: statusOf(findings), asOf: scrubber.asOf, rulesetVersion: scrubber.rulesetVersion, rulesetHash: scrubber.rulesetHash, findings, referenceData: [], source };
  }
  const scrubbed = scrubber.scrub(claim);
  return scrubbed instanceof Promise ? scrubbed.then((result) => withSource(result, item, source)) : withSource(scrubbed, item, source);
}

/** Adds the input problems and each finding's place in the file, and settles the status on the whole. */
function withSource(result: ScrubResult, item: ClaimFromFile, source: ResultSource): BatchResult {
  let findings = result.findings;
  if (item.locate !== undefined) {
    for (const finding of findings) {
      if (finding.path === null) continue;
      const location = item.locate(finding.path);
      if (location !== undefined) finding.location = location;
    }
  }
  if (item.problems.length > 0) {
    findings = [...findings, ...item.problems.map((p) => findingFromProblem(p, item))].sort(compareFindings);
  }
  return {
    claimId: result.claimId,
    status: findings === result.findings ? result.status : statusOf(findings),
    asOf: result.asOf,
    rulesetVersion: result.rulesetVersion,
    rulesetHash: result.rulesetHash,
    findings,
    referenceData: result.referenceData,
    source,
  };
}
