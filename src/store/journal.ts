/**
 * The journal: an append-only file of lines (`store/journal.ndjson`), each written once and
 * flushed to disk before the change it carries is acknowledged, so storing costs what is
 * added, whatever the store already holds.
 *
 * The first line names the journal's generation. Lines that retention has dropped stay in
 * the file until it is compacted: the lines still needed are copied to a new file of the
 * next generation, which is renamed over the old one. Positions change then, so the
 * database records which generation its positions are in; a database of another
 * generation (a crash between the rename and the next database write) is rebuilt from
 * the journal's lines.
 *
 * A line's position is known as soon as it is appended (lines are written in order at the
 * end), so the database can point at it before it is on disk; reads of such a line are
 * answered from memory.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ScrubjayError } from '../errors.js';
import { AppendFile, type Replacement } from './append-file.js';
import type { Span } from './database.js';
import { moveAside } from './durable-file.js';
import type { StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';

const FORMAT = 'scrubjay-journal';
const VERSION = 1;
/** lines at most this far apart are read in one piece by `readMany`: one read of the bytes between costs less than a read of its own */
const RUN_GAP = 16 * 1024;
/** and one piece is at most this long */
const RUN_MAX = 1024 * 1024;
/** the first line is read in one piece of this size; a header is far shorter */
const HEADER_READ = 4096;
/** lines are read back at start-up in pieces of this size */
const SCAN_CHUNK = 1 << 20;

const headerSchema = z.looseObject({ format: z.literal(FORMAT), version: z.literal(VERSION), generation: z.string().min(1) });

export interface JournalSettings {
  batchWindowMs: number;
  now: () => Date;
  /** whether a line is a record of the store: lines that are not make the file unreadable */
  isRecord: (line: string) => boolean;
}

/** A complete line read back, with its position. */
export interface JournalLine extends Span {
  text: string;
}

/** The lines from a position on, and what follows the last newline (a write cut short), if anything. */
export interface JournalScan {
  lines: JournalLine[];
  tail: JournalLine | null;
}

/** Where each line kept by a compaction went: old position in, new position out (null: not kept). */
export type Relocate = (offset: number) => number | null;

interface CopiedRun {
  from: number;
  to: number;
  length: number;
}

export class Journal {
  readonly path: string;
  readonly #settings: JournalSettings;
  readonly #batcher: WriteBatcher;
  #file: AppendFile;
  #generation: string;
  #headerEnd: number;
  /** lines appended but not yet on disk, by position, in order; they follow the file's end */
  #unwritten = new Map<number, string>();
  /** the position the next line gets */
  #end: number;
  /** file writes and compactions run one at a time, in this order */
  #queue: Promise<unknown> = Promise.resolve();
  #compacting = false;
  #compactions = 0;

  private constructor(path: string, file: AppendFile, generation: string, headerEnd: number, settings: JournalSettings) {
    this.path = path;
    this.#file = file;
    this.#generation = generation;
    this.#headerEnd = headerEnd;
    this.#end = file.size;
    this.#settings = settings;
    this.#batcher = new WriteBatcher(() => this.#exclusive(() => this.#writeUnwritten()), settings.batchWindowMs);
  }

