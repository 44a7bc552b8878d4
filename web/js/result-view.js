// @ts-check
/**
 * A scrub result the way a biller reads it: the claim's status first, then its findings
 * grouped by claim level and by line, each with severity, denial code and meaning, what is
 * wrong, why, how to fix it, and where in the file when the claim came from X12.
 */
import { h, plain, plural, money } from './dom.js';
import { fixFor } from './claim-fixes.js';
import { describeField } from './claim-form-fields.js';
import { chargeAmounts, isChargePath, moneyInText } from './money-text.js';

const STATUS_TEXT = {
  reject: { label: 'Reject', lead: 'A payer would deny this claim as it is.' },
  warn: { label: 'Warning', lead: 'A payer would likely accept it, but check the warnings first.' },
  clean: { label: 'Clean', lead: 'No problems found by the rules in force.' },
};

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };

/**
 * @typedef {import('./types.js').Finding} Finding
 * @typedef {import('./types.js').ScrubResult} ScrubResult
 * @typedef {import('./types.js').ReadClaim} ReadClaim
 * @typedef {{ carc(code: string): string | undefined, rarc(code: string): string | undefined }} CodeMeanings
 * @typedef {import('./claim-fixes.js').Fix} Fix
 * @typedef {{
 *   codes: CodeMeanings,
 *   onAsk: (question: string) => void,
 *   onShowField?: (finding: Finding) => void,
 *   onApply?: (fix: Fix, finding: Finding) => void,
 * }} ViewOptions
 *   without `onShowField` and `onApply` a finding has no "show in form" and no one-click fix
 */

/**
 * @param {ScrubResult} result
 * @param {ReadClaim | null} claim
 * @param {ViewOptions} options
 * @returns {HTMLElement}
 */
export function resultView(result, claim, options) {
  const root = h('div', { class: 'result', 'data-status': result.status });
  root.append(statusBanner(result), claimFacts(result, claim));
  for (const group of groupFindings(result.findings, claim)) root.append(groupView(group, { ...options, claim }));
  return root;
}

/** @param {ScrubResult} result */
function statusBanner(result) {
  const status = STATUS_TEXT[result.status] ?? STATUS_TEXT.reject;
  /** @type {Array<import('./types.js').Severity>} */
  const severities = ['error', 'warning', 'info'];
  const counts = severities
    .map((severity) => /** @type {const} */ ([severity, result.findings.filter((f) => f.severity === severity).length]))
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => plural(n, severity === 'info' ? 'note' : severity));
  return h(
    'div',
    { class: `status-banner status-${result.status}`, role: 'status' },
    h('strong', { class: 'status-label' }, `${status.label}${result.claimId ? ` — claim ${plain(result.claimId)}` : ''}`),
    h('p', {}, counts.length > 0 ? `${status.lead} ${counts.join(', ')}.` : status.lead),
  );
}

/**
 * @param {ScrubResult} result
 * @param {ReadClaim | null} claim
 */
