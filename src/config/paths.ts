/** Where Scrubjay finds its shipped rules and its data folder unless told otherwise. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The rules folder shipped with the package (works from src/ under tsx and from dist/). */
export const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

export const DEFAULT_DATA_DIR = 'scrubjay-data';

export function resolveDataDir(option: string | undefined): string {
  const dir = resolve(option ?? process.env.SCRUBJAY_DATA ?? DEFAULT_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function resolveRulesDir(option: string | undefined): string {
  return option ? resolve(option) : SHIPPED_RULES_DIR;
}
