/** Locations tests use: the repository, its shipped rules, and the shared public corpus beside it. */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

/** Found by its package.json, so it holds for the compiled copy under dist-bench/ too. */
export const REPO_ROOT = PACKAGE_ROOT;
export const RULES_DIR = join(REPO_ROOT, 'rules');
export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus');
export const CLI = join(REPO_ROOT, 'bin', 'scrubjay.js');
