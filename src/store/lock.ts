/**
 * One server per data folder. A store keeps its index in memory, writes it whole and places
 * its journal lines by the positions it knows, so two processes writing one store would
 * overwrite each other's records; the lock file makes the second one refuse to start instead.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { ScrubjayError } from '../errors.js';
import { syncFolder } from './durable-file.js';
import { dirname } from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO timestamp */
  startedAt: string;
  /** tells this holder's lock file from a later one with a reused pid */
  token: string;
}

export interface HeldLock {
  file: string;
  owner: LockOwner;
  /** the holder whose lock was stale and was replaced, when one was */
  replaced: LockOwner | 'unreadable' | null;
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
  mkdirSync(dirname(file), { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: now.toISOString(), token: randomBytes(8).toString('hex') };
  let replaced: HeldLock['replaced'] = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusively(file, `${JSON.stringify(owner)}\n`)) {
      syncFolder(dirname(file));
      return { file, owner, replaced, release: () => releaseIfOurs(file, owner.token) };
    }
    const raw = readText(file);
    if (raw === null) continue; // released between our attempt and the read: try again
    const holder = parseOwner(raw);
    if (holder !== null && !isStale(holder)) throw lockedError(dataDir, file, holder);
    if (removeIfUnchanged(file, raw)) replaced = holder ?? 'unreadable';
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
    closeSync(openSync(marker, 'wx'));
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

/** Stale: a holder on this host whose process no longer exists. Another host's lock is never judged from here. */
function isStale(holder: LockOwner): boolean {
  if (holder.host !== hostname()) return false;
  return !processExists(holder.pid);
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
    return { pid: value.pid as number, host: value.host, startedAt: String(value.startedAt ?? 'an unknown time'), token: String(value.token ?? '') };
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
  const fd = openSync(path, flags);
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
