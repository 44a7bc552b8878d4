/**
 * `npm run bench [-- --claims N] [-- --jre-claims M]`: measures scrub throughput of the
 * compiled fast path and of json-rules-engine on the same generated claims, checks the
 * two agree, and prints every figure as one JSON object on the last line.
 */
import { parseArgs } from 'node:util';
import { createJreScrubber } from '../src/engine/jre.js';
import { loadPreparedRuleSet } from '../src/engine/load-prepared.js';
import { scrubClaim } from '../src/engine/scrub.js';
import type { ScrubResult } from '../src/engine/finding.js';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { generateClaims } from '../test/support/claim-generator.js';

const AS_OF = '2026-11-27';

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

function fastRun(): { results: ScrubResult[]; perSec: number } {
  const started = performance.now();
  const results = claims.map((claim) => scrubClaim(claim, prepared, { asOf: AS_OF }));
  const seconds = (performance.now() - started) / 1000;
  return { results, perSec: claimCount / seconds };
}

fastRun(); // warm-up: lets V8 optimise the compiled conditions before the timed runs
// best of three timed runs: the figure is the machine's capacity, not a moment of a neighbour's load
const runs = [fastRun(), fastRun(), fastRun()];
const fast = runs.reduce((best, run) => (run.perSec > best.perSec ? run : best));
const statuses = { reject: 0, warn: 0, clean: 0 };
for (const r of fast.results) statuses[r.status]++;
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
console.log(JSON.stringify(figures));
