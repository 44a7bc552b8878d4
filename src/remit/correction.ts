/**
 * A replacement (frequency 7) or void (frequency 8) of a claim the payer already has, made
 * from its stored scrub. Either must name the payer's own number for the claim (REF*F8),
 * which only the payer knows: it comes from the claim control number (CLP07) of the newest
 * remittance that gave one, unless the biller typed it in, or from the stored claim when it
 * is itself a correction the payer has not answered. A void asks the payer to take
 * back what it was sent, so it carries the lines as they were sent, whatever was edited.
 */
import type { ClaimInput } from '../contract/claim.js';
import type { CorrectionKind } from '../contract/correction.js';
import { ScrubjayError } from '../errors.js';
import type { ScrubRecord, StoredRemit } from '../store/store.js';

export const FREQUENCY_OF: Readonly<Record<CorrectionKind, '7' | '8'>> = { replace: '7', void: '8' };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** CLP07 of the newest remittance that has one; remittances come oldest first. */
export function payerClaimNumber(remits: readonly StoredRemit[]): string | null {
  for (let i = remits.length - 1; i >= 0; i--) {
    const number = text(remits[i]!.remit.payerClaimControlNumber);
    if (number !== null) return number;
  }
  return null;
}

/**
 * The claim to scrub as the correction of `original`: the edited claim when one is given,
 * else the stored one, with its frequency and original claim number set. Refuses (409)
 * when no number is given and no remittance of the claim gave one.
 */
export function correctionClaim(original: ScrubRecord, remits: readonly StoredRemit[], kind: CorrectionKind, edited?: ClaimInput): ClaimInput {
  const base = edited ?? original.claim;
  // a correction corrected again (its replacement rejected, say) still names the payer's claim it was made for
  const originalClaimId = (edited === undefined ? null : text(edited.originalClaimId)) ?? payerClaimNumber(remits) ?? text(original.claim.originalClaimId);
  if (originalClaimId === null) {
    throw new ScrubjayError('SJ_CORRECTION_NO_ORIGINAL', undefined, { path: 'claim.originalClaimId' });
  }
  const claim: ClaimInput = { ...base, frequency: FREQUENCY_OF[kind], originalClaimId };
  if (kind === 'void') {
    claim.lines = original.claim.lines;
    claim.totalCharge = original.claim.totalCharge;
  }
  return claim;
}
