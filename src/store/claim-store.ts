/**
 * The embedded claim store: lowdb for scrubs and chat transcripts, an append-only file for
 * the audit log, a lock file so only one server uses a data folder, and grouped durable
 * writes so storing a scrub does not slow the scrub down.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import { ScrubjayError } from '../errors.js';
import { AuditLog, ioError } from './audit-log.js';
import { DurableDatabaseFile, emptyStoreData, JsonPieces, UnreadableDatabase, type StoreData } from './database.js';
import { moveAside } from './durable-file.js';
import { storeFiles, type StoreFiles } from './layout.js';
import { acquireLock, type HeldLock } from './lock.js';
import { resolveStoreOptions, type ResolvedStoreOptions, type StoreOptions } from './options.js';
import { applyRetention, withTurns } from './retention.js';
import type { AuditEntry, ChatTurn, ClaimStore, HistoryQuery, ScrubRecord, ScrubSummary, StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';

export interface StoreStats {
  /** completed writes of the database file, and of the audit log */
  databaseWrites: number;
  auditWrites: number;
  /** size of the database file after its last write by this process (0 before the first) */
  databaseBytes: number;
  scrubs: number;
  conversations: number;
  auditEntries: number;
}

/** The store as opened by `openClaimStore`: the service interface plus what operators and tests look at. */
export interface EmbeddedClaimStore extends ClaimStore {
  readonly files: StoreFiles;
  stats(): StoreStats;
}

const DEFAULT_HISTORY_LIMIT = 50;
const MAX_HISTORY_LIMIT = 500;
const DEFAULT_AUDIT_LIMIT = 100;

/**
 * Opens (creating if needed) the store in `dataDir`. Throws STORE_LOCKED when another
 * server holds the folder. An unreadable database or audit file is moved aside and
 * reported in `warnings`; the store then starts empty, so the service keeps running and
 * nothing is lost.
 */
export async function openClaimStore(dataDir: string, options: StoreOptions = {}): Promise<EmbeddedClaimStore> {
  const settings = resolveStoreOptions(options);
  const folder = resolve(dataDir);
  const files = storeFiles(folder);
  const lock = takeFolder(files, folder, settings);
  const releaseOnExit = (): void => lock.release();
  process.on('exit', releaseOnExit);
  try {
    const warnings: StoreWarning[] = [];
    if (lock.replaced !== null) warnings.push(takeoverWarning(lock));
    const pieces = new JsonPieces();
    const adapter = new DurableDatabaseFile(files.database, pieces);
    const db = new Low<StoreData>(adapter, emptyStoreData());
    await readDatabase(db, files.database, settings, warnings);
    const audit = await AuditLog.open(files.audit, settings, warnings);
    for (const warning of warnings) settings.logger?.warn({ file: warning.file, kind: warning.kind }, warning.message);
    const store = new LowdbClaimStore(files, settings, db, adapter, pieces, audit, lock, releaseOnExit, warnings);
    await store.prune();
    return store;
  } catch (error) {
    process.off('exit', releaseOnExit);
    lock.release();
    throw error;
  }
}

function takeFolder(files: StoreFiles, folder: string, settings: ResolvedStoreOptions): HeldLock {
  try {
    mkdirSync(files.dir, { recursive: true });
    return acquireLock(files.lock, folder, settings.now());
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    throw new ScrubjayError('STORE_IO', `Could not use ${files.dir} for the claim store (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file: files.dir });
  }
}

async function readDatabase(db: Low<StoreData>, file: string, settings: ResolvedStoreOptions, warnings: StoreWarning[]): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    if (!(error instanceof UnreadableDatabase)) throw new ScrubjayError('STORE_IO', `Could not read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file });
    const aside = moveAside(file, settings.now());
    db.data = emptyStoreData();
    await db.write();
    warnings.push({
      kind: 'database-moved-aside',
      message: `The claim store ${file} could not be read: ${error.message}. It was moved to ${aside} and the service starts with an empty store; the moved file is kept for you to inspect or repair.`,
      file: aside,
    });
  }
}

function takeoverWarning(lock: HeldLock): StoreWarning {
  const previous = lock.replaced;
  const who = previous === 'unreadable' || previous === null ? 'an unreadable lock' : `the lock of pid ${previous.pid} on ${previous.host} (since ${previous.startedAt}), which is no longer running`;
  return { kind: 'lock-taken-over', message: `Took over ${who}: ${lock.file}.`, file: lock.file };
}

class LowdbClaimStore implements EmbeddedClaimStore {
  readonly files: StoreFiles;
  readonly warnings: readonly StoreWarning[];
  readonly #settings: ResolvedStoreOptions;
  readonly #db: Low<StoreData>;
  readonly #adapter: DurableDatabaseFile;
  readonly #pieces: JsonPieces;
  readonly #audit: AuditLog;
  readonly #lock: HeldLock;
  readonly #releaseOnExit: () => void;
  readonly #batcher: WriteBatcher;
  readonly #byId = new Map<string, ScrubRecord>();
  readonly #summaries = new WeakMap<ScrubRecord, ScrubSummary>();
  #closing: Promise<void> | null = null;

  constructor(
    files: StoreFiles,
    settings: ResolvedStoreOptions,
    db: Low<StoreData>,
    adapter: DurableDatabaseFile,
    pieces: JsonPieces,
    audit: AuditLog,
    lock: HeldLock,
    releaseOnExit: () => void,
    warnings: StoreWarning[],
  ) {
    this.files = files;
    this.#settings = settings;
    this.#db = db;
    this.#adapter = adapter;
    this.#pieces = pieces;
    this.#audit = audit;
    this.#lock = lock;
    this.#releaseOnExit = releaseOnExit;
    this.warnings = warnings;
    this.#batcher = new WriteBatcher(() => this.#writeDatabase(), settings.batchWindowMs);
    for (const record of db.data.scrubs) this.#byId.set(record.id, record);
  }

