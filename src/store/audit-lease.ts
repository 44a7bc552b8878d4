/**
 * The server's hold on the audit log's lock. Taking the lock costs several file operations
 * (create, write, close; read and remove to let go), more than the append itself, so the
 * server keeps it while its appends keep coming and lets go when they pause for LINGER_MS.
 * Every append also looks (at the same time as it writes) for a waiter's note: a shell
 * command waiting gets the lock after that append, and the server gives way until the
 * waiter has it, or GIVE_WAY_MS has passed.
 */
import { acquireAuditLock, someoneWaits, STALE_MS, type AuditLock } from './audit-lock.js';

/** A pause in appends this long lets the lock go. */
const LINGER_MS = 25;
/** After letting go for a waiter, how long at most to wait for it to take the lock. */
const GIVE_WAY_MS = 100;
const GIVE_WAY_POLL_MS = 1;
/** A lock kept this long is touched, so that nobody takes it for a hung holder's. */
const TOUCH_EVERY_MS = STALE_MS / 4;

export class AuditLockLease {
  readonly #file: string;
  #lock: AuditLock | null = null;
  #touchedAt = 0;
  #idle: NodeJS.Timeout | null = null;
  #letGo: Promise<void> = Promise.resolve();
  #waiting: Promise<boolean> = Promise.resolve(false);
  /** between `hold` and `done` */
  #inUse = false;
  #gaveWay = false;
  readonly #onExit = (): void => {
    this.#lock?.releaseSync();
  };

  constructor(file: string) {
    this.#file = file;
  }

  /** A lock taken by the caller, kept by the lease from now on. */
  static holding(file: string, lock: AuditLock): AuditLockLease {
    const lease = new AuditLockLease(file);
    lease.#keep(lock);
    return lease;
  }

  /** The lock, taken if it is not held; one holder at a time (the caller's queue sees to it). Call `done` after. */
  async hold(): Promise<AuditLock> {
    this.#inUse = true;
    if (this.#idle !== null) clearTimeout(this.#idle);
    this.#idle = null;
    await this.#letGo;
    if (this.#lock === null) {
      if (this.#gaveWay) await this.#giveWay();
      this.#keep(await acquireAuditLock(this.#file));
    }
    this.#waiting = someoneWaits(this.#file);
    return this.#lock!;
  }

  /** The holder's work is done: lets go at once when someone waits, else after a pause. */
  async done(): Promise<void> {
    this.#inUse = false;
    const waiting = await this.#waiting;
    // held again meanwhile: the next `done` decides
    if (this.#lock === null || this.#inUse) return;
    if (waiting) {
      this.#gaveWay = true;
      this.#release();
      return;
    }
    if (Date.now() - this.#touchedAt >= TOUCH_EVERY_MS) {
      this.#touchedAt = Date.now();
      void this.#lock.touch();
    }
    this.#idle = setTimeout(() => {
      this.#idle = null;
      this.#release();
    }, LINGER_MS);
    this.#idle.unref();
  }

  /** Lets go now (closing). */
  async release(): Promise<void> {
    if (this.#idle !== null) clearTimeout(this.#idle);
    this.#idle = null;
    this.#release();
    await this.#letGo;
  }

  #keep(lock: AuditLock): void {
    this.#lock = lock;
    this.#touchedAt = Date.now();
    process.on('exit', this.#onExit);
  }

  #release(): void {
    const lock = this.#lock;
    if (lock === null) return;
    this.#lock = null;
    process.off('exit', this.#onExit);
    this.#letGo = this.#letGo.then(() => lock.release()).catch(() => undefined);
  }

  async #giveWay(): Promise<void> {
    this.#gaveWay = false;
    const until = Date.now() + GIVE_WAY_MS;
    while (Date.now() < until && (await someoneWaits(this.#file))) await new Promise((resolve) => setTimeout(resolve, GIVE_WAY_POLL_MS));
  }
}
