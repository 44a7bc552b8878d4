/**
 * The lowdb database: the index of scrubs (what the history lists, and where each record is
 * in the journal) and the conversations (where their turns are), with how far into the
 * journal it is up to date. It holds nothing large, so rewriting it whole stays cheap; the
 * claims and results themselves are in the journal.
 *
 * Each entry is turned into JSON once, when it is made (entries are never changed, only
 * replaced), and a write joins those pieces instead of serialising thousands of entries again.
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { z } from 'zod';
import { replaceFileDurably } from './durable-file.js';
import { chatTurnSchema, isoTimestamp, scrubRecordSchema } from './records.js';
import type { ChatTurn, ClaimFacts, ScrubRecord, ScrubSummary } from './store.js';

/** Where a line is in the journal: its first byte and its length, newline included. */
export interface Span {
  offset: number;
  length: number;
}

/** `facts` is missing for scrubs indexed before the database held them (a file of an earlier column set). */
export type ScrubEntry = ScrubSummary & Span & { facts?: ClaimFacts };

/** One group of turns appended together, as one journal line. */
export interface ChatPart extends Span {
  turns: number;
}

export interface Conversation {
  id: string;
  /** ISO timestamp of the last turn appended */
  updatedAt: string;
  /** turns of the first part that retention has dropped (always fewer than that part holds) */
  skip: number;
  parts: ChatPart[];
}

/** The journal this database describes, and the byte up to which it has taken in every line. */
export interface JournalMark {
  generation: string;
  checkpoint: number;
}

/** Oldest first in both: retention drops from the front, and a Map keeps insertion order. */
export interface StoreIndex {
  journal: JournalMark | null;
  scrubs: ScrubEntry[];
  conversations: Map<string, Conversation>;
  /** what a database file of the first format held, whole; moved into the journal at start-up */
  legacy?: LegacyStoreData;
}

/** The first file format kept the whole records and transcripts in the database. */
export interface LegacyStoreData {
  scrubs: ScrubRecord[];
  conversations: Array<{ id: string; updatedAt: string; turns: ChatTurn[] }>;
}

export const FILE_FORMAT = 'scrubjay-claim-store';
export const FILE_VERSION = 2;
const SCRUB_COLUMNS = ['id', 'claimId', 'status', 'scrubbedAt', 'rulesetVersion', 'errors', 'warnings', 'offset', 'length', 'owner', 'facts'] as const;
/** the columns before the worklist's facts of each claim were kept: those scrubs' records are read for them */
const FACTLESS_COLUMNS = SCRUB_COLUMNS.slice(0, -1);
/** the columns before scrubs had owners: read as nobody's */
const OWNERLESS_COLUMNS = SCRUB_COLUMNS.slice(0, -2);
const KNOWN_COLUMNS = [SCRUB_COLUMNS, FACTLESS_COLUMNS, OWNERLESS_COLUMNS].map((columns) => columns.join());

export function emptyIndex(): StoreIndex {
  return { journal: null, scrubs: [], conversations: new Map() };
}

/** A database file that is not JSON or not in this format; the message says where. */
export class UnreadableDatabase extends Error {
  override name = 'UnreadableDatabase';
}

const position = z.number().int().min(0);
const count = z.number().int().min(0);
const status = z.enum(['reject', 'warn', 'clean']);

/** payer id, payer name, payer kind, charged, first date of service */
const factsRow = z.tuple([z.string().nullable(), z.string().nullable(), z.string().nullable(), z.number(), z.string().nullable()]);

/** A scrub as a row of SCRUB_COLUMNS: the database is read by ordinary tools too, and rows keep it a third the size of objects. */
const scrubRow = z
  .tuple([z.string().min(1), z.string().nullable(), status, isoTimestamp, z.string(), count, count, position, position.min(1)], z.union([z.string(), z.null(), factsRow]))
  .refine((row) => row.length <= 11 && (row[9] === undefined || row[9] === null || typeof row[9] === 'string') && (row[10] === undefined || row[10] === null || Array.isArray(row[10])), 'owner, then the claim facts');

const conversationRow = z.object({
  id: z.string().min(1),
  updatedAt: isoTimestamp,
  skip: count,
  parts: z.array(z.tuple([position, position.min(1), count.min(1)])).min(1),
});

const fileSchema = z.looseObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  journal: z.object({ generation: z.string().min(1), checkpoint: position }),
  scrubColumns: z.array(z.string()).refine((columns) => KNOWN_COLUMNS.includes(columns.join()), `the columns ${SCRUB_COLUMNS.join(', ')}`),
  scrubs: z.array(scrubRow),
  conversations: z.array(conversationRow),
});

const legacyFileSchema = z.looseObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  scrubs: z.array(scrubRecordSchema),
  conversations: z.array(z.looseObject({ id: z.string().min(1), updatedAt: isoTimestamp, turns: z.array(chatTurnSchema) })),
});

/** Turns an entry into the JSON the file holds, once per object: entries never change after they are made. */
export class JsonPieces {
  readonly #cache = new WeakMap<object, string>();

  of(value: object, serialise: () => string): string {
    let text = this.#cache.get(value);
    if (text === undefined) {
      text = serialise();
      this.#cache.set(value, text);
    }
    return text;
  }
}

