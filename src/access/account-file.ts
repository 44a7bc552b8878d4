/**
 * The accounts of a data folder, in one small JSON file beside the store:
 *   access/accounts.json   every account: user name, role, state, password hash, dates
 *   access/accounts.lock   held for the moment of a change
 *
 * Both the running server and `scrubjay users` change this file, so every change is a
 * read-modify-write under an exclusive lock file, written aside and renamed into place: a
 * reader sees the old file or the new one, and two changes never overwrite each other.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../config/private-files.js';
import { ScrubjayError } from '../errors.js';
import { replaceFileDurably } from '../store/durable-file.js';
import { ROLES } from './roles.js';

export const accountSchema = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  state: z.enum(['active', 'disabled']),
  /** argon2id; null for an account that signs in only through the identity provider */
  passwordHash: z.string().nullable(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** sessions begun before this (a password reset, a disable) are over */
  sessionsValidFrom: z.string().optional(),
  /** the identity provider's subject, for accounts made by single sign-on */
  sso: z.object({ issuer: z.string(), subject: z.string() }).optional(),
});
export type Account = z.infer<typeof accountSchema>;

const fileSchema = z.object({ version: z.literal(1), accounts: z.array(accountSchema) });

export interface AccountFiles {
  dir: string;
  accounts: string;
  lock: string;
}

export function accountFiles(dataDir: string): AccountFiles {
  const dir = join(dataDir, 'access');
  return { dir, accounts: join(dir, 'accounts.json'), lock: join(dir, 'accounts.lock') };
}

/** What identifies one version of the file: a rename gives a new inode, an edit a new time or size. */
export interface FileVersion {
  ino: number;
  mtimeMs: number;
  size: number;
}

export function fileVersion(path: string): FileVersion | null {
  try {
    const { ino, mtimeMs, size } = statSync(path);
    return { ino, mtimeMs, size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw accountFileError(path, error);
  }
}

export function sameVersion(a: FileVersion | null, b: FileVersion | null): boolean {
  return a === b || (a !== null && b !== null && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size);
}

/** Every account, or none when the file does not exist yet. A file that cannot be read is an error naming it, never "no accounts". */
export function readAccounts(files: AccountFiles): Account[] {
  let text: string;
  try {
    text = readFileSync(files.accounts, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw accountFileError(files.accounts, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ScrubjayError('SJ_ACCOUNT_FILE', `${files.accounts} is not valid JSON; restore it from a backup`, { file: files.accounts });
  }
  const checked = fileSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ScrubjayError('SJ_ACCOUNT_FILE', `${files.accounts}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not an accounts file'}`, { file: files.accounts });
  }
  return checked.data.accounts;
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/**
 * Changes the accounts under the lock: `change` gets the accounts as they are on disk now
 * and returns them as they should be (or throws to change nothing).
 */
export async function updateAccounts<T>(files: AccountFiles, change: (accounts: Account[]) => { accounts: Account[]; result: T }): Promise<T> {
  makePrivateDir(files.dir);
  const release = await takeLock(files.lock);
  try {
    const { accounts, result } = change(readAccounts(files));
    await replaceFileDurably(files.accounts, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
    return result;
  } finally {
    release();
  }
}

async function takeLock(path: string): Promise<() => void> {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: a stale-lock rule elsewhere took it, nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw accountFileError(path, error);
    }
    // a change takes milliseconds; a lock this old belongs to a process that died holding it
    const version = fileVersion(path);
    if (version && Date.now() - version.mtimeMs > LOCK_STALE_MS) {
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first
      }
      continue;
    }
    if (Date.now() > until) throw new ScrubjayError('SJ_ACCOUNT_FILE', `${path} has been held for more than ${LOCK_WAIT_MS / 1000} s by another change; try again`, { file: path });
    await sleep(20);
  }
}

function accountFileError(path: string, error: unknown): ScrubjayError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ScrubjayError('SJ_ACCOUNT_FILE', `could not read or write ${path} (${code})`, { file: path });
}
