// @ts-check
import { addAccount, changeAccount, fetchAccounts } from './admin-api.js';
import { codeOf } from './api.js';
import { byId, clear, h, showError, when } from './dom.js';

const ROLES = ['admin', 'compliance', 'biller', 'trainee'];
const MIN_PASSWORD = 12;

/**
 * The accounts of the server, for an admin: each one's role, its state and a password
 * reset, and a form to add one. The signed-in admin's own row offers no changes, since
 * demoting or disabling yourself would lock you out of this very view.
 */
export class AccountsView {
  /** @param {{ self: string, onChanged: () => void }} options */
  constructor({ self, onChanged }) {
    this.self = self;
    this.onChanged = onChanged;
    this.rows = byId('accounts-rows');
    this.error = byId('accounts-error');
    this.status = byId('accounts-status');
    this.username = /** @type {HTMLInputElement} */ (h('input', { id: 'account-username', autocomplete: 'off', required: true, maxlength: 64 }));
    this.role = /** @type {HTMLSelectElement} */ (h('select', { id: 'account-role' }));
    this.password = /** @type {HTMLInputElement} */ (h('input', { id: 'account-password', type: 'password', autocomplete: 'new-password', required: true }));
    this.formError = h('p', { id: 'account-form-error', class: 'form-error', role: 'alert', hidden: true });
    this.form = /** @type {HTMLFormElement} */ (
      h(
        'form',
        { id: 'account-form', class: 'admin-filter', 'aria-labelledby': 'account-form-title' },
        h('h4', { id: 'account-form-title', class: 'admin-form-title' }, 'Add an account'),
        h('div', {}, h('label', { for: 'account-username' }, 'User name'), this.username),
        h('div', {}, h('label', { for: 'account-role' }, 'Role'), this.role),
        h('div', {}, h('label', { for: 'account-password' }, `Password (${MIN_PASSWORD} characters or more)`), this.password),
        h('button', { type: 'submit' }, 'Add account'),
        this.formError,
      )
    );
    byId('account-form-slot').replaceWith(this.form);
    for (const role of ROLES) this.role.append(h('option', { value: role, selected: role === 'biller' }, role));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
  }

  async load() {
    try {
      this.show(await fetchAccounts());
      showError(this.error, '');
    } catch (error) {
      showError(this.error, `The accounts could not be read: ${messageOf(error)}`, codeOf(error));
    }
  }

  async add() {
    const username = this.username.value.trim();
    const password = this.password.value;
    if (password.length < MIN_PASSWORD) {
      showError(this.formError, `The password needs at least ${MIN_PASSWORD} characters.`);
      this.password.focus();
      return;
    }
    try {
      const account = await addAccount({ username, role: this.role.value, password });
      showError(this.formError, '');
      this.form.reset();
      this.status.textContent = `Added ${account.username} as ${account.role}.`;
      await this.changed();
    } catch (error) {
      showError(this.formError, messageOf(error), codeOf(error));
    }
  }

  /**
   * @param {string} username
   * @param {{ role?: string, state?: 'active' | 'disabled', password?: string }} change
   * @param {string} done what the status line says once the server took it
   */
  async change(username, change, done) {
    try {
      await changeAccount(username, change);
      showError(this.error, '');
      this.status.textContent = done;
      await this.changed();
    } catch (error) {
      showError(this.error, `${username}: ${messageOf(error)}`, codeOf(error));
      await this.load();
    }
  }

  async changed() {
    await this.load();
    this.onChanged();
  }

  /** @param {import('./admin-api.js').Account[]} accounts */
  show(accounts) {
    clear(this.rows);
    for (const account of accounts) this.rows.append(this.row(account));
  }

  /** @param {import('./admin-api.js').Account} account */
  row(account) {
    const mine = account.username === this.self;
    const name = account.username;
    const roleCell = mine
      ? h('td', {}, account.role, ' ', h('span', { class: 'hint' }, '(you)'))
      : h('td', {}, this.roleSelect(account));
    const actions = h('td', { class: 'account-actions' });
    if (!mine) {
      const disable = account.state === 'active';
      const toggle = h('button', { type: 'button', 'aria-label': `${disable ? 'Disable' : 'Enable'} ${name}` }, disable ? 'Disable' : 'Enable');
      toggle.addEventListener('click', () => void this.change(name, { state: disable ? 'disabled' : 'active' }, `${name} is ${disable ? 'disabled; its sessions ended' : 'enabled'}.`));
      actions.append(toggle, this.resetForm(name));
    }
    return h(
      'tr',
      { 'data-username': name, 'data-state': account.state },
      h('th', { scope: 'row' }, name),
      roleCell,
      h('td', {}, account.state),
      h('td', {}, when(account.createdAt)),
      h('td', {}, account.lastSignInAt ? when(account.lastSignInAt) : 'never'),
      actions,
    );
  }

  /** @param {import('./admin-api.js').Account} account */
  roleSelect(account) {
    const id = `account-role-${account.username.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const select = /** @type {HTMLSelectElement} */ (h('select', { id, 'aria-label': `Role of ${account.username}` }));
    for (const role of ROLES) select.append(h('option', { value: role, selected: role === account.role }, role));
    select.addEventListener('change', () => void this.change(account.username, { role: select.value }, `${account.username} is now ${select.value}.`));
    return select;
  }

  /** @param {string} username */
  resetForm(username) {
    const input = /** @type {HTMLInputElement} */ (h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `New password for ${username}` }));
    const form = h('form', { class: 'reset-password' }, input, h('button', { type: 'submit' }, 'Reset password'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (input.value.length < MIN_PASSWORD) {
        showError(this.error, `${username}: the new password needs at least ${MIN_PASSWORD} characters.`);
        input.focus();
        return;
      }
      void this.change(username, { password: input.value }, `${username}'s password was reset; its sessions ended.`);
    });
    return form;
  }
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
