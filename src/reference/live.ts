/**
 * Lets a running service notice a `scrubjay data import` made by another process. Every
 * import ends by renaming a fresh `reference/generation` stamp into place (see store.ts),
 * so that one file is the folder's manifest: when it changes, the reader is told to
 * reload and listeners get what is loaded now. The reader's own once-a-second recheck
 * keeps working beside this; a slow poll here covers file systems whose change events
 * cannot be trusted (network shares).
 */
import { makePrivateDir } from '../config/private-files.js';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { StatusBoard, watchFolder, type FolderWatch } from '../watch/folder.js';
import { generationFile, readGeneration, referenceRoot } from './store.js';
import { REFERENCE_KINDS, type ReferenceData, type TableVersion } from './types.js';

/** What `GET /api/rules/status`'s data counterpart answers and listeners are told. Plain JSON. */
export interface ReferenceStatus {
  /** every table version loaded, as `scrubjay data list` shows them: by kind, then effective date */
  tables: TableVersion[];
  /** the data folder's import stamp last acted on; empty when nothing was ever imported */
  generation: string;
  /** ISO time the tables were last re-read because of an import (or at start) */
  reloadedAt: string;
  /** ISO time the stamp was last looked at */
  lastCheckedAt: string;
  /** how many times the stamp has been looked at since start */
  checks: number;
}

export type ReferenceStatusListener = (status: ReferenceStatus) => void;

export interface ReferenceWatch {
  status(): ReferenceStatus;
  /** calls `listener` after each import is picked up; returns the unsubscribe */
  onChange(listener: ReferenceStatusListener): () => void;
  /** re-reads the data folder now */
  reloadNow(): Promise<ReferenceStatus>;
  close(): Promise<void>;
}

export interface ReferenceWatchOptions {
  /** watch the folder for imports (default true); without it only the poll and `reloadNow()` look */
  watch?: boolean;
  /** quiet time after an import's last change before it is read (default 100 ms) */
  debounceMs?: number;
  /** how often the stamp is read regardless of events (default 2 s; 0 turns the poll off) */
  pollMs?: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

const DEFAULT_DEBOUNCE_MS = 100;
const DEFAULT_POLL_MS = 2000;

/** Starts watching `dataDir` (created when missing, as the service does) for imports into `reference`. */
export async function watchReferenceData(dataDir: string, reference: ReferenceData, options: ReferenceWatchOptions = {}): Promise<ReferenceWatch> {
  const dir = resolve(dataDir);
  makePrivateDir(dir);
  const watch = new ImportWatch(dir, reference, options.logger);
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  if (options.watch !== false) {
    const root = referenceRoot(dir);
    const stamp = generationFile(dir);
    watch.attach(
      await watchFolder(dir, {
        // only the manifest matters; import temp folders and table files are not watched at all
        relevant: (path) => path === root || path === stamp,
        depth: 1,
        debounceMs,
        maxWaitMs: debounceMs * 10,
        onSettled: () => watch.recheck(),
        onError: (error) => options.logger?.warn({ error: error.message, dir }, 'watching the data folder failed; imports are still seen by the periodic check'),
      }),
    );
  }
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  if (pollMs > 0) watch.poll(pollMs);
  return watch;
}

class ImportWatch implements ReferenceWatch {
  private generation: string;
  private readonly board: StatusBoard<ReferenceStatus>;
  private watcher: FolderWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly reference: ReferenceData,
    private readonly logger: Pick<Logger, 'info' | 'warn'> | undefined,
  ) {
    // stamp first, then the tables: an import landing in between shows as a newer stamp at the next check
    this.generation = readGeneration(dataDir);
    reference.reload();
    const now = new Date().toISOString();
    const initial: ReferenceStatus = { tables: loadedTables(reference), generation: this.generation, reloadedAt: now, lastCheckedAt: now, checks: 1 };
    this.board = new StatusBoard(initial, (error) => this.logger?.warn({ error: String(error) }, 'a reference data listener failed'));
  }

  attach(watcher: FolderWatch): void {
    this.watcher = watcher;
    // an import that finished while the watcher was starting would otherwise wait for the poll
    this.recheck();
  }

  poll(everyMs: number): void {
    this.timer = setInterval(() => this.recheck(), everyMs);
    this.timer.unref();
  }

  /** Reading the stamp and the version list is synchronous, so checks never overlap. */
  recheck(): void {
    this.check(false);
  }

  status(): ReferenceStatus {
    return this.board.read();
  }

  onChange(listener: ReferenceStatusListener): () => void {
    return this.board.onChange(listener);
  }

  reloadNow(): Promise<ReferenceStatus> {
    if (!this.closed) {
      this.watcher?.cancelPending();
      this.check(true);
    }
    return Promise.resolve(this.status());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.board.clearListeners();
    await this.watcher?.close();
  }

  /** Reads the stamp; on a new one (or when forced) makes the reader reload and tells listeners what changed. */
  private check(force: boolean): void {
    if (this.closed) return;
    const generation = readGeneration(this.dataDir);
    const now = new Date().toISOString();
    const before = this.board.peek();
    const next: ReferenceStatus = { ...before, lastCheckedAt: now, checks: before.checks + 1 };
    if (force || generation !== this.generation) {
      this.reference.reload();
      this.generation = generation;
      next.generation = generation;
      next.tables = loadedTables(this.reference);
      next.reloadedAt = now;
    }
    const changed = JSON.stringify([before.generation, before.tables]) !== JSON.stringify([next.generation, next.tables]);
    if (changed) this.logger?.info({ tables: next.tables.map((t) => `${t.kind} ${t.effective}`) }, 'reference data reloaded');
    this.board.publish(next, changed);
  }
}

function loadedTables(reference: ReferenceData): TableVersion[] {
  return REFERENCE_KINDS.flatMap((kind) => reference.loaded(kind)).sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.effective.localeCompare(b.effective),
  );
}
