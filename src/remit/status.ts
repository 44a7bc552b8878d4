/**
 * The words for a claim payment's status (CLP02) and an adjustment's group (CAS01), in
 * plain language. The codes are those of the 835 guide (005010X221A1); the wording is ours.
 */

const CLAIM_STATUS: Readonly<Record<string, string>> = {
  '1': 'Processed as primary',
  '2': 'Processed as secondary',
  '3': 'Processed as tertiary',
  '4': 'Denied',
  '19': 'Processed as primary, forwarded to another payer',
  '20': 'Processed as secondary, forwarded to another payer',
  '21': 'Processed as tertiary, forwarded to another payer',
  '22': 'Reversal of an earlier payment',
  '23': 'Not this payer\'s claim, forwarded to another payer',
  '25': 'Predetermination: priced only, not paid',
};

/** The meaning of a CLP02 code, or null when the guide lists no such code. */
export function claimStatusMeaning(code: string): string | null {
  return CLAIM_STATUS[code] ?? null;
}

export { groupMeaning, isKnownGroup } from '../rules/adjustment-groups.js';
