// @ts-check
/**
 * Correcting a claim the payer denied or the clearinghouse rejected, from the Follow-up tab:
 * the stored claim opens in a CMS-1500 form of its own as a replacement (frequency 7) or a
 * void (8), with the payer's claim number from its newest remittance in item 22; the biller
 * edits it, the server scrubs and keeps the correction, and its 837 is one click away.
 */
import { ApiError, codeOf, getJson } from './api.js';
import { ClaimForm } from './claim-form.js';
import { clear, h, plain, showError } from './dom.js';
import { resultView } from './result-view.js';

/**
 * @typedef {import('./worklist-page.js').WorklistItem} WorklistItem
 * @typedef {import('./types.js').Correction} Correction
 * @typedef {import('./claim-paths.js').ClaimObject} ClaimObject
 * @typedef {'replace' | 'void'} Kind
 * @typedef {{ carc(code: string): string | undefined, rarc(code: string): string | undefined }} CodeMeanings
 * @typedef {{ codes: CodeMeanings, onAsk: (scrubId: string, question: string) => void, onCorrected: () => void }} CorrectionOptions
 */

/** what the payer or the clearinghouse sent back, so the claim itself needs changing */
const CORRECTABLE = new Set(['denied', 'rejected']);
const FREQUENCY = { replace: '7', void: '8' };
const WORDS = {
  replace: { title: 'Correct claim', frequency: '7 (replacement)' },
  void: { title: 'Void claim', frequency: '8 (void)' },
};

/**
 * @param {string} scrubId
 * @param {{ kind: Kind, claim: ClaimObject }} body
 * @returns {Promise<Correction>}
 */
async function postCorrection(scrubId, body) {
  const response = await fetch(`/api/history/${encodeURIComponent(scrubId)}/correction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(answer && typeof answer.error === 'string' ? answer.error : `the server answered ${response.status}`, response.status, answer?.field ?? null, answer?.code ?? null);
  return answer;
}

export class CorrectionPanel {
  /**
   * @param {HTMLElement} root the panel's section in the Follow-up view
   * @param {CorrectionOptions} options
   */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    /** @type {WorklistItem | null} */
    this.item = null;
    /** @type {Kind} */
    this.kind = 'replace';
    this.title = h('h3', { id: 'corr-title', tabindex: -1 });
    this.lead = h('p', { id: 'corr-lead' });
    this.error = h('p', { id: 'corr-error', class: 'form-error', role: 'alert', hidden: true });
    this.formRoot = h('div', { class: 'cms-form' });
    /** made when a claim is opened and dropped on closing: the page's own form must stay the one its labels name */
    /** @type {ClaimForm | null} */
    this.form = null;
    this.scrubButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'primary' }, 'Scrub corrected claim'));
    this.scrubButton.addEventListener('click', () => void this.scrub());
    const close = h('button', { type: 'button' }, 'Close');
    close.addEventListener('click', () => this.close());
    this.outcome = h('div', { id: 'corr-outcome', role: 'status', 'aria-live': 'polite' });
    root.setAttribute('aria-labelledby', 'corr-title');
    root.append(this.title, this.lead, this.formRoot, h('div', { class: 'actions' }, this.scrubButton, close), this.error, this.outcome);
  }

  /**
   * The buttons a worklist row gets, or null when its claim is not one to correct.
   * @param {WorklistItem} item
   * @returns {HTMLElement | null}
   */
  buttonsFor(item) {
    if (!CORRECTABLE.has(item.state)) return null;
    const button = (/** @type {Kind} */ kind) => {
      const b = h('button', { type: 'button', class: 'small', 'data-correct': kind }, WORDS[kind].title, h('span', { class: 'visually-hidden' }, ` ${item.claimId}`));
      b.addEventListener('click', () => void this.open(item, kind));
      return b;
    };
    return h('div', { class: 'wl-correct' }, button('replace'), button('void'));
  }

  /**
   * Opens the stored claim as a replacement or void of itself.
   * @param {WorklistItem} item
   * @param {Kind} kind
   */
  async open(item, kind) {
    this.item = item;
    this.kind = kind;
    clear(this.outcome);
    showError(this.error, '');
    this.title.textContent = `${WORDS[kind].title} ${item.claimId}`;
    try {
      const stored = await getJson(`/api/history/${encodeURIComponent(item.scrubId)}`);
      const claim = { ...stored.record.claim, frequency: FREQUENCY[kind], originalClaimId: item.payerClaimNumber ?? stored.record.claim.originalClaimId ?? null };
      this.form ??= new ClaimForm(this.formRoot, { onChange: () => undefined, idPrefix: 'corr' });
      this.form.load(/** @type {ClaimObject} */ (claim));
    } catch (error) {
      showError(this.error, `The claim could not be opened: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
    }
    const number = item.payerClaimNumber ? `the payer's claim ${item.payerClaimNumber}` : 'the payer’s claim (no remittance gave its number: enter it as the original reference number, item 22)';
    const lines = kind === 'void' ? ' A void takes back the claim as it was sent: its lines go as they were, whatever is changed here.' : '';
    this.lead.textContent = `Frequency ${WORDS[kind].frequency} of ${number}.${lines}`;
    this.root.hidden = false;
    this.root.scrollIntoView({ block: 'start' });
    this.title.focus({ preventScroll: true });
  }

  close() {
    this.root.hidden = true;
    this.item = null;
    this.form = null;
    clear(this.formRoot);
    clear(this.outcome);
  }

  async scrub() {
    const item = this.item;
    if (item === null || this.form === null) return;
    this.scrubButton.disabled = true;
    try {
      const correction = await postCorrection(item.scrubId, { kind: this.kind, claim: this.form.claim });
      showError(this.error, '');
      this.showOutcome(item, correction);
      this.options.onCorrected();
    } catch (error) {
      showError(this.error, error instanceof Error ? error.message : String(error), codeOf(error));
    } finally {
      this.scrubButton.disabled = false;
    }
  }

  /**
   * @param {WorklistItem} item
   * @param {Correction} correction
   */
  showOutcome(item, correction) {
    clear(this.outcome);
    const form = /** @type {ClaimForm} */ (this.form);
    const claim = /** @type {import('./types.js').ReadClaim} */ (/** @type {unknown} */ (form.claim));
    const download = h(
      'a',
      { class: 'button', href: `/api/history/${encodeURIComponent(correction.scrubId)}/837`, download: true },
      'Download 837',
      h('span', { class: 'visually-hidden' }, ` of the corrected ${item.claimId}`),
    );
    this.outcome.append(
      h('p', {}, `Kept as ${correction.scrubId}; ${plain(item.claimId)} is marked corrected.`),
      h('div', { class: 'actions' }, download),
      resultView(correction.result, claim, {
        codes: this.options.codes,
        onAsk: (question) => this.options.onAsk(correction.scrubId, question),
        onShowField: (finding) => void form.showField(finding.path, finding.line),
      }),
    );
  }
}