function claimFacts(result, claim) {
  const payer = claim && isObject(claim.payer) ? claim.payer : {};
  const lines = claim && Array.isArray(claim.lines) ? claim.lines : [];
  const dates = lines.map((line) => (isObject(line) && typeof line.serviceDate === 'string' ? line.serviceDate : null)).filter(Boolean).sort();
  /** @type {Array<[string, string]>} */
  const facts = [
    ['Claim', plain(result.claimId)],
    ['Payer', payer.name || payer.kind ? `${plain(payer.name)}${payer.kind ? ` (${plain(payer.kind)})` : ''}` : '—'],
    ['Dates of service', dates.length === 0 ? '—' : dates[0] === dates[dates.length - 1] ? String(dates[0]) : `${dates[0]} to ${dates[dates.length - 1]}`],
    ['Lines', String(lines.length)],
    ['Total charge', money(claim?.totalCharge)],
    ['Checked as of', result.asOf],
    ['Rule set', result.rulesetVersion],
  ];
  return h('dl', { class: 'claim-facts' }, ...facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/**
 * Claim-level findings first, then every line of the claim in order (a line without
 * findings says so, so the biller sees the whole claim was looked at).
 * @param {Finding[]} findings
 * @param {ReadClaim | null} claim
 */
function groupFindings(findings, claim) {
  const lines = claim && Array.isArray(claim.lines) ? claim.lines : [];
  /** @type {Map<number, Finding[]>} */
  const byLine = new Map();
  for (let n = 1; n <= lines.length; n++) byLine.set(n, []);
  const claimLevel = [];
  for (const finding of findings) {
    if (typeof finding.line === 'number') {
      const list = byLine.get(finding.line) ?? [];
      list.push(finding);
      byLine.set(finding.line, list);
    } else claimLevel.push(finding);
  }
  const groups = [];
  if (claimLevel.length > 0 || lines.length === 0) groups.push({ title: 'Whole claim', findings: claimLevel, line: null });
  for (const [n, list] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) groups.push({ title: lineTitle(n, lines[n - 1]), findings: list, line: n });
  return groups;
}

/**
 * @param {number} n
 * @param {unknown} line
 */
function lineTitle(n, line) {
  if (!isObject(line)) return `Line ${n}`;
  const parts = [`Line ${n}`];
  if (line.procedureCode) {
    const modifiers = Array.isArray(line.modifiers) && line.modifiers.length > 0 ? `-${line.modifiers.map(plain).join('-')}` : '';
    parts.push(`${plain(line.procedureCode)}${modifiers}`);
  }
  if (line.serviceDate) parts.push(plain(line.serviceDate));
  if (typeof line.units === 'number') parts.push(plural(line.units, 'unit'));
  if (typeof line.charge === 'number') parts.push(money(line.charge));
  return parts.join(' · ');
}

/**
 * @param {{ title: string, findings: Finding[], line: number | null }} group
 * @param {ViewOptions & { claim: ReadClaim | null }} options
 */
function groupView(group, options) {
  const section = h('section', { class: 'finding-group', 'data-line': group.line ?? 'claim' }, h('h4', {}, group.title));
  if (group.findings.length === 0) section.append(h('p', { class: 'no-findings' }, 'No problems found.'));
  for (const finding of group.findings) section.append(findingView(finding, options));
  return section;
}

/**
 * @param {Finding} given
 * @param {ViewOptions & { claim: ReadClaim | null }} options
 */
function findingView(given, options) {
  const finding = isChargePath(given.path) ? chargeFinding(given, chargeAmounts(options.claim)) : given;
  const severity = SEVERITY_LABEL[finding.severity] ? finding.severity : 'info';
  const summary = h('dl', { class: 'finding-summary' });
  if (finding.carc) summary.append(h('dt', {}, 'Denial code'), h('dd', {}, denialCode(finding, options.codes)));
  summary.append(h('dt', {}, 'Fix'), h('dd', {}, finding.fix));
  // the reasoning is long; it is one click away so a claim's findings fit on a screen
  const more = h('dl', {});
  /** @param {string} term @param {string | Node} value */
  const add = (term, value) => more.append(h('dt', {}, term), h('dd', {}, value));
  add('Why', finding.explanation);
  const onForm = describeField(finding.path);
  if (finding.path) add('Field', h('code', {}, finding.path));
  if (onForm) add('On the form', onForm);
  if (finding.location) add('In the file', finding.location);
  add('Rule', h('code', {}, finding.ruleId));
  const details = h('details', { class: 'finding-more' }, h('summary', {}, finding.location ? 'Why, and where in the file' : 'Why'), more);
  const question = finding.line !== null ? `Explain the finding on line ${finding.line}` : `Explain ${finding.ruleId}`;
  const ask = h('button', { type: 'button', class: 'ask', 'aria-label': `Ask the assistant: ${question}` }, 'Ask about this');
  ask.addEventListener('click', () => options.onAsk(question));
  const actions = h('div', { class: 'finding-actions' }, ask);
  const { onShowField, onApply } = options;
  if (onShowField && (finding.path !== null || finding.line !== null)) {
    const where = onForm ?? finding.path ?? `line ${finding.line}`;
    const show = h('button', { type: 'button', class: 'show-field', 'aria-label': `Show in form: ${where}` }, 'Show in form');
    show.addEventListener('click', () => onShowField(finding));
    actions.append(show);
  }
  const fix = onApply ? fixFor(finding, options.claim) : null;
  if (onApply && fix) {
    const apply = h('button', { type: 'button', class: 'apply-fix primary', 'aria-label': `Apply: ${fix.label}` }, 'Apply');
    apply.addEventListener('click', () => onApply(fix, finding));
    actions.append(h('p', { class: 'fix-offer' }, h('span', {}, `One-click fix: ${fix.label}.`)), apply);
  }
  return h(
    'article',
    { class: `finding sev-${severity}`, 'data-rule': finding.ruleId, 'data-line': finding.line ?? 'claim' },
    h('div', { class: 'finding-head' }, h('span', { class: `severity sev-${severity}` }, SEVERITY_LABEL[severity]), h('span', { class: 'finding-message' }, finding.message)),
    summary,
    details,
    actions,
  );
}

/**
 * @param {Finding} finding
 * @param {number[]} amounts
 * @returns {Finding}
 */
function chargeFinding(finding, amounts) {
  return { ...finding, message: moneyInText(finding.message, amounts), explanation: moneyInText(finding.explanation, amounts), fix: moneyInText(finding.fix, amounts) };
}

/**
 * `CARC 97 — <meaning>`, then each RARC with its meaning, one to a line.
 * @param {Finding} finding
 * @param {CodeMeanings} codes
 */
function denialCode(finding, codes) {
  const carc = finding.carc ?? '';
  const carcMeaning = codes.carc(carc);
  const lines = [h('span', { class: 'code-line' }, h('strong', {}, `CARC ${carc}`), carcMeaning ? ` — ${carcMeaning}` : '')];
  for (const rarc of finding.rarc ?? []) {
    const rarcMeaning = codes.rarc(rarc);
    lines.push(h('span', { class: 'code-line' }, h('strong', {}, `RARC ${rarc}`), rarcMeaning ? ` — ${rarcMeaning}` : ''));
  }
  return h('span', { class: 'codes' }, ...lines);
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
