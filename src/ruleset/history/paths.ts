/**
 * Paths a change may name. A change comes from a browser, so its path is untrusted: it must
 * stay inside the rules folder, never reach the repository (`.git`) or any hidden file the
 * loader skips (a change there would be published yet never read), and be a rule file.
 */
import { ScrubjayError } from '../../errors.js';

const MAX_PATH_LENGTH = 300;

function refuse(path: string, why: string): never {
  throw new ScrubjayError('SJ_RULES_PATH_REFUSED', `the path ${JSON.stringify(path)} cannot be used: ${why}`, { file: path });
}

/** Answers the path as given when it names a rule file inside the rules folder; throws `SJ_RULES_PATH_REFUSED` otherwise. */
export function checkRulePath(path: unknown): string {
  if (typeof path !== 'string' || path === '') return refuse(String(path), 'a path is a non-empty text');
  if (path.length > MAX_PATH_LENGTH) refuse(path.slice(0, 40), `it is longer than ${MAX_PATH_LENGTH} characters`);
  if (path.includes('\\') || path.includes('\0')) refuse(path, 'paths are written with / and hold no backslash or NUL');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) refuse(path, 'it must be relative to the rules folder');
  for (const part of path.split('/')) {
    if (part === '..') refuse(path, 'it leads outside the rules folder');
    if (part === '' || part === '.') refuse(path, 'it has an empty or "." part');
    if (part === '.git') refuse(path, 'it is inside the rules history (.git)');
    if (part.startsWith('.')) refuse(path, 'hidden files and folders are not read as rules');
  }
  if (!/\.ya?ml$/i.test(path)) refuse(path, 'rule files end in .yaml or .yml');
  return path;
}
