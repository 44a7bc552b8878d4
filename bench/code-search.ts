/**
 * The workbench's code search over whole tables: a word search reads every ICD-10-CM
 * description of the year in force (about 98,000 codes and headers), so its time is the one
 * to watch. `npx tsx bench/code-search.ts` measures it alone on the corpus tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTable, openReferenceData, type ReferenceData } from '../src/reference/index.js';
import { CORPUS_FILES } from '../test/corpus/corpus-tables.js';

const AS_OF = '2026-03-01';
const RUNS = 20;
/** Searches a compliance officer types: words only, and a code with words that match nothing besides it. */
const WORD_QUERIES = ['diabetes', 'type 2 diabetes mellitus without complications', 'fracture femur', 'pain', 'zzzz'];
const CODE_QUERIES = ['E11', 'E11.9', 's72'];

export interface CodeSearchFigures {
  /** median of a word search of the whole ICD-10-CM year, over the word queries */
  icdWordSearchMs: number;
  /** the slowest single word search seen */
  icdWordSearchMaxMs: number;
  /** median of a search by a code's start (which also looks for the code among the words) */
  icdCodeSearchMs: number;
  /** median of a procedure search by words over HCPCS Level II */
  hcpcsWordSearchMs: number;
}

function timings(run: () => void): number[] {
  run(); // the first call reads the table from disk: a reload's cost, not a search's
  return Array.from({ length: RUNS }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[sorted.length >> 1] as number) * 10) / 10;
};

export function measureCodeSearch(reference: ReferenceData, log: (text: string) => void): CodeSearchFigures {
  const icd = reference.icd10cm(AS_OF);
  const hcpcs = reference.hcpcs(AS_OF);
  if (icd === undefined || hcpcs === undefined) throw new Error('the code search needs ICD-10-CM and HCPCS loaded');
  const words = WORD_QUERIES.flatMap((q) => timings(() => icd.table.search(q)));
  const codes = CODE_QUERIES.flatMap((q) => timings(() => icd.table.search(q)));
  const hcpcsWords = WORD_QUERIES.flatMap((q) => timings(() => hcpcs.table.searchCodes(q)));
  const figures: CodeSearchFigures = {
    icdWordSearchMs: median(words),
    icdWordSearchMaxMs: Math.round(Math.max(...words) * 10) / 10,
    icdCodeSearchMs: median(codes),
    hcpcsWordSearchMs: median(hcpcsWords),
  };
  log(
    `code search, ${icd.version.label} (${icd.version.rows.toLocaleString('en-US')} rows): by words ${figures.icdWordSearchMs} ms median (slowest ${figures.icdWordSearchMaxMs} ms), ` +
      `by a code's start ${figures.icdCodeSearchMs} ms; ${hcpcs.version.label} by words ${figures.hcpcsWordSearchMs} ms`,
  );
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-search-'));
  try {
    await importTable(dataDir, 'icd10cm', CORPUS_FILES.icd2026);
    await importTable(dataDir, 'hcpcs', CORPUS_FILES.hcpcsCsv);
    console.log(JSON.stringify(measureCodeSearch(openReferenceData(dataDir), (text) => console.log(text))));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
