/**
 * What the 835 reader reports about a remittance file, besides the envelope problems it
 * shares with the 837 reader (`x12-control-count`, `x12-truncated`, ...). Errors mean a
 * claim payment was not read or would be misread; warnings break a rule of the format
 * without changing what was read.
 */
import { inputProblem, type InputProblem } from '../claim/source.js';

export const REMIT_PROBLEMS = {
  'remit-not-835': 'A transaction set in the file is not an 835 remittance; it was skipped.',
  'remit-group': 'The functional group (GS01) is not a health care claim payment group (HP).',
  'remit-version': 'The transaction does not name the 835 guide payers use (005010X221A1).',
  'remit-missing-element': 'An element the 835 requires in its segment is empty, so the payment cannot be read fully.',
  'remit-bad-value': 'An element holds a value that is not what its segment says it is (an amount, a date).',
  'remit-out-of-place': 'A segment stands where the 835 does not allow it (an adjustment before any claim payment); it was not read.',
  'remit-unknown-status': 'A claim status code (CLP02) that the 835 guide does not list.',
} as const;

export type RemitProblemCode = keyof typeof REMIT_PROBLEMS;

export function remitProblem(severity: InputProblem['severity'], code: RemitProblemCode, message: string, location?: string): InputProblem {
  return inputProblem(severity, code, message, location);
}
