/**
 * The claim store under load, full to its retention limit and forgetting as fast as it
 * learns (the figures of a store that has been running for a while; its clock moves on with
 * every scrub, so that `keep` of them fit in the age limit):
 *   - flat out: scrubs stored by 64 concurrent callers, past the limit several times over;
 *     records/s acknowledged (durable), the file writes and journal compactions they took,
 *     and the CPU time each record cost
 *   - at the service's load: then 200 scrubs a second, and the longest the event loop was
 *     held up meanwhile (what a request arriving at that moment waits), from
 *     `perf_hooks.monitorEventLoopDelay`
 *   - the size of each file at the end, and the slowest read of an old record
 * `measureStore` is for `npm run bench`; run this file alone for just these figures:
 * `node --import tsx bench/store.ts [--records N] [--keep N] [--paced-seconds N]`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { loadPreparedRuleSet } from '../src/ruleset/load-prepared.js';
import { scrubClaim } from '../src/engine/scrub.js';
import type { ScrubResult } from '../src/engine/finding.js';
import { openClaimStore, STORE_DEFAULTS, storeFiles, type EmbeddedClaimStore } from '../src/store/index.js';
import { generateClaims } from '../test/support/claim-generator.js';
import type { ClaimInput } from '../src/contract/claim.js';

export interface StoreFigures {
  /** scrubs stored and acknowledged (durable) per second, 64 callers at a time */
  storeRecordsPerSec: number;
  storeRecords: number;
  /** scrubs the store keeps (its retention limit) */
  storeKeeps: number;
  /** CPU time (user and system) per scrub stored flat out, in microseconds */
  storeCpuUsPerRecord: number;
  /** writes of each file those records took, and compactions of the journal */
  storeWrites: Record<string, number>;
  /** size of each file of the store at the end, in KB */
  storeFileKB: Record<string, number>;
  /** at 200 scrubs a second into the full store: the longest and the 99th-percentile event-loop delay, in ms */
  storePacedMaxPauseMs: number;
  storePacedP99PauseMs: number;
  /** flat out, the same (batches of 64 acknowledgements land at once) */
  storeMaxPauseMs: number;
  /** the longest time one `scrub(id)` read of an older record took, in ms */
  storeReadMs: number;
}

const IN_FLIGHT = 64;
const DISTINCT_CLAIMS = 500;
const PACED_PER_SECOND = 200;

interface Scrubbed {
  claim: ClaimInput;
  result: ScrubResult;
}

