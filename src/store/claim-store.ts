/**
 * The embedded claim store. Storing costs what is stored, not what the store holds:
 *   - the claim and its result, and each chat exchange, are appended to the journal and
 *     flushed to disk before they are acknowledged;
 *   - the lowdb database keeps the small part that changes (the index of scrubs and
 *     conversations, with where each is in the journal) and is rewritten at most once a
 *     second and on close; what it had not taken in yet is read back from the journal at
 *     start-up;
 *   - the audit log is appended to in its own file, and so are remittances and claim states
 *     (follow-up.ts), which are never changed or dropped;
 *   - a lock file keeps a second server off the folder.
 * Records read back come from a cache of the recent ones or from the journal, so memory
 * holds the index and at most RECENT_RECORD_CHARS characters of records, however many the
 * store keeps. Every answer is a promise, as the interface asks, though the listings are
 * answered from memory.
 */
import { normalizeClaim } from '../claim/normalize.js';
import type { ClaimInput } from '../contract/claim.js';
import type { ClaimHistory, ClaimsHistory } from '../engine/history.js';
import { historyFromNewestFirst } from './patient-history.js';
import { randomBytes } from 'node:crypto';
import { makePrivateDir, tightenPrivateTree, tightenedNotice } from '../config/private-files.js';
import { resolve } from 'node:path';
import type { Low } from 'lowdb';
import { ScrubjayError } from '../errors.js';
import { AuditLog } from './audit-log.js';
import { auditPaths } from './audit-append.js';
import { ClaimIdIndex } from './claim-index.js';
import { FollowUpLog } from './follow-up.js';
import { PracticeLog } from './practice-log.js';
import type { PracticeAttempt, PracticeAttemptInput } from '../contract/training.js';
import { claimFactsOf } from './claim-facts.js';
import type { ChatPart, Conversation, DurableDatabaseFile, ScrubEntry, StoreIndex } from './database.js';
import { Journal, type Relocate } from './journal.js';
import { storeFiles, type StoreFiles } from './layout.js';
import { acquireLock, type HeldLock } from './lock.js';
import { resolveStoreOptions, type ResolvedStoreOptions, type StoreOptions } from './options.js';
import { RecentLines } from './recent-lines.js';
import { chatLine, readChatLine, readScrubLine, scrubLine, summarise } from './records.js';
import { applyRetention, liveSpans, retentionStatus, withPart } from './retention.js';
import { openStoreFiles } from './startup.js';
import type { AuditEntry, AuditInput, AuditPage, AuditQuery, ChatTurn, ClaimScrubsQuery, ClaimStateChange, ClaimStore, FollowUpEntry, HistoryPage, RemitInput, StoredRemit, HistoryQuery, RecordsQuery, RetentionStatus, ScrubRecord, ScrubSummary, StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';

export interface StoreStats {
  /** completed writes of the journal, the database and the audit log */
  journalWrites: number;
  databaseWrites: number;
  auditWrites: number;
  /** times the journal was rewritten without the lines retention dropped */
  compactions: number;
  /** size of the journal now, and of the database file after its last write by this process (0 before the first) */
  journalBytes: number;
  databaseBytes: number;
  scrubs: number;
  conversations: number;
  /** entries in the live audit log (the archive not counted) */
  auditEntries: number;
  /** records held in memory for quick reads */
  recentRecords: number;
}

/** The store as opened by `openClaimStore`: the service interface plus what operators and tests look at. */
export interface EmbeddedClaimStore extends ClaimStore {
  readonly files: StoreFiles;
  stats(): StoreStats;
}

const DEFAULT_HISTORY_LIMIT = 50;
const MAX_HISTORY_LIMIT = 500;
/** records read at once by `records()`: enough reads in flight to keep the disk busy, little held */
const RECORDS_BATCH = 200;
/** the database is written at most this often: it only saves start-up the reading of the journal's newest lines */
const DATABASE_WRITE_EVERY_MS = 1_000;
/** recent records kept in memory, in characters of JSON (~8 MB: some 2,700 scrubs of 3 KB) */
const RECENT_RECORD_CHARS = 8 << 20;
/** the journal is compacted once the lines nothing points at outweigh the live ones, and at least this many bytes */
const MIN_DEAD_JOURNAL_BYTES = 256 << 10;

/**
 * Opens (creating if needed) the store in `dataDir`. Throws SJ_STORE_LOCKED when another
 * server holds the folder. An unreadable database is moved aside and rebuilt from the
 * journal; an unreadable journal or audit log is moved aside and carried on with its
 * readable lines. Each is reported in `warnings`; the moved files are kept, never deleted.
 */
export async function openClaimStore(dataDir: string, options: StoreOptions = {}): Promise<EmbeddedClaimStore> {
  const settings = resolveStoreOptions(options);
  const folder = resolve(dataDir);
  const files = storeFiles(folder);
  const lock = takeFolder(files, folder, settings);
  const releaseOnExit = (): void => lock.release();
  process.on('exit', releaseOnExit);
  let journal: Journal | undefined;
  let audit: AuditLog | undefined;
  let followUp: FollowUpLog | undefined;
  let practice: PracticeLog | undefined;
  try {
    const warnings: StoreWarning[] = [];
    if (lock.replaced !== null) warnings.push(takeoverWarning(lock));
    const tightened = tightenedNotice(files.dir, tightenPrivateTree(files.dir));
    if (tightened !== null) warnings.push({ kind: 'modes-tightened', message: tightened, file: files.dir });
    const opened = await openStoreFiles(files, settings, warnings);
    journal = opened.journal;
    audit = await AuditLog.open(auditPaths(files), settings, warnings);
    followUp = await FollowUpLog.open(files.followUp, settings, warnings);
    practice = await PracticeLog.open(files.practice, settings, warnings);
    for (const warning of warnings) settings.logger?.warn({ file: warning.file, kind: warning.kind }, warning.message);
    const store = new LowdbClaimStore(files, settings, opened.db, opened.adapter, opened.journal, audit, followUp, practice, lock, releaseOnExit, warnings);
    await store.settle(opened.changed);
    return store;
  } catch (error) {
    await journal?.close().catch(() => undefined);
    await audit?.close().catch(() => undefined);
    await followUp?.close().catch(() => undefined);
    await practice?.close().catch(() => undefined);
    process.off('exit', releaseOnExit);
    lock.release();
    throw error;
  }
}

function takeFolder(files: StoreFiles, folder: string, settings: ResolvedStoreOptions): HeldLock {
  try {
    makePrivateDir(files.dir);
    return acquireLock(files.lock, folder, settings.now());
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    throw new ScrubjayError('SJ_STORE_IO', `Could not use ${files.dir} for the claim store (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file: files.dir });
  }
}

function takeoverWarning(lock: HeldLock): StoreWarning {
  const previous = lock.replaced;
  if (previous === 'unreadable' || previous === null) return { kind: 'lock-taken-over', message: `Took over an unreadable lock: ${lock.file}.`, file: lock.file };
  const reused = lock.replacedBecause === 'pid-reused' ? ` (pid ${previous.pid} now belongs to another process)` : '';
  const who = `the lock of pid ${previous.pid} on ${previous.host} (since ${previous.startedAt}), which is no longer running${reused}`;
  return { kind: 'lock-taken-over', message: `Took over ${who}: ${lock.file}.`, file: lock.file };
}

async function* claimsOf(records: AsyncIterable<ScrubRecord>): AsyncGenerator<ClaimInput> {
  for await (const record of records) yield record.claim;
}

class LowdbClaimStore implements EmbeddedClaimStore {
  readonly files: StoreFiles;
  readonly warnings: readonly StoreWarning[];
  readonly #settings: ResolvedStoreOptions;
  readonly #db: Low<StoreIndex>;
  readonly #adapter: DurableDatabaseFile;
  readonly #journal: Journal;
  readonly #audit: AuditLog;
  readonly #followUp: FollowUpLog;
  readonly #practice: PracticeLog;
  readonly #lock: HeldLock;
  readonly #releaseOnExit: () => void;
  readonly #databaseWrites: WriteBatcher;
  readonly #byId = new Map<string, ScrubEntry>();
  readonly #byClaimId = new ClaimIdIndex();
  readonly #recent = new RecentLines(RECENT_RECORD_CHARS);
  /** the patients' claim history, once built (see claimHistory) */
  #history: ClaimsHistory | null = null;
  #historyBuild: Promise<ClaimsHistory> | null = null;
  /** claims kept while the history is being built from the records before them */
  #historyLate: ClaimInput[] = [];
  /** the database in memory has changes its file lacks */
  #dirty = false;
  #compaction: Promise<void> | null = null;
  #closing: Promise<void> | null = null;
  /** over a count ceiling already: warned once as it was crossed, and again only after falling back under it */
  #overCeiling = { scrubs: false, conversations: false };

  constructor(
    files: StoreFiles,
    settings: ResolvedStoreOptions,
    db: Low<StoreIndex>,
    adapter: DurableDatabaseFile,
    journal: Journal,
    audit: AuditLog,
    followUp: FollowUpLog,
    practice: PracticeLog,
    lock: HeldLock,
    releaseOnExit: () => void,
    warnings: StoreWarning[],
  ) {
    this.files = files;
    this.#settings = settings;
    this.#db = db;
    this.#adapter = adapter;
    this.#journal = journal;
    this.#audit = audit;
    this.#followUp = followUp;
    this.#practice = practice;
    this.#lock = lock;
    this.#releaseOnExit = releaseOnExit;
    this.warnings = warnings;
    this.#databaseWrites = new WriteBatcher(() => this.#writeDatabase(), DATABASE_WRITE_EVERY_MS, DATABASE_WRITE_EVERY_MS);
    for (const entry of db.data.scrubs) {
      this.#byId.set(entry.id, entry);
      this.#byClaimId.add(entry.claimId, entry.id);
    }
  }

  /** At start-up: applies retention to what was read, and writes the database now if it differs from its file. */
  async settle(changed: boolean): Promise<void> {
    this.#dirty = this.#retain() || changed;
    if (this.#dirty) await this.#writeDatabaseNow();
    this.#compactIfWorthIt();
  }

  async recordScrub(entry: Parameters<ClaimStore['recordScrub']>[0]): Promise<ScrubRecord> {
    this.#assertOpen();
    const at = this.#settings.now();
    const { result } = entry;
    const record: ScrubRecord = {
      id: newRecordId(at),
      claimId: result.claimId,
      status: result.status,
      scrubbedAt: at.toISOString(),
      rulesetVersion: result.rulesetVersion,
      referenceData: result.referenceData,
      claim: entry.claim,
      result,
      origin: entry.origin,
      owner: entry.by.username,
      ...(entry.correctionOf === undefined ? {} : { correctionOf: entry.correctionOf }),
    };
    // turned into JSON once: the journal line and the copy kept in memory for reads are the same string
    const line = scrubLine(JSON.stringify(record));
    const appended = this.#journal.append(line);
    const indexed: ScrubEntry = { ...summarise(record), facts: claimFactsOf(record.claim), offset: appended.offset, length: appended.length };
    this.#db.data.scrubs.push(indexed);
    this.#byId.set(indexed.id, indexed);
    this.#byClaimId.add(indexed.claimId, indexed.id);
    this.#recent.set(indexed.id, line);
    if (this.#history !== null) this.#history.add(normalizeClaim(entry.claim));
    else if (this.#historyBuild !== null) this.#historyLate.push(entry.claim);
    this.#retain();
    this.#changed();
    const audited = this.#audit.append(
      {
        user: entry.by.username,
        role: entry.by.role,
        address: entry.by.address,
        action: 'scrub',
        target: record.claimId === null ? [record.id] : [record.id, record.claimId],
        detail: entry.origin,
      },
      at,
    );
    await Promise.all([appended.durable, audited]);
    // the caller's own objects: the store keeps only the line, so nothing the caller does to them reaches it
    return record;
  }

  async history(query: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = clampInteger(query.limit, DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
    const offset = clampInteger(query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const needle = typeof query.claimId === 'string' ? query.claimId.trim().toLowerCase() : '';
    const owner = query.owner;
    const scrubs = this.#db.data.scrubs;
    const items: ScrubSummary[] = [];
    let total = 0;
    for (let i = scrubs.length - 1; i >= 0; i--) {
      const entry = scrubs[i]!;
      if (owner !== undefined && entry.owner !== owner) continue;
      if (needle !== '' && !(entry.claimId ?? '').toLowerCase().includes(needle)) continue;
      if (total >= offset && items.length < limit) items.push(summaryOf(entry));
      total++;
    }
    return { total, items };
  }

  async scrubsOfClaim(claimId: string, query: ClaimScrubsQuery = {}): Promise<ScrubSummary[]> {
    const limit = clampInteger(query.limit, DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
    return this.#byClaimId.newest(claimId, limit).map((id) => summaryOf(this.#byId.get(id)!));
  }

  async latestScrubOfClaim(claimId: string): Promise<ScrubRecord | undefined> {
    const [newest] = this.#byClaimId.newest(claimId, 1);
    return newest === undefined ? undefined : this.scrub(newest);
  }

  async latestScrubsOfClaims(claimIds: readonly string[]): Promise<Array<ScrubRecord | undefined>> {
    const records = new Array<ScrubRecord | undefined>(claimIds.length);
    const ids: string[] = [];
    const spans: ScrubEntry[] = [];
    const at: number[] = [];
    for (let i = 0; i < claimIds.length; i++) {
      const [id] = this.#byClaimId.newest(claimIds[i]!, 1);
      const entry = id === undefined ? undefined : this.#byId.get(id);
      if (id === undefined || entry === undefined) continue;
      const line = this.#recent.get(id);
      if (line === undefined) {
        ids.push(id);
        spans.push(entry);
        at.push(i);
        continue;
      }
      const record = readScrubLine(line, id);
      if (record === null) throw this.#misplaced(`scrub ${id}`, entry);
      records[i] = record;
    }
    // looked up and read in one step: a compaction cannot move the lines in between
    const lines = await this.#journal.readMany(spans);
    for (let k = 0; k < lines.length; k++) {
      const record = readScrubLine(lines[k]!, ids[k]!);
      if (record === null) throw this.#misplaced(`scrub ${ids[k]}`, spans[k]!);
      records[at[k]!] = record;
    }
    return records;
  }

  scrub(id: string): Promise<ScrubRecord | undefined> {
    return this.#read(id, true);
  }

  /** A record by id; `remember` keeps one read from the journal among the recent ones (a pass over the history does not). */
  async #read(id: string, remember: boolean): Promise<ScrubRecord | undefined> {
    const entry = this.#byId.get(id);
    if (entry === undefined) return undefined;
    let line = this.#recent.get(id);
    if (line === undefined) {
      line = await this.#journal.read(entry);
      if (remember && this.#byId.has(id)) this.#recent.set(id, line);
    }
    const record = readScrubLine(line, id);
    if (record === null) throw this.#misplaced(`scrub ${id}`, entry);
    return record;
  }

  async *records(query: RecordsQuery = {}): AsyncGenerator<ScrubRecord> {
    const limit = clampInteger(query.limit, Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
    // the ids are taken at the start: scrubs stored during the pass are not part of it
    const scrubs = this.#db.data.scrubs;
    const ids: string[] = [];
    for (let i = scrubs.length - 1; i >= 0 && ids.length < limit; i--) ids.push(scrubs[i]!.id);
    for (let start = 0; start < ids.length; start += RECORDS_BATCH) {
      // read together, each looked up as it is now (a compaction may have moved it); old records read
      // for the pass are not kept among the recent ones, which would push out what the history page reads
      const batch = await Promise.all(ids.slice(start, start + RECORDS_BATCH).map((id) => this.#read(id, false)));
      for (const record of batch) if (record !== undefined) yield record;
    }
  }

  claimHistory(): Promise<ClaimHistory> {
    if (this.#history !== null) return Promise.resolve(this.#history);
    // the records are listed from the moment of this call (records() takes its ids at once); later ones wait in #historyLate
    this.#historyBuild ??= historyFromNewestFirst(claimsOf(this.records())).then((history) => {
      for (const claim of this.#historyLate) history.add(normalizeClaim(claim));
      this.#historyLate = [];
      this.#history = history;
      return history;
    });
    return this.#historyBuild;
  }

  async appendChat(conversationId: string, turns: ChatTurn[]): Promise<void> {
    this.#assertOpen();
    if (typeof conversationId !== 'string' || conversationId === '') {
      throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'a conversation id is required', { path: 'conversationId' });
    }
    if (turns.length === 0) return;
    const at = this.#settings.now().toISOString();
    const appended = this.#journal.append(chatLine(conversationId, at, turns));
    const part: ChatPart = { offset: appended.offset, length: appended.length, turns: turns.length };
    const conversations = this.#db.data.conversations;
    const stored = withPart(conversations.get(conversationId), conversationId, part, this.#settings.maxChatTurns, at);
    // re-inserted at the end: the Map's order is the order of last activity, which retention relies on
    conversations.delete(conversationId);
    conversations.set(conversationId, stored);
    this.#retain();
    this.#changed();
    await appended.durable;
  }

  async chat(conversationId: string): Promise<ChatTurn[]> {
    const conversation = this.#db.data.conversations.get(conversationId);
    if (conversation === undefined) return [];
    const lines = await Promise.all(conversation.parts.map((part) => this.#journal.read(part)));
    const turns = lines.flatMap((line, i) => {
      const part = readChatLine(line, conversationId);
      if (part === null) throw this.#misplaced(`conversation ${conversationId}`, conversation.parts[i]!);
      return part;
    });
    return turns.slice(conversation.skip);
  }

  async audit(entry: AuditInput): Promise<AuditEntry> {
    this.#assertOpen();
    return this.#audit.append(entry);
  }

  auditQuery(query: AuditQuery = {}): Promise<AuditPage> {
    return this.#audit.query(query);
  }

  async recordRemits(entries: readonly RemitInput[], by: string | null): Promise<StoredRemit[]> {
    this.#assertOpen();
    return this.#followUp.recordRemits(entries, by);
  }

  async recordStateChanges(changes: ReadonlyArray<Omit<ClaimStateChange, 'at'>>): Promise<ClaimStateChange[]> {
    this.#assertOpen();
    for (const change of changes) {
      if (!this.#byId.has(change.scrubId)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `no stored scrub ${change.scrubId}`, { path: 'scrubId' });
    }
    return this.#followUp.recordStateChanges(changes);
  }

  remitsOfScrub(scrubId: string): Promise<StoredRemit[]> {
    return this.#followUp.remitsOf(scrubId);
  }

  remits(): AsyncIterable<StoredRemit> {
    this.#assertOpen();
    return this.#followUp.allRemits(RECORDS_BATCH);
  }

  async stateChanges(scrubId: string): Promise<ClaimStateChange[]> {
    return this.#followUp.statesOf(scrubId);
  }

  async followUp(): Promise<FollowUpEntry[]> {
    const entries: FollowUpEntry[] = [];
    for (const scrubId of this.#byClaimId.newestOfEach()) {
      const entry = this.#byId.get(scrubId);
      if (entry === undefined) continue;
      const item: FollowUpEntry = { scrub: summaryOf(entry), state: this.#followUp.latestState(scrubId), remits: this.#followUp.remitSummaries(scrubId) };
      if (entry.facts !== undefined) item.claim = entry.facts;
      entries.push(item);
    }
    return entries;
  }

  recordPractice(attempt: PracticeAttemptInput): Promise<PracticeAttempt> {
    return this.#practice.record(attempt);
  }

  async practiceAttempts(username?: string): Promise<PracticeAttempt[]> {
    return this.#practice.attempts(username);
  }

  async retention(): Promise<RetentionStatus> {
    return retentionStatus(this.#db.data, this.#settings);
  }

  stats(): StoreStats {
    return {
      journalWrites: this.#journal.writes,
      databaseWrites: this.#adapter.writes,
      auditWrites: this.#audit.writes,
      compactions: this.#journal.compactions,
      journalBytes: this.#journal.size,
      databaseBytes: this.#adapter.lastBytes,
      scrubs: this.#db.data.scrubs.length,
      conversations: this.#db.data.conversations.size,
      auditEntries: this.#audit.size,
      recentRecords: this.#recent.size,
    };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    try {
      await this.#compaction;
      await Promise.all([this.#journal.drain(), this.#audit.drain(), this.#followUp.drain(), this.#practice.drain()]);
      await this.#writeDatabaseNow();
    } finally {
      await this.#journal.close().catch(() => undefined);
      await this.#audit.close().catch(() => undefined);
      await this.#followUp.close().catch(() => undefined);
      await this.#practice.close().catch(() => undefined);
      this.#lock.release();
      process.off('exit', this.#releaseOnExit);
      this.#settings.logger?.debug({ dir: this.files.dir }, 'claim store closed');
    }
  }

  /** Something changed: the database is written with the next write, at most a second from now. */
  #changed(): void {
    this.#dirty = true;
    this.#databaseWrites.request().catch(() => undefined); // failures are logged where they happen
  }

  #writeDatabaseNow(): Promise<unknown> {
    return Promise.all([this.#databaseWrites.request(), this.#databaseWrites.drain()]);
  }

  async #writeDatabase(): Promise<void> {
    if (!this.#dirty) return;
    const data = this.#db.data;
    const generation = this.#journal.generation;
    data.journal = { generation, checkpoint: this.#journal.end };
    this.#dirty = false;
    try {
      // the adapter takes its snapshot at once, then waits for the journal to hold every line it names
      await this.#db.write();
    } catch (error) {
      this.#dirty = true;
      const failure = error instanceof ScrubjayError ? error : new ScrubjayError('SJ_STORE_IO', `Could not write ${this.files.database} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is written again with the next change.`, { file: this.files.database });
      this.#settings.logger?.error({ file: failure.location.file ?? this.files.database, code: failure.code }, failure.message);
      throw failure;
    }
    // a compaction during the write made its positions stale: the file was left as it was
    if (this.#journal.generation !== generation) this.#dirty = true;
    else this.#settings.logger?.debug({ scrubs: data.scrubs.length, bytes: this.#adapter.lastBytes }, 'claim store written');
    this.#compactIfWorthIt();
  }

  /** Starts a compaction of the journal when the lines nothing points at outweigh the rest. */
  #compactIfWorthIt(): void {
    if (this.#compaction !== null || this.#closing !== null || this.#journal.compacting) return;
    const live = liveSpans(this.#db.data);
    const liveBytes = live.reduce((sum, span) => sum + span.length, 0);
    const deadBytes = this.#journal.end - this.#journal.headerEnd - liveBytes;
    if (deadBytes < Math.max(liveBytes, MIN_DEAD_JOURNAL_BYTES)) return;
    const before = this.#journal.size;
    this.#compaction = this.#journal
      .compact(live, (move) => this.#relocate(move))
      .then(
        () => {
          this.#settings.logger?.info({ file: this.#journal.path, before, after: this.#journal.size, generation: this.#journal.generation }, 'journal compacted');
          this.#changed();
        },
        (error: unknown) => {
          // nothing is lost: the journal stays as it was, and the next database write tries again
          const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          this.#settings.logger?.error({ file: this.#journal.path, reason }, 'the journal could not be compacted');
        },
      )
      .finally(() => {
        this.#compaction = null;
      });
  }

  /** The journal has been compacted: every position moves, in the same step as the switch. */
  #relocate(move: Relocate): void {
    const data = this.#db.data;
    const lost: string[] = [];
    const moved = <T extends { offset: number }>(span: T): T | null => {
      const offset = move(span.offset);
      return offset === null ? null : { ...span, offset };
    };
    data.scrubs = data.scrubs.flatMap((entry) => {
      const relocated = moved(entry);
      if (relocated === null) {
        lost.push(entry.id);
        this.#byId.delete(entry.id);
        this.#byClaimId.remove(entry.claimId, entry.id);
        return [];
      }
      this.#byId.set(relocated.id, relocated);
      return [relocated];
    });
    const conversations = new Map<string, Conversation>();
    for (const [id, conversation] of data.conversations) {
      const parts = conversation.parts.map(moved);
      if (parts.every((part) => part !== null)) conversations.set(id, { ...conversation, parts: parts as ChatPart[] });
      else lost.push(id);
    }
    data.conversations = conversations;
    // cannot happen while positions are only taken from appends; said loudly if it ever does
    if (lost.length > 0) this.#settings.logger?.error({ count: lost.length }, 'entries whose journal lines were not kept by the compaction were dropped');
  }

  /** Returns whether anything was dropped. */
  #retain(): boolean {
    const data = this.#db.data;
    const conversations = data.conversations.size;
    const dropped = applyRetention(data, this.#settings, this.#settings.now());
    for (const entry of dropped) {
      this.#byId.delete(entry.id);
      this.#byClaimId.remove(entry.claimId, entry.id);
      this.#recent.delete(entry.id);
    }
    this.#warnOverCeilings();
    return dropped.length > 0 || data.conversations.size !== conversations;
  }

  /** Past a count ceiling nothing young is dropped; the operator hears of it once, as it is crossed. */
  #warnOverCeilings(): void {
    const data = this.#db.data;
    const counts = { scrubs: [data.scrubs.length, this.#settings.maxScrubs, 'SCRUBJAY_KEEP_SCRUBS'], conversations: [data.conversations.size, this.#settings.maxConversations, 'SCRUBJAY_KEEP_CONVERSATIONS'] } as const;
    for (const kind of ['scrubs', 'conversations'] as const) {
      const [count, ceiling, setting] = counts[kind];
      const over = count > ceiling;
      if (over && !this.#overCeiling[kind]) {
        this.#settings.logger?.warn(
          { kind: 'retention-ceiling', [kind]: count, ceiling, maxAgeDays: this.#settings.maxAgeDays, oldestAt: kind === 'scrubs' ? (data.scrubs[0]?.scrubbedAt ?? null) : undefined },
          `The store keeps more ${kind} than its ceiling of ${ceiling} (${setting}); none younger than ${this.#settings.maxAgeDays} days is dropped, so the files grow until they age out. A burst of requests can cause this; raise ${setting} if the load is real.`,
        );
      }
      this.#overCeiling[kind] = over;
    }
  }

  #misplaced(what: string, span: { offset: number; length: number }): ScrubjayError {
    const message = `The ${what} is not where ${this.files.database} says it is in ${this.#journal.path} (byte ${span.offset}).`;
    this.#settings.logger?.error({ file: this.#journal.path, offset: span.offset }, message);
    return new ScrubjayError('SJ_STORE_IO', message, { file: this.#journal.path });
  }

  #assertOpen(): void {
    if (this.#closing !== null) throw new ScrubjayError('SJ_STORE_CLOSED', `The claim store in ${this.files.dir} is closed.`);
  }
}

function summaryOf(entry: ScrubEntry): ScrubSummary {
  return {
    id: entry.id,
    claimId: entry.claimId,
    status: entry.status,
    scrubbedAt: entry.scrubbedAt,
    rulesetVersion: entry.rulesetVersion,
    errors: entry.errors,
    warnings: entry.warnings,
    owner: entry.owner,
  };
}

/** Sortable by time, unique without coordination. */
function newRecordId(at: Date): string {
  return `${at.getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
