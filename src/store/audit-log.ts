/**
 * The audit log: who scrubbed what, one JSON object a line in its own file.
 *
 * It lives apart from the database on purpose: appending a line costs the same however long
 * the log is, and a line once written is never rewritten, so the log can be trusted not to
 * have been edited along the way. The only rewrite is the retention cut, which copies the
 * newest lines as they are into a new file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ScrubjayError } from '../errors.js';
import { AppendFile } from './append-file.js';
import { moveAside } from './durable-file.js';
import { writeError } from './journal.js';
import { isoTimestamp } from './records.js';
import type { AuditEntry, StoreWarning } from './store.js';
import { WriteBatcher } from './write-batcher.js';

const auditEntrySchema = z.looseObject({
  at: isoTimestamp,
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
  readonly #max: number;
  /** lines the file may hold beyond the limit before it is cut, so a cut is rare */
  readonly #slack: number;
  readonly #batcher: WriteBatcher;
  readonly #file: AppendFile;
  /** oldest first; at most max + slack, the newest max of them are the log */
  #entries: AuditEntry[];
  #pending: string[] = [];
  /** byte length of each line in the file, oldest first: a cut starts where the lines it drops end */
  #lineBytes: number[];

  private constructor(file: AppendFile, settings: AuditLogSettings, entries: AuditEntry[], lineBytes: number[]) {
    this.#file = file;
    this.#max = settings.maxAuditEntries;
    this.#slack = Math.max(1, Math.floor(settings.maxAuditEntries / 10));
    this.#entries = entries;
    this.#lineBytes = lineBytes;
    this.#batcher = new WriteBatcher(() => this.#flush(), settings.batchWindowMs);
  }

  /**
   * Reads the log. A file with a line that cannot be read (edited by hand, or cut short by a
   * crash or a full disk) is moved aside whole, and a new log starts with its readable entries.
   */
  static async open(path: string, settings: AuditLogSettings, warnings: StoreWarning[]): Promise<AuditLog> {
    let text = '';
    let exists = true;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ScrubjayError('SJ_STORE_IO', `Could not read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file: path });
      }
      exists = false;
    }
    const { entries, lines, badLines, unterminated } = parseLog(text);
    let file: AppendFile;
    if (badLines.length > 0 || !exists) {
      if (badLines.length > 0) {
        const aside = await moveAside(path, settings.now());
        const where = badLines.length > 5 ? `${badLines.slice(0, 5).join(', ')} and ${badLines.length - 5} more` : badLines.join(', ');
        warnings.push({
          kind: 'audit-moved-aside',
          message: `The audit log ${path} could not be read at line ${where}; it was moved to ${aside} and a new log continues with its ${entries.length} readable entries.`,
          file: aside,
        });
      }
      file = await AppendFile.create(path, lines.join(''));
    } else {
      file = await AppendFile.open(path);
      // a last entry without its newline (edited by hand): end the line before appending more
      if (unterminated) await file.append(Buffer.from('\n'));
    }
    return new AuditLog(
      file,
      settings,
      entries.slice(-settings.maxAuditEntries),
      lines.map((line) => Buffer.byteLength(line)),
    );
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
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    const lines = this.#pending;
    this.#pending = [];
    try {
      if (this.#lineBytes.length + lines.length > this.#max + this.#slack) await this.#cut(Math.max(0, this.#max - lines.length));
      await this.#file.append(Buffer.from(lines.join(''), 'utf8'));
    } catch (error) {
      // kept for the next write
      this.#pending = [...lines, ...this.#pending];
      throw writeError(this.#file.path, error);
    }
    for (const line of lines) this.#lineBytes.push(Buffer.byteLength(line));
  }

  /** Keeps the newest `keep` lines of the file: copied as they are into a new file, renamed over the log. */
  async #cut(keep: number): Promise<void> {
    const drop = Math.max(0, this.#lineBytes.length - keep);
    const from = this.#lineBytes.slice(0, drop).reduce((sum, bytes) => sum + bytes, 0);
    const replacement = await this.#file.beginReplacement();
    try {
      await replacement.copyFrom(this.#file, from, this.#file.size - from);
    } catch (error) {
      await replacement.abandon();
      throw error;
    }
    await this.#file.adopt(replacement);
    this.#lineBytes = this.#lineBytes.slice(drop);
  }
}

function parseLog(text: string): { entries: AuditEntry[]; lines: string[]; badLines: number[]; unterminated: boolean } {
  const entries: AuditEntry[] = [];
  const lines: string[] = [];
  const badLines: number[] = [];
  const all = text.split('\n');
  const last = all.length - 1;
  all.forEach((line, index) => {
    if (index === last && line === '') return;
    const entry = parseEntry(line);
    if (entry === null) {
      badLines.push(index + 1);
      return;
    }
    entries.push(entry);
    lines.push(`${line}\n`);
  });
  return { entries, lines, badLines, unterminated: text !== '' && !text.endsWith('\n') };
}

function parseEntry(line: string): AuditEntry | null {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as AuditEntry) : null;
  } catch {
    return null;
  }
}
