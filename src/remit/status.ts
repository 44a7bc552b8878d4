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

const GROUPS: Readonly<Record<string, string>> = {
  CO: 'Contractual obligation: the provider writes this off and may not bill the patient for it, unless an appeal wins it back.',
  PR: 'Patient responsibility: the patient may be billed for this amount.',
  OA: 'Other adjustment: neither the provider\'s contract nor the patient\'s share (often the effect of another payer\'s payment).',
  PI: 'Payer initiated reduction: the payer reduced the payment on its own terms; the provider may not bill the patient for it.',
  CR: 'Correction or reversal of an earlier adjustment of this claim.',
};

export function groupMeaning(group: string): string {
  return GROUPS[group] ?? `Adjustment group ${JSON.stringify(group)} is not one the 835 guide lists (CO, PR, OA, PI, CR).`;
}

export function isKnownGroup(group: string): boolean {
  return GROUPS[group] !== undefined;
}
