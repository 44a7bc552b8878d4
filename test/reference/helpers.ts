import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PARSERS } from '../../src/reference/import.js';
import type { ParsedTable } from '../../src/reference/parsers/types.js';
import type { ReferenceKind } from '../../src/reference/index.js';
import { CORPUS_FILES } from '../support/corpus-tables.js';
import { CORPUS_DIR } from '../support/paths.js';

/** The corpus files the reference tests read: the tables scrubbing uses, and other editions and layouts. */
export const FILES = {
  ...CORPUS_FILES,
  icdZip: join(CORPUS_DIR, 'icd10cm/FY2026/icd10cm-CodeDescriptions-2026.zip'),
  hcpcs2019: join(CORPUS_DIR, 'codesets/hcpcs-2019_dewittpe/HCPC2019_CONTR_ANWEB.txt'),
  mceV37: join(CORPUS_DIR, 'codesets/cms-mce-poa_nlindner/MCE_Simple_Code_Edits_v37_FY2020.tsv'),
} as const;

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