function scrubRowJson(entry: ScrubEntry): string {
  const row: unknown[] = [entry.id, entry.claimId, entry.status, entry.scrubbedAt, entry.rulesetVersion, entry.errors, entry.warnings, entry.offset, entry.length, entry.owner];
  const f = entry.facts;
  row.push(f === undefined ? null : [f.payerId, f.payerName, f.payerKind, f.charged, f.firstServiceDate]);
  return JSON.stringify(row);
}

function conversationJson(conversation: Conversation): string {
  return JSON.stringify({
    id: conversation.id,
    updatedAt: conversation.updatedAt,
    skip: conversation.skip,
    parts: conversation.parts.map((part) => [part.offset, part.length, part.turns]),
  });
}

/**
 * The file's text as parts to be written one after another, one entry a line so the file
 * can be read and searched with ordinary tools. Built synchronously: it is the snapshot.
 */
export function storeIndexParts(data: StoreIndex, mark: JournalMark, pieces: JsonPieces): string[] {
  const parts = [
    `{"format":${JSON.stringify(FILE_FORMAT)},"version":${FILE_VERSION},\n"journal":${JSON.stringify(mark)},\n"scrubColumns":${JSON.stringify(SCRUB_COLUMNS)},\n"scrubs":[`,
  ];
  const list = <T extends object>(items: Iterable<T>, serialise: (item: T) => string): void => {
    let first = true;
    for (const item of items) {
      parts.push(`${first ? '\n' : ',\n'}${pieces.of(item, () => serialise(item))}`);
      first = false;
    }
    if (!first) parts.push('\n');
  };
  list(data.scrubs, scrubRowJson);
  parts.push('],\n"conversations":[');
  list(data.conversations.values(), conversationJson);
  parts.push(']}\n');
  return parts;
}

export function parseStoreIndex(text: string): StoreIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnreadableDatabase(`it is not valid JSON (${(error as Error).message})`);
  }
  if ((json as { version?: unknown } | null)?.version === 1) return parseLegacy(json);
  const data = checked(fileSchema, json);
  return {
    journal: data.journal,
    scrubs: data.scrubs.map(([id, claimId, status, scrubbedAt, rulesetVersion, errors, warnings, offset, length, owner, facts]): ScrubEntry => {
      const entry: ScrubEntry = { id, claimId, status, scrubbedAt, rulesetVersion, errors, warnings, offset, length, owner: typeof owner === 'string' ? owner : null };
      if (Array.isArray(facts)) {
        const [payerId, payerName, payerKind, charged, firstServiceDate] = facts;
        entry.facts = { payerId, payerName, payerKind, charged, firstServiceDate };
      }
      return entry;
    }),
    conversations: new Map(
      data.conversations.map((row) => [
        row.id,
        { id: row.id, updatedAt: row.updatedAt, skip: row.skip, parts: row.parts.map(([offset, length, turns]) => ({ offset, length, turns })) },
      ]),
    ),
  };
}

function parseLegacy(json: unknown): StoreIndex {
  const data = checked(legacyFileSchema, json);
  return { ...emptyIndex(), legacy: { scrubs: data.scrubs as unknown as ScrubRecord[], conversations: data.conversations as LegacyStoreData['conversations'] } };
}

function checked<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'the top level' : issue.path.map(String).join('.');
  throw new UnreadableDatabase(`it is not a Scrubjay claim store (${where}: ${issue?.message ?? 'unexpected content'})`);
}

/**
 * The lowdb adapter. lowdb's own file adapter (steno) writes a temp file and renames it, but
 * never flushes the file or its folder, so after a power loss the file can be empty. This
 * one flushes both. Before writing it waits until the journal holds every line the snapshot
 * refers to (`journalHolds`): the database must never point at a line that is not on disk.
 * A snapshot of a journal since compacted (its positions are stale) is not written at all.
 */
export class DurableDatabaseFile implements Adapter<StoreIndex> {
  readonly #file: string;
  readonly #pieces: JsonPieces;
  readonly #journalHolds: (mark: JournalMark) => Promise<boolean>;
  #lastBytes = 0;
  #writes = 0;

  constructor(file: string, pieces: JsonPieces, journalHolds: (mark: JournalMark) => Promise<boolean>) {
    this.#file = file;
    this.#pieces = pieces;
    this.#journalHolds = journalHolds;
  }

  /** Size of the file after the last write, in bytes. */
  get lastBytes(): number {
    return this.#lastBytes;
  }

  /** Writes of the file so far. */
  get writes(): number {
    return this.#writes;
  }

  async read(): Promise<StoreIndex | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseStoreIndex(text);
  }

  async write(data: StoreIndex): Promise<void> {
    const mark = data.journal;
    if (mark === null) throw new Error('the database cannot be written before its journal is known');
    // serialised now, before any await: this is the snapshot the write stands for
    const parts = storeIndexParts(data, { ...mark }, this.#pieces);
    if (!(await this.#journalHolds(mark))) return;
    await replaceFileDurably(this.#file, parts);
    this.#lastBytes = parts.reduce((bytes, part) => bytes + Buffer.byteLength(part), 0);
    this.#writes++;
  }
}
