// @ts-check
/** The history of claims scrubbed on this server: newest first, searchable by claim id, paged. */
import { getJson } from './api.js';
import { byId, clear, h, plain, plural, when } from './dom.js';

const PAGE_SIZE = 25;
const STATUS_LABEL = { reject: 'Reject', warn: 'Warning', clean: 'Clean' };

/**
 * @typedef {import('./types.js').ScrubSummary} ScrubSummary
 */

export class HistoryView {
  /** @param {(id: string) => void} onOpen */
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.rows = byId('history-rows');
    this.countLine = byId('history-count');
    this.more = /** @type {HTMLButtonElement} */ (byId('history-more'));
    this.query = /** @type {HTMLInputElement} */ (byId('history-query'));
    this.shown = 0;
    byId('history-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    this.more.addEventListener('click', () => void this.load(true));
  }

  /** @param {boolean} [more] append the next page instead of starting over */
  async load(more = false) {
    const offset = more ? this.shown : 0;
    try {
      const page = await getJson('/api/history', { claimId: this.query.value.trim(), limit: PAGE_SIZE, offset });
      if (!more) {
        clear(this.rows);
        this.shown = 0;
      }
      for (const item of page.items) this.rows.append(this.row(item));
      this.shown += page.items.length;
      const search = this.query.value.trim();
      this.countLine.textContent =
        page.total === 0 ? (search ? `No scrubbed claim matches “${search}”.` : 'No claims scrubbed yet.') : `Showing ${this.shown} of ${plural(page.total, 'scrubbed claim')}.`;
      this.more.hidden = this.shown >= page.total;
    } catch (error) {
      this.countLine.textContent = `History could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** @param {ScrubSummary} item */
  row(item) {
    const label = STATUS_LABEL[item.status] ?? item.status;
    const open = h('button', { type: 'button', 'aria-label': `Open claim ${plain(item.claimId)} scrubbed ${when(item.scrubbedAt)}` }, 'Open');
    open.addEventListener('click', () => this.onOpen(item.id));
    return h(
      'tr',
      { 'data-id': item.id },
      h('td', {}, plain(item.claimId)),
      h('td', {}, h('span', { class: `status-tag status-${item.status}` }, label)),
      h('td', { class: 'num' }, item.errors),
      h('td', { class: 'num' }, item.warnings),
      h('td', {}, when(item.scrubbedAt)),
      h('td', {}, open),
    );
  }
}
