/**
 * The audit log: who scrubbed what, one JSON object a line in its own file.
 *
 * It lives apart from the lowdb database on purpose. Appending a line costs the same however
 * long the log is, while the database is rewritten whole on every write; and a line once
 * written is never rewritten, so the log can be trusted not to have been edited along the
 * way. The only rewrite is the retention cut, which keeps the newest entries in order.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { ScrubjayError } from '../errors.js';
import { moveAside, replaceFileDurably, syncFolder } from './durable-file.js';
import type { AuditEntry, StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';
import { dirname } from 'node:path';

const auditEntrySchema = z.looseObject({
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a timestamp'),
  actor: z.string(),
  action: z.enum(['scrub', 'chat', 'rules-reload', 'rules-rejected', 'data-reload']),
  scrubId: z.string().optional(),
  claimId: z.string().nullable().optional(),
  detail: z.string().optional(),
});

export interface AuditLogSettings {
  maxAuditEntries: number;
  batchWindowMs: number;
  now: () => Date;
}

export class AuditLog {
  readonly #file: string;
  readonly #max: number;
  /** lines the file may hold beyond the limit before it is cut, so a cut is rare */
  readonly #slack: number;
  readonly #batcher: WriteBatcher;
  /** oldest first; at most max + slack, the newest max of them are the log */
  #entries: AuditEntry[];
  #pending: string[] = [];
  #handle: FileHandle;
  #size: number;
  #fileLines: number;

  private constructor(file: string, settings: AuditLogSettings, entries: AuditEntry[], handle: FileHandle, size: number, fileLines: number) {
    this.#file = file;
    this.#max = settings.maxAuditEntries;
    this.#slack = Math.max(1, Math.floor(settings.maxAuditEntries / 10));
    this.#entries = entries;
    this.#handle = handle;
    this.#size = size;
    this.#fileLines = fileLines;
    this.#batcher = new WriteBatcher(() => this.#flush(), settings.batchWindowMs);
  }

  /**
   * Reads the log. A file with a line that cannot be read (edited by hand, or cut short by a
   * crash or a full disk) is moved aside whole, and a new log starts with its readable entries.
   */
  static async open(file: string, settings: AuditLogSettings, warnings: StoreWarning[]): Promise<AuditLog> {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ScrubjayError('STORE_IO', `Could not read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file });
      }
    }
    const { entries, badLines, unterminated } = parseLog(text);
    if (badLines.length > 0) {
      const aside = moveAside(file, settings.now());
      await replaceFileDurably(file, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      const lines = badLines.length > 5 ? `${badLines.slice(0, 5).join(', ')} and ${badLines.length - 5} more` : badLines.join(', ');
      warnings.push({
        kind: 'audit-moved-aside',
        message: `The audit log ${file} could not be read at line ${lines}; it was moved to ${aside} and a new log continues with its ${entries.length} readable entries.`,
        file: aside,
      });
      text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    }
    const handle = await open(file, text === '' ? 'w+' : 'r+');
    if (text === '') syncFolder(dirname(file));
    if (unterminated && badLines.length === 0) {
      // a last entry without its newline (edited by hand): end the line before appending more
      await handle.write('\n', Buffer.byteLength(text));
      text += '\n';
    }
    return new AuditLog(file, settings, entries.slice(-settings.maxAuditEntries), handle, Buffer.byteLength(text), entries.length);
  }

  get writes(): number {
    return this.#batcher.writes;
  }

  get size(): number {
    return Math.min(this.#entries.length, this.#max);
  }

  /** Resolves once the entry is on disk. */
  append(entry: AuditEntry): Promise<void> {
    this.#entries.push(entry);
    if (this.#entries.length > this.#max + this.#slack) this.#entries.splice(0, this.#entries.length - this.#max);
    this.#pending.push(`${JSON.stringify(entry)}\n`);
    return this.#batcher.request();
  }

  /** Newest first. */
  newest(limit: number): AuditEntry[] {
    const count = Math.min(limit, this.#max, this.#entries.length);
    return this.#entries.slice(this.#entries.length - count).reverse();
  }

  drain(): Promise<void> {
    return this.#batcher.drain();
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }

  #flush(): Promise<void> {
    const lines = this.#pending;
    this.#pending = [];
    if (this.#fileLines + lines.length > this.#max + this.#slack) return this.#cut(lines);
    return this.#appendLines(lines);
  }

  async #appendLines(lines: string[]): Promise<void> {
    const data = Buffer.from(lines.join(''), 'utf8');
    const start = this.#size;
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.#handle.write(data, written, data.length - written, start + written);
        written += bytesWritten;
      }
      await this.#handle.datasync();
      this.#size = start + data.length;
      this.#fileLines += lines.length;
    } catch (error) {
      // leave no half line behind, and keep the lines for the next write
      await this.#handle.truncate(start).catch(() => undefined);
      this.#pending = [...lines, ...this.#pending];
      throw ioError(this.#file, error);
    }
  }

  /** Keeps the newest entries: written aside, then renamed over the log. */
  async #cut(lines: string[]): Promise<void> {
    // the snapshot: entries appended while this runs are in #pending and go in the next write
    const keep = this.#entries.slice(-this.#max);
    const text = keep.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    try {
      await replaceFileDurably(this.#file, text);
      await this.#handle.close();
      this.#handle = await open(this.#file, 'r+');
    } catch (error) {
      this.#pending = [...lines, ...this.#pending];
      throw ioError(this.#file, error);
    }
    this.#size = Buffer.byteLength(text);
    this.#fileLines = keep.length;
  }
}

function parseLog(text: string): { entries: AuditEntry[]; badLines: number[]; unterminated: boolean } {
  const entries: AuditEntry[] = [];
  const badLines: number[] = [];
  const lines = text.split('\n');
  const last = lines.length - 1;
  lines.forEach((line, index) => {
    if (index === last && line === '') return;
    const entry = parseEntry(line);
    if (entry === null) badLines.push(index + 1);
    else entries.push(entry);
  });
  return { entries, badLines, unterminated: text !== '' && !text.endsWith('\n') };
}

function parseEntry(line: string): AuditEntry | null {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as AuditEntry) : null;
  } catch {
    return null;
  }
}

export function ioError(file: string, error: unknown): ScrubjayError {
  if (error instanceof ScrubjayError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ScrubjayError('STORE_IO', `Could not write ${file} (${reason}); the data is kept in memory and written with the next change.`, { file });
}
