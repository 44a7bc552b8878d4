/**
 * Files a rule test's claim relative to its filing deadline (`filed:` in a test). The
 * deadline is worked out as the `filing` fact works it out: the claim normalised, its
 * payer profile chosen by the same selection, the line's date of service plus the
 * profile's period. The date goes where the `filing` fact reads it: the submission date,
 * or the scrub date when the claim has no submission date.
 */
import { addDays, formatIsoDate, parseIsoDate } from '../claim/dates.js';
import { normalizeClaim } from '../claim/normalize.js';
import { scrubContext } from '../engine/facts.js';
import { filingDeadline } from '../payers/filing.js';
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import type { FiledRelative } from '../rules/rule.js';
import type { ClaimInput } from '../contract/claim.js';

export type FiledClaim = { claim: ClaimInput; asOf: string } | { problem: string };

/**
 * `claim` and `asOf` with the filing date set `filed` days from the deadline, or why it cannot be:
 * `asOfGiven` says the test wrote its own scrub date, which a date counted from the deadline must not replace.
 */
export function fileRelativeToDeadline(payers: readonly PayerProfile[], claim: ClaimInput, asOf: string, asOfGiven: boolean, filed: FiledRelative): FiledClaim {
  const view = normalizeClaim(claim);
  const profile = selectProfile(payers, view.payer.id, view.payer.kind);
  if (profile === undefined) return { problem: 'filed: no payer profile matches the claim, so it has no filing deadline' };
  if (filed.profile !== undefined && profile.id !== filed.profile) {
    return { problem: `filed: the claim gets the payer profile "${profile.id}" (${profile.file}), not "${filed.profile}"` };
  }
  const number = filed.line ?? 1;
  const line = view.lines[number - 1];
  if (line === undefined) return { problem: `filed: the claim has no line ${number} (it has ${view.lines.length})` };
  const deadline = parseIsoDate(filingDeadline(profile, line.serviceDate));
  if (deadline === null) return { problem: `filed: line ${number} has no valid date of service to count the deadline from` };
  const offset = filed.daysAfterDeadline ?? -(filed.daysBeforeDeadline ?? 0);
  const date = formatIsoDate(addDays(deadline, offset));
  if (scrubContext(view, asOf).filingDateSource === 'submissionDate') return { claim: { ...claim, submissionDate: date }, asOf };
  if (asOfGiven) return { problem: 'filed: the claim has no submission date, so filed sets the scrub date; remove asOf' };
  return { claim, asOf: date };
}
