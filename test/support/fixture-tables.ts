/**
 * Excerpts of the official tables, committed under test/fixtures/reference: real rows for every
 * code the tests ask about, plus a sample (test/fixtures/reference/README.md says how they were cut).
 */
import { join } from 'node:path';
import { importTable, type ReferenceKind } from '../../src/reference/index.js';
import { FIXTURES_DIR } from './paths.js';

const REFERENCE = join(FIXTURES_DIR, 'reference');

export const FIXTURE_FILES = {
  icd2025: join(REFERENCE, 'icd10cm/icd10cm-order-2025.txt'),
  icd2026: join(REFERENCE, 'icd10cm/icd10cm-order-2026.txt'),
  /** the FY2026 excerpt zipped as the CDC ships its release: the order file beside the addenda */
  icdZip: join(REFERENCE, 'icd10cm/icd10cm-CodeDescriptions-2026.zip'),
  /** the raw CMS record file (320-character records, disclaimer preamble) */
  hcpcs2019: join(REFERENCE, 'hcpcs/HCPC2019_CONTR_ANWEB.txt'),
  hcpcsCsv: join(REFERENCE, 'hcpcs/hcpcs_level_2.csv'),
  ptp: join(REFERENCE, 'ncci/ptp_practitioner_eff_2024-07-01_excerpt.csv'),
  mue: join(REFERENCE, 'ncci/mue_practitioner_eff_2024-07-01_excerpt.csv'),
  mce: join(REFERENCE, 'mce/mce_v41.1_dx_age_sex_manifestation_edits_excerpt.csv'),
  mceV37: join(REFERENCE, 'mce/MCE_Simple_Code_Edits_v37_FY2020_excerpt.tsv'),
  /** the whole place of service code set (49 codes) */
  pos: join(REFERENCE, 'pos/place_of_service.csv'),
  /** the PFS indicators as CMS lays out PPRRVUyy_MMM.csv, and the same rows as decoded */
  pprrvu: join(REFERENCE, 'pfs/PPRRVU24_JUL_excerpt.csv'),
  pfsDecoded: join(REFERENCE, 'pfs/pfs_rvu_indicators_2024-07_excerpt.csv'),
  aoc: join(REFERENCE, 'ncci/aoc_eff_2024-06-03_excerpt.csv'),
} as const;

/** What scrubbing "with data loaded" imports: both ICD-10-CM years, HCPCS, PTP, MUE, MCE, place of service, PFS indicators and add-on code edits. */
export const FIXTURE_TABLES: ReadonlyArray<readonly [ReferenceKind, string]> = [
  ['icd10cm', FIXTURE_FILES.icd2025],
  ['icd10cm', FIXTURE_FILES.icd2026],
  ['hcpcs', FIXTURE_FILES.hcpcsCsv],
  ['ncci-ptp', FIXTURE_FILES.ptp],
  ['mue', FIXTURE_FILES.mue],
  ['mce', FIXTURE_FILES.mce],
  ['pos', FIXTURE_FILES.pos],
  ['pfs', FIXTURE_FILES.pprrvu],
  ['ncci-aoc', FIXTURE_FILES.aoc],
];

export async function importFixtureTables(dataDir: string): Promise<void> {
  for (const [kind, file] of FIXTURE_TABLES) await importTable(dataDir, kind, file);
}
