/**
 * The audit log as the server holds it: who did what, as a hash chain, one JSON object a
 * line in its own file (see audit-chain.ts for the hashing and audit-writer.ts for appending
 * beside other processes).
 *
 * Memory holds the newest RECENT_ENTRIES entries only, however many years the log spans: the
 * audit page's first view, and any query while the log is that short, is answered from
 * them; a filtered query over a longer log reads the file from the start (about 250 bytes an
 * entry: a million entries is some 250 MB read, a few seconds).
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Logger } from 'pino';
import { ScrubjayError } from '../errors.js';
import { parseEntryLine } from './audit-chain.js';
import { lastLineEnd, readFirstLine, readLinesBackward, readLinesForward } from './audit-file.js';
import { acquireAuditLock } from './audit-lock.js';
import { archiveOlderThan, DAY_MS } from './audit-retention.js';
import { appendEntries, entriesBetween, withLogFile, type AuditPaths, type LogPosition, type Stamped } from './audit-writer.js';
import { moveAsideIfUnchained } from './audit-legacy.js';
import { writeError } from './journal.js';
import type { AuditEntry, AuditInput, AuditPage, AuditQuery, StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';

export interface AuditLogSettings {
  maxAuditAgeDays: number;
  batchWindowMs: number;
  now: () => Date;
  logger: Logger | undefined;
}

/** The newest entries kept in memory: as many as one query may ask for. */
export const RECENT_ENTRIES = 1_000;
const DEFAULT_LIMIT = 100;
/** retention looks at the log's oldest entry at most this often (and at start-up) */
const RETENTION_EVERY_MS = 3_600_000;

interface Pending {
  stamped: Stamped;
  entry?: AuditEntry;
}

export class AuditLog {
  readonly #paths: AuditPaths;
  readonly #settings: AuditLogSettings;
  readonly #batcher: WriteBatcher;
  #position: LogPosition;
  /** oldest first, at most RECENT_ENTRIES */
  #recent: AuditEntry[];
  /** the live log's first entry */
  #first: { seq: number; at: string } | null;
  #pending: Pending[] = [];
  /** reads of the file and appends to it, one at a time within this process */
  #queue: Promise<unknown> = Promise.resolve();
  #retention: Promise<void> | null = null;
  #retainedAt = 0;

  private constructor(paths: AuditPaths, settings: AuditLogSettings, position: LogPosition, recent: AuditEntry[], first: { seq: number; at: string } | null) {
    this.#paths = paths;
    this.#settings = settings;
    this.#position = position;
    this.#recent = recent;
    this.#first = first;
    this.#batcher = new WriteBatcher(() => this.#flush(), settings.batchWindowMs);
  }

  /**
   * Opens the log, creating it when missing. A log in the format before the chain (no
   * sequence numbers or hashes) is moved aside, kept, and a new chain begins; a line left
   * unfinished by a crash (never acknowledged) is cut off. Entries past the retention age
   * are moved to the archive.
   */
  static async open(paths: AuditPaths, settings: AuditLogSettings, warnings: StoreWarning[]): Promise<AuditLog> {
    const lock = await acquireAuditLock(paths.lock);
    let log: AuditLog;
    try {
      await moveAsideIfUnchained(paths.log, settings.now(), warnings);
      const opened = await withLogFile(paths, null, () => undefined, async (handle, position) => {
        const recent: AuditEntry[] = [];
        await readLinesBackward(handle, position.size, (line) => {
          const entry = parseEntryLine(line);
          if (entry !== null) recent.push(entry);
          return recent.length < RECENT_ENTRIES;
        });
        recent.reverse();
        return { position, recent, first: await firstEntry(handle, position.size) };
      });
      if (opened.cutBytes > 0) {
        warnings.push({
          kind: 'audit-tail-cut',
          message: `The audit log ${paths.log} ended in an unfinished line (${opened.cutBytes} bytes, never acknowledged: a write cut short by a crash); it was removed.`,
          file: paths.log,
        });
      }
      log = new AuditLog(paths, settings, opened.position, opened.recent, opened.first);
    } catch (error) {
      throw ioError(paths.log, error);
    } finally {
      await lock.release();
    }
    await log.#retainIfDue(true);
    await log.#retention;
    return log;
  }

