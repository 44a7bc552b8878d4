/**
 * The audit log's append lock. The server and the account commands run from a shell both
 * append to one log, and each entry's hash depends on the one before, so only one process
 * may be between "read the last entry" and "append the next" at a time. The lock is a file
 * beside the log, created exclusively; it is held for one append (milliseconds).
 *
 * A lock is stale, and is taken over, when the process that made it (on this host) no longer
 * runs, or when it has not been touched for STALE_MS (its holder hung, or is on another host
 * and cannot be asked). A holder doing something long (the retention move) touches it.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PRIVATE_FILE_MODE } from '../config/private-files.js';
import { ScrubjayError } from '../errors.js';

export const STALE_MS = 10_000;
/** A waiter gives up after this long: every stale lock has been taken over well before. */
const GIVE_UP_MS = 60_000;

export interface AuditLock {
  /** Tells other processes the holder is still at work. */
  touch(): Promise<void>;
  release(): Promise<void>;
}

export async function acquireAuditLock(file: string): Promise<AuditLock> {
  const token = randomBytes(8).toString('hex');
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), token })}\n`;
  const started = Date.now();
  let wait = 1;
  for (;;) {
    if (await createExclusively(file, content)) return heldLock(file, token);
    await takeOverIfStale(file);
    if (Date.now() - started > GIVE_UP_MS) {
      throw new ScrubjayError('SJ_STORE_IO', `Could not take the audit log's lock ${file} in ${GIVE_UP_MS / 1000} s: another process holds it and keeps it fresh.`, { file });
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(50, wait * 2);
  }
}

function heldLock(file: string, token: string): AuditLock {
  return {
    touch: async () => {
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
    },
    release: async () => {
      // only our own: after a takeover the file may be someone else's
      const raw = await readFile(file, 'utf8').catch(() => null);
      if (raw !== null && ownerOf(raw)?.token === token) await unlink(file).catch(() => undefined);
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
  const gone = owner !== null && owner.host === hostname() && !processRuns(owner.pid);
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
