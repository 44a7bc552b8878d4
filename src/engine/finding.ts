/** Findings and scrub results, in the contract's shape. */
import type { Severity } from '../rules/rule.js';

export interface Finding {
  ruleId: string;
  category: string;
  severity: Severity;
  carc: string | null;
  rarc: string[];
  line: number | null;
  path: string | null;
  message: string;
  explanation: string;
  fix: string;
  /** where the field sits in the file it was read from, in the file format's terms (`SV1 in loop 2400, segment 37`) */
  location?: string;
}

export type ClaimStatus = 'reject' | 'warn' | 'clean';

export interface ScrubResult {
  claimId: string | null;
  status: ClaimStatus;
  asOf: string;
  rulesetVersion: string;
  findings: Finding[];
  /** the official code-set and edit-table versions the claim was checked against */
  referenceData: Array<{ kind: string; version: string; effective: string }>;
}

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
