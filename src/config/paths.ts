/** Where Scrubjay finds its shipped rules and its data folder unless told otherwise. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePrivateDir, tightenPrivateTree, tightenedNotice } from './private-files.js';

/** The installed package's folder: the nearest one above this module with a package.json (src/, dist/ or a build of both). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const PACKAGE_ROOT = packageRoot();

/** The rules folder shipped with the package. */
export const SHIPPED_RULES_DIR = join(PACKAGE_ROOT, 'rules');

export const DEFAULT_DATA_DIR = 'scrubjay-data';

/**
 * The data folder, created owner-only when missing; anything in it that others could read is
 * made owner-only, and `notify` is told so.
 */
export function resolveDataDir(option: string | undefined, notify?: (message: string) => void): string {
  const dir = resolve(option ?? process.env.SCRUBJAY_DATA ?? DEFAULT_DATA_DIR);
  makePrivateDir(dir);
  const notice = tightenedNotice(dir, tightenPrivateTree(dir));
  if (notice !== null) notify?.(notice);
  return dir;
}

export function resolveRulesDir(option: string | undefined): string {
  return option ? resolve(option) : SHIPPED_RULES_DIR;
}
