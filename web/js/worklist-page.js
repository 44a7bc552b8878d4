// @ts-check
/**
 * The follow-up worklist: claims after they are sent, with their states and deadlines, filtered
 * and paged on the server; a biller's own state changes; and the payers' 835 and 277CA files
 * read in, after which the list shows the states they set.
 */
import { ApiError } from './api.js';
import { byId, clear, h, money, plain, showError } from './dom.js';
import { CorrectionPanel } from './correction.js';
import { uploadSummary } from './worklist-page-uploads.js';
import { appealCell } from './appeal-letter.js';

/**
 * @typedef {{ scrubId: string, claimId: string, payer: { id: string | null, name: string | null }, state: string,
 *   charged: number, paid: number, filingDeadline: string | null, appealBy: string | null, followUpOn: string | null, carcs: string[],
 *   payerClaimNumber: string | null }} WorklistItem
 */

export const CLAIM_STATES = ['scrubbed', 'sent', 'rejected', 'paid', 'partly-paid', 'denied', 'corrected', 'appealed', 'closed'];
const PAGE_SIZE = 25;
/** a deadline this close (or past) is the one to act on first */
const NEAR_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function answer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(body && typeof body.error === 'string' ? body.error : `the server answered ${response.status}`, response.status, null, body?.code ?? null);
  return body;
}

/**
 * The deadline to act on first: the nearest of filing and appeal, when within NEAR_DAYS or past.
 * @param {WorklistItem} item
 * @param {number} now
 * @returns {'filingDeadline' | 'appealBy' | null}
 */
export function urgentDeadline(item, now) {
  /** @type {Array<['filingDeadline' | 'appealBy', number]>} */
  const dates = [];
  for (const key of /** @type {const} */ (['filingDeadline', 'appealBy'])) {
    const value = item[key];
    if (value) dates.push([key, Date.parse(`${value}T00:00:00Z`)]);
  }
  dates.sort((a, b) => a[1] - b[1]);
  const nearest = dates[0];
  return nearest !== undefined && nearest[1] - now <= NEAR_DAYS * DAY_MS ? nearest[0] : null;
}

