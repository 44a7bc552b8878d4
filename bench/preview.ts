/**
 * The rule workbench's impact preview over a full history: 5,000 stored scrubs of generated
 * claims, read back from the store's files (the store is reopened first, so nothing is in
 * memory but what the operating system caches) and scrubbed with the shipped rules and with
 * a draft that shortens Aetna's filing limit from 90 to 30 days.
 *   - previewMs: the whole preview, best of a few runs
 *   - previewMaxPauseMs: the longest the event loop was held up meanwhile (what a request
 *     arriving during a preview waits)
 * `measurePreview` is for `npm run bench`; run this file alone for just these figures:
 * `node --import tsx bench/preview.ts [--scrubs N] [--data DIR]` (DIR: a data folder with tables).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { openReferenceData, type ReferenceData } from '../src/reference/index.js';
import { loadPreparedRuleSet } from '../src/ruleset/load-prepared.js';
import { openClaimStore } from '../src/store/index.js';
import { previewImpact, type Preview } from '../src/workbench/index.js';
import { fillHistory } from './fill-history.js';

export interface PreviewFigures {
  previewMs: number;
  previewMaxPauseMs: number;
}

export interface PreviewBenchOptions {
  /** the code tables in force (the bench's data folder with the corpus tables, or none) */
  reference: ReferenceData;
  /** stored scrubs previewed (default 5,000, the preview's default) */
  scrubs?: number;
  log?: (line: string) => void;
}

const AS_OF = '2026-11-27';
const SEED = 5000;
const RUNS = 3;

export async function measurePreview(options: PreviewBenchOptions): Promise<PreviewFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const count = options.scrubs ?? 5000;
  const { reference } = options;
  const inForce = loadPreparedRuleSet(SHIPPED_RULES_DIR);
  const work = mkdtempSync(join(tmpdir(), 'scrubjay-bench-preview-'));
  try {
    const draft = loadPreparedRuleSet(shorterAetnaLimit(join(work, 'rules')));
    const dataDir = join(work, 'data');
    await fillHistory(dataDir, count, { rules: inForce, reference, asOf: AS_OF, seed: SEED, origin: 'rest' });
    const store = await openClaimStore(dataDir);
    try {
      let best = Number.POSITIVE_INFINITY;
      let maxPause = 0;
      let last: Preview | undefined;
      for (let run = 0; run < RUNS; run++) {
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        const started = performance.now();
        last = await previewImpact({ store, inForce, draft, reference, limit: count });
        best = Math.min(best, performance.now() - started);
        delay.disable();
        maxPause = Math.max(maxPause, delay.max / 1e6);
      }
      log(
        `rule preview: ${last!.scrubs.toLocaleString('en-US')} stored scrubs with the shipped rules and a draft (Aetna's limit 90 → 30 days): ` +
          `${Math.round(best)} ms, best of ${RUNS}; ${last!.changedTotal} claims change (${last!.statusChanged} in status); longest event-loop pause ${round(maxPause)} ms`,
      );
      return { previewMs: Math.round(best), previewMaxPauseMs: round(maxPause) };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A copy of the shipped rules with Aetna's filing limit shortened; answers its folder. */
function shorterAetnaLimit(dir: string): string {
  cpSync(SHIPPED_RULES_DIR, dir, { recursive: true });
  const file = join(dir, 'payers', 'aetna.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes('period: { days: 90 }')) throw new Error(`${file} no longer says "period: { days: 90 }"; the bench's draft needs another change`);
  writeFileSync(file, text.replace('period: { days: 90 }', 'period: { days: 30 }'));
  return dir;
}

/** Stores `count` scrubs of distinct generated claims as the service would, then closes the store. */

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { scrubs: { type: 'string', default: '5000' }, data: { type: 'string' } } });
  const empty = values.data === undefined ? mkdtempSync(join(tmpdir(), 'scrubjay-bench-')) : undefined;
  try {
    console.log(JSON.stringify(await measurePreview({ reference: openReferenceData(values.data ?? empty!), scrubs: Number(values.scrubs) })));
  } finally {
    if (empty !== undefined) rmSync(empty, { recursive: true, force: true });
  }
}
