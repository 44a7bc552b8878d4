/**
 * Who a claim is for, as a key claims can be grouped by: the same patient of the same
 * billing provider. A patient is the payer's member id and the patient's own birth date
 * (a dependant shares the subscriber's member id, not their birth date); the billing NPI
 * keeps one practice's patients apart from another's in a store that serves several.
 * Null when the claim lacks any of them: such a claim has no history to be checked against.
 */
import type { ClaimView } from './normalize.js';

export function patientKey(claim: Pick<ClaimView, 'subscriber' | 'patient' | 'billingProvider'>): string | null {
  const memberId = claim.subscriber.memberId?.trim().toUpperCase() ?? '';
  const birthDate = (claim.patient.isSubscriber ? claim.subscriber.birthDate : claim.patient.birthDate)?.trim() ?? '';
  const npi = claim.billingProvider.npi?.trim() ?? '';
  if (memberId === '' || birthDate === '' || npi === '') return null;
  return `${npi}|${memberId}|${birthDate}`;
}