export class WorklistPage {
  /** @param {Omit<import('./correction.js').CorrectionOptions, 'onCorrected'>} options */
  constructor(options) {
    this.form = /** @type {HTMLFormElement} */ (byId('wl-filters'));
    this.state = /** @type {HTMLSelectElement} */ (byId('wl-state'));
    this.payer = /** @type {HTMLInputElement} */ (byId('wl-payer'));
    this.carc = /** @type {HTMLInputElement} */ (byId('wl-carc'));
    this.due = /** @type {HTMLInputElement} */ (byId('wl-due'));
    this.sort = /** @type {HTMLSelectElement} */ (byId('wl-sort'));
    this.csv = /** @type {HTMLAnchorElement} */ (byId('wl-csv'));
    this.rows = byId('wl-rows');
    this.count = byId('wl-count');
    this.error = byId('wl-error');
    this.uploadResult = byId('wl-upload-result');
    this.setStatus = byId('wl-set-status');
    this.prev = /** @type {HTMLButtonElement} */ (byId('wl-prev'));
    this.next = /** @type {HTMLButtonElement} */ (byId('wl-next'));
    this.offset = 0;
    this.correction = new CorrectionPanel(byId('wl-correction'), { ...options, onCorrected: () => void this.load() });
    for (const state of CLAIM_STATES) this.state.append(h('option', { value: state }, state));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.offset = 0;
      void this.load();
    });
    this.prev.addEventListener('click', () => {
      this.offset = Math.max(0, this.offset - PAGE_SIZE);
      void this.load();
    });
    this.next.addEventListener('click', () => {
      this.offset += PAGE_SIZE;
      void this.load();
    });
    this.wireUpload(/** @type {HTMLInputElement} */ (byId('wl-remit-file')), '/api/remits', 'remit');
    this.wireUpload(/** @type {HTMLInputElement} */ (byId('wl-ack-file')), '/api/acks', 'ack');
  }

  /** the filters as they stand, as query parameters */
  filters() {
    const params = new URLSearchParams();
    const set = (/** @type {string} */ key, /** @type {string} */ value) => {
      if (value.trim() !== '') params.set(key, value.trim());
    };
    set('state', this.state.value);
    set('payer', this.payer.value);
    set('carc', this.carc.value);
    set('dueBefore', this.due.value);
    set('sort', this.sort.value);
    return params;
  }

  async load() {
    const params = this.filters();
    const csv = new URLSearchParams(params);
    csv.set('format', 'csv');
    this.csv.href = `/api/worklist?${csv}`;
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String(this.offset));
    try {
      /** @type {{ total: number, items: WorklistItem[] }} */
      const page = await answer(await fetch(`/api/worklist?${params}`, { headers: { accept: 'application/json' } }));
      showError(this.error, '');
      this.show(page);
    } catch (error) {
      showError(this.error, /** @type {Error} */ (error).message, error instanceof ApiError ? error.code : null);
    }
  }

  /** @param {{ total: number, items: WorklistItem[] }} page */
  show(page) {
    clear(this.rows);
    const now = Date.now();
    for (const item of page.items) this.rows.append(this.row(item, now));
    const last = this.offset + page.items.length;
    this.count.textContent = page.total === 0 ? 'No claims match.' : `Claims ${this.offset + 1}–${last} of ${page.total}`;
    this.prev.disabled = this.offset === 0;
    this.next.disabled = last >= page.total;
  }

  /**
   * @param {WorklistItem} item
   * @param {number} now
   */
  row(item, now) {
    const urgent = urgentDeadline(item, now);
    const date = (/** @type {'filingDeadline' | 'appealBy'} */ key) =>
      h('td', urgent === key ? { class: 'wl-urgent' } : {}, plain(item[key]), urgent === key ? h('span', { class: 'visually-hidden' }, ' (due soon)') : null);
    const label = `state of ${item.claimId}`;
    const select = /** @type {HTMLSelectElement} */ (h('select', { 'aria-label': `New ${label}` }, ...CLAIM_STATES.map((s) => h('option', { value: s }, s))));
    select.value = item.state;
    const note = /** @type {HTMLInputElement} */ (h('input', { type: 'text', 'aria-label': `Note on the ${label}`, placeholder: 'note', maxlength: 2000 }));
    const set = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'aria-label': `Set the ${label}` }, 'Set'));
    set.addEventListener('click', () => void this.setState(item, select.value, note.value, set));
    const tr = h(
      'tr',
      { 'data-scrub': item.scrubId, 'data-claim': item.claimId },
      h('th', { scope: 'row' }, item.claimId),
      h('td', {}, plain(item.payer.name ?? item.payer.id)),
      h('td', { class: 'wl-state' }, item.state),
      h('td', { class: 'num' }, money(item.charged)),
      h('td', { class: 'num' }, money(item.paid)),
      date('filingDeadline'),
      date('appealBy'),
      h('td', {}, plain(item.followUpOn)),
      h('td', {}, plain(item.carcs)),
      h('td', { class: 'wl-set' }, select, note, set),
      h('td', {}, this.correction.buttonsFor(item)),
      h('td', {}, h('a', { href: `/api/history/${encodeURIComponent(item.scrubId)}/837`, download: `${item.claimId}.837` }, h('span', { class: 'visually-hidden' }, `${item.claimId} as `), '837')),
      appealCell(item, this.error),
    );
    return tr;
  }

  /**
   * @param {WorklistItem} item
   * @param {string} state
   * @param {string} note
   * @param {HTMLButtonElement} button
   */
  async setState(item, state, note, button) {
    button.disabled = true;
    try {
      const body = note.trim() === '' ? { state } : { state, note: note.trim() };
      /** @type {{ state: string, note?: string }} */
      const change = await answer(await fetch(`/api/worklist/${encodeURIComponent(item.scrubId)}/state`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }));
      showError(this.error, '');
      // the server's answer, so what shows is what was recorded
      this.setStatus.textContent = `${item.claimId} is now ${change.state}${change.note ? `, noted: “${change.note}”` : ''}.`;
      await this.load();
    } catch (error) {
      showError(this.error, `${item.claimId}: ${/** @type {Error} */ (error).message}`, error instanceof ApiError ? error.code : null);
    } finally {
      button.disabled = false;
    }
  }

  /**
   * @param {HTMLInputElement} input
   * @param {string} path
   * @param {'remit' | 'ack'} kind
   */
  wireUpload(input, path, kind) {
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (!file) return;
      try {
        const answers = await answer(await fetch(`${path}?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'content-type': 'application/edi-x12', accept: 'application/json' }, body: file }));
        showError(this.error, '');
        this.uploadResult.replaceChildren(uploadSummary(file.name, kind, answers));
        await this.load();
      } catch (error) {
        showError(this.error, /** @type {Error} */ (error).message, error instanceof ApiError ? error.code : null);
      } finally {
        input.value = '';
      }
    });
  }
}

/**
 * Starts the view when the page has it (the role may follow up claims), and loads it on opening its tab.
 * @param {Omit<import('./correction.js').CorrectionOptions, 'onCorrected'>} options
 */
export function startWorklistPage(options) {
  if (!document.getElementById('view-worklist')) return null;
  const page = new WorklistPage(options);
  document.querySelector('.tab[data-view="worklist"]')?.addEventListener('click', () => void page.load());
  void page.load();
  return page;
}
