/**
 * Throughput of the X12 837P reader alone: realistic generated claims (1–6 lines, about
 * half with defects) written as one 837P interchange, read back through `readX12Claims`
 * from 64 KiB chunks as a file stream delivers them, on one core. Best of several passes.
 *
 * Standalone: `node --import tsx bench/x12-reader.ts [--claims N]`.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readX12Claims } from '../src/claim/x12/index.js';
import { generateClaims } from '../test/support/claim-generator.js';
import { write837 } from '../test/support/x12-writer.js';

export interface X12ReaderFigures {
  /** claims read per second of wall time, best pass */
  x12ReaderClaimsPerSec: number;
  /** claims read per second of the process's CPU time, best pass: the one-core figure, steady when neighbours load the machine */
  x12ReaderClaimsPerCpuSec: number;
  /** megabytes of X12 text read per second, best pass */
  x12ReaderMBPerSec: number;
  claims: number;
  bytes: number;
}

const CHUNK = 64 * 1024;

async function* chunks(buffer: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < buffer.length; at += CHUNK) yield buffer.subarray(at, at + CHUNK);
}

export async function measureX12Reader(claimCount = 200_000, passes = 5, seed = 20261127): Promise<X12ReaderFigures> {
  const claims = generateClaims(claimCount, seed);
  // one practice sends one file: a single billing provider over many subscribers
  const billing = claims[0]?.billingProvider;
  for (const claim of claims) claim.billingProvider = billing;
  const buffer = Buffer.from(write837(claims), 'utf8');
  let best = Infinity;
  let bestCpu = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let read = 0;
    for await (const claim of readX12Claims(chunks(buffer), 'bench.837')) if (claim.claim !== null) read++;
    const used = process.cpuUsage(cpu);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (read !== claimCount) throw new Error(`read ${read} claims of ${claimCount}`);
    best = Math.min(best, seconds);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
  }
  return {
    x12ReaderClaimsPerSec: Math.round(claimCount / best),
    x12ReaderClaimsPerCpuSec: Math.round(claimCount / bestCpu),
    x12ReaderMBPerSec: Math.round((buffer.length / 1e6 / best) * 10) / 10,
    claims: claimCount,
    bytes: buffer.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { claims: { type: 'string', default: '200000' } } });
  const figures = await measureX12Reader(Number(values.claims));
  console.log(`X12 reader: ${figures.x12ReaderClaimsPerSec.toLocaleString('en-US')} claims/s (${figures.x12ReaderClaimsPerCpuSec.toLocaleString('en-US')} per CPU second), ${figures.x12ReaderMBPerSec} MB/s (${figures.claims.toLocaleString('en-US')} claims, ${(figures.bytes / 1e6).toFixed(1)} MB)`);
  console.log(JSON.stringify(figures));
}
