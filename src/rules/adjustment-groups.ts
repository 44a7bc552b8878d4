/**
 * The adjustment group codes of a remittance (CAS01) in plain words: who bears the amount.
 * The codes are those of the 835 guide (005010X221A1); the wording is ours. The remittance
 * reader and the chat both explain a group from here, so they never disagree.
 */

const GROUPS: Readonly<Record<string, string>> = {
  CO: 'Contractual obligation: the provider writes this off and may not bill the patient for it, unless an appeal wins it back.',
  PR: 'Patient responsibility: the patient may be billed for this amount.',
  OA: 'Other adjustment: neither the provider\'s contract nor the patient\'s share (often the effect of another payer\'s payment).',
  PI: 'Payer initiated reduction: the payer reduced the payment on its own terms; the provider may not bill the patient for it.',
  CR: 'Correction or reversal of an earlier adjustment of this claim.',
};

export const ADJUSTMENT_GROUPS: readonly string[] = Object.keys(GROUPS);

export function groupMeaning(group: string): string {
  return GROUPS[group] ?? `Adjustment group ${JSON.stringify(group)} is not one the 835 guide lists (CO, PR, OA, PI, CR).`;
}

export function isKnownGroup(group: string): boolean {
  return GROUPS[group] !== undefined;
}
