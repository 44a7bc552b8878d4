/**
 * One server per data folder. A store keeps its index in memory, writes it whole and places
 * its journal lines by the positions it knows, so two processes writing one store would
 * overwrite each other's records; the lock file makes the second one refuse to start instead.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { ScrubjayError } from '../errors.js';
import { syncFolder } from './durable-file.js';
import { dirname } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../config/private-files.js';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO timestamp */
  startedAt: string;
  /** tells this holder's lock file from a later one with a reused pid */
  token: string;
  /**
   * When the holder's process started, so that a live process which merely got the holder's
   * pid again (after a reboot, or in a container whose pids restart at 1) is not taken for it.
   * Absent in locks written before this was recorded, and where the platform does not tell.
   */
  process?: ProcessIdentity;
}

/** Linux: field 22 of /proc/<pid>/stat (clock ticks since boot) and the boot id; together they name one process run. */
export interface ProcessIdentity {
  bootId: string;
  startTicks: string;
}

export interface HeldLock {
  file: string;
  owner: LockOwner;
  /** the holder whose lock was stale and was replaced, when one was */
  replaced: LockOwner | 'unreadable' | null;
  /** why the replaced holder was judged gone */
  replacedBecause: 'not-running' | 'pid-reused' | null;
  /** Removes the lock file if it is still this holder's. Safe to call more than once. */
  release(): void;
}

/** A takeover that died midway leaves its marker; after this long nobody is still using it. */
const STALE_TAKEOVER_MS = 10_000;
const ATTEMPTS = 5;

/**
 * Takes the lock file for `dataDir`, or throws SJ_STORE_LOCKED naming the folder and the
 * process that holds it. A lock whose process is gone (same host) is replaced.
 */
export function acquireLock(file: string, dataDir: string, now: Date): HeldLock {
  makePrivateDir(dirname(file));
  const identity = processIdentity(process.pid);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: now.toISOString(),
    token: randomBytes(8).toString('hex'),
    ...(identity === null ? {} : { process: identity }),
  };
  let replaced: HeldLock['replaced'] = null;
  let replacedBecause: HeldLock['replacedBecause'] = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusively(file, `${JSON.stringify(owner)}\n`)) {
      syncFolder(dirname(file));
      return { file, owner, replaced, replacedBecause, release: () => releaseIfOurs(file, owner.token) };
    }
    const raw = readText(file);
    if (raw === null) continue; // released between our attempt and the read: try again
    const holder = parseOwner(raw);
    const stale = holder === null ? null : staleness(holder);
    if (holder !== null && stale === null) throw lockedError(dataDir, file, holder);
    if (removeIfUnchanged(file, raw)) {
      replaced = holder ?? 'unreadable';
      replacedBecause = stale;
    }
  }
  throw new ScrubjayError('SJ_STORE_LOCKED', `The data folder ${dataDir} is being claimed by several Scrubjay servers at once; start only one.`, { file });
}

function lockedError(dataDir: string, file: string, holder: LockOwner): ScrubjayError {
  const same = holder.host === hostname();
  const advice = same
    ? `Stop that server, or start this one with another --data folder (if no Scrubjay server is running, delete ${file}).`
    : `It cannot be checked from here whether that server still runs; if it does not, delete ${file}.`;
  return new ScrubjayError(
    'SJ_STORE_LOCKED',
    `The data folder ${dataDir} is in use by another Scrubjay server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ${advice}`,
    { file },
  );
}

/**
 * Creates the lock file with its whole content in one step: the content goes to a private
 * file first and is hard-linked into place, which fails if the lock exists. A reader never
 * sees an empty lock file, so an unreadable one can only be damage, never a server starting.
 */
function createExclusively(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeDurably(temp, content, 'wx');
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    // file systems without hard links: an exclusive create, then the content
    try {
      writeDurably(file, content, 'wx');
      return true;
    } catch (fallback) {
      if (errorCode(fallback) === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    unlinkQuietly(temp);
  }
}

/**
 * Removes a stale lock, but only if it is still the one judged stale: two servers starting
 * on the same stale lock must not remove each other's fresh one. A takeover marker, created
 * exclusively, lets only one of them look and remove at a time.
 */
function removeIfUnchanged(file: string, staleContent: string): boolean {
  const marker = `${file}.takeover`;
  if (!createMarker(marker)) return false;
  try {
    if (readText(file) !== staleContent) return false;
    unlinkSync(file);
    return true;
  } finally {
    unlinkQuietly(marker);
  }
}

function createMarker(marker: string): boolean {
  try {
    closeSync(openSync(marker, 'wx', PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(marker).mtimeMs > STALE_TAKEOVER_MS) unlinkQuietly(marker);
    } catch {
      // gone meanwhile
    }
    return false;
  }
}

/**
 * Why a holder on this host is gone, or null while it runs: its pid no longer exists, or the
 * process with that pid is not the one that wrote the lock (another boot, or a later start).
 * Another host's lock is never judged from here. A lock without a recorded start (written by
 * an earlier version, or on a platform that does not tell) is judged by its pid alone.
 */
function staleness(holder: LockOwner): 'not-running' | 'pid-reused' | null {
  if (holder.host !== hostname()) return null;
  if (!processExists(holder.pid)) return 'not-running';
  if (holder.process === undefined) return null;
  const now = processIdentity(holder.pid);
  if (now === null) return null; // cannot tell here: keep the cautious pid-only judgement
  return now.bootId === holder.process.bootId && now.startTicks === holder.process.startTicks ? null : 'pid-reused';
}

/**
 * The identity of process `pid`, read from /proc on Linux. Elsewhere (macOS, Windows) there is
 * no /proc and no cheap portable way to read another process's start time, so this is null and
 * locks there keep the pid-only judgement.
 */
export function processIdentity(pid: number): ProcessIdentity | null {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may itself hold spaces or ')': the
    // fields that follow start after the last ')', with field 3 first, so field 22 is index 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = fields[19];
    if (bootId === '' || startTicks === undefined || !/^\d+$/.test(startTicks)) return null;
    return { bootId, startTicks };
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return errorCode(error) === 'EPERM';
  }
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (!Number.isInteger(value.pid) || (value.pid ?? 0) <= 0 || typeof value.host !== 'string') return null;
    const owner: LockOwner = { pid: value.pid as number, host: value.host, startedAt: String(value.startedAt ?? 'an unknown time'), token: String(value.token ?? '') };
    const recorded = value.process;
    if (recorded !== undefined && typeof recorded.bootId === 'string' && typeof recorded.startTicks === 'string') {
      owner.process = { bootId: recorded.bootId, startTicks: recorded.startTicks };
    }
    return owner;
  } catch {
    return null;
  }
}

function releaseIfOurs(file: string, token: string): void {
  const raw = readText(file);
  if (raw === null || parseOwner(raw)?.token !== token) return;
  unlinkQuietly(file);
  syncFolder(dirname(file));
}

function writeDurably(path: string, content: string, flags: string): void {
  const fd = openSync(path, flags, PRIVATE_FILE_MODE);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
