/**
 * The follow-up worklist over a full history: 100,000 stored scrubs of generated claims,
 * most of them sent (a state change each), a third with a remittance (paid, partly paid or
 * denied, with CARCs and appeal deadlines), then the store reopened and the worklist asked
 * for as a biller would: filtered and sorted, one page of it. The first listing after the
 * store opens works out each claim's deadlines under its payer profile (the claims' payer,
 * charge and dates come from the store's index); it is timed apart. Best of a few passes of
 * each query, after one untimed pass.
 *   - worklistMs: the slowest query's best time (target 200 ms)
 *   - worklistFirstMs: the first listing after opening
 *
 * Standalone: `node --import tsx bench/worklist.ts [--claims N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClaimState } from '../src/contract/remit.js';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { worklist, type WorklistQuery } from '../src/remit/worklist.js';
import { loadPreparedRuleSet } from '../src/ruleset/load-prepared.js';
import { openClaimStore, type RemitInput } from '../src/store/index.js';
import { fillRemitHistory } from './remit.js';

export interface WorklistFigures {
  worklistMs: number;
  worklistFirstMs: number;
  worklistClaims: number;
}

const DEFAULT_CLAIMS = 100_000;
const PASSES = 5;
const QUERIES: Array<[string, WorklistQuery]> = [
  ['all by money', { sort: 'money' }],
  ['denied by money', { state: 'denied', sort: 'money' }],
  ['due before 2027-06-01 by deadline', { dueBefore: '2027-06-01', sort: 'deadline' }],
  ['CARC 97 for Medicare, newest', { carc: '97', payer: 'medicare', sort: 'newest' }],
];

/** Every third claim sent and answered, the others sent or left as scrubbed, as a practice's month looks. */
async function followUp(dataDir: string): Promise<void> {
  const store = await openClaimStore(dataDir);
  try {
    const entries = await store.followUp();
    const outcomes: Array<{ state: ClaimState; statusCode: string; paid: (charged: number) => number; carcs: string[] }> = [
      { state: 'paid', statusCode: '1', paid: (c) => c * 0.8, carcs: ['45'] },
      { state: 'partly-paid', statusCode: '1', paid: (c) => c * 0.4, carcs: ['45', '97'] },
      { state: 'denied', statusCode: '4', paid: () => 0, carcs: ['29'] },
      { state: 'denied', statusCode: '1', paid: () => 0, carcs: ['16', '97'] },
    ];
    for (let start = 0; start < entries.length; start += 1000) {
      const slice = entries.slice(start, start + 1000);
      const sent = slice.filter((_, i) => (start + i) % 5 !== 0);
      await store.recordStateChanges(sent.map((e) => ({ scrubId: e.scrub.id, state: 'sent', by: 'bench', source: 'ack' })));
      const answered = sent.filter((_, i) => i % 3 === 0);
      const remits: RemitInput[] = answered.map((e, i) => {
        const outcome = outcomes[i % outcomes.length]!;
        const charged = 100 + (i % 400);
        return {
          remit: { claimId: e.scrub.claimId, status: { code: outcome.statusCode } },
          summary: { statusCode: outcome.statusCode, state: outcome.state, charged, paid: outcome.paid(charged), carcs: outcome.carcs, appealBy: outcome.state === 'paid' ? null : '2027-04-05', remitDate: '2026-12-01' },
          scrubId: e.scrub.id,
          claimId: e.scrub.claimId ?? '',
          file: 'bench.835',
        };
      });
      await store.recordRemits(remits, 'bench');
      await store.recordStateChanges(answered.map((e, i) => ({ scrubId: e.scrub.id, state: remits[i]!.summary.state, by: 'bench', source: 'remit' })));
    }
  } finally {
    await store.close();
  }
}

export async function measureWorklist(options: { claims?: number; log?: (line: string) => void } = {}): Promise<WorklistFigures> {
  const count = options.claims ?? DEFAULT_CLAIMS;
  const log = options.log ?? ((line: string) => console.log(line));
  const work = mkdtempSync(join(tmpdir(), 'scrubjay-bench-worklist-'));
  try {
    const dataDir = join(work, 'data');
    await fillRemitHistory(dataDir, count);
    await followUp(dataDir);
    const profiles = loadPreparedRuleSet(SHIPPED_RULES_DIR).ruleSet.payers;
    const store = await openClaimStore(dataDir);
    try {
      const first = performance.now();
      const all = await worklist(store, profiles, { sort: 'money' });
      const firstMs = performance.now() - first;
      if (all.total !== count) throw new Error(`listed ${all.total} claims of ${count}`);
      const bests: string[] = [];
      let slowest = 0;
      for (const [name, query] of QUERIES) {
        let best = Infinity;
        let total = 0;
        for (let pass = -1; pass < PASSES; pass++) {
          const started = performance.now();
          total = (await worklist(store, profiles, { ...query, limit: 50 })).total;
          if (pass >= 0) best = Math.min(best, performance.now() - started);
        }
        slowest = Math.max(slowest, best);
        bests.push(`${name} ${best.toFixed(0)} ms (${total.toLocaleString('en-US')})`);
      }
      log(`worklist of ${count.toLocaleString('en-US')} stored claims, a page of 50: ${bests.join('; ')}; first listing after opening ${(firstMs / 1000).toFixed(1)} s`);
      return { worklistMs: Math.round(slowest), worklistFirstMs: Math.round(firstMs), worklistClaims: count };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { claims: { type: 'string', default: String(DEFAULT_CLAIMS) } } });
  console.log(JSON.stringify(await measureWorklist({ claims: Number(values.claims) })));
}
