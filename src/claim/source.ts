/**
 * A claim as a reader found it in a file, whatever the file's format: the claim in the
 * contract's JSON shape, where it came from, and what the reader could not read cleanly.
 * JSON, NDJSON, X12 837 and FHIR readers all produce this, so the scrubber, the CLI and the
 * service handle every format the same way.
 */
import type { Problem } from '../contract/problem.js';
import type { ClaimInput } from '../contract/claim.js';
import type { InputFormat } from '../contract/result.js';

export type { InputFormat } from '../contract/result.js';

/**
 * Something wrong in the input itself, not in the claim's billing content, in the one
 * problem shape of every boundary. `severity` `error`: part of the claim could not be read,
 * or would be misread; `warning`: read, but the file breaks a rule of its format. `code` is
 * a stable code from the reader's catalog (`x12-control-count`): it becomes the `ruleId`
 * of the claim's `input` finding. `where.location` says where in the file, in the format's
 * own terms (`SE in transaction 0001, segment 61`); `where.field` the claim field it
 * concerns, when there is one (contract path, e.g. `lines[1].procedureCode`).
 */
export interface InputProblem extends Problem {
  severity: 'error' | 'warning';
}

/** A reader's problem; `where` only when there is a place to name. */
export function inputProblem(severity: InputProblem['severity'], code: string, message: string, location?: string, field?: string): InputProblem {
  const where = { ...(location !== undefined ? { location } : {}), ...(field !== undefined ? { field } : {}) };
  return { severity, code, message, ...(location !== undefined || field !== undefined ? { where } : {}) };
}

export interface ClaimFromFile {
  format: InputFormat;
  /** the file name (or `request body`) it was read from */
  file: string;
  /** 0-based position of the claim in the file */
  index: number;
  /** the claim in the contract's shape; null when nothing usable could be read */
  claim: ClaimInput | null;
  problems: InputProblem[];
  /**
   * Where a contract path of this claim sits in the file, in the format's terms
   * (`SV1 in loop 2400, segment 37`; `Claim.item[1].productOrService`), when the reader knows.
   */
  locate?(path: string): string | undefined;
}
