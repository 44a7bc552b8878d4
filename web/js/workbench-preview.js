// @ts-check
/**
 * What the draft would change on the claims already scrubbed here: the newest stored scrubs
 * run again with the rules in force and with the draft. Progress arrives over the socket;
 * the answer says how many claims change status, which rules newly fire or stop firing,
 * and lists the changed claims, each of which opens side by side.
 */
import { byId, clear, count, h, plain, plural, showError } from './dom.js';
import { workbenchApi } from './workbench-api.js';

/**
 * @typedef {import('./workbench-api.js').PreviewAnswer} PreviewAnswer
 * @typedef {import('./workbench-api.js').ChangedClaim} ChangedClaim
 */

const STATUS_WORDS = /** @type {Record<string, string>} */ ({ reject: 'reject', warn: 'warning', clean: 'clean' });

export class PreviewPanel {
  /**
   * @param {import('/socket.io/socket.io.esm.min.js').Socket} socket
   * @param {{ draftId: () => string | null }} draft
   */
  constructor(socket, draft) {
    this.draft = draft;
    this.form = /** @type {HTMLFormElement} */ (byId('wb-preview-form'));
    this.limit = /** @type {HTMLInputElement} */ (byId('wb-preview-limit'));
    this.button = /** @type {HTMLButtonElement} */ (byId('wb-preview-button'));
    this.progress = byId('wb-preview-progress');
    this.bar = /** @type {HTMLProgressElement} */ (byId('wb-preview-bar'));
    this.progressText = byId('wb-preview-text');
    this.error = byId('wb-preview-error');
    this.result = byId('wb-preview-result');
    this.compare = byId('wb-compare');
    /** @type {string | null} the draft whose preview runs */
    this.running = null;
    /** @type {string | null} the draft last previewed, whose progress reports are counted */
    this.lastRun = null;
    this.reports = 0;
    socket.on('workbench:preview-progress', (/** @type {{ draftId?: unknown, done?: unknown, total?: unknown }} */ event) => {
      if (this.lastRun === null || event?.draftId !== this.lastRun) return;
      this.bar.dataset.reports = String(++this.reports);
      // a report that arrives after the answer changes nothing shown
      if (this.running === null) return;
      const total = typeof event.total === 'number' ? event.total : 0;
      const done = typeof event.done === 'number' ? event.done : 0;
      this.bar.max = Math.max(1, total);
      this.bar.value = Math.min(done, total);
      this.progressText.textContent = `${count(done)} of ${plural(total, 'stored scrub')} checked`;
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
  }

  /** @param {boolean} ready whether there is a checked draft to preview */
  setReady(ready) {
    this.button.disabled = !ready || this.running !== null;
    byId('wb-preview-hint').textContent = ready ? '' : 'Make a change that checks clean first; the preview runs the draft.';
  }

  /** Drops the result of an earlier draft. */
  reset() {
    clear(this.result);
    this.compare.hidden = true;
    this.progress.hidden = true;
  }

  async run() {
    const draftId = this.draft.draftId();
    if (draftId === null) return;
    const limit = Math.max(1, Math.floor(Number(this.limit.value) || 5000));
    this.running = draftId;
    this.lastRun = draftId;
    this.reports = 0;
    delete this.bar.dataset.reports;
    this.button.disabled = true;
    showError(this.error, '');
    this.reset();
    this.progress.hidden = false;
    this.bar.removeAttribute('value');
    this.progressText.textContent = 'Starting the preview…';
    try {
      const answer = await workbenchApi.preview(draftId, limit);
      this.bar.max = Math.max(1, answer.scrubs);
      this.bar.value = answer.scrubs;
      this.progressText.textContent = `Done: ${plural(answer.scrubs, 'stored scrub')} checked.`;
      this.show(answer);
    } catch (error) {
      this.progress.hidden = true;
      showError(this.error, `The preview did not run: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
    } finally {
      this.running = null;
      this.button.disabled = this.draft.draftId() === null;
    }
  }

  /** @param {PreviewAnswer} answer */
  show(answer) {
    const changedTotal = answer.changedTotal ?? answer.changed.length;
    const statusChanged = answer.statusChanged ?? answer.changed.filter((c) => c.before !== c.after).length;
    const rules = Object.entries(answer.byRule).sort((a, b) => b[1].added + b[1].removed - (a[1].added + a[1].removed));
    this.result.append(
      h(
        'dl',
        { class: 'totals' },
        ...[
          ['Stored scrubs checked', answer.scrubs],
          ['Claims whose status changes', statusChanged],
          ['Claims with other findings', changedTotal],
          ['Not compared', answer.skipped ?? 0],
        ].map(([term, value]) => h('div', {}, h('dt', {}, String(term)), h('dd', { 'data-total': String(term) }, count(Number(value))))),
      ),
    );
    if (rules.length > 0) {
      this.result.append(
        h('h4', {}, 'Findings by rule'),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { id: 'wb-preview-rules' },
            h('caption', { class: 'visually-hidden' }, 'Claims each rule newly fires on, and no longer fires on, with the draft'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col', class: 'num' }, 'Added'), h('th', { scope: 'col', class: 'num' }, 'Removed'))),
            h('tbody', {}, ...rules.map(([ruleId, n]) => h('tr', {}, h('td', {}, h('code', {}, ruleId)), h('td', { class: 'num' }, `+${count(n.added)}`), h('td', { class: 'num' }, `−${count(n.removed)}`)))),
          ),
        ),
      );
    }
    if (answer.changed.length === 0) {
      this.result.append(h('p', {}, 'The draft changes no stored claim.'));
      return;
    }
    const more = changedTotal > answer.changed.length ? ` (the newest ${count(answer.changed.length)} of ${count(changedTotal)})` : '';
    const list = h('ul', { class: 'wb-changed', id: 'wb-changed-claims' });
    for (const claim of answer.changed) {
      const open = h('button', { type: 'button', class: 'small', 'aria-label': `Compare claim ${plain(claim.claimId)} before and after` }, 'Compare');
      open.addEventListener('click', () => void this.openCompare(claim));
      list.append(
        h(
          'li',
          { 'data-scrub': claim.scrubId },
          h('strong', {}, plain(claim.claimId)),
          ' ',
          statusTag(claim.before),
          ' → ',
          statusTag(claim.after),
          claim.added.length > 0 ? h('span', { class: 'rule-added' }, ` +${claim.added.join(', +')}`) : null,
          claim.removed.length > 0 ? h('span', { class: 'rule-removed' }, ` −${claim.removed.join(', −')}`) : null,
          ' ',
          open,
        ),
      );
    }
    this.result.append(h('h4', {}, `Changed claims${more}`), list);
  }

  /** @param {ChangedClaim} claim */
  async openCompare(claim) {
    clear(this.compare);
    this.compare.hidden = false;
    const title = h('h4', { tabindex: -1 }, `Claim ${plain(claim.claimId)}: in force and with the draft`);
    this.compare.append(title);
    /** @type {string[]} */
    let stored = [];
    let detail = '';
    try {
      const record = await workbenchApi.stored(claim.scrubId);
      stored = [...new Set(record.record.result.findings.map((f) => f.ruleId))];
      const payer = /** @type {{ name?: unknown, id?: unknown } | undefined} */ (record.record.claim?.payer);
      detail = `Scrubbed ${record.record.scrubbedAt.slice(0, 10)} · payer ${plain(payer?.name ?? payer?.id)}`;
    } catch (error) {
      detail = `The stored claim could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
    const before = new Set(stored.filter((r) => !claim.added.includes(r)));
    for (const r of claim.removed) before.add(r);
    const after = new Set([...before].filter((r) => !claim.removed.includes(r)));
    for (const r of claim.added) after.add(r);
    const side = (/** @type {string} */ heading, /** @type {string} */ status, /** @type {Set<string>} */ rules, /** @type {string[]} */ marked, /** @type {string} */ mark) =>
      h(
        'section',
        { class: 'wb-side' },
        h('h5', {}, heading),
        h('p', {}, statusTag(status)),
        h('ul', {}, ...[...rules].sort().map((r) => h('li', { class: marked.includes(r) ? mark : null }, h('code', {}, r), marked.includes(r) ? (mark === 'rule-added' ? ' (new)' : ' (goes)') : ''))),
      );
    this.compare.append(
      h('p', { class: 'hint' }, detail),
      h('div', { class: 'wb-sides' }, side('Rules in force', claim.before, before, claim.removed, 'rule-removed'), side('With the draft', claim.after, after, claim.added, 'rule-added')),
    );
    title.focus();
  }
}

/** @param {string} status */
function statusTag(status) {
  return h('span', { class: `status-tag status-${status}` }, STATUS_WORDS[status] ?? status);
}

/** @param {unknown} error */
function codeOf(error) {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : null;
}
