/**
 * Audit retention by age. Entries older than the retention age (by default six years, the
 * period 45 CFR 164.316(b)(2) asks documentation to be kept) are moved, oldest first and
 * exactly as written, to a dated archive file; nothing is deleted. The live log keeps the
 * chain going: its first entry's `prev` is the hash of the last archived one.
 *
 * The move appends to the archive first and then replaces the log with what is left, so a
 * crash in between leaves entries in both places, never in neither; the next move (and the
 * verify) recognises the overlap by sequence number and hash.
 */
import { createReadStream } from 'node:fs';
import { open, rename, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../config/private-files.js';
import { parseEntryLine } from './audit-chain.js';
import { archiveName, archivedTip } from './audit-file.js';
import type { AuditLock } from './audit-lock.js';
import type { AuditPaths, LogPosition } from './audit-writer.js';
import { flushFolder, openPrivateTemp, tempPathFor } from './durable-file.js';

export const DAY_MS = 86_400_000;

export interface ArchiveOutcome {
  /** entries moved to the archive by this run */
  moved: number;
  archive: string | null;
  /** the replaced log: a new file */
  position: LogPosition;
  /** the live log's first entry after the move, when it has one */
  first: { seq: number; at: string } | null;
}

/**
 * Moves the entries older than `cutoff` at the start of the log to the archive named by the
 * cutoff's date. The caller holds the log's lock and passes where the log stands.
 */
export async function archiveOlderThan(paths: AuditPaths, position: LogPosition, cutoff: Date, lock: AuditLock): Promise<ArchiveOutcome | null> {
  const alreadyArchived = (await archivedTip(paths.archiveDir)).seq;
  let offset = 0;
  // bytes at the start that an interrupted move had archived already
  let overlapEnd = 0;
  let inOverlap = true;
  let moved = 0;
  let first: ArchiveOutcome['first'] = null;
  const cut = cutoff.getTime();
  for await (const line of linesOf(paths.log, position.size)) {
    const entry = parseEntryLine(line.text);
    if (inOverlap && entry !== null && entry.seq <= alreadyArchived) {
      offset += line.bytes;
      overlapEnd = offset;
      continue;
    }
    inOverlap = false;
    // a line that is not an entry stays where it is, for the verify to name
    if (entry === null || Date.parse(entry.at) >= cut) {
      if (entry !== null) first = { seq: entry.seq, at: entry.at };
      break;
    }
    offset += line.bytes;
    moved++;
  }
  const moveEnd = offset;
  if (moveEnd === 0) return null;
  const source = await open(paths.log, 'r');
  try {
    let archive: string | null = null;
    if (moveEnd > overlapEnd) {
      makePrivateDir(paths.archiveDir);
      archive = join(paths.archiveDir, archiveName(cutoff));
      const target = await open(archive, 'a', PRIVATE_FILE_MODE);
      try {
        await copyRange(source, overlapEnd, moveEnd, (chunk) => target.write(chunk).then(() => undefined), lock);
        await target.sync();
      } finally {
        await target.close();
      }
      await flushFolder(paths.archiveDir);
    }
    const temp = tempPathFor(paths.log);
    const replacement = await openPrivateTemp(temp, 'w');
    try {
      await copyRange(source, moveEnd, position.size, (chunk) => replacement.write(chunk).then(() => undefined), lock);
      await replacement.sync();
    } finally {
      await replacement.close();
    }
    await rename(temp, paths.log);
    await flushFolder(dirname(paths.log));
    const { ino } = await stat(paths.log);
    return { moved, archive, position: { ino, size: position.size - moveEnd, tip: position.tip }, first };
  } finally {
    await source.close();
  }
}

const COPY_CHUNK = 1 << 20;

async function copyRange(source: FileHandle, from: number, to: number, write: (chunk: Buffer) => Promise<void>, lock: AuditLock): Promise<void> {
  for (let pos = from; pos < to; pos += COPY_CHUNK) {
    const length = Math.min(COPY_CHUNK, to - pos);
    const chunk = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await source.read(chunk, filled, length - filled, pos + filled);
      if (bytesRead === 0) throw new Error(`the audit log ended before byte ${to}`);
      filled += bytesRead;
    }
    await write(chunk);
    // a long copy must not look like a hung holder to the other processes waiting
    await lock.touch();
  }
}

/** The lines of `[0, end)` with their length in bytes (newline included). */
async function* linesOf(path: string, end: number): AsyncGenerator<{ text: string; bytes: number }> {
  if (end === 0) return;
  const stream = createReadStream(path, { start: 0, end: end - 1, highWaterMark: 256 << 10 });
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      let start = 0;
      for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, start)) {
        yield { text: data.toString('utf8', start, i), bytes: i + 1 - start };
        start = i + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    stream.destroy();
  }
}
