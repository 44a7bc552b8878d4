/**
 * Appending to the audit log, safe with other processes appending too: under the log's
 * lock, an append reads what others appended since this process last looked, continues the
 * chain from the file's last entry, writes and flushes to disk.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE } from '../config/private-files.js';
import { chainEntry, entryLine, parseEntryLine, type ChainTip } from './audit-chain.js';
import { archivedTip, lastEntryOf, lastLineEnd, readFully } from './audit-file.js';
import { acquireAuditLock } from './audit-lock.js';
import { flushFolder } from './durable-file.js';
import type { AuditEntry, AuditInput } from './store.js';

export interface AuditPaths {
  log: string;
  lock: string;
  /** archived entries, oldest first by their sequence numbers */
  archiveDir: string;
}

/** What this process knows of the log file: which file, how much of it it has read, and the chain's tip there. */
export interface LogPosition {
  ino: number;
  size: number;
  tip: ChainTip;
}

export interface AppendOutcome {
  entries: AuditEntry[];
  position: LogPosition;
  /** bytes of a line cut short by a crashed writer, removed from the end before appending (never acknowledged) */
  cutBytes: number;
}

export interface Stamped {
  input: AuditInput;
  at: string;
}

/**
 * Appends `items` in order, once, taking the lock for it. `seen` is told of entries other
 * processes appended since `known`, oldest first, when `known` is this same file; a process
 * that has not read the file before passes null and only the tip is looked up.
 */
export async function appendEntries(
  paths: AuditPaths,
  items: readonly Stamped[],
  known: LogPosition | null,
  seen: (entries: AuditEntry[]) => void = () => undefined,
  /** runs first under the lock (a first look at a log this process has not opened before) */
  prepare: (paths: AuditPaths) => Promise<void> = async () => undefined,
): Promise<AppendOutcome> {
  const lock = await acquireAuditLock(paths.lock);
  try {
    await prepare(paths);
    return await withLogFile(paths, known, seen, (handle, position) => writeEntries(handle, position, items));
  } finally {
    await lock.release();
  }
}

/**
 * The log as a process that appends to it often holds it: the file stays open from one
 * append to the next, for as long as the path still names that file (the retention move, or
 * an operator, may put another in its place). An append whose file is the one held, at the
 * size this process left it, knows the chain's tip already and only writes and flushes.
 */
export class LogAppender {
  readonly #paths: AuditPaths;
  #held: { handle: FileHandle; ino: number } | null = null;

  constructor(paths: AuditPaths) {
    this.#paths = paths;
  }

  /** Appends `items` in order; the caller holds the lock. `known` and `seen` as for `appendEntries`. */
  async append(items: readonly Stamped[], known: LogPosition | null, seen: (entries: AuditEntry[]) => void): Promise<AppendOutcome> {
    const current = await stat(this.#paths.log).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const held = current !== null && this.#held !== null && this.#held.ino === current.ino ? this.#held : null;
    // under the lock, a file of the size this process left it holds nothing this process has not seen
    if (held !== null && known !== null && known.ino === held.ino && known.size === current!.size) {
      return { ...(await writeEntries(held.handle, known, items)), cutBytes: 0 };
    }
    const handle = held?.handle ?? (await this.#reopen());
    return bringUpToDate(handle, this.#paths, known, seen, (position) => writeEntries(handle, position, items));
  }

  async close(): Promise<void> {
    const held = this.#held;
    this.#held = null;
    await held?.handle.close();
  }

  async #reopen(): Promise<FileHandle> {
    await this.close().catch(() => undefined);
    const handle = await open(this.#paths.log, 'a+', PRIVATE_FILE_MODE);
    try {
      this.#held = { handle, ino: (await handle.stat()).ino };
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }
}

/** Chains `items` after `position`'s tip and writes them at its end, flushed to disk. */
async function writeEntries(handle: FileHandle, position: LogPosition, items: readonly Stamped[]): Promise<{ entries: AuditEntry[]; position: LogPosition }> {
  const entries: AuditEntry[] = [];
  let tip = position.tip;
  for (const item of items) {
    const entry = chainEntry(item.input, item.at, tip);
    entries.push(entry);
    tip = { seq: entry.seq, hash: entry.hash };
  }
  const data = Buffer.from(entries.map(entryLine).join(''), 'utf8');
  try {
    let written = 0;
    while (written < data.length) written += (await handle.write(data, written, data.length - written, position.size + written)).bytesWritten;
    await handle.datasync();
  } catch (error) {
    // a part written must not become the start of the next entry
    await handle.truncate(position.size).catch(() => undefined);
    throw error;
  }
  return { entries, position: { ino: position.ino, size: position.size + data.length, tip } };
}

/**
 * Opens the log (creating it), brings `known` up to date with the file and cuts off a line a
 * crashed writer left unfinished; the caller must hold the lock.
 */
export async function withLogFile<T extends { position: LogPosition }>(
  paths: AuditPaths,
  known: LogPosition | null,
  seen: (entries: AuditEntry[]) => void,
  work: (handle: FileHandle, position: LogPosition) => Promise<T>,
): Promise<T & { cutBytes: number }> {
  const handle = await open(paths.log, 'a+', PRIVATE_FILE_MODE);
  try {
    return await bringUpToDate(handle, paths, known, seen, (position) => work(handle, position));
  } finally {
    await handle.close();
  }
}

/** `withLogFile` on a log already open. */
async function bringUpToDate<T extends { position: LogPosition }>(
  handle: FileHandle,
  paths: AuditPaths,
  known: LogPosition | null,
  seen: (entries: AuditEntry[]) => void,
  work: (position: LogPosition) => Promise<T>,
): Promise<T & { cutBytes: number }> {
  const file = await handle.stat();
  if (file.size === 0) await flushFolder(dirname(paths.log));
  const end = await lastLineEnd(handle, file.size);
  const cutBytes = file.size - end;
  if (cutBytes > 0) {
    await handle.truncate(end);
    await handle.datasync();
  }
  let position: LogPosition;
  if (known !== null && known.ino === file.ino && known.size <= end) {
    const fresh = await entriesBetween(handle, known.size, end);
    if (fresh.length > 0) seen(fresh);
    const last = fresh.at(-1);
    position = { ino: file.ino, size: end, tip: last === undefined ? known.tip : { seq: last.seq, hash: last.hash } };
  } else {
    // an emptied log (all of it archived, or the file deleted) continues where the chain was known to stand
    const archived = await archivedTip(paths.archiveDir);
    const remembered = known !== null && known.tip.seq > archived.seq ? known.tip : archived;
    const tip = (await lastEntryOf(handle, end)) ?? remembered;
    position = { ino: file.ino, size: end, tip };
  }
  const result = await work(position);
  return { ...result, cutBytes };
}

/** The entries in `[from, to)` of the file, both at line boundaries; lines that are not entries are passed over. */
export async function entriesBetween(handle: FileHandle, from: number, to: number): Promise<AuditEntry[]> {
  if (to <= from) return [];
  const buffer = Buffer.allocUnsafe(to - from);
  await readFully(handle, buffer, from);
  const entries: AuditEntry[] = [];
  for (const line of buffer.toString('utf8').split('\n')) {
    const entry = line === '' ? null : parseEntryLine(line);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}
