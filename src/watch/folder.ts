/**
 * Watching a folder that people edit while the service runs. Editors save by writing a
 * temp file and renaming it over the original, and save several files at once; what the
 * service needs is one signal per burst of saves, after the burst, so it reads the folder
 * once in a settled state. Also here: a runner that never runs a reload twice at once,
 * and the status a watched folder reports to whoever listens.
 */
import { basename, isAbsolute, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** Whether a path below the watched folder matters; `isDirectory` is unknown until the path has been looked at. */
export type PathFilter = (path: string, isDirectory: boolean | undefined) => boolean;

export interface FolderWatchOptions {
  /** paths that do not matter are neither watched nor reported */
  relevant: PathFilter;
  /** how many levels of sub-folders to watch; all when not given */
  depth?: number;
  /** quiet time that ends a burst of changes */
  debounceMs: number;
  /** a burst that never goes quiet is still reported this long after it began */
  maxWaitMs: number;
  /** called once per burst of relevant changes */
  onSettled(): void;
  /** the watcher itself failed (e.g. the system's limit of watched files) */
  onError(error: Error): void;
}

export interface FolderWatch {
  /** forgets a burst that has not been reported yet (a reload about to run covers it) */
  cancelPending(): void;
  close(): Promise<void>;
}

/*
 * Names editors give the files they write beside the one being saved: vim's swap files and
 * its write test `4913`, backups ending in `~`, emacs's `#file#` and `.#file` lock links,
 * JetBrains' `___jb_tmp___`/`___jb_old___`, and the `.tmp`/`.swp`/`.crswap` family.
 */
const EDITOR_TEMP = [/~$/, /^#.*#$/, /^\.#/, /^4913$/, /___jb_(tmp|old)___$/, /\.(sw[a-p]|swx|tmp|temp|bak|crswap|part)$/i];

export function isEditorTempFile(name: string): boolean {
  return EDITOR_TEMP.some((pattern) => pattern.test(name));
}

/** True when any part of `path` below `root` is hidden (starts with a dot), as the loaders skip those. */
export function isHiddenBelow(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  return rel.split(sep).some((segment) => segment.startsWith('.'));
}

/** Starts watching `dir`; resolves once the watcher has seen what is there now. */
export async function watchFolder(dir: string, options: FolderWatchOptions): Promise<FolderWatch> {
  const isRelevant = (path: string, isDirectory: boolean | undefined): boolean => {
    if (path === dir) return true;
    if (isHiddenBelow(dir, path) || isEditorTempFile(basename(path))) return false;
    return options.relevant(path, isDirectory);
  };
  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    ...(options.depth === undefined ? {} : { depth: options.depth }),
    ignored: (path, stats) => !isRelevant(path, stats === undefined ? undefined : stats.isDirectory()),
  });
  const burst = new Burst(options.debounceMs, options.maxWaitMs, options.onSettled);
  watcher.on('all', (event, path) => {
    const isDirectory = event === 'addDir' || event === 'unlinkDir';
    if (isRelevant(path, isDirectory)) burst.touch();
  });
  watcher.on('error', (error) => options.onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    cancelPending: () => burst.cancel(),
    close: async () => {
      burst.cancel();
      await watcher.close();
    },
  };
}

/** Trailing-edge debounce with an upper bound, so a steady stream of saves still gets reported. */
class Burst {
  private timer: NodeJS.Timeout | undefined;
  private startedAt: number | undefined;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly onSettled: () => void,
  ) {}

  touch(): void {
    const now = Date.now();
    this.startedAt ??= now;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.startedAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.cancel();
      this.onSettled();
    }, wait);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.startedAt = undefined;
  }
}

/**
 * Runs an async task one at a time. A request made while the task runs is served by a
 * fresh run that starts after it (the running one may have read the folder too early);
 * any number of such requests share that one run.
 */
export class SerialRunner {
  private requested = 0;
  private completed = 0;
  private draining: Promise<void> | undefined;
  private waiters: Array<{ ticket: number; resolve: () => void }> = [];

  constructor(private readonly task: () => Promise<void>) {}

  /** Resolves once a run that started after this call has finished. */
  run(): Promise<void> {
    const ticket = ++this.requested;
    const done = new Promise<void>((resolve) => this.waiters.push({ ticket, resolve }));
    this.draining ??= this.drain();
    return done;
  }

  /** Resolves when no run is in progress or asked for. */
  async idle(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.completed < this.requested) {
      const upTo = this.requested;
      // the task reports its own failures; one that escapes must not stop later runs
      await this.task().catch(() => undefined);
      this.completed = upTo;
      const ready = this.waiters.filter((w) => w.ticket <= upTo);
      this.waiters = this.waiters.filter((w) => w.ticket > upTo);
      for (const w of ready) w.resolve();
    }
    this.draining = undefined;
  }
}

/**
 * What a watched folder reports: its status, handed out as a copy so no reader can change
 * it, and listeners told each new status that matters to them. A listener that throws is
 * logged and the others are still told.
 */
export class StatusBoard<T> {
  private current: T;
  private readonly listeners = new Set<(status: T) => void>();

  constructor(
    initial: T,
    private readonly onListenerError: (error: unknown) => void,
  ) {
    this.current = initial;
  }

  /** The status as it is now, without copying: for the owner to build the next one from. */
  peek(): T {
    return this.current;
  }

  read(): T {
    return structuredClone(this.current);
  }

  /** Calls `listener` with each status published after this; returns the unsubscribe. */
  onChange(listener: (status: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes `next` the status; listeners are told only when `notify` (something they act on changed). */
  publish(next: T, notify: boolean): void {
    this.current = next;
    if (!notify) return;
    for (const listener of this.listeners) {
      try {
        listener(this.read());
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}
