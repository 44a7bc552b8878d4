/**
 * Start-up: the database is read, the journal opened, and the database brought up to date
 * with the journal lines it had not taken in when it was last written (a crash, or a kill,
 * between a journal append and the next database write loses nothing). When the database
 * cannot be used (unreadable, or of another journal generation) it is rebuilt from the
 * whole journal; a database of the first format, which held the records themselves, has
 * them moved into a new journal.
 */
import type { Logger } from 'pino';
import { Low } from 'lowdb';
import { ScrubjayError } from '../errors.js';
import { DurableDatabaseFile, emptyIndex, JsonPieces, UnreadableDatabase, type LegacyStoreData, type StoreIndex } from './database.js';
import { moveAside } from './durable-file.js';
import { Journal, type JournalLine } from './journal.js';
import type { StoreFiles } from './layout.js';
import { chatLine, parseJournalRecord, scrubLine, summarise, type JournalRecord } from './records.js';
import { claimFactsOf } from './claim-facts.js';
import { withPart } from './retention.js';
import type { StoreWarning } from './store.js';

export interface StartupSettings {
  batchWindowMs: number;
  maxChatTurns: number;
  now: () => Date;
  logger: Logger | undefined;
}

export interface OpenedFiles {
  db: Low<StoreIndex>;
  adapter: DurableDatabaseFile;
  pieces: JsonPieces;
  journal: Journal;
  /** the database in memory differs from its file */
  changed: boolean;
}

export async function openStoreFiles(files: StoreFiles, settings: StartupSettings, warnings: StoreWarning[]): Promise<OpenedFiles> {
  const pieces = new JsonPieces();
  let journal: Journal | undefined;
  // the database is written only once the journal holds every line it points at
  const adapter = new DurableDatabaseFile(files.database, pieces, (mark) => journal?.holds(mark) ?? Promise.resolve(false));
  const db = new Low<StoreIndex>(adapter, emptyIndex());
  const journalSettings = { batchWindowMs: settings.batchWindowMs, now: settings.now, isRecord: (line: string) => parseJournalRecord(line) !== null };

  let changed = !(await readDatabase(db, files.database, settings, warnings));
  const legacy = db.data.legacy;
  if (legacy !== undefined) {
    // any journal beside a database of the first format is from a move that was cut short: it is made again
    journal = await Journal.create(files.journal, legacyLines(legacy), journalSettings);
    db.data = emptyIndex();
    settings.logger?.info({ scrubs: legacy.scrubs.length, conversations: legacy.conversations.length }, 'claim store moved to the journal format');
  } else {
    const opened = await Journal.open(files.journal, journalSettings, warnings);
    journal = opened.journal;
    if (opened.created && holdsAnything(db.data)) await setAsideOrphanedDatabase(db, files, settings, warnings);
  }

  const mark = db.data.journal;
  const upToDate = mark !== null && mark.generation === journal.generation && mark.checkpoint >= journal.headerEnd && mark.checkpoint <= journal.size;
  if (!upToDate) {
    if (mark !== null) settings.logger?.info({ file: files.database }, 'the database describes another generation of the journal; rebuilding it from the journal');
    db.data = emptyIndex();
  }
  let from = upToDate ? mark.checkpoint : journal.headerEnd;
  let lines = await readLines(journal, from, settings);
  if (lines.damaged !== null) {
    await journal.close();
    journal = await Journal.recover(files.journal, journalSettings, warnings, `line at byte ${lines.damaged} is not a record`);
    db.data = emptyIndex();
    from = journal.headerEnd;
    lines = await readLines(journal, from, settings);
  }
  for (const { record, span } of lines.records) takeIn(db.data, record, span, settings);
  changed ||= !upToDate || lines.records.length > 0;
  return { db, adapter, pieces, journal, changed };
}

/** Returns whether the file was read as it is (false: it was missing or moved aside). */
async function readDatabase(db: Low<StoreIndex>, file: string, settings: StartupSettings, warnings: StoreWarning[]): Promise<boolean> {
  try {
    await db.read();
    return db.data.journal !== null;
  } catch (error) {
    if (!(error instanceof UnreadableDatabase)) throw new ScrubjayError('SJ_STORE_IO', `Could not read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file });
    const aside = await moveAside(file, settings.now());
    db.data = emptyIndex();
    warnings.push({
      kind: 'database-moved-aside',
      message: `The claim store ${file} could not be read: ${error.message}. It was moved to ${aside}, kept for you to inspect, and the history was rebuilt from the journal.`,
      file: aside,
    });
    return false;
  }
}

/** The database lists records, but their journal is gone: the list alone is kept aside, and the store starts empty. */
async function setAsideOrphanedDatabase(db: Low<StoreIndex>, files: StoreFiles, settings: StartupSettings, warnings: StoreWarning[]): Promise<void> {
  const aside = await moveAside(files.database, settings.now(), 'orphaned');
  warnings.push({
    kind: 'journal-missing',
    message: `The journal ${files.journal} is missing, so the ${db.data.scrubs.length} scrubs listed in ${files.database} cannot be read; that list was moved to ${aside} and the service starts with an empty store.`,
    file: aside,
  });
  db.data = emptyIndex();
}

function holdsAnything(data: StoreIndex): boolean {
  return data.scrubs.length > 0 || data.conversations.size > 0;
}

interface ReadLines {
  records: Array<{ record: JournalRecord; span: JournalLine }>;
  /** where the first line that is not a record starts, if there is one */
  damaged: number | null;
}

async function readLines(journal: Journal, from: number, settings: StartupSettings): Promise<ReadLines> {
  const { lines, tail } = await journal.scan(from);
  const records: ReadLines['records'] = [];
  for (const line of lines) {
    const record = parseJournalRecord(line.text);
    if (record === null) return { records, damaged: line.offset };
    records.push({ record, span: line });
  }
  if (tail !== null) {
    const record = parseJournalRecord(tail.text);
    if (record !== null) {
      // a whole record that only lacks its newline
      await journal.terminate();
      records.push({ record, span: { ...tail, length: tail.length + 1 } });
    } else {
      // a write a crash cut short; it was never acknowledged
      await journal.cutAt(tail.offset);
      settings.logger?.warn({ file: journal.path, bytes: tail.length }, 'cut off the end of a journal write that did not finish');
    }
  }
  return { records, damaged: null };
}

/** Adds what one journal line holds to the database, as the running store did when it appended it. */
function takeIn(data: StoreIndex, record: JournalRecord, span: JournalLine, settings: StartupSettings): void {
  if (record.kind === 'scrub') {
    data.scrubs.push({ ...summarise(record.record), facts: claimFactsOf(record.record.claim), offset: span.offset, length: span.length });
    return;
  }
  const previous = data.conversations.get(record.conversation);
  const conversation = withPart(previous, record.conversation, { offset: span.offset, length: span.length, turns: record.turns.length }, settings.maxChatTurns, record.at);
  data.conversations.delete(record.conversation);
  data.conversations.set(record.conversation, conversation);
}

function legacyLines(legacy: LegacyStoreData): string[] {
  const lines = legacy.scrubs.map((record) => scrubLine(JSON.stringify(record)));
  for (const conversation of legacy.conversations) {
    if (conversation.turns.length > 0) lines.push(chatLine(conversation.id, conversation.updatedAt, conversation.turns));
  }
  return lines;
}
