/**
 * Where a remittance leaves its claim: paid, partly paid or denied, read from CLP02 and the
 * amounts. A reversal (CLP02 22) takes back an earlier payment: the claim is open again,
 * waiting for the payer's corrected payment, so it goes back to `sent`.
 */
import type { ClaimState } from '../contract/remit.js';
import type { RemitSummary } from '../store/store.js';
import { allAdjustments, denialCarcs } from './denials.js';
import type { ExplainedRemit } from './types.js';

export const REVERSAL = '22';

export function remitState(remit: Pick<ExplainedRemit, 'status' | 'paid' | 'adjustments' | 'lines'>): ClaimState {
  if (remit.status.code === REVERSAL) return 'sent';
  if (remit.status.code === '4') return 'denied';
  // what the provider bears without a pricing reason: a fee-schedule write-off leaves the claim paid
  if (denialCarcs(remit).length === 0) return 'paid';
  return remit.paid > 0 ? 'partly-paid' : 'denied';
}

/** The note a remittance's state change carries. */
export function remitNote(remit: Pick<ExplainedRemit, 'status' | 'payerClaimControlNumber'>): string {
  const icn = remit.payerClaimControlNumber === null ? '' : ` (payer claim ${remit.payerClaimControlNumber})`;
  if (remit.status.code === REVERSAL) return `the payer reversed an earlier payment${icn}; a corrected remittance should follow`;
  return `remittance: ${remit.status.meaning}${icn}`;
}

export function remitSummary(remit: ExplainedRemit): RemitSummary {
  const carcs = [...new Set(allAdjustments(remit).map((a) => a.carc))];
  return { statusCode: remit.status.code, state: remitState(remit), charged: remit.charged, paid: remit.paid, carcs, appealBy: remit.appealBy, remitDate: remit.remitDate, payerClaimNumber: remit.payerClaimControlNumber };
}
