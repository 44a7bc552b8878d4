/**
 * Failed sign-ins slow a guesser down per account (someone trying passwords on one user)
 * and per address (someone trying one password on many users). After `maxFailures` within
 * `windowMs`, further attempts are refused until the window has passed since the latest
 * failure, whatever the password, so a correct guess during the lockout tells nothing.
 * NIST SP 800-63B §5.2.2 asks for such a limit on failed attempts.
 */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

interface Failures {
  count: number;
  last: number;
}

/** Keeps memory bounded when a flood of user names is tried. */
const MAX_TRACKED = 10_000;

export class SignInThrottle {
  readonly #accounts = new Map<string, Failures>();
  readonly #addresses = new Map<string, Failures>();

  constructor(
    readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when an attempt may be made now. */
  waitSeconds(username: string, address: string): number {
    const at = this.now();
    const wait = Math.max(this.#wait(this.#accounts, username, this.limits.perAccount, at), this.#wait(this.#addresses, address, this.limits.perAddress, at));
    return Math.ceil(wait / 1000);
  }

  failed(username: string, address: string): void {
    const at = this.now();
    this.#count(this.#accounts, username, at);
    this.#count(this.#addresses, address, at);
  }

  /** A right password clears the account's failures (not the address's: one right guess does not excuse many wrong ones). */
  succeeded(username: string): void {
    this.#accounts.delete(username);
  }

  #wait(map: Map<string, Failures>, key: string, max: number, at: number): number {
    const failures = map.get(key);
    if (!failures) return 0;
    if (at - failures.last > this.limits.windowMs) {
      map.delete(key);
      return 0;
    }
    return failures.count >= max ? this.limits.windowMs - (at - failures.last) : 0;
  }

  #count(map: Map<string, Failures>, key: string, at: number): void {
    const failures = map.get(key);
    if (failures && at - failures.last <= this.limits.windowMs) {
      failures.count++;
      failures.last = at;
      // re-insert so the map's order stays by latest failure, and the oldest go first
      map.delete(key);
      map.set(key, failures);
    } else {
      map.delete(key);
      map.set(key, { count: 1, last: at });
    }
    if (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
  }
}
