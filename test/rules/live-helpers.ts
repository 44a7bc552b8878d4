/** Real rule and data folders for the live-reload tests, saved the way editors and imports save. */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { RULES_DIR } from '../support/paths.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of the shipped rules that a test may edit. */
export function copyOfShippedRules(): string {
  const dir = join(tempDir('scrubjay-live-'), 'rules');
  cpSync(RULES_DIR, dir, { recursive: true });
  return dir;
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

/**
 * Polls until `probe` returns something other than undefined and returns it (a timeout
 * shows what `lastSeen` returns, to tell why). Reloads take
 * a debounce plus a read of the whole folder, so the limit is generous: on a busy machine
 * they take longer, and the test only fails if nothing happens at all.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined, lastSeen?: () => unknown, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = lastSeen ? `; last seen: ${JSON.stringify(lastSeen(), null, 2)}` : '';
      throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms${seen}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
