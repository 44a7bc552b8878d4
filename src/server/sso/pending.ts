/**
 * Sign-ons begun and not yet finished: what the callback needs to check the provider's answer
 * (the PKCE verifier, the nonce, the redirect address used). Kept in the server's memory by
 * state, each for a few minutes and used once. The number kept is bounded, so a flood of
 * begun sign-ons costs memory up to the bound and then pushes out the oldest.
 */
export interface PendingSignOn {
  codeVerifier: string;
  nonce: string;
  redirectUrl: string;
  /** epoch milliseconds */
  createdAt: number;
}

export const PENDING_TTL_MS = 10 * 60_000;
export const MAX_PENDING = 1000;

export class PendingSignOns {
  readonly #byState = new Map<string, PendingSignOn>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PENDING_TTL_MS,
    private readonly max = MAX_PENDING,
  ) {}

  add(state: string, pending: Omit<PendingSignOn, 'createdAt'>): void {
    this.#sweep();
    // Map keeps insertion order: the first key is the oldest sign-on
    while (this.#byState.size >= this.max) this.#byState.delete(this.#byState.keys().next().value!);
    this.#byState.set(state, { ...pending, createdAt: this.now() });
  }

  /** The sign-on begun with this state, removed so that it cannot be finished twice; undefined when unknown or expired. */
  take(state: string): PendingSignOn | undefined {
    const pending = this.#byState.get(state);
    if (!pending) return undefined;
    this.#byState.delete(state);
    return this.now() - pending.createdAt > this.ttlMs ? undefined : pending;
  }

  get size(): number {
    return this.#byState.size;
  }

  #sweep(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [state, pending] of this.#byState) {
      if (pending.createdAt >= cutoff) break;
      this.#byState.delete(state);
    }
  }
}
