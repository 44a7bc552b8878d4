// @ts-check
/**
 * The missed-denials view of the workbench: the payers' denials by CARC and payer, how many
 * the scrub predicted and missed, and for a missed group its example claims, each opening
 * the stored claim as the history does. It is where a compliance officer looks for the next
 * rule to write.
 */
import { getJson, codeOf } from './api.js';
import { byId, clear, h, money, plain, showError } from './dom.js';

/** @typedef {import('./types.js').MissedReport} MissedReport */
/** @typedef {import('./types.js').DenialGroup} DenialGroup */

/** @param {number | null} share */
function percent(share) {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** @param {DenialGroup['payer']} payer */
function payerText(payer) {
  if (payer.name !== null && payer.id !== null) return `${payer.name} (${payer.id})`;
  return plain(payer.name ?? payer.id);
}

export class MissedDenialsView {
  /** @param {(scrubId: string) => void} onOpen opens a stored claim */
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.rows = byId('md-rows');
    this.summary = byId('md-summary');
    this.error = byId('md-error');
    this.csv = /** @type {HTMLAnchorElement} */ (byId('md-csv'));
    byId('md-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
  }

  /** @returns {Record<string, string>} */
  filters() {
    /** @type {Record<string, string>} */
    const query = {};
    for (const [key, id] of [['from', 'md-from'], ['to', 'md-to'], ['payer', 'md-payer']]) {
      const value = /** @type {HTMLInputElement} */ (byId(/** @type {string} */ (id))).value.trim();
      if (value !== '') query[/** @type {string} */ (key)] = value;
    }
    return query;
  }

  async load() {
    const query = this.filters();
    this.csv.href = `/api/reports/missed-denials?${new URLSearchParams({ ...query, format: 'csv' })}`;
    try {
      const report = await getJson('/api/reports/missed-denials', query);
      showError(this.error, '');
      this.show(report);
    } catch (error) {
      showError(this.error, `The report could not be read: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
    }
  }

  /** @param {MissedReport} report */
  show(report) {
    const t = report.totals;
    this.summary.textContent =
      report.payments === 0
        ? 'No remittances kept for these dates and payer yet.'
        : `${t.denials} denials in ${report.payments} claim payments: ${t.predicted} predicted, ${t.missed} missed, ${t.unmatched} without a stored scrub; ${money(t.amount)} denied, ${money(t.missedAmount)} of it missed.`;
    clear(this.rows);
    report.groups.forEach((group, index) => this.addGroup(group, index));
  }

  /**
   * @param {DenialGroup} group
   * @param {number} index
   */
  addGroup(group, index) {
    const examplesId = `md-examples-${index}`;
    const toggle = group.examples.length === 0 ? null : h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': examplesId }, `Examples (${group.examples.length})`);
    const family = group.ruleFamily === null ? '—' : h('span', { title: group.ruleFamily.suggestion }, group.ruleFamily.family);
    const row = h(
      'tr',
      { 'data-carc': group.carc, 'data-payer': group.payer.id ?? '' },
      h('th', { scope: 'row', title: group.meaning ?? '' }, group.carc),
      h('td', {}, payerText(group.payer)),
      h('td', {}, group.denials),
      h('td', {}, group.predicted),
      h('td', { class: 'md-missed' }, group.missed),
      h('td', {}, group.unmatched),
      h('td', {}, money(group.amount)),
      h('td', {}, percent(group.predictedShare)),
      h('td', {}, family),
      h('td', {}, toggle),
    );
    this.rows.append(row);
    if (toggle === null) return;
    const list = h(
      'ul',
      { class: 'md-example-list' },
      ...group.examples.map((example) => {
        const where = example.line === null ? 'claim level' : `line ${example.line}${example.procedureCode === null ? '' : ` ${example.procedureCode}${example.modifiers.length === 0 ? '' : `-${example.modifiers.join('-')}`}`}`;
        const open = h('button', { type: 'button', 'data-scrub': example.scrubId }, `Open ${example.claimId}`);
        open.addEventListener('click', () => this.onOpen(example.scrubId));
        return h('li', { 'data-claim': example.claimId }, open, ` — ${where}, ${money(example.amount)}`, example.rarcs.length === 0 ? '' : ` [${example.rarcs.join(' ')}]`, example.remitDate === null ? '' : `, remittance of ${example.remitDate}`);
      }),
    );
    const suggestion = group.ruleFamily === null ? null : h('p', { class: 'hint' }, group.ruleFamily.suggestion);
    const detail = h('tr', { id: examplesId, class: 'md-examples', hidden: true }, h('td', { colspan: 10 }, group.meaning === null ? null : h('p', {}, group.meaning), suggestion, list));
    this.rows.append(detail);
    toggle.addEventListener('click', () => {
      const opening = detail.hidden;
      detail.hidden = !opening;
      toggle.setAttribute('aria-expanded', String(opening));
    });
  }
}

/** @param {(scrubId: string) => void} onOpen */
export function startMissedDenials(onOpen) {
  const view = new MissedDenialsView(onOpen);
  void view.load();
  return view;
}
