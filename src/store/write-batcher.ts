/**
 * Group commit: calls that arrive while a write is pending or running share the next write,
 * so a burst of scrubs costs a few file writes instead of one each. A caller's promise
 * resolves only after a write that began after its call has finished, so its data is on
 * disk. Writes never overlap.
 *
 * A file that is rewritten whole (the database) is better written seldom than promptly: it
 * can ask for a rest between writes, so what arrives during a write waits that long too.
 */
export class WriteBatcher {
  readonly #flush: () => Promise<void>;
  readonly #windowMs: number;
  readonly #restMs: number;
  #waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #writes = 0;

  /**
   * `flush` writes everything in memory; it must take its snapshot before its first await.
   * `windowMs`: how long the first call waits for others; `restMs`: how long after a write the
   * next one may start (0: at once, for callers waiting on the disk).
   */
  constructor(flush: () => Promise<void>, windowMs: number, restMs = 0) {
    this.#flush = flush;
    this.#windowMs = windowMs;
    this.#restMs = restMs;
  }

  /** File writes completed so far. */
  get writes(): number {
    return this.#writes;
  }

  /** Resolves once everything changed before this call is on disk. */
  request(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      if (this.#running === null && this.#timer === null) {
        // a short wait lets the calls of one burst join the same write
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.#start();
        }, this.#windowMs);
      }
    });
  }

  /** Writes whatever is waiting now and resolves when no write is left; the first failure is thrown. */
  async drain(): Promise<void> {
    let failure: unknown = null;
    while (this.#running !== null || this.#waiting.length > 0) {
      if (this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
      }
      if (this.#running === null) this.#start();
      try {
        await this.#running;
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  }

  #start(): void {
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length === 0) return;
    // the flush takes its snapshot synchronously here, so later changes wait for the next write
    const running = this.#flush().then(
      () => {
        this.#writes++;
        for (const waiter of batch) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of batch) waiter.reject(error);
        throw error;
      },
    );
    this.#running = running;
    running
      .catch(() => undefined)
      .finally(() => {
        this.#running = null;
        if (this.#waiting.length === 0 || this.#timer !== null) return;
        // what arrived during this write has waited long enough, unless the file asked for a rest
        if (this.#restMs === 0) this.#start();
        else
          this.#timer = setTimeout(() => {
            this.#timer = null;
            this.#start();
          }, this.#restMs);
      });
  }
}
