/**
 * History edits at scale: 100,000 claims scrubbed, each against its patient's earlier
 * claims in a store of 1,000,000 (ten earlier claims a patient, over 100,000 patients).
 * The store is a data folder's journal written as the store writes it; the history is read
 * from it as `check --history` reads it (historyLoadMs), then the claims are scrubbed on
 * the fast path with that history (historyClaimsPerSec, one core).
 * Run alone: `node --import tsx bench/history.ts [--earlier N] [--claims N]`.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import type { ClaimInput } from '../src/contract/claim.js';
import { scrubClaim } from '../src/engine/scrub.js';
import { loadPreparedRuleSet } from '../src/ruleset/load-prepared.js';
import { historyFromJournal } from '../src/store/patient-history.js';
import { scrubLine } from '../src/store/records.js';
import { generateClaim, seededRng } from '../test/support/claim-generator.js';

export interface HistoryFigures {
  historyClaimsPerSec: number;
  historyLoadMs: number;
}

const AS_OF = '2026-11-27';

/** The claim of generated number `n`, made the claim of patient `n % patients`. */
function patientClaim(n: number, patients: number, rng: () => number): ClaimInput {
  const claim = generateClaim(rng, n) as Record<string, any>;
  const patient = n % patients;
  claim.subscriber = { ...claim.subscriber, memberId: `MB${String(patient).padStart(8, '0')}`, birthDate: `19${String(40 + (patient % 50)).padStart(2, '0')}-0${1 + (patient % 9)}-1${patient % 10}` };
  claim.patient = { relationship: 'self' };
  return claim as ClaimInput;
}

export async function measureHistory(options: { earlier?: number; claims?: number; log?: (line: string) => void } = {}): Promise<HistoryFigures> {
  const earlier = options.earlier ?? 1_000_000;
  const count = options.claims ?? 100_000;
  const patients = Math.max(1, Math.floor(earlier / 10));
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'scrubjay-history-'));
  try {
    const journal = join(dir, 'journal.ndjson');
    const out = createWriteStream(journal);
    const rng = seededRng(20261208);
    for (let n = 0; n < earlier; n++) {
      const line = scrubLine(JSON.stringify({ claim: patientClaim(n, patients, rng) }));
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const loadStart = performance.now();
    const { history, claims } = await historyFromJournal(journal);
    const historyLoadMs = Math.round(performance.now() - loadStart);
    const prepared = loadPreparedRuleSet(SHIPPED_RULES_DIR);
    const batch = Array.from({ length: count }, (_, i) => patientClaim(earlier + i, patients, rng));
    // a warm-up pass, so the figure is the steady rate
    for (let i = 0; i < Math.min(5_000, count); i++) scrubClaim(batch[i]!, prepared, { asOf: AS_OF, history });
    let flagged = 0;
    const start = performance.now();
    for (const claim of batch) if (scrubClaim(claim, prepared, { asOf: AS_OF, history }).findings.some((f) => f.ruleId === 'service-billed-on-earlier-claim')) flagged++;
    const seconds = (performance.now() - start) / 1000;
    const historyClaimsPerSec = Math.round(count / seconds);
    log(`history edits: ${count.toLocaleString('en-US')} claims against ${claims.toLocaleString('en-US')} stored claims of ${patients.toLocaleString('en-US')} patients: ${historyClaimsPerSec.toLocaleString('en-US')} claims/s on one core (${flagged} with a duplicate of an earlier claim); history read from the journal in ${historyLoadMs} ms`);
    return { historyClaimsPerSec, historyLoadMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { earlier: { type: 'string' }, claims: { type: 'string' } } });
  const figures = await measureHistory({ earlier: Number(values.earlier ?? 1_000_000), claims: Number(values.claims ?? 100_000), log: console.log });
  console.log(JSON.stringify(figures));
}
