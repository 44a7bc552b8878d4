/**
 * Answered practice exercises, one line each in their own append-only file beside the
 * journal (store/practice.ndjson): who answered, when, and what they found and missed per
 * rule family; never the practice claim. Progress is worked out from these lines, so they
 * are read whole at start-up and held in memory by username.
 */
import { PracticeAttemptSchema, type PracticeAttempt, type PracticeAttemptInput } from '../contract/training.js';
import { Journal } from './journal.js';
import type { StoreWarning } from './store.js';

export interface PracticeLogSettings {
  batchWindowMs: number;
  now: () => Date;
}

function parseLine(text: string): PracticeAttempt | null {
  try {
    const parsed = PracticeAttemptSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class PracticeLog {
  readonly #journal: Journal;
  readonly #now: () => Date;
  /** per username, oldest first */
  readonly #byUser = new Map<string, PracticeAttempt[]>();

  private constructor(journal: Journal, now: () => Date) {
    this.#journal = journal;
    this.#now = now;
  }

  /** Opens (creating) the file and reads it whole; unreadable lines are handled as the journal's are. */
  static async open(path: string, settings: PracticeLogSettings, warnings: StoreWarning[]): Promise<PracticeLog> {
    const journalSettings = { batchWindowMs: settings.batchWindowMs, now: settings.now, isRecord: (line: string) => parseLine(line) !== null };
    let { journal } = await Journal.open(path, journalSettings, warnings);
    let scan = await journal.scan(journal.headerEnd);
    if (scan.lines.some((line) => parseLine(line.text) === null)) {
      await journal.close();
      journal = await Journal.recover(path, journalSettings, warnings, 'a line is not a practice record');
      scan = await journal.scan(journal.headerEnd);
    }
    const log = new PracticeLog(journal, settings.now);
    const texts = scan.lines.map((line) => line.text);
    if (scan.tail !== null) {
      if (parseLine(scan.tail.text) !== null) {
        await journal.terminate();
        texts.push(scan.tail.text);
      } else {
        // a write a crash cut short: it was never acknowledged
        await journal.cutAt(scan.tail.offset);
      }
    }
    for (const text of texts) log.#takeIn(parseLine(text)!);
    return log;
  }

  async record(input: PracticeAttemptInput): Promise<PracticeAttempt> {
    const attempt: PracticeAttempt = { ...input, at: this.#now().toISOString() };
    const appended = this.#journal.append(`${JSON.stringify(attempt)}\n`);
    this.#takeIn(attempt);
    await appended.durable;
    return attempt;
  }

  /** One user's attempts, oldest first, or every user's (by username) when none is named. */
  attempts(username?: string): PracticeAttempt[] {
    if (username !== undefined) return [...(this.#byUser.get(username) ?? [])];
    return [...this.#byUser.keys()].sort().flatMap((user) => this.#byUser.get(user)!);
  }

  drain(): Promise<void> {
    return this.#journal.drain();
  }

  close(): Promise<void> {
    return this.#journal.close();
  }

  #takeIn(attempt: PracticeAttempt): void {
    const list = this.#byUser.get(attempt.username);
    if (list === undefined) this.#byUser.set(attempt.username, [attempt]);
    else list.push(attempt);
  }
}
