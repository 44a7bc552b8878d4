/**
 * One append to the audit log, safe with other processes appending too: under the log's
 * lock, it reads what others appended since this process last looked, continues the chain
 * from the file's last entry, writes, flushes to disk and lets go. The file is opened for
 * each append rather than held, because the retention move replaces it with a new file.
 */
import { open, type FileHandle } from 'node:fs/promises';
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
 * Appends `items` in order. `seen` is told of entries other processes appended since
 * `known`, oldest first, when `known` is this same file; a process that has not read the
 * file before passes null and only the tip is looked up.
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
    return await withLogFile(paths, known, seen, async (handle, position) => {
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
    });
  } finally {
    await lock.release();
  }
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
    const stat = await handle.stat();
    if (stat.size === 0) await flushFolder(dirname(paths.log));
    const end = await lastLineEnd(handle, stat.size);
    const cutBytes = stat.size - end;
    if (cutBytes > 0) {
      await handle.truncate(end);
      await handle.datasync();
    }
    let position: LogPosition;
    if (known !== null && known.ino === stat.ino && known.size <= end) {
      const fresh = await entriesBetween(handle, known.size, end);
      if (fresh.length > 0) seen(fresh);
      const last = fresh.at(-1);
      position = { ino: stat.ino, size: end, tip: last === undefined ? known.tip : { seq: last.seq, hash: last.hash } };
    } else {
      // an emptied log (all of it archived, or the file deleted) continues where the chain was known to stand
      const archived = await archivedTip(paths.archiveDir);
      const remembered = known !== null && known.tip.seq > archived.seq ? known.tip : archived;
      const tip = (await lastEntryOf(handle, end)) ?? remembered;
      position = { ino: stat.ino, size: end, tip };
    }
    const result = await work(handle, position);
    return { ...result, cutBytes };
  } finally {
    await handle.close();
  }
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
