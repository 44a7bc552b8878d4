/**
 * The claim store under load: scrubs stored by many concurrent callers (as a busy server
 * stores them), how many file writes batching turned them into, and the size of the file.
 * `measureStore` is for `npm run bench`; run this file alone for just these figures.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { loadPreparedRuleSet } from '../src/engine/load-prepared.js';
import { scrubClaim } from '../src/engine/scrub.js';
import { openClaimStore, storeFiles } from '../src/store/index.js';
import { generateClaims } from '../test/support/claim-generator.js';

export interface StoreFigures {
  /** scrubs stored and acknowledged (durable) per second, 64 callers at a time */
  storeRecordsPerSec: number;
  storeRecords: number;
  /** database file writes those records took */
  storeWrites: number;
  /** size of the database file holding them */
  storeFileKB: number;
}

const IN_FLIGHT = 64;
const DISTINCT_CLAIMS = 500;

export async function measureStore(records = 5_000): Promise<StoreFigures> {
  const prepared = loadPreparedRuleSet(SHIPPED_RULES_DIR);
  const scrubbed = generateClaims(Math.min(records, DISTINCT_CLAIMS), 4242).map((claim) => ({ claim, result: scrubClaim(claim, prepared, { asOf: '2026-11-27' }) }));
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-store-'));
  try {
    const store = await openClaimStore(dataDir, { maxScrubs: Math.max(records, 1) });
    let next = 0;
    const caller = async (): Promise<void> => {
      while (next < records) {
        const n = next++;
        const { claim, result } = scrubbed[n % scrubbed.length]!;
        await store.recordScrub({ claim: { ...claim, claimId: `BENCH-${n}` }, result: { ...result, claimId: `BENCH-${n}` }, actor: '127.0.0.1', origin: 'rest' });
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
    const seconds = (performance.now() - started) / 1000;
    const writes = store.stats().databaseWrites;
    await store.close();
    return {
      storeRecordsPerSec: Math.round(records / seconds),
      storeRecords: records,
      storeWrites: writes,
      storeFileKB: Math.round(statSync(storeFiles(dataDir).database).size / 1024),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const HERE = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && resolve(process.argv[1]) === HERE) {
  const at = process.argv.indexOf('--records');
  const records = at === -1 ? 5_000 : Number(process.argv[at + 1]);
  if (!Number.isInteger(records) || records < 1) {
    console.error('usage: store.ts [--records N]');
    process.exit(2);
  }
  const figures = await measureStore(records);
  console.log(`claim store: ${figures.storeRecords.toLocaleString('en-US')} scrubs in ${figures.storeWrites} file writes, ${figures.storeRecordsPerSec.toLocaleString('en-US')} durable scrubs/s; file ${figures.storeFileKB.toLocaleString('en-US')} KB`);
  console.log(JSON.stringify(figures));
}
