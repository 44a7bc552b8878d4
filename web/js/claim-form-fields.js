// @ts-check
/**
 * The claim form's fields, laid out by CMS-1500 item, and how each turns the claim's value
 * into the text of its control and back. What a biller types is written into the claim as
 * it is (a code stays as typed, a date is not reformatted): judging it is for the rules.
 * Only numbers and diagnosis letters are read, and text that is neither is refused rather
 * than guessed at.
 */
import { money } from './dom.js';
import { setPath } from './claim-paths.js';

/**
 * @typedef {'text' | 'date' | 'money' | 'number' | 'choice' | 'pointers' | 'check' | 'codeSet'} FieldKind
 * @typedef {{ value: string, label: string }} Choice
 * @typedef {{ key: string, label: string, item: string, kind?: FieldKind, choices?: Choice[], hint?: string, wide?: boolean }} FieldSpec
 *   `key` is the contract path, relative to the line for a line's fields
 * @typedef {{ id: string, legend: string, hint?: string, fields: FieldSpec[] }} Block
 * @typedef {import('./claim-paths.js').ClaimObject} ClaimObject
 * @typedef {{ ok: true, value: unknown } | { ok: false, message: string }} Parsed
 */

/** the most diagnoses item 21 holds (A to L) and the most modifiers item 24D holds */
export const MAX_DIAGNOSES = 12;
export const MODIFIER_BOXES = 4;
const LETTERS = 'ABCDEFGHIJKL';

const SEX = [
  { value: 'F', label: 'F — female' },
  { value: 'M', label: 'M — male' },
  { value: 'U', label: 'U — unknown' },
];

/** @param {string} prefix @param {string} item */
const address = (prefix, item) => /** @type {FieldSpec[]} */ ([
  { key: `${prefix}.line1`, label: 'Street', item, wide: true },
  { key: `${prefix}.city`, label: 'City', item },
  { key: `${prefix}.state`, label: 'State', item },
  { key: `${prefix}.zip`, label: 'ZIP code', item },
]);

/** The blocks above the diagnoses and lines, in the order of the paper form. */
export const HEAD_BLOCKS = /** @type {Block[]} */ ([
  {
    id: 'payer',
    legend: 'Payer (carrier block and item 1)',
    fields: [
      { key: 'payer.name', label: "Payer's name", item: 'carrier', wide: true },
      { key: 'payer.id', label: 'Payer id', item: 'carrier' },
      {
        key: 'payer.kind',
        label: 'Kind of insurance',
        item: '1',
        kind: 'choice',
        choices: ['medicare', 'medicaid', 'tricare', 'commercial', 'workers-comp', 'other'].map((value) => ({ value, label: value })),
      },
    ],
  },
  {
    id: 'insured',
    legend: 'Insured (items 1a, 4, 7 and 11)',
    fields: [
      { key: 'subscriber.memberId', label: "Insured's ID number", item: '1a' },
      { key: 'subscriber.lastName', label: "Insured's last name", item: '4' },
      { key: 'subscriber.firstName', label: "Insured's first name", item: '4' },
      ...address('subscriber.address', '7'),
      { key: 'subscriber.groupNumber', label: "Insured's policy group", item: '11' },
      { key: 'subscriber.birthDate', label: "Insured's date of birth", item: '11a', kind: 'date' },
      { key: 'subscriber.sex', label: "Insured's sex", item: '11a', kind: 'choice', choices: SEX },
    ],
  },
  {
    id: 'patient',
    legend: 'Patient (items 2, 3, 5 and 6)',
    hint: "When the patient is the insured (6: self), leave the patient's name, birth date, sex and address empty.",
    fields: [
      {
        key: 'patient.relationship',
        label: 'Patient relationship to insured',
        item: '6',
        kind: 'choice',
        choices: ['self', 'spouse', 'child', 'other'].map((value) => ({ value, label: value })),
      },
      { key: 'patient.lastName', label: "Patient's last name", item: '2' },
      { key: 'patient.firstName', label: "Patient's first name", item: '2' },
      { key: 'patient.birthDate', label: "Patient's date of birth", item: '3', kind: 'date' },
      { key: 'patient.sex', label: "Patient's sex", item: '3', kind: 'choice', choices: SEX },
      ...address('patient.address', '5'),
    ],
  },
  {
    id: 'claim',
    legend: 'Claim (items 22, 23, 24B, 26 and 31)',
    fields: [
      { key: 'claimId', label: 'Patient account number (claim id)', item: '26' },
      {
        key: 'frequency',
        label: 'Resubmission code (claim frequency)',
        item: '22',
        kind: 'choice',
        choices: [
          { value: '1', label: '1 — original' },
          { value: '7', label: '7 — replacement' },
          { value: '8', label: '8 — void' },
        ],
      },
      { key: 'originalClaimId', label: 'Original reference number', item: '22', hint: "The payer's claim number, for a replacement (7) or void (8)." },
      { key: 'priorAuthorization', label: 'Prior authorization number', item: '23' },
      { key: 'placeOfService', label: 'Place of service of the claim', item: '24B' },
      { key: 'submissionDate', label: 'Submission date', item: '31', kind: 'date', hint: 'Empty means the day it is scrubbed.' },
    ],
  },
]);

