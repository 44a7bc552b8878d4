/**
 * Signed-in sessions. The browser holds a random token in an HttpOnly cookie; the server
 * keeps only the token's SHA-256, so a copy of the server's memory or logs cannot be
 * replayed as a cookie. A session ends on sign-out, after `idleMs` without a request, after
 * `maxMs` in all, or when its account is disabled or its password reset.
 *
 * Sessions live in the server's memory: a restart signs everyone out, which is the safe
 * side for a service that holds claims.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Session {
  username: string;
  /** epoch milliseconds */
  createdAt: number;
  lastSeenAt: number;
  /** how the session began, for the audit */
  method: 'password' | 'sso';
}

export interface SessionTimes {
  /** inactivity after which a session ends */
  idleMs: number;
  /** a session ends this long after it began, active or not */
  maxMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #sweep: NodeJS.Timeout;

  constructor(
    readonly times: SessionTimes,
    private readonly now: () => number = Date.now,
  ) {
    // expired sessions are refused when used; the sweep only keeps memory from holding the abandoned ones
    this.#sweep = setInterval(() => this.#forgetExpired(), Math.min(60_000, times.idleMs)).unref();
  }

  /** Returns the token for the cookie. */
  create(username: string, method: Session['method']): string {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    this.#sessions.set(digest(token), { username, createdAt: at, lastSeenAt: at, method });
    return token;
  }

  /** The live session of a token, marked as used now; undefined when there is none or it expired. */
  use(token: string): Session | undefined {
    const key = digest(token);
    const session = this.#sessions.get(key);
    if (!session) return undefined;
    const at = this.now();
    if (this.#expired(session, at)) {
      this.#sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  /** Like `use`, without counting as activity: for checks the user did not make (a socket's sweep). */
  peek(token: string): Session | undefined {
    const session = this.#sessions.get(digest(token));
    return session && !this.#expired(session, this.now()) ? session : undefined;
  }

  end(token: string): Session | undefined {
    const key = digest(token);
    const session = this.#sessions.get(key);
    this.#sessions.delete(key);
    return session;
  }

  /** Ends every session of a user (a disabled account). */
  endAll(username: string): void {
    for (const [key, session] of this.#sessions) if (session.username === username) this.#sessions.delete(key);
  }

  get size(): number {
    return this.#sessions.size;
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#sessions.clear();
  }

  #expired(session: Session, at: number): boolean {
    return at - session.lastSeenAt > this.times.idleMs || at - session.createdAt > this.times.maxMs;
  }

  #forgetExpired(): void {
    const at = this.now();
    for (const [key, session] of this.#sessions) if (this.#expired(session, at)) this.#sessions.delete(key);
  }
}
