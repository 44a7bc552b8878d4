/** Locations tests use: the repository, its shipped rules, the CLI and the committed fixtures. */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

/** Found by its package.json, so it holds for the compiled copy under dist-bench/ too. */
export const REPO_ROOT = PACKAGE_ROOT;
export const RULES_DIR = join(REPO_ROOT, 'rules');
export const CLI = join(REPO_ROOT, 'bin', 'scrubjay.js');
/** Small real files (excerpts of public tables, public X12 and FHIR examples) and files of our own. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