/** The blocks below the lines. */
export const FOOT_BLOCKS = /** @type {Block[]} */ ([
  {
    id: 'providers',
    legend: 'Providers (items 17, 24J, 25, 31 and 33)',
    fields: [
      { key: 'renderingProvider.lastName', label: 'Rendering provider last name', item: '31' },
      { key: 'renderingProvider.firstName', label: 'Rendering provider first name', item: '31' },
      { key: 'renderingProvider.npi', label: 'Rendering provider NPI', item: '24J' },
      { key: 'referringProvider.lastName', label: 'Referring provider last name', item: '17' },
      { key: 'referringProvider.firstName', label: 'Referring provider first name', item: '17' },
      { key: 'referringProvider.npi', label: 'Referring provider NPI', item: '17b' },
      { key: 'billingProvider.taxId', label: 'Federal tax id (EIN)', item: '25' },
      { key: 'billingProvider.name', label: 'Billing provider name', item: '33', wide: true },
      ...address('billingProvider.address', '33'),
      { key: 'billingProvider.npi', label: 'Billing provider NPI', item: '33a' },
    ],
  },
  {
    id: 'totals',
    legend: 'Total (item 28)',
    fields: [{ key: 'totalCharge', label: 'Total charge', item: '28', kind: 'money' }],
  },
]);

/**
 * A service line's fields (item 24), the modifiers aside: they are four boxes of one field.
 * The contract has no field for 24C (EMG); the box is kept on the line as `emergency: true`,
 * an extension the service carries through untouched.
 */
export const LINE_FIELDS = /** @type {FieldSpec[]} */ ([
  { key: 'serviceDate', label: 'Date of service from', item: '24A', kind: 'date' },
  { key: 'serviceDateEnd', label: 'Date of service to', item: '24A', kind: 'date' },
  { key: 'placeOfService', label: 'Place of service', item: '24B' },
  { key: 'emergency', label: 'Emergency', item: '24C', kind: 'check' },
  { key: 'procedureCode', label: 'Procedure (CPT/HCPCS)', item: '24D' },
  { key: 'diagnosisPointers', label: 'Diagnosis pointer', item: '24E', kind: 'pointers', hint: 'Letters A-L of item 21, e.g. A or A C.' },
  { key: 'charge', label: 'Charges', item: '24F', kind: 'money' },
  { key: 'units', label: 'Days or units', item: '24G', kind: 'number' },
  { key: 'renderingProviderNpi', label: 'Rendering provider NPI', item: '24J' },
]);

export const ICD_INDICATOR = /** @type {FieldSpec} */ ({
  key: 'diagnosisCodeSet',
  label: 'ICD indicator',
  item: '21',
  kind: 'codeSet',
  choices: [
    { value: '0', label: '0 — ICD-10-CM' },
    { value: '9', label: '9 — ICD-9-CM' },
  ],
});

/** @param {number} position 0-based @returns {string} A to L */
export function diagnosisLetter(position) {
  return LETTERS[position] ?? String(position + 1);
}

/**
 * The text a control shows for a claim value.
 * @param {FieldKind} kind
 * @param {unknown} value
 * @returns {string}
 */
