/**
 * The rule files in the folder, read as the loader reads them, and a set of changes written
 * as one: every new content goes to a hidden temp file beside its target first (the loader
 * and the watcher skip hidden names), then each is renamed over its target. A failure part
 * way puts back what was there, so the folder holds the old set or the new, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { ScrubjayError } from '../../errors.js';
import { isRuleFilePath } from '../../rules/content-hash.js';

/** Rule files of the folder by `/`-separated relative path (hidden files and folders, `.git` among them, skipped). */
export function readRuleFolder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(folder, entry.name), path);
      else if (entry.isFile() && isRuleFilePath(path)) files.set(path, readFileSync(join(folder, entry.name)));
    }
  };
  walk(dir, '');
  return files;
}

/**
 * Throws `SJ_RULES_PATH_REFUSED` when a path, checked by name, would still be written outside the folder because a
 * folder on its way is a link that leads out of it.
 */
export function refuseLinkOutside(dir: string, path: string): void {
  const root = realpathSync(dir);
  let folder = dirname(fileOf(dir, path));
  while (!existsSync(folder)) folder = dirname(folder);
  const real = realpathSync(folder);
  if (real !== root && !real.startsWith(root + sep)) {
    throw new ScrubjayError('SJ_RULES_PATH_REFUSED', `the path ${JSON.stringify(path)} cannot be used: a folder on its way links outside the rules folder`, { file: path });
  }
}

function fileOf(dir: string, path: string): string {
  return join(dir, ...path.split('/'));
}

function readIfThere(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Puts `content` at `file` by rename, or removes it for `null`. */
function put(file: string, content: Uint8Array | null): void {
  if (content === null) {
    if (existsSync(file)) unlinkSync(file);
    return;
  }
  const temp = tempBeside(file);
  writeFileSync(temp, content);
  renameSync(temp, file);
}

function tempBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.new`);
}

/**
 * Writes `changes` (path → content, `null` deletes) into `dir` as one set. Throws, with the folder as it was, when any
 * write fails. Answers an undo that puts the previous contents back (for a step after the write that fails).
 */
export function writeFileSet(dir: string, changes: ReadonlyMap<string, Uint8Array | null>): () => void {
  const previous = new Map<string, Buffer | null>();
  for (const path of changes.keys()) previous.set(path, readIfThere(fileOf(dir, path)));
  const staged = new Map<string, string>();
  const dropTemps = (): void => {
    for (const temp of staged.values()) rmSync(temp, { force: true });
  };
  try {
    for (const [path, content] of changes) {
      if (content === null) continue;
      const file = fileOf(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      const temp = tempBeside(file);
      staged.set(path, temp);
      writeFileSync(temp, content);
    }
  } catch (error) {
    dropTemps();
    throw error;
  }
  const undo = (): void => {
    for (const [path, content] of previous) put(fileOf(dir, path), content);
  };
  try {
    for (const [path, content] of changes) {
      if (content === null) put(fileOf(dir, path), null);
      else renameSync(staged.get(path)!, fileOf(dir, path));
    }
  } catch (error) {
    dropTemps();
    undo();
    throw error;
  }
  return undo;
}