  get writes(): number {
    return this.#batcher.writes;
  }

  /** Entries in the live log. */
  get size(): number {
    return this.#first === null ? 0 : this.#position.tip.seq - this.#first.seq + 1;
  }

  /** Resolves with the entry as written, once it is on disk. */
  async append(input: AuditInput, at: Date = this.#settings.now()): Promise<AuditEntry> {
    const pending: Pending = { stamped: { input, at: at.toISOString() } };
    this.#pending.push(pending);
    await this.#batcher.request();
    return pending.entry!;
  }

  async query(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = clamp(query.limit, DEFAULT_LIMIT, 1, RECENT_ENTRIES);
    const since = query.since === undefined ? null : Date.parse(query.since);
    if (since !== null && Number.isNaN(since)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `since must be an ISO date or timestamp (got "${query.since}")`, { path: 'since' });
    // what was audited before the query is in its answer, written or not yet
    if (this.#pending.length > 0) await this.#batcher.request().catch(() => undefined);
    await this.#exclusive(() => this.#catchUp());
    const matches = (entry: AuditEntry): boolean =>
      (query.user === undefined || entry.user === query.user) && (query.action === undefined || entry.action === query.action) && (since === null || Date.parse(entry.at) >= since);
    const filtered = query.user !== undefined || query.action !== undefined || since !== null;
    const total = this.size;
    if (!filtered) return { total, items: this.#recent.slice(-limit).reverse() };
    const covered = this.#recent.length >= total;
    if (covered) {
      const all = this.#recent.filter(matches);
      return { total: all.length, items: all.slice(-limit).reverse() };
    }
    // lines are written in canonical key order, so a line without the text a filter asks for cannot match: no need to parse it
    const needles = [query.user === undefined ? null : `"user":${JSON.stringify(query.user)},`, query.action === undefined ? null : `"action":${JSON.stringify(query.action)},`].filter((n): n is string => n !== null);
    return this.#scan(matches, needles, limit);
  }

  /** Writes what is pending and waits for a retention move under way. */
  async drain(): Promise<void> {
    await this.#batcher.drain();
    await this.#retention;
  }

  async close(): Promise<void> {
    await this.drain();
  }

  #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    return this.#exclusive(async () => {
      try {
        const outcome = await appendEntries(
          this.#paths,
          batch.map((p) => p.stamped),
          this.#position,
          (entries) => this.#take(entries),
        );
        if (outcome.cutBytes > 0) this.#settings.logger?.warn({ file: this.#paths.log, bytes: outcome.cutBytes }, 'the audit log ended in an unfinished line, removed before appending');
        outcome.entries.forEach((entry, i) => (batch[i]!.entry = entry));
        this.#take(outcome.entries);
        this.#position = outcome.position;
      } catch (error) {
        // kept for the next write: an audit entry late is better than one lost
        this.#pending = [...batch, ...this.#pending];
        throw error instanceof ScrubjayError ? error : writeError(this.#paths.log, error);
      }
    }).then(() => this.#retainIfDue(false));
  }

  /** Entries read or written, oldest first; those already held are passed over. */
  #take(entries: readonly AuditEntry[]): void {
    const last = this.#recent.at(-1)?.seq ?? 0;
    for (const entry of entries) {
      if (entry.seq <= last && this.#recent.length > 0) continue;
      this.#recent.push(entry);
      this.#first ??= { seq: entry.seq, at: entry.at };
    }
    if (this.#recent.length > RECENT_ENTRIES) this.#recent.splice(0, this.#recent.length - RECENT_ENTRIES);
  }

  /** Reads what other processes appended since this one last looked (no lock: only complete lines are taken). */
  async #catchUp(): Promise<void> {
    let current;
    try {
      current = await stat(this.#paths.log);
    } catch {
      return;
    }
    if (current.ino === this.#position.ino && current.size === this.#position.size) return;
    const handle = await open(this.#paths.log, 'r');
    try {
      const { ino, size } = await handle.stat();
      const end = await lastLineEnd(handle, size);
      if (ino === this.#position.ino && end >= this.#position.size) {
        const fresh = await entriesBetween(handle, this.#position.size, end);
        this.#take(fresh);
        const last = fresh.at(-1);
        this.#position = { ino, size: end, tip: last === undefined ? this.#position.tip : { seq: last.seq, hash: last.hash } };
      }
      // a replaced file is read afresh at the next append, under the lock
    } finally {
      await handle.close();
    }
  }

  async #scan(matches: (entry: AuditEntry) => boolean, needles: readonly string[], limit: number): Promise<AuditPage> {
    const newest: AuditEntry[] = [];
    let total = 0;
    for await (const { line } of readLinesForward(this.#paths.log)) {
      if (!needles.every((needle) => line.includes(needle))) continue;
      const entry = parseEntryLine(line);
      if (entry === null || !matches(entry)) continue;
      total++;
      newest.push(entry);
      if (newest.length > limit * 2) newest.splice(0, newest.length - limit);
    }
    return { total, items: newest.slice(-limit).reverse() };
  }

  /** Starts a retention move when the oldest entry is past the age and none ran lately. */
  #retainIfDue(force: boolean): void {
    if (this.#retention !== null || this.#first === null) return;
    const now = this.#settings.now().getTime();
    if (!force && now - this.#retainedAt < RETENTION_EVERY_MS) return;
    const cutoff = new Date(now - this.#settings.maxAuditAgeDays * DAY_MS);
    if (Date.parse(this.#first.at) >= cutoff.getTime()) return;
    this.#retainedAt = now;
    this.#retention = this.#exclusive(() => this.#archive(cutoff))
      .catch((error: unknown) => {
        // nothing is lost: the entries stay in the log, and the next check tries again
        this.#settings.logger?.error({ file: this.#paths.log, reason: (error as Error).message }, 'old audit entries could not be moved to the archive');
      })
      .finally(() => {
        this.#retention = null;
      });
  }

  async #archive(cutoff: Date): Promise<void> {
    const lock = await acquireAuditLock(this.#paths.lock);
    try {
      const result = await withLogFile(this.#paths, this.#position, (entries) => this.#take(entries), async (_handle, position) => {
        const outcome = await archiveOlderThan(this.#paths, position, cutoff, lock);
        return { position: outcome?.position ?? position, outcome };
      });
      this.#position = result.position;
      const outcome = result.outcome;
      if (outcome === null) return;
      this.#first = outcome.first ?? (await this.#readFirst());
      this.#recent = this.#recent.filter((entry) => this.#first !== null && entry.seq >= this.#first.seq);
      this.#settings.logger?.info({ file: outcome.archive, moved: outcome.moved }, 'audit entries past the retention age moved to the archive');
    } finally {
      await lock.release();
    }
  }

  async #readFirst(): Promise<{ seq: number; at: string } | null> {
    const handle = await open(this.#paths.log, 'r');
    try {
      return await firstEntry(handle, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** The first line that is an entry (a damaged first line is left for the verify to name). */
async function firstEntry(handle: FileHandle, size: number): Promise<{ seq: number; at: string } | null> {
  const line = await readFirstLine(handle, size);
  if (line === null) return null;
  const entry = parseEntryLine(line);
  if (entry !== null) return { seq: entry.seq, at: entry.at };
  let found: { seq: number; at: string } | null = null;
  await readLinesBackward(handle, await lastLineEnd(handle, size), (text) => {
    const parsed = parseEntryLine(text);
    if (parsed !== null) found = { seq: parsed.seq, at: parsed.at };
    return true;
  });
  return found;
}

function ioError(file: string, error: unknown): ScrubjayError {
  if (error instanceof ScrubjayError) return error;
  return new ScrubjayError('SJ_STORE_IO', `Could not read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file });
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
