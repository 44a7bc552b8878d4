// @ts-check
import { AccountsView } from './admin-accounts.js';
import { AuditView } from './admin-audit.js';

/**
 * The administration tab: the audit trail for a role that reads it, the accounts for one
 * that manages them (the page holds only the parts the role may use). The trail is read
 * again whenever the tab opens and after each account change, so a change shows at once.
 */
export async function startAdmin() {
  const audit = document.getElementById('admin-audit') ? new AuditView() : null;
  const self = document.getElementById('who-name')?.textContent ?? '';
  const accounts = document.getElementById('admin-accounts') ? new AccountsView({ self, onChanged: () => void audit?.load() }) : null;
  document.querySelector('.tab[data-view="admin"]')?.addEventListener('click', () => void audit?.load());
  await Promise.all([audit?.load(), accounts?.load()]);
}