  /**
   * Opens the journal, creating it when there is none. A file whose first line is not a
   * journal header is moved aside whole, and a new journal starts with its readable lines.
   */
  static async open(path: string, settings: JournalSettings, warnings: StoreWarning[]): Promise<{ journal: Journal; created: boolean }> {
    let file: AppendFile;
    try {
      file = await AppendFile.open(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw readError(path, error);
      return { journal: await Journal.create(path, [], settings), created: true };
    }
    const header = await readHeader(file);
    if (header !== null) return { journal: new Journal(path, file, header.generation, header.end, settings), created: false };
    await file.close();
    return { journal: await Journal.recover(path, settings, warnings, 'its first line is not a journal header'), created: false };
  }

  /** A new journal holding `lines` (each ending in a newline), replacing any file there. */
  static async create(path: string, lines: readonly string[], settings: JournalSettings): Promise<Journal> {
    const generation = newGeneration();
    const header = headerLine(generation);
    const file = await AppendFile.create(path, header + lines.join(''));
    return new Journal(path, file, generation, Buffer.byteLength(header), settings);
  }

  /**
   * The file could not be read as a whole: it is moved aside, never deleted, and a new
   * journal of the next generation continues with every line that is still a record.
   */
  static async recover(path: string, settings: JournalSettings, warnings: StoreWarning[], reason: string): Promise<Journal> {
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw readError(path, error);
    });
    const kept: string[] = [];
    const bad: number[] = [];
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (index === lines.length - 1 && line === '') return;
      if (settings.isRecord(line)) kept.push(`${line}\n`);
      else if (!(index === 0 && headerSchema.safeParse(safeJson(line)).success)) bad.push(index + 1);
    });
    const aside = await moveAside(path, settings.now());
    const journal = await Journal.create(path, kept, settings);
    const where = bad.length > 5 ? `${bad.slice(0, 5).join(', ')} and ${bad.length - 5} more` : bad.join(', ');
    warnings.push({
      kind: 'journal-moved-aside',
      message: `The journal ${path} could not be read (${reason}${bad.length > 0 ? `; unreadable lines: ${where}` : ''}); it was moved to ${aside} and a new journal continues with its ${kept.length} readable records.`,
      file: aside,
    });
    return journal;
  }

  get generation(): string {
    return this.#generation;
  }

  /** where the first record line starts */
  get headerEnd(): number {
    return this.#headerEnd;
  }

  /** bytes on disk */
  get size(): number {
    return this.#file.size;
  }

  /** the position the next line gets: the end once everything appended is on disk */
  get end(): number {
    return this.#end;
  }

  get writes(): number {
    return this.#batcher.writes;
  }

  get compactions(): number {
    return this.#compactions;
  }

  get compacting(): boolean {
    return this.#compacting;
  }

  /** Lines from `from` to the end of the file, read in pieces; for start-up, before anything is appended. */
  async scan(from: number): Promise<JournalScan> {
    const lines: JournalLine[] = [];
    let carry = Buffer.alloc(0);
    let carryAt = from;
    for (let at = from; at < this.#file.size; at += SCAN_CHUNK) {
      const chunk = await this.#file.read(at, Math.min(SCAN_CHUNK, this.#file.size - at));
      const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10, start)) {
        lines.push({ offset: carryAt + start, length: newline + 1 - start, text: buffer.toString('utf8', start, newline) });
        start = newline + 1;
      }
      carry = Buffer.from(buffer.subarray(start));
      carryAt += start;
    }
    const tail = carry.length > 0 ? { offset: carryAt, length: carry.length, text: carry.toString('utf8') } : null;
    return { lines, tail };
  }

  /** Ends a last line that lacks its newline (it is a whole record: only the newline was lost). */
  async terminate(): Promise<void> {
    await this.#file.append(Buffer.from('\n'));
    this.#end = this.#file.size;
  }

  /** Cuts off a last line that a crash left half-written (it was never acknowledged). */
  async cutAt(offset: number): Promise<void> {
    await this.#file.truncate(offset);
    this.#end = this.#file.size;
  }

  /**
   * Adds `line` (ending in a newline) at the end. Its position is returned at once; `durable`
   * resolves once it is on disk. A failed write rejects, and the line is written with the next one.
   */
  append(line: string): Span & { durable: Promise<void> } {
    const offset = this.#end;
    const length = Buffer.byteLength(line);
    this.#unwritten.set(offset, line);
    this.#end += length;
    return { offset, length, durable: this.#batcher.request() };
  }

  /** Resolves once every line appended so far is on disk. */
  flush(): Promise<void> {
    return this.#unwritten.size === 0 ? this.#batcher.drain() : this.#batcher.request();
  }

  /** Whether every line before `mark.checkpoint` of generation `mark.generation` is on disk (waiting for them if needed). */
  async holds(mark: { generation: string; checkpoint: number }): Promise<boolean> {
    if (mark.generation !== this.#generation) return false;
    if (this.#file.size < mark.checkpoint) await this.flush();
    return mark.generation === this.#generation && this.#file.size >= mark.checkpoint;
  }

  /** The line at `span`, newline included. */
  async read(span: Span): Promise<string> {
    const unwritten = this.#unwritten.get(span.offset);
    if (unwritten !== undefined) return unwritten;
    try {
      return (await this.#file.read(span.offset, span.length)).toString('utf8');
    } catch (error) {
      throw readError(this.path, error);
    }
  }

  /**
   * The lines at `spans`, in the order asked for. Lines that lie near each other in the
   * file are read in one piece: a read from the disk costs far more than its bytes, and
   * lines written together are mostly read together (a remittance comes back in the order
   * its claims were sent). The reads start at once, so they are of the file current now.
   */
  async readMany(spans: readonly Span[]): Promise<string[]> {
    const lines: string[] = new Array<string>(spans.length);
    const onDisk: number[] = [];
    for (let i = 0; i < spans.length; i++) {
      const unwritten = this.#unwritten.get(spans[i]!.offset);
      if (unwritten !== undefined) lines[i] = unwritten;
      else onDisk.push(i);
    }
    onDisk.sort((a, b) => spans[a]!.offset - spans[b]!.offset);
    const reads: Array<Promise<void>> = [];
    for (let k = 0; k < onDisk.length; ) {
      const start = spans[onDisk[k]!]!.offset;
      let end = start + spans[onDisk[k]!]!.length;
      let j = k + 1;
      for (; j < onDisk.length; j++) {
        const next = spans[onDisk[j]!]!;
        if (next.offset - end > RUN_GAP || next.offset + next.length - start > RUN_MAX) break;
        end = Math.max(end, next.offset + next.length);
      }
      const members = onDisk.slice(k, j);
      reads.push(
        this.#file.read(start, end - start).then((piece) => {
          for (const i of members) {
            const span = spans[i]!;
            lines[i] = piece.toString('utf8', span.offset - start, span.offset - start + span.length);
          }
        }),
      );
      k = j;
    }
    try {
      await Promise.all(reads);
    } catch (error) {
      throw readError(this.path, error);
    }
    return lines;
  }

  /**
   * Writes a new generation holding only the `live` lines, and renames it over this one.
   * The copying happens while appends carry on; only the lines appended meanwhile are
   * copied with appends held back, then `relocate` is called, synchronously with the
   * switch, so the caller moves its positions before anything can read with the old ones.
   */
  async compact(live: readonly Span[], relocate: (move: Relocate) => void): Promise<void> {
    if (this.#compacting) return;
    this.#compacting = true;
    let replacement: Replacement | null = null;
    try {
      const mark = this.#file.size;
      const generation = newGeneration();
      const header = headerLine(generation);
      replacement = await this.#file.beginReplacement();
      await replacement.write(Buffer.from(header));
      const runs: CopiedRun[] = [];
      for (const run of contiguousRuns(live, this.#headerEnd, mark)) {
        runs.push({ from: run.offset, to: replacement.size, length: run.length });
        await replacement.copyFrom(this.#file, run.offset, run.length);
      }
      await replacement.flush();
      const copied = replacement;
      await this.#exclusive(async () => {
        const tailTo = copied.size;
        await copied.copyFrom(this.#file, mark, this.#file.size - mark);
        await this.#file.adopt(copied, () => {
          const shift = tailTo - mark;
          this.#generation = generation;
          this.#headerEnd = Buffer.byteLength(header);
          this.#unwritten = new Map([...this.#unwritten].map(([offset, line]) => [offset + shift, line]));
          this.#end += shift;
          relocate((offset) => (offset >= mark ? offset + shift : relocateCopied(runs, offset)));
        });
      });
      replacement = null;
      this.#compactions++;
    } finally {
      this.#compacting = false;
      await replacement?.abandon();
    }
  }

  /** Writes whatever is waiting, then waits for a compaction under way. */
  async drain(): Promise<void> {
    await this.#batcher.drain();
    await this.#queue;
  }

  async close(): Promise<void> {
    try {
      await this.drain();
    } finally {
      await this.#file.close();
    }
  }

  #exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #writeUnwritten(): Promise<void> {
    const batch = [...this.#unwritten];
    if (batch.length === 0) return;
    try {
      await this.#file.append(Buffer.from(batch.map(([, line]) => line).join(''), 'utf8'));
    } catch (error) {
      throw writeError(this.path, error);
    }
    for (const [offset] of batch) this.#unwritten.delete(offset);
  }
}

async function readHeader(file: AppendFile): Promise<{ generation: string; end: number } | null> {
  if (file.size === 0) return null;
  const start = (await file.read(0, Math.min(HEADER_READ, file.size))).toString('utf8');
  const newline = start.indexOf('\n');
  if (newline === -1) return null;
  const parsed = headerSchema.safeParse(safeJson(start.slice(0, newline)));
  return parsed.success ? { generation: parsed.data.generation, end: Buffer.byteLength(start.slice(0, newline + 1)) } : null;
}

function headerLine(generation: string): string {
  return `${JSON.stringify({ format: FORMAT, version: VERSION, generation })}\n`;
}

function newGeneration(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The live lines below `end`, in file order, with neighbours joined so each run is copied in one go. */
function contiguousRuns(live: readonly Span[], start: number, end: number): Span[] {
  const sorted = live.filter((span) => span.offset >= start && span.offset + span.length <= end).sort((a, b) => a.offset - b.offset);
  const runs: Span[] = [];
  for (const span of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && last.offset + last.length === span.offset) last.length += span.length;
    else if (last === undefined || span.offset >= last.offset + last.length) runs.push({ offset: span.offset, length: span.length });
  }
  return runs;
}

function relocateCopied(runs: readonly CopiedRun[], offset: number): number | null {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const run = runs[middle]!;
    if (offset < run.from) high = middle - 1;
    else if (offset >= run.from + run.length) low = middle + 1;
    else return run.to + (offset - run.from);
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readError(path: string, error: unknown): ScrubjayError {
  if (error instanceof ScrubjayError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ScrubjayError('SJ_STORE_IO', `Could not read ${path} (${reason}).`, { file: path });
}

export function writeError(path: string, error: unknown): ScrubjayError {
  if (error instanceof ScrubjayError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ScrubjayError('SJ_STORE_IO', `Could not write ${path} (${reason}); the data is kept in memory and written with the next change.`, { file: path });
}
