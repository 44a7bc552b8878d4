/** Locations tests use: the repository, its shipped rules, and the shared public corpus beside it. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RULES_DIR = join(REPO_ROOT, 'rules');
export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus');
export const CLI = join(REPO_ROOT, 'bin', 'scrubjay.js');
