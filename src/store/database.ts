/**
 * The lowdb database of scrubs and chat transcripts: its in-memory shape, its file format,
 * and the adapter that writes it durably.
 *
 * lowdb rewrites the whole file on every write. To keep that cheap, each record is turned
 * into JSON once, when it is stored, and a write joins those pieces instead of serialising
 * thousands of records again.
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { z } from 'zod';
import { replaceFileDurably } from './durable-file.js';
import type { ChatTurn, ScrubRecord } from './store.js';

export interface Conversation {
  id: string;
  /** ISO timestamp of the last turn appended */
  updatedAt: string;
  turns: ChatTurn[];
}

/** Oldest first in both: retention drops from the front, and a Map keeps insertion order. */
export interface StoreData {
  scrubs: ScrubRecord[];
  conversations: Map<string, Conversation>;
}

export const FILE_FORMAT = 'scrubjay-claim-store';
export const FILE_VERSION = 1;

export function emptyStoreData(): StoreData {
  return { scrubs: [], conversations: new Map() };
}

/** A database file that is not JSON or not in this format; the message says where. */
export class UnreadableDatabase extends Error {
  override name = 'UnreadableDatabase';
}

const isoTimestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a timestamp');
const status = z.enum(['reject', 'warn', 'clean']);
const referenceData = z.array(z.looseObject({ kind: z.string(), version: z.string(), effective: z.string() }));

const scrubRecordSchema = z.looseObject({
  id: z.string().min(1),
  claimId: z.string().nullable(),
  status,
  scrubbedAt: isoTimestamp,
  rulesetVersion: z.string(),
  referenceData,
  claim: z.record(z.string(), z.unknown()),
  result: z.looseObject({
    claimId: z.string().nullable(),
    status,
    asOf: z.string(),
    rulesetVersion: z.string(),
    findings: z.array(z.looseObject({ ruleId: z.string(), severity: z.enum(['error', 'warning', 'info']) })),
    referenceData,
  }),
  origin: z.enum(['rest', 'socket', 'page', 'batch']).optional(),
});

const chatTurnSchema = z.looseObject({
  at: isoTimestamp,
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  suggestions: z.array(z.string()).optional(),
});

const conversationSchema = z.looseObject({ id: z.string().min(1), updatedAt: isoTimestamp, turns: z.array(chatTurnSchema) });

const fileSchema = z.looseObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  scrubs: z.array(scrubRecordSchema),
  conversations: z.array(conversationSchema),
});

/** Turns a value into the JSON the file holds, once per object: records never change after they are stored. */
export class JsonPieces {
  readonly #cache = new WeakMap<object, string>();

  of(value: object): string {
    let text = this.#cache.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.#cache.set(value, text);
    }
    return text;
  }

  /** A plain-JSON copy of `value` (so memory holds exactly what the file will), with its text remembered. */
  adopt<T extends object>(value: T): T {
    const text = JSON.stringify(value);
    const copy = JSON.parse(text) as T;
    this.#cache.set(copy, text);
    return copy;
  }
}

/**
 * The file's text as parts to be written one after another, one record a line so the file
 * can be read and searched with ordinary tools. Built synchronously: it is the snapshot.
 */
export function storeDataParts(data: StoreData, pieces: JsonPieces): string[] {
  const parts = [`{"format":${JSON.stringify(FILE_FORMAT)},"version":${FILE_VERSION},\n"scrubs":[`];
  const list = (items: Iterable<object>): void => {
    let first = true;
    for (const item of items) {
      parts.push(`${first ? '\n' : ',\n'}${pieces.of(item)}`);
      first = false;
    }
    if (!first) parts.push('\n');
  };
  list(data.scrubs);
  parts.push('],\n"conversations":[');
  list(data.conversations.values());
  parts.push(']}\n');
  return parts;
}

export function parseStoreData(text: string): StoreData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnreadableDatabase(`it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the top level' : issue.path.map(String).join('.');
    throw new UnreadableDatabase(`it is not a Scrubjay claim store (${where}: ${issue?.message ?? 'unexpected content'})`);
  }
  const data = parsed.data;
  return {
    scrubs: data.scrubs as unknown as ScrubRecord[],
    conversations: new Map(data.conversations.map((c) => [c.id, c as unknown as Conversation])),
  };
}

/**
 * The lowdb adapter. lowdb's own file adapter (steno) writes a temp file and renames it, but
 * never flushes the file or its folder, so after a power loss an acknowledged write can be
 * missing or the file empty. This one flushes both before a write counts as done.
 */
export class DurableDatabaseFile implements Adapter<StoreData> {
  readonly #file: string;
  readonly #pieces: JsonPieces;
  #lastBytes = 0;

  constructor(file: string, pieces: JsonPieces) {
    this.#file = file;
    this.#pieces = pieces;
  }

  /** Size of the file after the last write, in bytes. */
  get lastBytes(): number {
    return this.#lastBytes;
  }

  async read(): Promise<StoreData | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseStoreData(text);
  }

  write(data: StoreData): Promise<void> {
    // serialised now, before any await: this is the snapshot the write stands for
    const parts = storeDataParts(data, this.#pieces);
    this.#lastBytes = parts.reduce((bytes, part) => bytes + Buffer.byteLength(part), 0);
    return replaceFileDurably(this.#file, parts);
  }
}
