// @ts-check
/**
 * Scrubbing a whole file: the upload streams to the server, progress comes back over the
 * socket, and the summary shows the totals, the rules that fire most (with a chart) and the
 * denial codes a payer would send.
 */
import { codeOf, uploadBatch } from './api.js';
import { barChart } from './chart.js';
import { byId, clear, count, h, plain, plural, showError } from './dom.js';

/**
 * @typedef {import('./types.js').BatchSummary} BatchAnswer
 * @typedef {BatchAnswer['summary']} BatchSummary
 */

const STATUS_LABEL = { reject: 'reject', warn: 'warning', clean: 'clean' };

export class BatchView {
  /**
   * @param {import('/socket.io/socket.io.esm.min.js').Socket} socket
   * @param {{ codes: { carc(code: string): string | undefined }, onOpen: (scrubId: string) => void }} options
   */
  constructor(socket, options) {
    this.socket = socket;
    this.options = options;
    this.form = byId('batch-form');
    this.file = /** @type {HTMLInputElement} */ (byId('batch-file'));
    this.button = /** @type {HTMLButtonElement} */ (byId('batch-button'));
    this.error = byId('batch-error');
    this.progress = byId('batch-progress');
    this.bar = /** @type {HTMLProgressElement} */ (byId('batch-progress-bar'));
    this.progressText = byId('batch-progress-text');
    this.summaryCard = byId('batch-summary');
    this.summaryBody = byId('batch-summary-body');
    /** @type {string | null} */
    this.batchId = null;
    socket.on('batch:progress', (progress) => this.onProgress(progress));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.upload();
    });
  }

  async upload() {
    const file = this.file.files?.[0];
    if (!file) {
      showError(this.error, 'Choose a file first.');
      this.file.focus();
      return;
    }
    showError(this.error, '');
    this.batchId = `b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    this.button.disabled = true;
    this.progress.hidden = false;
    this.bar.value = 0;
    this.bar.max = Math.max(1, file.size);
    this.progressText.textContent = `Uploading ${file.name}…`;
    this.summaryCard.hidden = true;
    try {
      const answer = /** @type {BatchAnswer} */ (await uploadBatch(file, { batchId: this.batchId, socketId: this.socket.id }));
      this.bar.value = this.bar.max;
      this.progressText.textContent = `Done: ${plural(answer.summary.claims, 'claim')} scrubbed from ${file.name}.`;
      this.showSummary(answer);
    } catch (error) {
      showError(this.error, `The file could not be scrubbed: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
      this.progress.hidden = true;
    } finally {
      this.button.disabled = false;
      this.batchId = null;
    }
  }

  /** @param {{ batchId?: unknown, bytes?: unknown, totalBytes?: unknown, claims?: unknown, rejected?: unknown }} progress */
  onProgress(progress) {
    if (!this.batchId || progress?.batchId !== this.batchId) return;
    const bytes = typeof progress.bytes === 'number' ? progress.bytes : 0;
    const total = typeof progress.totalBytes === 'number' && progress.totalBytes > 0 ? progress.totalBytes : this.bar.max;
    this.bar.max = total;
    this.bar.value = Math.min(bytes, total);
    const claims = typeof progress.claims === 'number' ? progress.claims : 0;
    const rejected = typeof progress.rejected === 'number' ? `, ${count(progress.rejected)} rejected so far` : '';
    this.progressText.textContent = `${plural(claims, 'claim')} scrubbed${rejected} · ${megabytes(bytes)} of ${megabytes(total)}`;
  }

  /** @param {BatchAnswer} answer */
  showSummary(answer) {
    const { summary } = answer;
    clear(this.summaryBody);
    this.summaryBody.append(
      h('p', {}, `${answer.name}${answer.format ? ` (${answer.format})` : ''}`),
      h(
        'dl',
        { class: 'totals' },
        ...[
          ['Claims', summary.claims],
          ['Rejected', summary.rejected],
          ['With warnings', summary.warned],
          ['Clean', summary.clean],
        ].map(([term, value]) => h('div', {}, h('dt', {}, String(term)), h('dd', {}, count(Number(value))))),
      ),
    );
    if (summary.topRules.length > 0) {
      this.summaryBody.append(
        h('h4', {}, 'Findings by rule'),
        barChart(summary.topRules.map((row) => ({ label: row.ruleId, count: row.count })), 'Findings by rule, most frequent first'),
        table(['Rule', 'Findings'], summary.topRules.map((row) => [h('code', {}, row.ruleId), count(row.count)])),
      );
    }
    if (summary.carcs.length > 0) {
      this.summaryBody.append(
        h('h4', {}, 'Denial codes a payer would send'),
        table(['CARC', 'Meaning', 'Findings'], summary.carcs.map((row) => [row.carc, this.options.codes.carc(row.carc) ?? '—', count(row.count)])),
      );
    }
    if (answer.stored.length > 0) {
      const list = h('ul', { class: 'stored-claims' });
      for (const item of answer.stored) {
        const label = STATUS_LABEL[item.status] ?? item.status;
        const open = h('button', { type: 'button', class: `stored status-${item.status}`, 'aria-label': `Open claim ${plain(item.claimId)} (${label})` }, `${plain(item.claimId)} · ${label}`);
        open.addEventListener('click', () => this.options.onOpen(item.scrubId));
        list.append(h('li', {}, open));
      }
      const more = summary.rejected + summary.warned > answer.stored.length ? ` (the first ${answer.stored.length}; all are in the totals above)` : '';
      this.summaryBody.append(h('h4', {}, `Claims to look at${more}`), h('p', { class: 'hint' }, 'Open one to see its findings and ask about it.'), list);
    }
    this.summaryCard.hidden = false;
    byId('batch-summary-title').focus();
  }
}

/**
 * @param {string[]} headings
 * @param {Array<Array<string | Node>>} rows
 */
function table(headings, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headings.map((heading, i) => h('th', { scope: 'col', class: i === headings.length - 1 ? 'num' : null }, heading)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell, i) => h('td', { class: i === cells.length - 1 ? 'num' : null }, cell))))),
    ),
  );
}

/** @param {number} bytes */
function megabytes(bytes) {
  return bytes < 1024 * 1024 ? `${Math.max(0, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
