/**
 * The 837 batch benchmark: writes a generated 837P file (a million claims unless told
 * otherwise) and scrubs it with the real command, `scrubjay check big.837 --format json
 * --out results.ndjson`, in a process of its own, measuring wall time and that process's
 * peak resident memory. Run with the rest by `npm run bench`, or alone:
 *
 *   node --import tsx bench/x12.ts [--claims N]     (imports the corpus tables itself)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BatchSummary } from '../src/batch/summary.js';
import { importCorpusTables } from '../test/corpus/corpus-tables.js';
import { REPO_ROOT } from '../test/support/paths.js';
import { write837File } from './generate-837.js';

export const DEFAULT_X12_CLAIMS = 1_000_000;
const SEED = 20261127;
const AS_OF = '2026-11-27';

export interface X12Figures {
  claims: number;
  fileMB: number;
  seconds: number;
  rejected: number;
  tablesLoaded: boolean;
  x12ClaimsPerSec: number;
  x12PeakRssMB: number;
}

/**
 * Peak RSS is the child's own high-water mark (VmHWM), written as it exits: polling from
 * outside could miss a peak between two looks. getrusage's maxRSS would not do: Linux
 * carries it over from the parent through fork and exec, so the child would report the
 * benchmark's own size. The reporter is loaded with `--import`, so the command runs exactly
 * as a user runs it.
 */
const PEAK_RSS_REPORTER =
  'data:text/javascript,' +
  encodeURIComponent(
    'import{readFileSync,writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.SCRUBJAY_BENCH_PEAK_RSS_FILE;' +
      'if(f)writeFileSync(f,/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1])});',
  );

/** Generates the file into a temporary folder and scrubs it with the tables in `dataDir`. */
export async function measureX12(dataDir: string, claims = DEFAULT_X12_CLAIMS): Promise<X12Figures> {
  const work = mkdtempSync(join(tmpdir(), 'scrubjay-bench-x12-'));
  try {
    const input = join(work, 'big.837');
    const { bytes } = write837File(input, claims, SEED);
    const rssFile = join(work, 'peak-rss');
    const out = join(work, 'results.ndjson');
    const args = ['--import', PEAK_RSS_REPORTER, join(REPO_ROOT, 'bin', 'scrubjay.js'), 'check', input, '--format', 'json', '--out', out, '--data', dataDir, '--as-of', AS_OF, '--no-progress'];
    const started = performance.now();
    const run = await runChild(args, { ...process.env, SCRUBJAY_BENCH_PEAK_RSS_FILE: rssFile });
    const seconds = (performance.now() - started) / 1000;
    if (run.code !== 0 && run.code !== 1) throw new Error(`scrubjay check exited ${run.code}: ${run.stderr}`);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as BatchSummary;
    if (summary.claims !== claims) throw new Error(`scrubjay check reported ${summary.claims} claims of ${claims}`);
    if (statSync(out).size === 0) throw new Error('scrubjay check wrote no results');
    const tablesLoaded = readdirSync(dataDir).length > 0;
    return {
      claims,
      fileMB: Math.round(bytes / 2 ** 20),
      seconds: Math.round(seconds * 10) / 10,
      rejected: summary.rejected,
      tablesLoaded,
      x12ClaimsPerSec: Math.round(claims / seconds),
      x12PeakRssMB: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { claims: { type: 'string', default: String(DEFAULT_X12_CLAIMS) } } });
  const claims = Number(values.claims);
  if (!Number.isInteger(claims) || claims < 1) {
    console.error('usage: node --import tsx bench/x12.ts [--claims N]');
    process.exit(2);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-'));
  try {
    await importCorpusTables(dataDir);
    const figures = await measureX12(dataDir, claims);
    console.log(`${figures.claims} claims (${figures.fileMB} MB): ${figures.seconds} s, ${figures.x12ClaimsPerSec} claims/s, peak RSS ${figures.x12PeakRssMB} MB, ${figures.rejected} rejected`);
    console.log(JSON.stringify({ x12ClaimsPerSec: figures.x12ClaimsPerSec, x12PeakRssMB: figures.x12PeakRssMB }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
