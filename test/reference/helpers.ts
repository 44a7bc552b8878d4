import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { PARSERS } from '../../src/reference/import.js';
import type { ParsedTable } from '../../src/reference/parsers/types.js';
import type { ReferenceKind } from '../../src/reference/index.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CORPUS = resolve(ROOT, '../shared/corpus');

export const FILES = {
  icd2026: join(CORPUS, 'icd10cm/FY2026/icd10cm-order-2026.txt'),
  icd2025: join(CORPUS, 'icd10cm/FY2025/icd10cm-order-2025.txt'),
  icdZip: join(CORPUS, 'icd10cm/FY2026/icd10cm-CodeDescriptions-2026.zip'),
  hcpcs2019: join(CORPUS, 'codesets/hcpcs-2019_dewittpe/HCPC2019_CONTR_ANWEB.txt'),
  hcpcsCsv: join(CORPUS, 'codesets/tuva-terminology/hcpcs_level_2.csv'),
  ptpFull: join(CORPUS, 'ncci/ptp_practitioner_eff_2024-07-01_northstar_decoded.csv.gz'),
  ptpExcerpt: join(CORPUS, 'ncci/ptp_practitioner_eff_2024-07-01_excerpt.csv'),
  mue: join(CORPUS, 'ncci/mue_practitioner_eff_2024-07-01_northstar_decoded.csv'),
  mce: join(CORPUS, 'mce/mce_v41.1_dx_age_sex_manifestation_edits_pathologie_decoded.csv'),
  mceV37: join(CORPUS, 'codesets/cms-mce-poa_nlindner/MCE_Simple_Code_Edits_v37_FY2020.tsv'),
  pos: join(CORPUS, 'codesets/tuva-terminology/place_of_service.csv'),
} as const;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrubjay-ref-'));
  made.push(dir);
  return dir;
}

/** Every file below `dir` with a hash of its content, to compare a folder before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const rel = `${prefix}${name}`;
      if (statSync(path).isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(path, `${rel}/`);
      } else out[rel] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** Runs a kind's parser over in-memory lines, as an import would over a file's lines. */
export function parseLines(kind: ReferenceKind, lines: readonly string[], name = 'test-input.csv'): ParsedTable {
  const parser = PARSERS[kind].create(name);
  lines.forEach((line, i) => parser.line(line, i + 1));
  return parser.finish(lines.length);
}
