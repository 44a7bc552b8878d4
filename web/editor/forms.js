// @ts-check
/**
 * What the workbench forms read from and write to a rules file: a payer profile's filing
 * limit and edit tables, a named code list's codes, a rule's severity, message and
 * effective dates. Each write returns the file's new text (see yaml-edit.js).
 */
import { parseDocument, isScalar, isSeq } from 'yaml';
import { addToList, locateRule, readDocuments, removeFromList, setInText } from './yaml-edit.js';

/** the units a filing period is counted in, as the payer profile schema has them */
export const PERIOD_UNITS = ['days', 'months', 'years'];

/**
 * @typedef {{ id: string, name: string, unit: string, count: number, summary: string, ncciPtp: boolean, mue: boolean,
 *   kinds: string[], payerIds: string[], isDefault: boolean }} PayerForm
 * @typedef {{ name: string, description: string, codes: Array<{ code: string, comment: string }> }} ListForm
 * @typedef {{ id: string, title: string, severity: string, message: string, from: string, to: string }} RuleForm
 */

/** @param {unknown} value */
function record(value) {
  return value && typeof value === 'object' && !Array.isArray(value) ? /** @type {Record<string, any>} */ (value) : {};
}

/** @param {unknown} value @returns {string[]} */
function strings(value) {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * @param {string} text
 * @returns {PayerForm}
 */
export function readPayerProfile(text) {
  const data = record(readDocuments(text)[0]);
  const filing = record(data.timelyFiling);
  const period = record(filing.period);
  const unit = Object.keys(period)[0] ?? 'days';
  const edits = record(data.edits);
  const match = record(data.match);
  return {
    id: String(data.id ?? ''),
    name: String(data.name ?? data.id ?? ''),
    unit,
    count: Number(period[unit] ?? 0),
    summary: String(filing.summary ?? ''),
    ncciPtp: edits.ncciPtp === true,
    mue: edits.mue === true,
    kinds: strings(match.kinds),
    payerIds: strings(match.payerIds),
    isDefault: data.default === true,
  };
}

/**
 * @param {string} text
 * @param {Pick<PayerForm, 'unit' | 'count' | 'summary' | 'ncciPtp' | 'mue'>} form
 */
export function writePayerProfile(text, form) {
  const current = readPayerProfile(text);
  let out = text;
  const period = ['timelyFiling', 'period'];
  if (current.unit !== form.unit || current.count !== form.count) {
    out = setInText(out, [...period, form.unit], form.count);
    // the new unit first, so the period is never left empty in between
    if (current.unit !== form.unit) out = setInText(out, [...period, current.unit], undefined);
  }
  if (current.summary !== form.summary) out = setInText(out, ['timelyFiling', 'summary'], form.summary);
  if (current.ncciPtp !== form.ncciPtp) out = setInText(out, ['edits', 'ncciPtp'], form.ncciPtp);
  if (current.mue !== form.mue) out = setInText(out, ['edits', 'mue'], form.mue);
  return out;
}

/**
 * @param {string} text
 * @returns {ListForm}
 */
export function readCodeList(text) {
  const doc = parseDocument(text);
  const data = record(doc.toJS());
  const list = doc.get('codes', true);
  /** @type {ListForm['codes']} */
  const codes = [];
  if (isSeq(list)) {
    for (const item of list.items) {
      if (isScalar(item)) codes.push({ code: String(item.value), comment: (item.comment ?? '').trim() });
    }
  }
  return { name: String(data.name ?? ''), description: String(data.description ?? ''), codes };
}

/** @param {string} text @param {string} code */
export function addListCode(text, code) {
  return addToList(text, ['codes'], code);
}

/** @param {string} text @param {number} index */
export function removeListCode(text, index) {
  return removeFromList(text, ['codes'], index);
}

/**
 * @param {string} text
 * @param {string} ruleId
 * @returns {RuleForm | null}
 */
export function readRuleForm(text, ruleId) {
  const found = locateRule(text, ruleId);
  if (!found) return null;
  const { rule } = found;
  const applies = record(rule.appliesTo);
  return {
    id: ruleId,
    title: String(rule.title ?? ''),
    severity: String(rule.severity ?? ''),
    message: String(rule.message ?? ''),
    from: String(applies.from ?? ''),
    to: String(applies.to ?? ''),
  };
}

/**
 * @param {string} text
 * @param {string} ruleId
 * @param {Pick<RuleForm, 'severity' | 'message' | 'from' | 'to'>} form empty dates remove the limit
 */
export function writeRuleForm(text, ruleId, form) {
  const current = readRuleForm(text, ruleId);
  const found = locateRule(text, ruleId);
  if (!current || !found) throw new Error(`no rule ${ruleId} in this file`);
  const at = (/** @type {string[]} */ ...keys) => [...found.path, ...keys];
  let out = text;
  if (form.severity !== current.severity) out = setInText(out, at('severity'), form.severity, found.docIndex);
  if (form.message !== current.message) out = setInText(out, at('message'), form.message, found.docIndex);
  for (const key of /** @type {const} */ (['from', 'to'])) {
    if (form[key] !== current[key]) out = setInText(out, at('appliesTo', key), form[key] === '' ? undefined : form[key], found.docIndex);
  }
  return out;
}
