/**
 * Account changes, the same for the shell (`scrubjay users`) and the page: each checks its
 * input, then changes the accounts file under its lock. What a change did is returned so the
 * caller can audit it.
 */
import { ScrubjayError } from '../errors.js';
import { accountFiles, readAccounts, updateAccounts, type Account, type AccountFiles } from './account-file.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { isRole, type Role } from './roles.js';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** User names are compared without case: "Pat" and "pat" are one account. */
export function normalUsername(username: string): string {
  const name = username.trim().toLowerCase();
  if (!USERNAME.test(name)) throw new ScrubjayError('SJ_ACCOUNT_USERNAME_INVALID', undefined, { path: 'username' });
  return name;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw new ScrubjayError('SJ_ACCOUNT_ROLE_INVALID', `"${role.slice(0, 40)}" is not a role: use admin, compliance, biller or trainee`, { path: 'role' });
  return role;
}

export function checkPassword(password: string): string {
  const problem = passwordProblem(password);
  if (problem) throw new ScrubjayError('SJ_ACCOUNT_PASSWORD_SHORT', problem, { path: 'password' });
  return password;
}

/** An account as the shell and the page list it: never the password hash. */
export interface AccountView {
  username: string;
  role: Role;
  state: 'active' | 'disabled';
  createdAt: string;
  lastSignInAt: string | null;
  sso: boolean;
}

export function viewOf(account: Account): AccountView {
  return { username: account.username, role: account.role, state: account.state, createdAt: account.createdAt, lastSignInAt: account.lastSignInAt, sso: account.sso !== undefined };
}

export class Accounts {
  readonly files: AccountFiles;

  constructor(dataDir: string, private readonly now: () => Date = () => new Date()) {
    this.files = accountFiles(dataDir);
  }

  list(): AccountView[] {
    return readAccounts(this.files).map(viewOf);
  }

  async add(input: { username: string; role: string; password: string | null; sso?: Account['sso'] }): Promise<AccountView> {
    const username = normalUsername(input.username);
    const role = checkRole(input.role);
    const passwordHash = input.password === null ? null : await hashPassword(checkPassword(input.password));
    return updateAccounts(this.files, (accounts) => {
      if (accounts.some((a) => a.username === username)) throw new ScrubjayError('SJ_ACCOUNT_EXISTS', `an account named "${username}" exists`, { path: 'username' });
      const account: Account = { username, role, state: 'active', passwordHash, createdAt: this.now().toISOString(), lastSignInAt: null, ...(input.sso ? { sso: input.sso } : {}) };
      return { accounts: [...accounts, account], result: viewOf(account) };
    });
  }

  disable(username: string): Promise<AccountView> {
    // the account's sessions end with it: a later enable does not bring them back
    return this.#change(username, (a) => ({ ...a, state: 'disabled', sessionsValidFrom: this.now().toISOString() }));
  }

  enable(username: string): Promise<AccountView> {
    return this.#change(username, (a) => ({ ...a, state: 'active' }));
  }

  setRole(username: string, role: string): Promise<AccountView> {
    const checked = checkRole(role);
    return this.#change(username, (a) => ({ ...a, role: checked }));
  }

  async resetPassword(username: string, password: string): Promise<AccountView> {
    const passwordHash = await hashPassword(checkPassword(password));
    // whoever held the old password is signed out
    return this.#change(username, (a) => ({ ...a, passwordHash, sessionsValidFrom: this.now().toISOString() }));
  }

  markSignIn(username: string): Promise<AccountView> {
    return this.#change(username, (a) => ({ ...a, lastSignInAt: this.now().toISOString() }));
  }

  #change(username: string, change: (account: Account) => Account): Promise<AccountView> {
    const name = normalUsername(username);
    return updateAccounts(this.files, (accounts) => {
      const index = accounts.findIndex((a) => a.username === name);
      if (index < 0) throw new ScrubjayError('SJ_ACCOUNT_UNKNOWN', `no account named "${name}"`, { path: 'username' });
      const changed = change(accounts[index]!);
      const next = [...accounts];
      next[index] = changed;
      return { accounts: next, result: viewOf(changed) };
    });
  }
}
