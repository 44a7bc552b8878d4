// @ts-check
/**
 * The fixes the page offers with one click: only where the finding says exactly what to
 * change and the change touches no clinical fact (no code, date or diagnosis is made up).
 * Each fix is checked against the claim it would change, so a finding about another
 * version of the claim offers nothing.
 */
import { money } from './dom.js';
import { lineChargeCents, removeDiagnosis, removeLine } from './claim-form-fields.js';
import { setPath } from './claim-paths.js';

/**
 * @typedef {import('./claim-paths.js').ClaimObject} ClaimObject
 * @typedef {{ ruleId: string, line: number | null, path: string | null }} FindingRef
 * @typedef {{ label: string, claim: ClaimObject }} Fix the change in words, and the claim with it made
 */

/** @type {Record<string, (finding: FindingRef, claim: ClaimObject) => Fix | null>} */
const FIXES = {
  'duplicate-service-line': removeDuplicateLine,
  'modifier-25-on-non-em-code': (finding, claim) => dropModifier(finding, claim, '25'),
  'modifier-format-invalid': dropEmptyModifiers,
  'total-charge-mismatch': totalFromLines,
  'diagnosis-entry-blank': removeBlankDiagnosis,
};

/**
 * The fix for a finding on this claim, or null when there is none that is safe.
 * @param {FindingRef} finding
 * @param {unknown} claim
 * @returns {Fix | null}
 */
export function fixFor(finding, claim) {
  const make = FIXES[finding.ruleId];
  if (!make || !isObject(claim) || !Array.isArray(claim.lines)) return null;
  return make(finding, claim);
}

/** @param {FindingRef} finding @param {ClaimObject} claim */
function lineOf(finding, claim) {
  if (finding.line === null || !Number.isInteger(finding.line)) return null;
  const line = claim.lines[finding.line - 1];
  return isObject(line) ? line : null;
}

/** @param {unknown} value */
function code(value) {
  return typeof value === 'string' ? value.trim().toUpperCase() : typeof value === 'number' ? String(value) : '';
}

/** @param {Record<string, any>} line */
function modifierKey(line) {
  return (Array.isArray(line.modifiers) ? line.modifiers.map(code) : []).sort().join('|');
}

/**
 * The later line of the pair goes. When the total balanced with the lines before, it is
 * lowered by that line's charge so it still does; a total that did not balance is left for
 * its own finding.
 * @param {FindingRef} finding
 * @param {ClaimObject} claim
 */
function removeDuplicateLine(finding, claim) {
  const line = lineOf(finding, claim);
  if (!line || code(line.procedureCode) === '' || typeof line.serviceDate !== 'string') return null;
  const index = /** @type {number} */ (finding.line) - 1;
  const earlier = claim.lines.slice(0, index).findIndex(
    (/** @type {unknown} */ other) =>
      isObject(other) &&
      code(other.procedureCode) === code(line.procedureCode) &&
      other.serviceDate === line.serviceDate &&
      (other.serviceDateEnd ?? null) === (line.serviceDateEnd ?? null) &&
      modifierKey(other) === modifierKey(line),
  );
  if (earlier < 0) return null;
  const before = lineChargeCents(claim);
  let fixed = removeLine(claim, index);
  let label = `Remove line ${index + 1}, a repeat of line ${earlier + 1}`;
  const after = lineChargeCents(fixed);
  if (before !== null && after !== null && typeof claim.totalCharge === 'number' && Math.round(claim.totalCharge * 100) === before) {
    fixed = setPath(fixed, 'totalCharge', after / 100);
    label += `, and lower the total charge to ${money(after / 100)}`;
  }
  return { label, claim: fixed };
}

/**
 * @param {FindingRef} finding
 * @param {ClaimObject} claim
 * @param {string} modifier
 */
function dropModifier(finding, claim, modifier) {
  const line = lineOf(finding, claim);
  if (!line || !Array.isArray(line.modifiers) || !line.modifiers.some((m) => code(m) === modifier)) return null;
  const index = /** @type {number} */ (finding.line) - 1;
  const kept = line.modifiers.filter((m) => code(m) !== modifier);
  return { label: `Remove modifier ${modifier} from line ${index + 1}`, claim: setPath(claim, `lines[${index}].modifiers`, kept) };
}

/**
 * Only empty entries are taken out: a modifier that is there but malformed is the
 * biller's to correct.
 * @param {FindingRef} finding
 * @param {ClaimObject} claim
 */
function dropEmptyModifiers(finding, claim) {
  const line = lineOf(finding, claim);
  if (!line || !Array.isArray(line.modifiers)) return null;
  const empty = (/** @type {unknown} */ m) => m === null || (typeof m === 'string' && m.trim() === '');
  const kept = line.modifiers.filter((m) => !empty(m));
  if (kept.length === line.modifiers.length || !kept.every((m) => /^[A-Z0-9]{2}$/.test(code(m)))) return null;
  const index = /** @type {number} */ (finding.line) - 1;
  return { label: `Remove the empty modifier entries from line ${index + 1}`, claim: setPath(claim, `lines[${index}].modifiers`, kept) };
}

/**
 * @param {FindingRef} _finding
 * @param {ClaimObject} claim
 */
function totalFromLines(_finding, claim) {
  const cents = lineChargeCents(claim);
  if (cents === null || claim.lines.length === 0) return null;
  if (typeof claim.totalCharge === 'number' && Math.round(claim.totalCharge * 100) === cents) return null;
  return { label: `Set the total charge to ${money(cents / 100)}, the sum of the lines`, claim: setPath(claim, 'totalCharge', cents / 100) };
}

/**
 * @param {FindingRef} finding
 * @param {ClaimObject} claim
 */
function removeBlankDiagnosis(finding, claim) {
  const match = /^diagnoses\[(\d+)\]$/.exec(finding.path ?? '');
  if (!match || !Array.isArray(claim.diagnoses)) return null;
  const index = Number(match[1]);
  const entry = claim.diagnoses[index];
  if (index >= claim.diagnoses.length || !(entry === null || (typeof entry === 'string' && entry.trim() === ''))) return null;
  return { label: `Remove the blank diagnosis ${index + 1} and move the line pointers after it up`, claim: removeDiagnosis(claim, index) };
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
