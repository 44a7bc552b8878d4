/**
 * One append to the audit log, safe with other processes appending too: under the log's
 * lock, it reads what others appended since this process last looked, continues the chain
 * from the file's last entry, writes, flushes to disk and lets go. The file is opened for
 * each append rather than held, because the retention move replaces it with a new file.
 */
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE } from '../config/private-files.js';
import { chainEntry, entryLine, parseEntryLine, type ChainTip } from './audit-chain.js';
import { archivedTip, lastEntryOf, lastLineEnd, readFully } from './audit-file.js';
import { acquireAuditLock, tryAuditLockNow } from './audit-lock.js';
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
  const lock = tryAuditLockNow(paths.lock) ?? (await acquireAuditLock(paths.lock));
  try {
    await prepare(paths);
    const quick = known === null ? null : appendToKnownFile(paths, items, known, seen);
    if (quick !== null) return await quick;
    return await withLogFile(paths, known, seen, async (handle, position) => {
      const { entries, data, tip } = chained(items, position.tip);
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

function chained(items: readonly Stamped[], from: ChainTip): { entries: AuditEntry[]; data: Buffer; tip: ChainTip } {
  const entries: AuditEntry[] = [];
  let tip = from;
  for (const item of items) {
    const entry = chainEntry(item.input, item.at, tip);
    entries.push(entry);
    tip = { seq: entry.seq, hash: entry.hash };
  }
  return { entries, data: Buffer.from(entries.map(entryLine).join(''), 'utf8'), tip };
}

const datasyncFd = promisify(fdatasync);

/**
 * The common append: the file this process read before, grown by others or not. Everything
 * but the flush to disk is done without leaving the thread — a dozen small system calls
 * take microseconds, while each awaited step would queue behind the event loop's other
 * work (under load a scrub or more per step, the whole of the tail latency). Null when the
 * file is not the one known (replaced, emptied, cut shorter): the careful path handles it.
 */
function appendToKnownFile(paths: AuditPaths, items: readonly Stamped[], known: LogPosition, seen: (entries: AuditEntry[]) => void): Promise<AppendOutcome> | null {
  const fd = openSync(paths.log, 'a+', PRIVATE_FILE_MODE);
  let handedOver = false;
  try {
    const stat = fstatSync(fd);
    if (stat.size === 0 || stat.ino !== known.ino) return null;
    const end = lastLineEndNow(fd, stat.size);
    if (end < known.size) return null;
    const cutBytes = stat.size - end;
    if (cutBytes > 0) {
      ftruncateSync(fd, end);
      fdatasyncSync(fd);
    }
    const fresh = parseEntries(readNow(fd, known.size, end));
    if (fresh.length > 0) seen(fresh);
    const last = fresh.at(-1);
    const position: LogPosition = { ino: stat.ino, size: end, tip: last === undefined ? known.tip : { seq: last.seq, hash: last.hash } };
    const { entries, data, tip } = chained(items, position.tip);
    handedOver = true;
    return (async () => {
      try {
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written, position.size + written);
        await datasyncFd(fd);
      } catch (error) {
        // a part written must not become the start of the next entry
        try {
          ftruncateSync(fd, position.size);
        } catch {
          // the write's own error is the one to report
        }
        throw error;
      } finally {
        closeSync(fd);
      }
      return { entries, position: { ino: position.ino, size: position.size + data.length, tip }, cutBytes };
    })();
  } finally {
    if (!handedOver) closeSync(fd);
  }
}

const TAIL = 64 << 10;

function lastLineEndNow(fd: number, size: number): number {
  let pos = size;
  while (pos > 0) {
    const length = Math.min(TAIL, pos);
    pos -= length;
    const chunk = readNow(fd, pos, pos + length);
    const newline = chunk.lastIndexOf(10);
    if (newline >= 0) return pos + newline + 1;
  }
  return 0;
}

function readNow(fd: number, from: number, to: number): Buffer {
  const buffer = Buffer.allocUnsafe(Math.max(0, to - from));
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, from + filled);
    if (read === 0) throw new Error(`the file ended at byte ${from + filled}, before the ${buffer.length} bytes asked for at ${from}`);
    filled += read;
  }
  return buffer;
}

function parseEntries(buffer: Buffer): AuditEntry[] {
  const entries: AuditEntry[] = [];
  if (buffer.length === 0) return entries;
  for (const line of buffer.toString('utf8').split('\n')) {
    const entry = line === '' ? null : parseEntryLine(line);
    if (entry !== null) entries.push(entry);
  }
  return entries;
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
  return parseEntries(buffer);
}