  /** Applies retention to what was read, and writes the smaller file if anything went. */
  async prune(): Promise<void> {
    if (this.#retain()) await this.#batcher.request();
  }

  async recordScrub(entry: Parameters<ClaimStore['recordScrub']>[0]): Promise<ScrubRecord> {
    this.#assertOpen();
    const at = this.#settings.now();
    const { result } = entry;
    const record = this.#pieces.adopt<ScrubRecord>({
      id: newRecordId(at),
      claimId: result.claimId,
      status: result.status,
      scrubbedAt: at.toISOString(),
      rulesetVersion: result.rulesetVersion,
      referenceData: result.referenceData,
      claim: entry.claim,
      result,
      origin: entry.origin,
    });
    this.#db.data.scrubs.push(record);
    this.#byId.set(record.id, record);
    this.#retain();
    const audited = this.#audit.append({ at: record.scrubbedAt, actor: entry.actor, action: 'scrub', scrubId: record.id, claimId: record.claimId, detail: entry.origin });
    await Promise.all([this.#batcher.request(), audited]);
    return record;
  }

  history(query: HistoryQuery = {}): { total: number; items: ScrubSummary[] } {
    const limit = clampInteger(query.limit, DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
    const offset = clampInteger(query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const needle = typeof query.claimId === 'string' ? query.claimId.trim().toLowerCase() : '';
    const scrubs = this.#db.data.scrubs;
    const items: ScrubSummary[] = [];
    let total = 0;
    for (let i = scrubs.length - 1; i >= 0; i--) {
      const record = scrubs[i]!;
      if (needle !== '' && !(record.claimId ?? '').toLowerCase().includes(needle)) continue;
      if (total >= offset && items.length < limit) items.push(this.#summary(record));
      total++;
    }
    return { total, items };
  }

  scrub(id: string): ScrubRecord | undefined {
    return this.#byId.get(id);
  }

  async appendChat(conversationId: string, turns: ChatTurn[]): Promise<void> {
    this.#assertOpen();
    if (typeof conversationId !== 'string' || conversationId === '') {
      throw new ScrubjayError('ARGUMENT_INVALID', 'a conversation id is required', { path: 'conversationId' });
    }
    if (turns.length === 0) return;
    const conversations = this.#db.data.conversations;
    const previous = conversations.get(conversationId);
    const stored = this.#pieces.adopt(withTurns(previous, conversationId, turns, this.#settings.maxChatTurns, this.#settings.now().toISOString()));
    // re-inserted at the end: the Map's order is the order of last activity, which retention relies on
    conversations.delete(conversationId);
    conversations.set(conversationId, stored);
    this.#retain();
    await this.#batcher.request();
  }

  chat(conversationId: string): ChatTurn[] {
    return [...(this.#db.data.conversations.get(conversationId)?.turns ?? [])];
  }

  async audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    this.#assertOpen();
    await this.#audit.append({ at: this.#settings.now().toISOString(), ...entry });
  }

  auditLog(limit = DEFAULT_AUDIT_LIMIT): AuditEntry[] {
    return this.#audit.newest(clampInteger(limit, DEFAULT_AUDIT_LIMIT, 0, Number.MAX_SAFE_INTEGER));
  }

  stats(): StoreStats {
    return {
      databaseWrites: this.#batcher.writes,
      auditWrites: this.#audit.writes,
      databaseBytes: this.#adapter.lastBytes,
      scrubs: this.#db.data.scrubs.length,
      conversations: this.#db.data.conversations.size,
      auditEntries: this.#audit.size,
    };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    try {
      await Promise.all([this.#batcher.drain(), this.#audit.drain()]);
    } finally {
      await this.#audit.close().catch(() => undefined);
      this.#lock.release();
      process.off('exit', this.#releaseOnExit);
      this.#settings.logger?.debug({ dir: this.files.dir }, 'claim store closed');
    }
  }

  async #writeDatabase(): Promise<void> {
    const scrubs = this.#db.data.scrubs.length;
    try {
      await this.#db.write();
    } catch (error) {
      const failure = ioError(this.files.database, error);
      this.#settings.logger?.error({ file: this.files.database, code: failure.code }, failure.message);
      throw failure;
    }
    this.#settings.logger?.debug({ scrubs, bytes: this.#adapter.lastBytes }, 'claim store written');
  }

  /** Returns whether anything was dropped. */
  #retain(): boolean {
    const data = this.#db.data;
    const before = data.scrubs.length + data.conversations.size;
    const dropped = applyRetention(data, this.#settings, this.#settings.now());
    for (const record of dropped) this.#byId.delete(record.id);
    return data.scrubs.length + data.conversations.size !== before;
  }

  #summary(record: ScrubRecord): ScrubSummary {
    let summary = this.#summaries.get(record);
    if (summary === undefined) {
      const findings = record.result.findings;
      summary = {
        id: record.id,
        claimId: record.claimId,
        status: record.status,
        scrubbedAt: record.scrubbedAt,
        rulesetVersion: record.rulesetVersion,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      };
      this.#summaries.set(record, summary);
    }
    return { ...summary };
  }

  #assertOpen(): void {
    if (this.#closing !== null) throw new ScrubjayError('STORE_CLOSED', `The claim store in ${this.files.dir} is closed.`);
  }
}

/** Sortable by time, unique without coordination. */
function newRecordId(at: Date): string {
  return `${at.getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
