/**
 * Where in the rule set a denial the scrub missed would belong: the CARC says what kind of
 * problem the payer found, and each kind has a folder of rules already. This is only a
 * pointer for whoever writes the rule; it never writes or proposes the rule itself.
 */

export interface RuleFamily {
  /** the rules folder (or file) such a rule would go in */
  family: string;
  suggestion: string;
}

const MISSING_INFORMATION: RuleFamily = {
  family: 'missing-information',
  suggestion: 'The payer found information missing or invalid; its remark codes name the field. A check of that field belongs in rules/missing-information/.',
};
const NCCI: RuleFamily = {
  family: 'reference-data/ncci-edits',
  suggestion: 'Bundled with another service (NCCI procedure-to-procedure or unit edits). Check the pair and its modifiers against rules/reference-data/ncci-edits.yaml and the loaded PTP and MUE tables.',
};
const COVERAGE: RuleFamily = {
  family: 'payers',
  suggestion: "Not covered by this payer or plan. A coverage limit belongs in the payer's profile or a payer-specific rule under rules/payers/.",
};
const TIMELY_FILING: RuleFamily = {
  family: 'timely-filing',
  suggestion: "Filed after the payer's limit. Compare the payer profile's filing limit with rules/timely-filing/filing-limit.yaml.",
};
const DIAGNOSIS: RuleFamily = {
  family: 'code-compatibility',
  suggestion: 'The diagnosis does not support the procedure. A diagnosis-to-procedure pairing belongs in rules/code-compatibility/.',
};
const MODIFIERS: RuleFamily = {
  family: 'code-validity/modifiers',
  suggestion: 'A modifier is missing, invalid or does not fit the procedure. See rules/code-validity/modifiers.yaml and rules/code-compatibility/modifier-25.yaml.',
};
const PATIENT_FIT: RuleFamily = {
  family: 'code-compatibility',
  suggestion: "The code does not fit the patient's age or sex. See rules/code-compatibility/procedure-age.yaml and procedure-sex.yaml.",
};
const CODE_VALIDITY: RuleFamily = {
  family: 'code-validity',
  suggestion: 'A code was invalid on the date of service. The code-set checks are in rules/code-validity/ over the loaded code sets.',
};
const DUPLICATE: RuleFamily = {
  family: 'code-compatibility/duplicate-lines',
  suggestion: 'A duplicate of a service already billed. See rules/code-compatibility/duplicate-lines.yaml.',
};
const PLACE_OF_SERVICE: RuleFamily = {
  family: 'code-validity/place-of-service',
  suggestion: 'The code does not go with the place of service. See rules/code-validity/place-of-service.yaml.',
};

const BY_CARC: ReadonlyMap<string, RuleFamily> = new Map([
  ['16', MISSING_INFORMATION],
  ['97', NCCI],
  ['B15', NCCI],
  ['234', NCCI],
  ['96', COVERAGE],
  ['204', COVERAGE],
  ['29', TIMELY_FILING],
  ['11', DIAGNOSIS],
  ['4', MODIFIERS],
  ['B18', MODIFIERS],
  ['182', MODIFIERS],
  ['6', PATIENT_FIT],
  ['7', PATIENT_FIT],
  ['9', PATIENT_FIT],
  ['10', PATIENT_FIT],
  ['146', CODE_VALIDITY],
  ['181', CODE_VALIDITY],
  ['18', DUPLICATE],
  ['5', PLACE_OF_SERVICE],
  ['58', PLACE_OF_SERVICE],
]);

/** M-, MA- and N-series remarks mostly say which information was missing or invalid. */
const INFORMATION_REMARK = /^(M|MA|N)\d+$/;

/** The natural home of a rule for this denial, or null when the CARC says nothing a claim scrub could check. */
export function ruleFamilyOf(carc: string, rarcs: readonly string[] = []): RuleFamily | null {
  const known = BY_CARC.get(carc.trim().toUpperCase());
  if (known !== undefined) return known;
  return rarcs.some((rarc) => INFORMATION_REMARK.test(rarc.trim().toUpperCase())) ? MISSING_INFORMATION : null;
}
