/** Findings and scrub results, in the contract's shape. */
import type { ClaimStatus, Finding, Severity } from '../contract/result.js';

// the types are the contract's (src/contract/result.ts); re-exported so that imports from here keep working
export type { ClaimStatus, Finding, ScrubResult } from '../contract/result.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by line (claim-level first), then by rule id: the order a biller works through them. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    ((a.path ?? '') < (b.path ?? '') ? -1 : (a.path ?? '') > (b.path ?? '') ? 1 : 0)
  );
}

export function statusOf(findings: readonly Finding[]): ClaimStatus {
  if (findings.some((f) => f.severity === 'error')) return 'reject';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'clean';
}
