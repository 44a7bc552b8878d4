/**
 * The data folder holds claims, which are protected health information: nothing in it may be
 * readable by other local users. Every folder Scrubjay makes there is owner-only (0700) and
 * every file it writes owner-only (0600). Modes are given explicitly rather than left to the
 * process umask, which is commonly 022 and would leave files readable by everyone.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and any missing parents) owner-only. Existing folders are left to `tightenPrivateTree`. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Takes group and other permissions away from `root` and everything in it (folders and files;
 * symbolic links are neither followed nor changed). Returns the paths that were wider, so the
 * caller can say so: a data folder left by an earlier version, or copied in by hand.
 */
export function tightenPrivateTree(root: string): string[] {
  const tightened: string[] = [];
  const visit = (path: string): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // removed meanwhile
    }
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stat.mode & 0o077) !== 0) {
      try {
        chmodSync(path, (stat.mode & 0o700) | (wanted & 0o700));
        tightened.push(path);
      } catch {
        // another user's file (EPERM): not ours to change, and reading it still works or fails on its own
      }
    }
    if (!stat.isDirectory()) return;
    let names: string[] = [];
    try {
      names = readdirSync(path);
    } catch {
      return; // unreadable: whatever uses it reports that
    }
    for (const name of names) visit(join(path, name));
  };
  visit(root);
  return tightened;
}

/** The sentence that reports what `tightenPrivateTree` changed, or null when nothing was. */
export function tightenedNotice(root: string, tightened: readonly string[]): string | null {
  if (tightened.length === 0) return null;
  const count = tightened.length === 1 ? '1 file or folder' : `${tightened.length} files and folders`;
  return `${root} held ${count} that other local users could read (claims are protected health information); made them readable by their owner only`;
}
