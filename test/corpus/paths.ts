/**
 * Where the public test corpus lives: the folder SCRUBJAY_CORPUS names, or shared/corpus beside
 * the repository. Only the corpus suite (test/corpus) and the benchmarks read it; `npm test`
 * runs on the fixtures committed under test/fixtures and needs nothing outside the repository.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

export const CORPUS_DIR = resolve(process.env.SCRUBJAY_CORPUS ?? join(REPO_ROOT, '..', 'shared', 'corpus'));

/** Why the corpus cannot be read, or null when it can: the corpus suite stops on this message. */
export function corpusProblem(dir: string = CORPUS_DIR): string | null {
  if (existsSync(join(dir, 'README.md')) && existsSync(join(dir, 'x12')) && existsSync(join(dir, 'icd10cm'))) return null;
  return (
    `The corpus suite needs the public test corpus (ICD-10-CM, NCCI, X12 and FHIR files) at ${dir}, and it is not there. ` +
    'Set SCRUBJAY_CORPUS to the corpus folder, or place it at ../shared/corpus beside the repository. ' +
    '`npm test` needs no corpus: it runs on test/fixtures.'
  );
}
