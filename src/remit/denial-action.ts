/**
 * What a biller does about one denial: correct and resend what the claim got wrong, appeal
 * what the payer got wrong, send it where it belongs, or leave it. Decided from the CARC and
 * the group code alone, so every place that advises (next steps, appeal letters, the chat's
 * answers built by the server) gives the same advice.
 */
import type { RemitAdjustment } from './types.js';

export type DenialAction = 'correct' | 'appeal' | 'do-not-resend' | 'other-payer' | 'check-coverage' | 'bill-patient';

export interface DenialAdvice {
  action: DenialAction;
  /** why this action, in plain words */
  reason: string;
  /** for an appeal: what the payer has not yet seen */
  evidence: string | null;
  /** MA130: the payer says the claim carries no appeal rights; a fix goes out as a new claim */
  newClaim: boolean;
}

/** Denials that a corrected claim fixes: the claim itself was wrong or incomplete. */
export const CORRECTABLE_CARCS: ReadonlySet<string> = new Set(['4', '5', '6', '7', '8', '9', '10', '11', '16', '110', '125', '146', '181', '182', '189', '206']);
/** Denials where another payer, or no payer, is responsible. */
export const WRONG_PAYER_CARCS: ReadonlySet<string> = new Set(['22', '109']);
export const COVERAGE_CARCS: ReadonlySet<string> = new Set(['26', '27', '31', '33']);

/** For an appeal: what the payer needs to see that it has not yet. */
const APPEAL_WITH: Readonly<Record<string, string>> = {
  '29': 'proof the claim was filed in time (the clearinghouse acceptance report)',
  '50': 'the medical records that show the service was necessary',
  '97': 'the records that show the service was separate from the one it was bundled into (or resubmit with the right modifier, such as 59 or XU, if that was missing)',
  '197': 'the authorization number, if one was obtained',
  '151': 'the records that support the units billed',
};
const ANY_EVIDENCE = "what shows the payer's decision is wrong";

export function appealEvidence(carc: string): string {
  return APPEAL_WITH[carc] ?? ANY_EVIDENCE;
}

export function adviseOn(adjustment: Pick<RemitAdjustment, 'group' | 'carc' | 'rarc'>, claimRemarks: readonly string[] = []): DenialAdvice {
  const { carc, group } = adjustment;
  const newClaim = adjustment.rarc.includes('MA130') || claimRemarks.includes('MA130');
  if (CORRECTABLE_CARCS.has(carc)) {
    return { action: 'correct', reason: 'the claim itself was wrong or incomplete: an appeal cannot change what was billed, a corrected claim can', evidence: null, newClaim };
  }
  if (carc === '18') {
    return { action: 'do-not-resend', reason: 'the payer has this service on another claim already: check that claim before anything else', evidence: null, newClaim: false };
  }
  if (WRONG_PAYER_CARCS.has(carc)) return { action: 'other-payer', reason: 'another payer is responsible first, or this payer does not handle the claim', evidence: null, newClaim: false };
  if (COVERAGE_CARCS.has(carc)) return { action: 'check-coverage', reason: "the patient's coverage on the date of service is in question", evidence: null, newClaim: false };
  if (group === 'PR') return { action: 'bill-patient', reason: 'the patient owes this amount under their plan', evidence: null, newClaim: false };
  return { action: 'appeal', reason: 'the claim was billed as intended; only the payer can change its decision, and it needs to see something it has not yet', evidence: appealEvidence(carc), newClaim: false };
}