export function formatValue(kind, value) {
  if (kind === 'check') return value === true || value === 'Y' ? 'Y' : '';
  if (kind === 'codeSet') return value === 'icd9' ? '9' : '0';
  if (value === null || value === undefined) return '';
  if (kind === 'money') return typeof value === 'number' && Number.isFinite(value) ? money(value) : String(value);
  if (kind === 'pointers') return Array.isArray(value) ? value.map((n) => (Number.isInteger(n) && n >= 1 && n <= MAX_DIAGNOSES ? diagnosisLetter(n - 1) : String(n))).join(' ') : String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The claim value for the text of a control; an empty control is a missing value (null).
 * @param {FieldKind} kind
 * @param {string} text
 * @returns {Parsed}
 */
export function parseValue(kind, text) {
  const trimmed = text.trim();
  if (kind === 'check') return { ok: true, value: trimmed === 'Y' ? true : undefined };
  if (kind === 'codeSet') return { ok: true, value: trimmed === '9' ? 'icd9' : 'icd10' };
  if (kind === 'pointers') return parsePointers(trimmed);
  if (trimmed === '') return { ok: true, value: null };
  if (kind === 'money') {
    const amount = parseAmount(trimmed.replace(/^\$\s*/, '').replace(/,(?=\d{3}(\D|$))/g, ''));
    return amount === null ? { ok: false, message: 'Enter an amount such as 125.00.' } : { ok: true, value: amount };
  }
  if (kind === 'number') {
    const amount = parseAmount(trimmed);
    return amount === null ? { ok: false, message: 'Enter a number such as 1.' } : { ok: true, value: amount };
  }
  // codes and names keep the biller's spelling; only stray spaces at the ends go
  return { ok: true, value: trimmed };
}

/** @param {string} text @returns {number | null} */
function parseAmount(text) {
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * "A C", "AC", "A, C" or "1 3" → [1, 3]. A number is kept as it is (a pointer past L is for
 * the rules to report), anything else is refused.
 * @param {string} text
 * @returns {Parsed}
 */
export function parsePointers(text) {
  if (text === '') return { ok: true, value: [] };
  const upper = text.toUpperCase();
  const tokens = /^[A-Z]+$/.test(upper) ? [...upper] : upper.split(/[\s,]+/).filter(Boolean);
  /** @type {number[]} */
  const pointers = [];
  for (const token of tokens) {
    const letter = LETTERS.indexOf(token);
    if (token.length === 1 && letter >= 0) pointers.push(letter + 1);
    else if (/^\d+$/.test(token)) pointers.push(Number(token));
    else return { ok: false, message: `“${token}” is not a diagnosis letter; use A to L.` };
  }
  return { ok: true, value: pointers };
}

/**
 * The modifiers of a line from its four boxes: the filled ones, in order.
 * @param {string[]} boxes
 * @returns {string[]}
 */
export function modifiersFromBoxes(boxes) {
  return boxes.map((box) => box.trim()).filter((box) => box !== '');
}

// ── lines and diagnoses ─────────────────────────────────────────────────────

/** @returns {ClaimObject} the claim a new form starts from */
export function blankClaim() {
  return { claimId: null, frequency: '1', diagnoses: [null], lines: [{}], totalCharge: null };
}

/** @param {ClaimObject} claim @returns {ClaimObject} */
export function addLine(claim) {
  const lines = Array.isArray(claim.lines) ? claim.lines : [];
  return setPath(claim, 'lines', [...structuredClone(lines), {}]);
}

/** @param {ClaimObject} claim @param {number} index 0-based @returns {ClaimObject} */
export function removeLine(claim, index) {
  const lines = Array.isArray(claim.lines) ? structuredClone(claim.lines) : [];
  lines.splice(index, 1);
  return setPath(claim, 'lines', lines);
}

/** @param {ClaimObject} claim @returns {ClaimObject} */
export function addDiagnosis(claim) {
  const diagnoses = Array.isArray(claim.diagnoses) ? claim.diagnoses : [];
  return setPath(claim, 'diagnoses', [...diagnoses, null]);
}

/**
 * Takes a diagnosis out of item 21. The letters after it move up one, so the lines'
 * pointers to them move with them; a pointer to the diagnosis taken out goes, since what
 * it pointed at is gone (a line left without a pointer is then a finding of its own).
 * @param {ClaimObject} claim
 * @param {number} index 0-based
 * @returns {ClaimObject}
 */
export function removeDiagnosis(claim, index) {
  const copy = structuredClone(claim);
  if (Array.isArray(copy.diagnoses)) copy.diagnoses.splice(index, 1);
  const removed = index + 1;
  for (const line of Array.isArray(copy.lines) ? copy.lines : []) {
    if (line === null || typeof line !== 'object' || !Array.isArray(line.diagnosisPointers)) continue;
    line.diagnosisPointers = line.diagnosisPointers
      .filter((/** @type {unknown} */ n) => n !== removed)
      .map((/** @type {unknown} */ n) => (typeof n === 'number' && n > removed ? n - 1 : n));
  }
  return copy;
}

/**
 * The sum of the line charges in cents, or null when a line has no charge that is a number
 * (the sum of what is there would be a guess at the rest).
 * @param {ClaimObject} claim
 * @returns {number | null}
 */
export function lineChargeCents(claim) {
  const lines = Array.isArray(claim.lines) ? claim.lines : [];
  let cents = 0;
  for (const line of lines) {
    const charge = line !== null && typeof line === 'object' ? line.charge : undefined;
    if (typeof charge !== 'number' || !Number.isFinite(charge)) return null;
    cents += Math.round(charge * 100);
  }
  return cents;
}

/**
 * Where a contract path sits on the CMS-1500, in a biller's words: "Line 3: Procedure
 * (CPT/HCPCS), item 24D". Null for a path the form has no box for.
 * @param {string | null} path
 * @returns {string | null}
 */
export function describeField(path) {
  if (path === null) return null;
  /** @param {FieldSpec} field */
  const words = (field) => `${field.label}, item ${field.item}`;
  const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (line) {
    const n = Number(line[1]) + 1;
    if (line[2] === undefined) return `Line ${n}, item 24`;
    if (line[2] === 'modifiers') return `Line ${n}: Modifiers, item 24D`;
    const field = LINE_FIELDS.find((f) => f.key === line[2]);
    return field ? `Line ${n}: ${words(field)}` : null;
  }
  if (path === 'lines') return 'Service lines, item 24';
  const diagnosis = /^diagnoses\[(\d+)\]$/.exec(path);
  if (diagnosis) return `Diagnosis ${diagnosisLetter(Number(diagnosis[1]))}, item 21`;
  if (path === 'diagnoses') return 'Diagnoses, item 21';
  if (path === ICD_INDICATOR.key) return words(ICD_INDICATOR);
  const field = [...HEAD_BLOCKS, ...FOOT_BLOCKS].flatMap((block) => block.fields).find((f) => f.key === path);
  return field ? words(field) : null;
}
