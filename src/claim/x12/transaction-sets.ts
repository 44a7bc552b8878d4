/**
 * What an ST01 transaction set identifier names, so that a file that holds no claim can be
 * called what it is: remittances and acknowledgments travel in the same ISA envelopes as
 * claims, and are easily picked up by mistake.
 */
import { ScrubjayError } from '../../errors.js';
import { segmentRef } from './problems.js';
import { quote } from './values.js';

/** The transaction sets of the HIPAA family that are sent to or from a biller, besides the 837. */
const KNOWN: Readonly<Record<string, string>> = {
  '835': 'an 835 remittance advice',
  '277': 'a 277 claim status / acknowledgment',
  '999': 'a 999 implementation acknowledgment',
  '997': 'a 997 functional acknowledgment',
  '270': 'a 270 eligibility inquiry',
  '271': 'a 271 eligibility response',
  '276': 'a 276 claim status request',
  '278': 'a 278 prior authorization request or response',
  '275': 'a 275 claim attachment',
  '820': 'an 820 premium payment',
  '834': 'an 834 benefit enrollment',
};

/** `an 835 remittance advice`; for an identifier not listed, `a 850 transaction set`. */
export function describeTransactionSet(type: string): string {
  const known = KNOWN[type];
  if (known !== undefined) return known;
  if (/^\d{3}$/.test(type)) return `${type.startsWith('8') ? 'an' : 'a'} ${type} transaction set`;
  return `a transaction set of type ${quote(type)}`;
}

/**
 * The refusal of a file none of whose transaction sets is an 837, naming the first one.
 * `transactions` is how many transaction sets the file holds.
 */
export function notAClaimFile(file: string, type: string, stAt: number, transactions: number): ScrubjayError {
  const none = transactions === 1 ? 'the file holds no 837 claim transaction' : `none of the file's ${transactions} transaction sets is an 837 claim transaction`;
  return new ScrubjayError('SJ_X12_NOT_A_CLAIM_FILE', `${file}: ${describeTransactionSet(type)}, not a claim file (837): the ST at ${segmentRef(stAt)} opens transaction set ${quote(type)}, and ${none}, so there is nothing to check.`, { file });
}
