/**
 * What happened to claims after they were sent: the remittances posted and each change of a
 * claim's state, in their own append-only file beside the journal. Nothing here is ever
 * changed or dropped, so the file is read whole at start-up and the index of it lives in
 * memory: the summaries and states the worklist lists, and where each whole remittance is.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CLAIM_STATES } from '../contract/remit.js';
import type { Span } from './database.js';
import { Journal } from './journal.js';
import { isoTimestamp } from './records.js';
import type { ClaimStateChange, RemitInput, RemitSummary, StoredRemit, StoreWarning } from './store.js';

export interface FollowUpSettings {
  batchWindowMs: number;
  now: () => Date;
}

const summarySchema = z.object({
  statusCode: z.string(),
  state: z.enum(CLAIM_STATES),
  charged: z.number(),
  paid: z.number(),
  carcs: z.array(z.string()),
  appealBy: z.string().nullable(),
  remitDate: z.string().nullable(),
  payerClaimNumber: z.string().nullable().optional(),
});

const remitLineSchema = z.object({
  kind: z.literal('remit'),
  id: z.string().min(1),
  scrubId: z.string().nullable(),
  claimId: z.string(),
  file: z.string(),
  by: z.string().nullable(),
  at: isoTimestamp,
  summary: summarySchema,
  remit: z.record(z.string(), z.unknown()),
});

const stateLineSchema = z.object({
  kind: z.literal('state'),
  scrubId: z.string().min(1),
  state: z.enum(CLAIM_STATES),
  note: z.string().optional(),
  by: z.string().nullable(),
  at: isoTimestamp,
  source: z.enum(['user', 'remit', 'ack', 'export']),
});

const lineSchema = z.discriminatedUnion('kind', [remitLineSchema, stateLineSchema]);
type FollowUpLine = z.infer<typeof lineSchema>;

function parseLine(text: string): FollowUpLine | null {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface RemitEntry extends Span {
  id: string;
  at: string;
  summary: RemitSummary;
}

export class FollowUpLog {
  readonly #journal: Journal;
  readonly #now: () => Date;
  /** per scrub id, oldest first */
  readonly #states = new Map<string, ClaimStateChange[]>();
  readonly #remits = new Map<string, RemitEntry[]>();
  /** every remittance in the order posted, matched or not: a report over all of them reads the file in this order */
  readonly #everyRemit: Span[] = [];

  private constructor(journal: Journal, now: () => Date) {
    this.#journal = journal;
    this.#now = now;
  }

  /** Opens (creating) the file and reads it whole; unreadable lines are handled as the journal's are (the file moved aside, its readable lines kept). */
  static async open(path: string, settings: FollowUpSettings, warnings: StoreWarning[]): Promise<FollowUpLog> {
    const journalSettings = { batchWindowMs: settings.batchWindowMs, now: settings.now, isRecord: (line: string) => parseLine(line) !== null };
    let { journal } = await Journal.open(path, journalSettings, warnings);
    let scan = await journal.scan(journal.headerEnd);
    if (scan.lines.some((line) => parseLine(line.text) === null)) {
      await journal.close();
      journal = await Journal.recover(path, journalSettings, warnings, 'a line is not a follow-up record');
      scan = await journal.scan(journal.headerEnd);
    }
    const log = new FollowUpLog(journal, settings.now);
    const lines = [...scan.lines];
    if (scan.tail !== null) {
      if (parseLine(scan.tail.text) !== null) {
        await journal.terminate();
        lines.push({ ...scan.tail, length: scan.tail.length + 1 });
      } else {
        // a write a crash cut short: it was never acknowledged
        await journal.cutAt(scan.tail.offset);
      }
    }
    for (const line of lines) log.#takeIn(parseLine(line.text)!, line);
    return log;
  }

  get size(): number {
    return this.#journal.size;
  }

  async recordRemits(entries: readonly RemitInput[], by: string | null): Promise<StoredRemit[]> {
    const at = this.#now().toISOString();
    const stored: StoredRemit[] = [];
    let durable: Promise<void> = Promise.resolve();
    for (const entry of entries) {
      const remit: StoredRemit = { id: `${Date.parse(at).toString(36)}-${randomBytes(5).toString('hex')}`, scrubId: entry.scrubId, claimId: entry.claimId, file: entry.file, by, at, summary: entry.summary, remit: entry.remit };
      const appended = this.#journal.append(`${JSON.stringify({ kind: 'remit', ...remit })}\n`);
      this.#takeIn({ kind: 'remit', ...remit }, appended);
      durable = appended.durable;
      stored.push(remit);
    }
    // lines are written in order: the last one on disk means all of them are
    await durable;
    return stored;
  }

  async recordStateChanges(changes: ReadonlyArray<Omit<ClaimStateChange, 'at'>>): Promise<ClaimStateChange[]> {
    const at = this.#now().toISOString();
    const stored: ClaimStateChange[] = [];
    let durable: Promise<void> = Promise.resolve();
    for (const change of changes) {
      const kept: ClaimStateChange = { scrubId: change.scrubId, state: change.state, ...(change.note === undefined ? {} : { note: change.note }), by: change.by, at, source: change.source };
      const appended = this.#journal.append(`${JSON.stringify({ kind: 'state', ...kept })}\n`);
      this.#takeIn({ kind: 'state', ...kept }, appended);
      durable = appended.durable;
      stored.push(kept);
    }
    await durable;
    return stored;
  }

  async remitsOf(scrubId: string): Promise<StoredRemit[]> {
    const entries = this.#remits.get(scrubId) ?? [];
    const lines = await this.#journal.readMany(entries);
    return lines.map(storedRemitOf);
  }

  /** Every remittance kept, matched or not, oldest first, read `batch` at a time so a pass holds one batch. */
  async *allRemits(batch: number): AsyncGenerator<StoredRemit> {
    // taken now: remittances posted while the pass runs are not part of it
    const spans = this.#everyRemit.slice();
    for (let start = 0; start < spans.length; start += batch) {
      const lines = await this.#journal.readMany(spans.slice(start, start + batch));
      for (const text of lines) yield storedRemitOf(text);
    }
  }

  statesOf(scrubId: string): ClaimStateChange[] {
    return [...(this.#states.get(scrubId) ?? [])];
  }

  latestState(scrubId: string): ClaimStateChange | null {
    const states = this.#states.get(scrubId);
    return states === undefined ? null : states[states.length - 1]!;
  }

  remitSummaries(scrubId: string): readonly RemitEntry[] {
    return this.#remits.get(scrubId) ?? NONE;
  }

  drain(): Promise<void> {
    return this.#journal.drain();
  }

  close(): Promise<void> {
    return this.#journal.close();
  }

  #takeIn(line: FollowUpLine, span: Span): void {
    if (line.kind === 'state') {
      const { kind: _kind, ...change } = line;
      const list = this.#states.get(change.scrubId);
      if (list === undefined) this.#states.set(change.scrubId, [change]);
      else list.push(change);
      return;
    }
    this.#everyRemit.push({ offset: span.offset, length: span.length });
    // a remittance no stored scrub matched is kept in the file; the worklist does not list it
    if (line.scrubId === null) return;
    const entry: RemitEntry = { id: line.id, at: line.at, summary: line.summary, offset: span.offset, length: span.length };
    const list = this.#remits.get(line.scrubId);
    if (list === undefined) this.#remits.set(line.scrubId, [entry]);
    else list.push(entry);
  }
}

const NONE: readonly RemitEntry[] = Object.freeze([]);

function storedRemitOf(text: string): StoredRemit {
  const { kind: _kind, ...remit } = remitLineSchema.parse(JSON.parse(text));
  return remit as StoredRemit;
}
