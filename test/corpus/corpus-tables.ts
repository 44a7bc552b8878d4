/** The official tables of the public corpus that scrubbing "with data loaded" means, in tests and benchmarks alike. */
import { join } from 'node:path';
import { importTable, type ReferenceKind } from '../../src/reference/index.js';
import { CORPUS_DIR } from './paths.js';

export const CORPUS_FILES = {
  icd2025: join(CORPUS_DIR, 'icd10cm/FY2025/icd10cm-order-2025.txt'),
  icd2026: join(CORPUS_DIR, 'icd10cm/FY2026/icd10cm-order-2026.txt'),
  hcpcsCsv: join(CORPUS_DIR, 'codesets/tuva-terminology/hcpcs_level_2.csv'),
  /** the whole NCCI practitioner PTP table (2.5 million pairs) */
  ptpFull: join(CORPUS_DIR, 'ncci/ptp_practitioner_eff_2024-07-01_northstar_decoded.csv.gz'),
  /** a few thousand of its pairs: quick to import */
  ptpExcerpt: join(CORPUS_DIR, 'ncci/ptp_practitioner_eff_2024-07-01_excerpt.csv'),
  mue: join(CORPUS_DIR, 'ncci/mue_practitioner_eff_2024-07-01_northstar_decoded.csv'),
  mce: join(CORPUS_DIR, 'mce/mce_v41.1_dx_age_sex_manifestation_edits_pathologie_decoded.csv'),
  pos: join(CORPUS_DIR, 'codesets/tuva-terminology/place_of_service.csv'),
  /** the PFS relative value file's indicators, July 2024, decoded */
  pfs: join(CORPUS_DIR, 'pfs/pfs_rvu_indicators_2024-07_northstar_decoded.csv'),
  /** the NCCI add-on code edits of 2024-06-03, decoded (no dates) */
  aoc: join(CORPUS_DIR, 'ncci/aoc_eff_2024-06-03_northstar_decoded.csv'),
} as const;

/** Every table but the NCCI PTP one, whose import is measured on its own or chosen in size. */
export const CORPUS_TABLES: ReadonlyArray<readonly [ReferenceKind, string]> = [
  ['icd10cm', CORPUS_FILES.icd2025],
  ['icd10cm', CORPUS_FILES.icd2026],
  ['hcpcs', CORPUS_FILES.hcpcsCsv],
  ['mue', CORPUS_FILES.mue],
  ['mce', CORPUS_FILES.mce],
  ['pos', CORPUS_FILES.pos],
  ['pfs', CORPUS_FILES.pfs],
  ['ncci-aoc', CORPUS_FILES.aoc],
];

/**
 * Imports every table into `dataDir`: ICD-10-CM FY2025 and FY2026, HCPCS, MUE, MCE, place
 * of service, the PFS indicators, the NCCI add-on code edits, and the NCCI PTP table whole (the default), as its excerpt, or not at all.
 */
export async function importCorpusTables(dataDir: string, options: { ptp?: 'full' | 'excerpt' | 'none' } = {}): Promise<void> {
  for (const [kind, file] of CORPUS_TABLES) await importTable(dataDir, kind, file);
  const ptp = options.ptp ?? 'full';
  if (ptp !== 'none') await importTable(dataDir, 'ncci-ptp', ptp === 'full' ? CORPUS_FILES.ptpFull : CORPUS_FILES.ptpExcerpt);
}
