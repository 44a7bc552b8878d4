/**
 * File writes that survive a crash: what was acknowledged is on disk, and a file is never
 * seen half-written (write aside, flush, rename, flush the folder). Everything here is
 * asynchronous except `syncFolder`, which only the lock uses, at start-up and exit.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../config/private-files.js';

/** Text is handed to the disk in slices of about this many characters, so a big file never holds up the event loop for long. */
const SLICE_CHARS = 1 << 20;

/** The one temp name beside `path`: only the lock holder writes here, and a temp left by a crash is simply overwritten. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}

/**
 * Replaces `path` with the concatenation of `parts` in one step: a crash leaves the old file
 * or the new one, never a mix. The parts are the snapshot; they are written a slice at a
 * time so that requests keep being served while a large file is written.
 */
export async function replaceFileDurably(path: string, parts: string | readonly string[]): Promise<void> {
  await replaceFileWith(path, async (handle) => {
    for (const slice of slices(typeof parts === 'string' ? [parts] : parts)) await handle.write(slice, null, 'utf8');
  });
}

/** Like `replaceFileDurably`, with the content written by `fill` into the temp file. */
export async function replaceFileWith(path: string, fill: (temp: FileHandle) => Promise<void>): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await openPrivateTemp(temp, 'w');
  try {
    await fill(handle);
    // without this the rename can reach the disk before the data does, and a power loss leaves an empty file
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await flushFolder(dirname(path));
}

/**
 * Opens a temp file that will be renamed into place, owner-only. A temp left by a crash keeps
 * the mode it was made with, which the open's mode does not change: hence the chmod.
 */
export async function openPrivateTemp(temp: string, flags: 'w' | 'w+'): Promise<FileHandle> {
  const handle = await open(temp, flags, PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function* slices(parts: readonly string[]): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const part of parts) {
    batch.push(part);
    size += part.length;
    if (size >= SLICE_CHARS) {
      yield batch.join('');
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
}

/** Makes a rename or a new file in `dir` itself durable, without holding up the event loop. */
export async function flushFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot open or flush a folder; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** `flushFolder`, blocking: for the lock only, taken at start-up and released at exit (when nothing asynchronous runs any more). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // as above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Moves a file that cannot be used out of the way under a name that says when and why
 * (`unreadable`, or `orphaned` for one whose companion file is gone), and returns that
 * name. The file is kept, never deleted: it may hold the only copy of someone's work.
 */
export async function moveAside(path: string, now: Date, why: 'unreadable' | 'orphaned' = 'unreadable'): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.${why}-${stamp}-${randomBytes(3).toString('hex')}`;
  await rename(path, aside);
  await flushFolder(dirname(path));
  return aside;
}
