/**
 * Real folders and files for tests: fresh temp folders removed after the test file's
 * tests, files written into them, and files saved the way editors save them.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed after the file's tests. */
export function tempDir(prefix = 'scrubjay-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `content` to `name` in `dir`; answers the file's path. */
export function writeIn(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

let saves = 0;

/** Saves as most editors do: the new text goes to a temp file beside the original, which is then renamed over it. */
export function saveByRename(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${++saves}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** Replaces one exact piece of a file's text (which must be there) and saves by rename. */
export function editByRename(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  saveByRename(file, text.replace(from, to));
}
