// @ts-check
import { fetchAudit } from './admin-api.js';
import { codeOf } from './api.js';
import { byId, clear, count, h, showError, when } from './dom.js';

/**
 * The audit trail, newest first, filtered by user, action, date and page size. The action
 * list grows with the actions the trail has shown, so it offers only what can match.
 */
export class AuditView {
  constructor() {
    this.form = /** @type {HTMLFormElement} */ (byId('audit-form'));
    this.user = /** @type {HTMLInputElement} */ (byId('audit-user'));
    this.action = /** @type {HTMLSelectElement} */ (byId('audit-action'));
    this.since = /** @type {HTMLInputElement} */ (byId('audit-since'));
    this.limit = /** @type {HTMLInputElement} */ (byId('audit-limit'));
    this.table = byId('audit-table');
    this.rows = byId('audit-rows');
    this.asked = 0;
    this.countLine = byId('audit-count');
    this.error = byId('audit-error');
    /** @type {Set<string>} */
    this.actions = new Set();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
  }

  async load() {
    // loads overlap (the tab opening, an account change, the form): only the latest one shows
    const asked = ++this.asked;
    this.table.setAttribute('aria-busy', 'true');
    try {
      const page = await fetchAudit({ user: this.user.value.trim(), action: this.action.value, since: this.since.value, limit: this.limit.value.trim() });
      if (asked !== this.asked) return;
      showError(this.error, '');
      this.show(page);
    } catch (error) {
      if (asked !== this.asked) return;
      showError(this.error, `The audit trail could not be read: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
    }
    this.table.removeAttribute('aria-busy');
  }

  /** @param {import('./admin-api.js').AuditPage} page */
  show(page) {
    clear(this.rows);
    for (const entry of page.items) {
      this.rows.append(
        h(
          'tr',
          { 'data-seq': entry.seq, 'data-action': entry.action },
          h('td', {}, h('time', { datetime: entry.at }, when(entry.at))),
          h('td', {}, entry.user),
          h('td', {}, entry.role ?? '—'),
          h('td', {}, entry.action),
          h('td', { class: 'audit-target' }, (entry.target ?? []).join(', ')),
          h('td', {}, entry.address),
        ),
      );
      this.rememberAction(entry.action);
    }
    this.countLine.textContent = page.items.length === 0 ? 'No entries match.' : `${count(page.items.length)} of ${count(page.total)} entries`;
  }

  /** @param {string} action */
  rememberAction(action) {
    if (this.actions.has(action)) return;
    this.actions.add(action);
    const options = [...this.action.options].slice(1);
    const before = options.find((option) => option.value > action) ?? null;
    this.action.insertBefore(h('option', { value: action }, action), before);
  }
}
