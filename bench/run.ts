/**
 * `npm run bench [-- --claims N] [-- --jre-claims M]`: measures scrub throughput of the
 * compiled fast path and of json-rules-engine on the same generated claims, checks the
 * two agree, and prints every figure as one JSON object on the last line.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTable, openReferenceData, type ReferenceKind } from '../src/reference/index.js';
import { measurePtp } from './reference.js';
import { createJreScrubber } from '../src/engine/jre.js';
import { loadPreparedRuleSet } from '../src/engine/load-prepared.js';
import { scrubClaim, type ScrubOptions } from '../src/engine/scrub.js';
import type { ScrubResult } from '../src/engine/finding.js';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { generateClaims } from '../test/support/claim-generator.js';

const AS_OF = '2026-11-27';
/** The repository root: the nearest folder above this file with a package.json (works from bench/ and dist-bench/bench/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const CORPUS = join(repoRoot(), '..', 'shared', 'corpus');
const TABLES: ReadonlyArray<[ReferenceKind, string]> = [
  ['icd10cm', 'icd10cm/FY2025/icd10cm-order-2025.txt'],
  ['icd10cm', 'icd10cm/FY2026/icd10cm-order-2026.txt'],
  ['hcpcs', 'codesets/tuva-terminology/hcpcs_level_2.csv'],
  ['mue', 'ncci/mue_practitioner_eff_2024-07-01_northstar_decoded.csv'],
  ['mce', 'mce/mce_v41.1_dx_age_sex_manifestation_edits_pathologie_decoded.csv'],
  ['pos', 'codesets/tuva-terminology/place_of_service.csv'],
];

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '100000' },
    'jre-claims': { type: 'string' },
  },
});
const claimCount = Number(values.claims);
const jreCount = Math.min(claimCount, Number(values['jre-claims'] ?? 10_000));
if (!Number.isInteger(claimCount) || claimCount < 1 || !Number.isInteger(jreCount) || jreCount < 1) {
  console.error('usage: npm run bench -- [--claims N] [--jre-claims M]');
  process.exit(2);
}

const figures: Record<string, number | boolean | string> = {};
const log = (text: string): void => console.log(text);

const prepared = loadPreparedRuleSet(SHIPPED_RULES_DIR);
const rules = prepared.ruleSet.rules.length;
log(`rules: ${rules} (${SHIPPED_RULES_DIR})`);
const claims = generateClaims(claimCount, 20261127);
log(`generated ${claimCount} claims (1-6 lines, about half with defects)`);

interface Run {
  /** results of the first claims, kept for the comparison with json-rules-engine */
  results: ScrubResult[];
  statuses: Record<ScrubResult['status'], number>;
  perSec: number;
}

/** Scrubs every claim; keeps only what the comparison needs, so a big run measures scrubbing, not a growing heap. */
function timedRun(options: ScrubOptions): Run {
  const results: ScrubResult[] = [];
  const statuses = { reject: 0, warn: 0, clean: 0 };
  const started = performance.now();
  for (let i = 0; i < claims.length; i++) {
    const result = scrubClaim(claims[i]!, prepared, options);
    statuses[result.status]++;
    if (i < jreCount) results.push(result);
  }
  return { results, statuses, perSec: claimCount / ((performance.now() - started) / 1000) };
}

const best = (runs: Run[]): Run => runs.reduce((a, b) => (b.perSec > a.perSec ? b : a));

timedRun({ asOf: AS_OF }); // warm-up: lets V8 optimise the compiled conditions before the timed runs
// best of five timed runs: the figure is the machine's capacity, not a moment of a neighbour's load
// (a fixed CPU-bound loop varies by up to a third from one run to the next on this machine)
const RUNS = 5;
const timedRuns = (options: ScrubOptions): Run => best(Array.from({ length: RUNS }, () => timedRun(options)));
const fast = timedRuns({ asOf: AS_OF });
const statuses = fast.statuses;
log(`fast path: ${Math.round(fast.perSec).toLocaleString('en-US')} claims/s on one core (${statuses.reject} reject, ${statuses.warn} warn, ${statuses.clean} clean)`);

const jre = createJreScrubber(prepared);
const jreStarted = performance.now();
let mismatches = 0;
for (let i = 0; i < jreCount; i++) {
  const result = await jre.scrub(claims[i]!, { asOf: AS_OF });
  if (JSON.stringify(result) !== JSON.stringify(fast.results[i])) mismatches++;
}
const jrePerSec = jreCount / ((performance.now() - jreStarted) / 1000);
log(`json-rules-engine: ${Math.round(jrePerSec).toLocaleString('en-US')} claims/s over ${jreCount} claims; ${mismatches} differ from the fast path`);

Object.assign(figures, {
  jreClaimsPerSec: Math.round(jrePerSec),
  fastClaimsPerSec: Math.round(fast.perSec),
  identical: mismatches === 0,
  comparedClaims: jreCount,
  rules,
  claims: claimCount,
});

// With the official tables of the public corpus loaded (when it is beside the repository).
if (existsSync(CORPUS)) {
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-'));
  try {
    const ptp = await measurePtp(dataDir, join(CORPUS, 'ncci/ptp_practitioner_eff_2024-07-01_northstar_decoded.csv.gz'));
    log(`NCCI PTP (2,546,017 pairs): import ${ptp.importPtpMs} ms; load for scrubbing ${ptp.ptpLoadMs} ms, +${ptp.ptpRssMB} MB RSS`);
    Object.assign(figures, ptp);
    for (const [kind, file] of TABLES) await importTable(dataDir, kind, join(CORPUS, file));
    const reference = openReferenceData(dataDir);
    const options = { asOf: AS_OF, reference };
    timedRun(options);
    const loaded = timedRuns(options);
    const tableFindings = loaded.results.reduce((n, r) => n + r.findings.filter((f) => /^(ptp|mue|icd10)-/.test(f.ruleId)).length, 0);
    log(`fast path with every table loaded: ${Math.round(loaded.perSec).toLocaleString('en-US')} claims/s (${loaded.statuses.reject} reject; ${tableFindings} PTP/MUE/ICD-10 findings in the first ${loaded.results.length})`);
    const compare = Math.min(jreCount, 2000);
    let loadedMismatches = 0;
    for (let i = 0; i < compare; i++) {
      const result = await jre.scrub(claims[i]!, { asOf: AS_OF, reference });
      if (JSON.stringify(result) !== JSON.stringify(loaded.results[i])) loadedMismatches++;
    }
    log(`json-rules-engine with tables: ${loadedMismatches} of ${compare} claims differ from the fast path`);
    Object.assign(figures, { loadedClaimsPerSec: Math.round(loaded.perSec), identical: mismatches === 0 && loadedMismatches === 0 });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  log(`${CORPUS} not found: table figures skipped`);
}

console.log(JSON.stringify(figures));
