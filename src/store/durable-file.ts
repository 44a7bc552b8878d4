/**
 * File writes that survive a crash: what was acknowledged is on disk, and a file is never
 * seen half-written (write aside, flush, rename, flush the folder).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Text is handed to the disk in slices of about this many characters, so a big file never holds up the event loop for long. */
const SLICE_CHARS = 1 << 20;

/**
 * Replaces `path` with the concatenation of `parts` in one step: a crash leaves the old file
 * or the new one, never a mix. The parts are the snapshot; they are written a slice at a
 * time so that requests keep being served while a large file is written.
 */
export async function replaceFileDurably(path: string, parts: string | readonly string[]): Promise<void> {
  // one fixed name: only the lock holder writes here, and a temp left by a crash is simply overwritten
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  const handle = await open(temp, 'w');
  try {
    for (const slice of slices(typeof parts === 'string' ? [parts] : parts)) await handle.write(slice, null, 'utf8');
    // without this the rename can reach the disk before the data does, and a power loss leaves an empty file
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  syncFolder(dirname(path));
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

/** Makes a rename or a new file in `dir` itself durable. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or flush a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Moves an unreadable file out of the way under a name that says when and why, and returns
 * that name. The file is kept, never deleted: it may hold the only copy of someone's work.
 */
export function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.unreadable-${stamp}-${randomBytes(3).toString('hex')}`;
  renameSync(path, aside);
  syncFolder(dirname(path));
  return aside;
}
