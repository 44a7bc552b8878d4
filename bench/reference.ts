import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTable, openReferenceData } from '../src/reference/index.js';
import { CORPUS_FILES } from '../test/corpus/corpus-tables.js';

export interface PtpFigures {
  /** Import of the PTP file into an empty data folder. */
  importPtpMs: number;
  /** First lookup in a fresh process, which reads the table from disk. */
  ptpLoadMs: number;
  /** Resident memory the loaded table adds to that process. */
  ptpRssMB: number;
}

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(HERE), '..');
const CHILD_FLAG = '--ptp-load-child';

/**
 * Imports `file` as ncci-ptp into `dataDir`, then loads it in a child process, so that the
 * memory figure is that process's own RSS before and after, untouched by the import's garbage.
 */
export async function measurePtp(dataDir: string, file: string, options: { effective?: string } = {}): Promise<PtpFigures> {
  const started = performance.now();
  const version = await importTable(dataDir, 'ncci-ptp', file, options);
  const importPtpMs = performance.now() - started;
  // run as compiled JavaScript (npm run bench) or straight from TypeScript under tsx
  const loader = HERE.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawnSync(process.execPath, ['--expose-gc', ...loader, HERE, CHILD_FLAG, dataDir, version.effective], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`PTP load measurement failed: ${child.stderr || child.stdout}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  const { loadMs, rssMB } = JSON.parse(last) as { loadMs: number; rssMB: number };
  return { importPtpMs: Math.round(importPtpMs), ptpLoadMs: Math.round(loadMs * 10) / 10, ptpRssMB: Math.round(rssMB * 10) / 10 };
}

function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

function childMain(dataDir: string, date: string): void {
  const data = openReferenceData(dataDir);
  data.loaded('ncci-ptp');
  const before = settledRss();
  const started = performance.now();
  const ptp = data.ptp(date);
  ptp?.table.get('11042', '0213T');
  const loadMs = performance.now() - started;
  const after = settledRss();
  if (ptp === undefined) throw new Error('no PTP table loaded');
  process.stdout.write(`${JSON.stringify({ loadMs, rssMB: (after - before) / 2 ** 20 })}\n`);
}

async function main(args: string[]): Promise<void> {
  if (args[0] === CHILD_FLAG) {
    childMain(args[1] ?? '', args[2] ?? '');
    return;
  }
  const file = args[0] ?? CORPUS_FILES.ptpFull;
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-'));
  try {
    const figures = await measurePtp(dataDir, file);
    console.log(`PTP import ${figures.importPtpMs} ms, load ${figures.ptpLoadMs} ms, +${figures.ptpRssMB} MB RSS`);
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === HERE) {
  await main(process.argv.slice(2));
}
