/**
 * The audit log's append lock. The server and the account commands run from a shell both
 * append to one log, and each entry's hash depends on the one before, so only one process
 * may be between "read the last entry" and "append the next" at a time. The lock is a file
 * beside the log, created exclusively. A one-off append holds it for that append; the
 * server keeps it while its appends keep coming (see audit-lease.ts), and lets go as soon as
 * it sees that someone waits: a waiter leaves a note beside the lock, refreshed while it waits.
 *
 * A lock is stale, and is taken over, when the process that made it (on this host) no longer
 * runs, or when it has not been touched for STALE_MS (its holder hung, or is on another host
 * and cannot be asked). A holder doing something long (the retention move) touches it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PRIVATE_FILE_MODE } from '../config/private-files.js';
import { ScrubjayError } from '../errors.js';

export const STALE_MS = 10_000;
/** A waiter gives up after this long: every stale lock has been taken over well before. */
const GIVE_UP_MS = 60_000;
/** How often a waiter tries again: often enough that a holder giving way is not kept waiting. */
const POLL_MS = 4;
/** How often a waiter looks whether the lock is stale (reading it costs more than trying to take it). */
const STALE_CHECK_MS = 50;
/** A note older than this was left by a waiter that is gone (one waiting writes it every POLL_MS). */
const NOTE_FRESH_MS = 250;

/** The locks this process holds, by token: a lock naming this pid with another token was left by an earlier process that had the same pid. */
const heldHere = new Set<string>();

export interface AuditLock {
  /** Tells other processes the holder is still at work. */
  touch(): Promise<void>;
  release(): Promise<void>;
  /** Lets go at once, for a process that is exiting. */
  releaseSync(): void;
}

/** Where a waiter leaves its note. */
export function waitingNoteOf(file: string): string {
  return `${file}.waiting`;
}

/** Whether another process (or a one-off append in this one) waits for the lock now. */
export async function someoneWaits(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(waitingNoteOf(file))).mtimeMs < NOTE_FRESH_MS;
  } catch {
    return false;
  }
}

export async function acquireAuditLock(file: string): Promise<AuditLock> {
  const token = randomBytes(8).toString('hex');
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), token })}\n`;
  const note = waitingNoteOf(file);
  const started = Date.now();
  let checkedAt = 0;
  let noted = false;
  for (;;) {
    if (await createExclusively(file, content)) {
      if (noted) await unlink(note).catch(() => undefined);
      return heldLock(file, token);
    }
    if (Date.now() - checkedAt >= STALE_CHECK_MS) {
      checkedAt = Date.now();
      await takeOverIfStale(file);
    }
    if (Date.now() - started > GIVE_UP_MS) {
      if (noted) await unlink(note).catch(() => undefined);
      throw new ScrubjayError('SJ_STORE_IO', `Could not take the audit log's lock ${file} in ${GIVE_UP_MS / 1000} s: another process holds it and keeps it fresh.`, { file });
    }
    // written again each time, so that its age tells a waiting process from one that is gone
    noted = (await writeFile(note, '', { mode: PRIVATE_FILE_MODE }).then(() => true, () => false)) || noted;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function heldLock(file: string, token: string): AuditLock {
  heldHere.add(token);
  const ours = (raw: string | null): boolean => raw !== null && ownerOf(raw)?.token === token;
  return {
    touch: async () => {
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
    },
    release: async () => {
      heldHere.delete(token);
      // only our own: after a takeover the file may be someone else's
      const raw = await readFile(file, 'utf8').catch(() => null);
      if (ours(raw)) await unlink(file).catch(() => undefined);
    },
    releaseSync: () => {
      heldHere.delete(token);
      try {
        if (ours(readFileSync(file, 'utf8'))) unlinkSync(file);
      } catch {
        // gone already
      }
    },
  };
}

async function createExclusively(file: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ScrubjayError('SJ_STORE_IO', `Could not create the audit log's lock ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file });
  }
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

function ownerOf(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    return Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.token === 'string' ? (value as LockOwner) : null;
  } catch {
    return null;
  }
}

async function takeOverIfStale(file: string): Promise<void> {
  let raw: string;
  let touchedAt: number;
  try {
    [raw, touchedAt] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch {
    return; // released meanwhile
  }
  const owner = ownerOf(raw);
  // an empty or unreadable lock is one being written right now, or left by a crash: judged by age alone
  const gone = owner !== null && owner.host === hostname() && (owner.pid === process.pid ? !heldHere.has(owner.token) : !processRuns(owner.pid));
  if (!gone && Date.now() - touchedAt <= STALE_MS) return;
  // moved aside first, then checked: two waiters judging the same stale lock must not remove a fresh one
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== raw) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
