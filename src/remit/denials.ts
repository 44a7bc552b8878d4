/**
 * Which of a remittance's adjustments are denials: what a scrub could have warned about.
 * A denied claim (CLP02 4) is denied for every reason it gives. Otherwise a denial is an
 * adjustment the provider bears (CO, PI, OA) that lowers the payment, except the ones that
 * only price the claim: the fee schedule (45, and its retired forms 42 and A2), another
 * payer's share (23), a negotiated discount (131) and sequestration (253). No scrub predicts
 * those, and they are not mistakes to correct.
 */
import type { RemitAdjustment } from './types.js';

const PROVIDER_GROUPS = new Set(['CO', 'PI', 'OA']);
const PRICING = new Set(['45', '42', 'A2', '23', '131', '253']);

export function isDenial(adjustment: RemitAdjustment, statusCode: string): boolean {
  if (statusCode === '4') return true;
  return PROVIDER_GROUPS.has(adjustment.group) && adjustment.amount > 0 && !PRICING.has(adjustment.carc);
}

/** A pricing adjustment the provider writes off (a CO fee-schedule reduction), reported as such rather than as a denial. */
export function isWriteOff(adjustment: RemitAdjustment): boolean {
  return adjustment.group === 'CO' && adjustment.amount > 0 && PRICING.has(adjustment.carc);
}

/** The payment's adjustments, claim level first, then each line's. */
export function allAdjustments<A extends RemitAdjustment>(payment: { adjustments: A[]; lines: Array<{ adjustments: A[] }> }): A[] {
  const all = [...payment.adjustments];
  for (const line of payment.lines) all.push(...line.adjustments);
  return all;
}

/** The distinct CARCs of a payment's denials, in the order they first appear. */
export function denialCarcs(payment: { status: { code: string }; adjustments: RemitAdjustment[]; lines: Array<{ adjustments: RemitAdjustment[] }> }): string[] {
  const carcs = new Set<string>();
  for (const adjustment of allAdjustments(payment)) if (isDenial(adjustment, payment.status.code)) carcs.add(adjustment.carc);
  return [...carcs];
}
