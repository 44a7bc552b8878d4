/**
 * Writes a realistic 837P (005010X222A1) file of generated claims — the claims of
 * `test/support/claim-generator.ts` (1–6 lines, about half with the defects billers make),
 * with several visits of one patient in a row, written by `test/support/x12-writer.ts`
 * as a practice management system exports them. The same seed always writes the same file.
 *
 *   node --import tsx bench/generate-837.ts --out big.837 [--claims 1000000] [--seed 1]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateClaim, seededRng } from '../test/support/claim-generator.js';
import { DEFAULT_CLAIMS_PER_TRANSACTION, x12Interchange, type X12WriteOptions } from '../test/support/x12-writer.js';

type Json = Record<string, any>;

export const DEFAULT_CLAIMS = 1_000_000;

/**
 * The claims of a generated file in file order: exactly `generateClaims(count, seed)`, except
 * that runs of up to four visits of one patient share the first visit's subscriber, patient,
 * payer and billing provider (a run only continues while the patient's sex is the same, so
 * a run adds no sex-specific defects of its own).
 */
export function* generate837Claims(count: number, seed = 1): Generator<Json> {
  const rng = seededRng(seed);
  const runs = seededRng(seed ^ 0x5bd1e995);
  let head: Json | undefined;
  let left = 0;
  for (let n = 1; n <= count; n++) {
    const claim = generateClaim(rng, n) as Json;
    if (head !== undefined && left > 0 && patientSex(head) === patientSex(claim)) {
      claim.subscriber = head.subscriber;
      claim.patient = head.patient;
      claim.payer = head.payer;
      claim.billingProvider = head.billingProvider;
      left--;
    } else {
      head = claim;
      left = Math.floor(runs() * 4);
    }
    yield claim;
  }
}

function patientSex(claim: Json): unknown {
  return claim.patient?.relationship === 'self' ? claim.subscriber?.sex : claim.patient?.sex;
}

/** Writes a generated 837P file; answers its size. */
export function write837File(path: string, count: number, seed = 1, options: X12WriteOptions = {}): { claims: number; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const piece of x12Interchange(generate837Claims(count, seed), options)) bytes += writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  return { claims: count, bytes };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      claims: { type: 'string', default: String(DEFAULT_CLAIMS) },
      seed: { type: 'string', default: '1' },
      'per-transaction': { type: 'string', default: String(DEFAULT_CLAIMS_PER_TRANSACTION) },
    },
  });
  const count = Number(values.claims);
  const seed = Number(values.seed);
  const perTransaction = Number(values['per-transaction']);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !Number.isInteger(perTransaction) || perTransaction < 1) {
    console.error('usage: node --import tsx bench/generate-837.ts --out FILE [--claims N] [--seed S] [--per-transaction N]');
    process.exit(2);
  }
  const started = performance.now();
  const { bytes } = write837File(values.out, count, seed, { claimsPerTransaction: perTransaction });
  console.log(`${values.out}: ${count.toLocaleString('en-US')} claims, ${(bytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
