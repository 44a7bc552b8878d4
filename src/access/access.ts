/**
 * Who is asking. One object answers it for every door of the server: sign-in with a
 * password (or through the identity provider), the session a cookie names, sign-out, and
 * the one-time setup of the first account.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ScrubjayError } from '../errors.js';
import { AccountDirectory } from './account-directory.js';
import type { Account } from './account-file.js';
import { Accounts, checkPassword, normalUsername, type AccountView } from './accounts.js';
import { verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { DEFAULT_SESSION_TIMES, SessionStore, type Session, type SessionTimes } from './sessions.js';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottleLimits } from './throttle.js';

/** A signed-in user, as every route and socket event sees them. */
export interface User {
  username: string;
  role: Role;
}

export type SignInOutcome =
  | { kind: 'ok'; user: User; token: string }
  | { kind: 'failed'; username: string }
  | { kind: 'throttled'; username: string; retryAfterSeconds: number };

export interface AccessOptions {
  sessions?: Partial<SessionTimes>;
  throttle?: Partial<ThrottleLimits>;
  now?: () => Date;
}

export class Access {
  readonly accounts: Accounts;
  readonly directory: AccountDirectory;
  readonly sessions: SessionStore;
  readonly throttle: SignInThrottle;
  /** the first account's one-time token, while there is no account */
  #setupToken: string | null;

  constructor(dataDir: string, options: AccessOptions = {}) {
    const now = options.now ?? (() => new Date());
    this.accounts = new Accounts(dataDir, now);
    this.directory = new AccountDirectory(this.accounts.files);
    this.sessions = new SessionStore({ ...DEFAULT_SESSION_TIMES, ...options.sessions }, () => now().getTime());
    this.throttle = new SignInThrottle({ ...DEFAULT_THROTTLE, ...options.throttle }, () => now().getTime());
    this.#setupToken = this.directory.count() === 0 ? randomBytes(24).toString('base64url') : null;
  }

  /** The token of the setup address, or null once any account exists (made here or from the shell). */
  setupToken(): string | null {
    if (this.#setupToken !== null && this.directory.count() > 0) this.#setupToken = null;
    return this.#setupToken;
  }

  /** Makes the first admin; the token is void afterwards, whatever happens. */
  async completeSetup(token: string, username: string, password: string): Promise<AccountView> {
    const expected = this.setupToken();
    if (expected === null || !sameSecret(token, expected)) throw new ScrubjayError('SJ_AUTH_SETUP_CLOSED', undefined, { path: 'token' });
    normalUsername(username);
    checkPassword(password);
    this.#setupToken = null;
    return this.accounts.add({ username, role: 'admin', password });
  }

  async signIn(rawUsername: unknown, password: unknown, address: string): Promise<SignInOutcome> {
    const username = typeof rawUsername === 'string' ? rawUsername.trim().toLowerCase().slice(0, 64) : '';
    const wait = this.throttle.waitSeconds(username, address);
    if (wait > 0) return { kind: 'throttled', username, retryAfterSeconds: wait };
    const account = username === '' ? undefined : this.directory.find(username);
    const usable = account !== undefined && account.state === 'active';
    // the hash is checked even for an unknown or disabled account, so the answer takes as long either way
    const right = await verifyPassword(usable ? account.passwordHash : null, typeof password === 'string' ? password : '');
    if (!usable || !right) {
      this.throttle.failed(username, address);
      return { kind: 'failed', username };
    }
    this.throttle.succeeded(username);
    await this.accounts.markSignIn(username);
    return { kind: 'ok', user: { username, role: account.role }, token: this.sessions.create(username, 'password') };
  }

  /** A session for an account the identity provider vouched for. */
  async signInVerified(account: Account): Promise<{ user: User; token: string } | null> {
    const current = this.directory.find(account.username);
    if (!current || current.state !== 'active') return null;
    await this.accounts.markSignIn(current.username);
    return { user: { username: current.username, role: current.role }, token: this.sessions.create(current.username, 'sso') };
  }

  /**
   * The user a session token belongs to now: the account's current role, or null when the
   * session is over or the account was disabled, removed or had its password reset since.
   */
  userOf(token: string | undefined, activity = true): User | null {
    if (!token) return null;
    try {
      return this.#userOf(token, activity);
    } catch (error) {
      // an accounts file that cannot be read (edited by hand, a full disk) lets nobody in, and stops nothing else
      if (error instanceof ScrubjayError && error.code === 'SJ_ACCOUNT_FILE') {
        this.#unreadable = error;
        return null;
      }
      throw error;
    }
  }

  /** The accounts file's read error, when the latest lookup could not read it (cleared by the next good read). */
  accountsProblem(): ScrubjayError | null {
    return this.#unreadable;
  }

  #unreadable: ScrubjayError | null = null;

  #userOf(token: string, activity: boolean): User | null {
    const session = activity ? this.sessions.use(token) : this.sessions.peek(token);
    if (!session) return null;
    const account = this.directory.find(session.username);
    this.#unreadable = null;
    if (!account || account.state !== 'active' || startedBefore(session, account.sessionsValidFrom)) {
      this.sessions.end(token);
      return null;
    }
    return { username: account.username, role: account.role };
  }

  signOut(token: string | undefined): Session | undefined {
    return token ? this.sessions.end(token) : undefined;
  }

  close(): void {
    this.sessions.close();
  }
}

function startedBefore(session: Session, validFrom: string | undefined): boolean {
  return validFrom !== undefined && session.createdAt < Date.parse(validFrom);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
