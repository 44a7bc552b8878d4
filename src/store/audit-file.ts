/**
 * Reading audit files a line at a time without holding them in memory: from the end
 * backwards (the newest entries, the chain's tip) and from the start forwards (a query's
 * scan, the verify, the retention move). Lines are split on the newline byte and decoded one
 * by one, so a multi-byte character is never cut between two reads.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CHAIN_START, parseEntryLine, type ChainTip } from './audit-chain.js';

const CHUNK = 64 << 10;
const NEWLINE = 10;

/**
 * Visits the complete lines of `[0, end)` newest first (`end` must be just after a newline,
 * or 0) until `visit` returns false.
 */
export async function readLinesBackward(handle: FileHandle, end: number, visit: (line: string) => boolean): Promise<void> {
  let pos = end;
  let carry = Buffer.alloc(0);
  while (pos > 0) {
    const length = Math.min(CHUNK, pos);
    pos -= length;
    const chunk = Buffer.allocUnsafe(length);
    await readFully(handle, chunk, pos);
    const data = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
    // data ends where a line ends (or is the tail of one begun in the chunk before)
    let lineEnd = data.length;
    if (pos + length === end && data[lineEnd - 1] === NEWLINE) lineEnd--;
    for (let i = lineEnd - 1; i >= 0; i--) {
      if (data[i] !== NEWLINE) continue;
      if (!visit(data.toString('utf8', i + 1, lineEnd))) return;
      lineEnd = i;
    }
    carry = Buffer.from(data.subarray(0, lineEnd));
  }
  if (carry.length > 0 || end > 0) visit(carry.toString('utf8'));
}

/** Every line of a file from the start, with its line number (1-based); a missing file has none. */
export async function* readLinesForward(path: string): AsyncGenerator<{ line: string; number: number }> {
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 << 10 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      yield { line, number };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The first line of a file (up to its first newline, or all of it), or null for an empty file. */
export async function readFirstLine(handle: FileHandle, size: number): Promise<string | null> {
  if (size === 0) return null;
  const parts: Buffer[] = [];
  for (let pos = 0; pos < size; pos += CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size - pos));
    await readFully(handle, chunk, pos);
    const newline = chunk.indexOf(NEWLINE);
    if (newline >= 0) {
      parts.push(chunk.subarray(0, newline));
      break;
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Where the last complete line of `[0, size)` ends: the byte after its newline (0 if there is none). */
export async function lastLineEnd(handle: FileHandle, size: number): Promise<number> {
  let pos = size;
  while (pos > 0) {
    const length = Math.min(CHUNK, pos);
    pos -= length;
    const chunk = Buffer.allocUnsafe(length);
    await readFully(handle, chunk, pos);
    const newline = chunk.lastIndexOf(NEWLINE);
    if (newline >= 0) return pos + newline + 1;
  }
  return 0;
}

export async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${position + filled}, before the ${buffer.length} bytes asked for at ${position}`);
    filled += bytesRead;
  }
}

/** The last entry of the file's complete lines that reads as one, or null. */
export async function lastEntryOf(handle: FileHandle, end: number): Promise<ChainTip | null> {
  let tip: ChainTip | null = null;
  await readLinesBackward(handle, end, (line) => {
    const entry = parseEntryLine(line);
    if (entry !== null) tip = { seq: entry.seq, hash: entry.hash };
    return tip === null;
  });
  return tip;
}

const ARCHIVE_NAME = /^audit-until-\d{4}-\d{2}-\d{2}\.ndjson$/;

/** The archive files in `dir` (full paths), in no particular order; none when the folder is missing. */
export async function archiveFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => ARCHIVE_NAME.test(name)).map((name) => join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function archiveName(until: Date): string {
  return `audit-until-${until.toISOString().slice(0, 10)}.ndjson`;
}

/** Where the archived part of the chain ends: a live log that is empty (all of it archived) continues from here. */
export async function archivedTip(dir: string): Promise<ChainTip> {
  let best = CHAIN_START;
  for (const file of await archiveFiles(dir)) {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const tip = await lastEntryOf(handle, await lastLineEnd(handle, size));
      if (tip !== null && tip.seq > best.seq) best = tip;
    } finally {
      await handle.close();
    }
  }
  return best;
}