export async function measureStore(records = 4 * STORE_DEFAULTS.maxScrubs, keep: number = STORE_DEFAULTS.maxScrubs, pacedSeconds = 5): Promise<StoreFigures> {
  const prepared = loadPreparedRuleSet(SHIPPED_RULES_DIR);
  const scrubbed = generateClaims(Math.min(records, DISTINCT_CLAIMS), 4242).map((claim) => ({ claim, result: scrubClaim(claim, prepared, { asOf: '2026-11-27' }) }));
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-store-'));
  try {
    // scrubs go by age: each is stamped so that the newest `keep` are younger than the age limit
    const step = (STORE_DEFAULTS.maxAgeDays * 86_400_000) / keep;
    const start = Date.now();
    let next = 0;
    const store = await openClaimStore(dataDir, { maxScrubs: keep, now: () => new Date(start + next * step) });
    const ids: string[] = [];
    const store1 = async (): Promise<void> => {
      const n = next++;
      ids.push((await store.recordScrub(asRecorded(scrubbed, n))).id);
    };
    const caller = async (): Promise<void> => {
      while (next < records) await store1();
    };

    const flatOut = monitorEventLoopDelay({ resolution: 1 });
    flatOut.enable();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    flatOut.disable();

    const paced = monitorEventLoopDelay({ resolution: 1 });
    paced.enable();
    await atRate(PACED_PER_SECOND, pacedSeconds, store1);
    paced.disable();

    const storeReadMs = await slowestRead(store, ids.slice(-keep, -keep + 20));
    const stats = store.stats() as Partial<ReturnType<EmbeddedClaimStore['stats']>>;
    await store.close();
    const dir = storeFiles(dataDir).dir;
    const storeFileKB = Object.fromEntries(
      readdirSync(dir)
        .filter((name) => !name.startsWith('.') && !name.endsWith('.lock'))
        .map((name) => [name, Math.round(statSync(join(dir, name)).size / 1024)]),
    );
    return {
      storeRecordsPerSec: Math.round(records / seconds),
      storeRecords: records,
      storeKeeps: keep,
      storeCpuUsPerRecord: Math.round((used.user + used.system) / records),
      storeWrites: { journal: stats.journalWrites ?? 0, database: stats.databaseWrites ?? 0, audit: stats.auditWrites ?? 0, compactions: stats.compactions ?? 0 },
      storeFileKB,
      storePacedMaxPauseMs: round(paced.max / 1e6),
      storePacedP99PauseMs: round(paced.percentile(99) / 1e6),
      storeMaxPauseMs: round(flatOut.max / 1e6),
      storeReadMs: round(storeReadMs),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The n-th scrub, under a claim id of its own, as the service would store it. */
function asRecorded(scrubbed: readonly Scrubbed[], n: number): Parameters<EmbeddedClaimStore['recordScrub']>[0] {
  const { claim, result } = scrubbed[n % scrubbed.length]!;
  return { claim: { ...claim, claimId: `BENCH-${n}` }, result: { ...result, claimId: `BENCH-${n}` }, by: { username: null, role: null, address: '127.0.0.1' }, origin: 'rest' };
}

/** Starts `task` `perSecond` times a second, evenly, for `seconds`, without waiting for one to finish before the next. */
async function atRate(perSecond: number, seconds: number, task: () => Promise<void>): Promise<void> {
  const running: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < perSecond * seconds; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(task());
  }
  await Promise.all(running);
}

/** The oldest records still kept are the ones least likely to be in memory. */
async function slowestRead(store: EmbeddedClaimStore, ids: readonly string[]): Promise<number> {
  let slowest = 0;
  for (const id of ids) {
    const at = performance.now();
    await store.scrub(id);
    slowest = Math.max(slowest, performance.now() - at);
  }
  return slowest;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

const HERE = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && resolve(process.argv[1]) === HERE) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, keep: { type: 'string' }, 'paced-seconds': { type: 'string' } } });
  const keep = values.keep === undefined ? STORE_DEFAULTS.maxScrubs : Number(values.keep);
  const records = values.records === undefined ? 4 * keep : Number(values.records);
  const pacedSeconds = values['paced-seconds'] === undefined ? 5 : Number(values['paced-seconds']);
  if (![records, keep, pacedSeconds].every((n) => Number.isInteger(n) && n >= 1)) {
    console.error('usage: store.ts [--records N] [--keep N] [--paced-seconds N]');
    process.exit(2);
  }
  const f = await measureStore(records, keep, pacedSeconds);
  const sizes = Object.entries(f.storeFileKB).map(([name, kb]) => `${name} ${kb.toLocaleString('en-US')} KB`).join(', ');
  const writes = Object.entries(f.storeWrites).map(([name, count]) => `${count} ${name === 'compactions' ? 'journal compactions' : `${name} writes`}`).join(', ');
  console.log(`claim store: ${f.storeRecords.toLocaleString('en-US')} scrubs (keeping ${f.storeKeeps.toLocaleString('en-US')}), ${f.storeRecordsPerSec.toLocaleString('en-US')} durable scrubs/s, ${f.storeCpuUsPerRecord} µs CPU each; ${writes}`);
  console.log(`  event loop held up at most ${f.storePacedMaxPauseMs} ms (p99 ${f.storePacedP99PauseMs} ms) at ${PACED_PER_SECOND} scrubs/s, ${f.storeMaxPauseMs} ms flat out`);
  console.log(`  files: ${sizes}; slowest read of an old record ${f.storeReadMs} ms`);
  console.log(JSON.stringify(f));
}
