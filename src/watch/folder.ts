/**
 * Watching a folder that people edit while the service runs. Editors save by writing a
 * temp file and renaming it over the original, and save several files at once; what the
 * service needs is one signal per burst of saves, after the burst, so it reads the folder
 * once in a settled state. Also here: a runner that never runs a reload twice at once,
 * and the status a watched folder reports to whoever listens.
 */
import { statSync, watch as watchEntries, type FSWatcher as EntriesWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, relative, sep } from 'node:path';
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

/**
 * Starts watching `dir`; resolves once the watcher has seen what is there now.
 *
 * The folder itself may be replaced: moved away and back, or moved away and copied anew
 * (`mv rules rules.old && cp -r rules.old rules`). A watch follows the folder it was set on,
 * not its name, so the parent folder is watched for the name: when the folder goes, that
 * is a change like any other (the owner finds it missing and keeps what it has), and when
 * a folder of that name appears again the watch is set on it afresh.
 */
export async function watchFolder(dir: string, options: FolderWatchOptions): Promise<FolderWatch> {
  const burst = new Burst(options.debounceMs, options.maxWaitMs, options.onSettled);
  const contents = new ContentsWatch(dir, options, () => burst.touch());
  await contents.arm();
  const parent = watchName(dir, (present) => {
    burst.touch();
    if (present) void contents.rearmIfReplaced();
    else contents.markGone();
  }, options.onError);
  return {
    cancelPending: () => burst.cancel(),
    close: async () => {
      burst.cancel();
      parent?.close();
      await contents.close();
    },
  };
}

/** The identity of a folder (device and inode), or undefined when there is no folder at `path`. */
function folderIdentity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onChange` whenever an entry named like `dir` is added to or removed from its parent folder, with whether a
 * folder is there now. Undefined when the parent cannot be watched (it is missing, or the system is out of watches):
 * changes inside the folder are still seen, only its replacement is not.
 */
function watchName(dir: string, onChange: (present: boolean) => void, onError: (error: Error) => void): EntriesWatcher | undefined {
  const name = basename(dir);
  try {
    const watcher = watchEntries(dirname(dir), { persistent: false }, (_event, changed) => {
      // some systems do not say which entry changed: then any change of the parent may be ours
      if (changed === null || changed.toString() === name) onChange(folderIdentity(dir) !== undefined);
    });
    watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
    return watcher;
  } catch (error) {
    onError(error instanceof Error ? error : new Error(String(error)));
    return undefined;
  }
}

/** The watch on the folder's contents, which can be set again on a folder that replaced the one it was set on. */
class ContentsWatch {
  private watcher: FSWatcher | undefined;
  /** the folder the watch is set on, or undefined once it has been seen gone */
  private watching: string | undefined;
  /** replacing the watch takes a while; a second replacement waits for the first */
  private arming: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly options: FolderWatchOptions,
    private readonly onRelevantChange: () => void,
  ) {}

  private isRelevant(path: string, isDirectory: boolean | undefined): boolean {
    if (path === this.dir) return true;
    if (isHiddenBelow(this.dir, path) || isEditorTempFile(basename(path))) return false;
    return this.options.relevant(path, isDirectory);
  }

  async arm(): Promise<void> {
    const watcher: FSWatcher = watch(this.dir, {
      ignoreInitial: true,
      ...(this.options.depth === undefined ? {} : { depth: this.options.depth }),
      ignored: (path, stats) => !this.isRelevant(path, stats === undefined ? undefined : stats.isDirectory()),
    });
    watcher.on('all', (event, path) => {
      const isDirectory = event === 'addDir' || event === 'unlinkDir';
      if (this.isRelevant(path, isDirectory)) this.onRelevantChange();
      if (event === 'unlinkDir' && path === this.dir) {
        // the watch has let go of the folder; it may already be back (moved away and back) before the parent says so
        this.markGone();
        void this.rearmIfReplaced();
      }
    });
    watcher.on('error', (error) => this.options.onError(error instanceof Error ? error : new Error(String(error))));
    this.watcher = watcher;
    this.watching = folderIdentity(this.dir);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  markGone(): void {
    this.watching = undefined;
  }

  /** Sets the watch again when the folder there now is not the one it is set on. */
  rearmIfReplaced(): Promise<void> {
    this.arming = this.arming.then(async () => {
      const now = folderIdentity(this.dir);
      if (this.closed || now === undefined || now === this.watching) return;
      await this.watcher?.close();
      if (this.closed) return;
      await this.arm();
      // what was saved into the new folder before the watch was set on it is read by the reload this asks for
      this.onRelevantChange();
    });
    return this.arming;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.arming;
    await this.watcher?.close();
  }
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
