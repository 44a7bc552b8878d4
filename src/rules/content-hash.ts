/**
 * The identity of a rule set's content: a SHA-256 over the files the loader reads, each as
 * its path relative to the rules folder (`/`-separated) and its bytes, in path order. Two
 * folders with the same rule files have the same hash wherever they are on disk, so a hash
 * names one rule set on any machine and across restarts.
 */
import { createHash } from 'node:crypto';

export interface RuleFileBytes {
  /** relative to the rules folder, `/`-separated */
  path: string;
  bytes: Uint8Array;
}

/** Whether the loader reads a file at this relative path: a `.yaml`/`.yml` file with no hidden part (`.git/…`, `.draft.yaml`). */
export function isRuleFilePath(path: string): boolean {
  const parts = path.split('/');
  return /\.ya?ml$/i.test(path) && parts.every((part) => part !== '' && !part.startsWith('.'));
}

export function hashRuleFiles(files: Iterable<RuleFileBytes>): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of sorted) {
    // lengths make the encoding unambiguous: no path/bytes split of one set reads as another's
    hash.update(`${Buffer.byteLength(file.path)}:${file.path}\n${file.bytes.byteLength}:`).update(file.bytes).update('\n');
  }
  return hash.digest('hex');
}
