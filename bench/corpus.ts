/** The public corpus beside the repository, and the official tables of it every loaded benchmark imports. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTable, type ReferenceKind } from '../src/reference/index.js';

/** The repository root: the nearest folder above this file with a package.json (works from bench/ and dist-bench/bench/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const CORPUS = join(repoRoot(), '..', 'shared', 'corpus');

export const TABLES: ReadonlyArray<[ReferenceKind, string]> = [
  ['icd10cm', 'icd10cm/FY2025/icd10cm-order-2025.txt'],
  ['icd10cm', 'icd10cm/FY2026/icd10cm-order-2026.txt'],
  ['hcpcs', 'codesets/tuva-terminology/hcpcs_level_2.csv'],
  ['mue', 'ncci/mue_practitioner_eff_2024-07-01_northstar_decoded.csv'],
  ['mce', 'mce/mce_v41.1_dx_age_sex_manifestation_edits_pathologie_decoded.csv'],
  ['pos', 'codesets/tuva-terminology/place_of_service.csv'],
];

export const PTP_FILE = 'ncci/ptp_practitioner_eff_2024-07-01_northstar_decoded.csv.gz';

/** Imports every table above (the NCCI PTP table too, unless told it is there already) into `dataDir`. */
export async function importCorpusTables(dataDir: string, options: { withPtp?: boolean } = {}): Promise<void> {
  for (const [kind, file] of TABLES) await importTable(dataDir, kind, join(CORPUS, file));
  if (options.withPtp !== false) await importTable(dataDir, 'ncci-ptp', join(CORPUS, PTP_FILE));
}
