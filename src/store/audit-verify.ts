/**
 * Checks the audit chain end to end: the archive files (in the order of their entries) and
 * then the live log, every hash recomputed from its entry, every `prev` against the entry
 * before, every sequence number one more than the last. It stops at the first break and
 * says what broke there: an entry edited (its hash no longer matches it), removed (a number
 * is missing) or reordered (the missing number comes later).
 *
 * It reads one line at a time, so it runs in little memory however long the log is. What
 * a chain cannot show: entries cut from the very end of the log (nothing follows them).
 */
import { open } from 'node:fs/promises';
import { GENESIS_HASH, hashMatches, parseEntryLine, type ChainTip } from './audit-chain.js';
import { archiveFiles, readFirstLine, readLinesForward } from './audit-file.js';
import type { AuditPaths } from './audit-writer.js';

export type AuditProblemKind = 'edited' | 'removed' | 'reordered';

export interface AuditProblem {
  /** the entry concerned: the one edited, or the one missing from its place */
  seq: number;
  /** where the break is: line number (1-based) and file */
  line: number;
  file: string;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** entries checked and found in order (all of them when ok) */
  entries: number;
  archives: number;
  lastSeq: number;
  firstProblem: AuditProblem | null;
  /** the live log ends in a line without its newline that is not an entry: a write a crash cut short, never acknowledged (the next append removes it) */
  unfinishedTail: boolean;
}

interface Line {
  file: string;
  number: number;
  text: string;
}

export async function verifyAuditChain(paths: AuditPaths): Promise<AuditVerification> {
  const archives = await orderedArchives(paths.archiveDir);
  const liveFirst = await firstSeqOf(paths.log);
  const unfinished = await endsUnfinished(paths.log);
  const lines = allLines([...archives, paths.log]);
  try {
    return await walkChain(paths, liveFirst, archives.length, unfinished, lines);
  } finally {
    // stopped at a problem: the file being read is closed now, not when collected
    await lines.return(undefined);
  }
}

async function walkChain(paths: AuditPaths, liveFirst: number | null, archiveCount: number, unfinished: boolean, lines: AsyncGenerator<Line>): Promise<AuditVerification> {
  // entries an interrupted retention move left both in the archive and in the log
  const archivedCopies = new Map<number, string>();
  let tip: ChainTip = { seq: 0, hash: GENESIS_HASH };
  let previous: Line | null = null;
  let entries = 0;
  const result = (problem: AuditProblem | null, unfinishedTail = false): AuditVerification => ({ ok: problem === null, entries, archives: archiveCount, lastSeq: tip.seq, firstProblem: problem, unfinishedTail });

  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    const entry = parseEntryLine(line.text);
    if (entry === null) {
      if (unfinished && line.file === paths.log && (await lines.next()).done) return result(null, true);
      const expected = tip.seq + 1;
      return result({ seq: expected, line: line.number, file: line.file, kind: 'edited', message: `entry seq ${expected} (line ${line.number} of ${line.file}) was edited: the line is not an audit entry` });
    }
    if (line.file === paths.log && entry.seq <= tip.seq && archivedCopies.get(entry.seq) === entry.hash) continue;
    if (!hashMatches(entry)) {
      return result({ seq: entry.seq, line: line.number, file: line.file, kind: 'edited', message: `entry seq ${entry.seq} (line ${line.number} of ${line.file}) was edited: its hash does not match its content` });
    }
    const expected = tip.seq + 1;
    if (entry.seq !== expected) {
      const laterAt = await findSeq(lines, expected);
      const found = `found seq ${entry.seq} at line ${line.number} of ${line.file}`;
      if (laterAt !== null) {
        return result({ seq: expected, line: line.number, file: line.file, kind: 'reordered', message: `entry after seq ${tip.seq} is out of order (${found}; seq ${expected} comes later, at line ${laterAt.number} of ${laterAt.file})` });
      }
      if (entry.seq < expected) {
        return result({ seq: entry.seq, line: line.number, file: line.file, kind: 'reordered', message: `entry seq ${entry.seq} (line ${line.number} of ${line.file}) is out of order: it comes after seq ${tip.seq}` });
      }
      const what = tip.seq === 0 ? `entries before seq ${entry.seq} are missing (${found})` : `entry after seq ${tip.seq} is missing or out of order (${found})`;
      return result({ seq: expected, line: line.number, file: line.file, kind: 'removed', message: what });
    }
    if (entry.prev !== tip.hash) {
      // both hashes are sound, so the entry before was replaced by another with its hash recomputed
      const where = previous ?? line;
      const seq = previous === null ? entry.seq : tip.seq;
      return result({ seq, line: where.number, file: where.file, kind: 'edited', message: `entry seq ${seq} (line ${where.number} of ${where.file}) was edited: the entry after it was chained to a different one` });
    }
    if (liveFirst !== null && line.file !== paths.log && entry.seq >= liveFirst) archivedCopies.set(entry.seq, entry.hash);
    tip = { seq: entry.seq, hash: entry.hash };
    previous = line;
    entries++;
  }
  return result(null);
}

async function* allLines(files: string[]): AsyncGenerator<Line> {
  for (const file of files) {
    for await (const { line, number } of readLinesForward(file)) yield { file, number, text: line };
  }
}

async function findSeq(lines: AsyncGenerator<Line>, seq: number): Promise<Line | null> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (parseEntryLine(next.value.text)?.seq === seq) return next.value;
  }
  return null;
}

/** Archive files in the order of the entries they hold (by the first one's sequence number). */
async function orderedArchives(dir: string): Promise<string[]> {
  const files = await archiveFiles(dir);
  const keyed = await Promise.all(files.map(async (file) => ({ file, seq: (await firstSeqOf(file)) ?? Number.MAX_SAFE_INTEGER })));
  return keyed.sort((a, b) => a.seq - b.seq || a.file.localeCompare(b.file)).map((k) => k.file);
}

async function endsUnfinished(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 10;
  } finally {
    await handle.close();
  }
}

async function firstSeqOf(file: string): Promise<number | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const line = await readFirstLine(handle, (await handle.stat()).size);
    return line === null ? null : (parseEntryLine(line)?.seq ?? null);
  } finally {
    await handle.close();
  }
}
