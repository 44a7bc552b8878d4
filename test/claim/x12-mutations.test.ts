/**
 * Mutated public X12 examples (segments dropped, duplicated or swapped, the file cut short, random
 * bytes inserted) never make the reader throw anything but a ScrubjayError, never hang,
 * and read the same whether the bytes arrive at once or in chunks of any size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readX12Claims, readX12Text, X12_PROBLEMS } from '../../src/claim/x12/index.js';
import { decodeBuffer } from '../../src/claim/x12/decode.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { generateClaims } from '../support/claim-generator.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { write837 } from '../support/x12-writer.js';

const X12 = join(FIXTURES_DIR, 'x12');
const SEEDS = [
  'stupidedi/837P-X222A1/commercial-health-insurance.edi',
  'stupidedi/837P-X222A1/home-infusion-therapy-pharmacy-adjudicated-with-NDC-in-loop-2410.edi',
  'stupidedi/837P-X222A1/COB-claim-from-billing-provider-to-payer-b.edi',
  'stupidedi/837P-X222-case/1.edi',
  'stupidedi/837I-X223A2/two-claims-for-the-same-provider.edi',
  'imsweb-x12-parser/837-5010/x12_multiple_isa.txt',
  'imsweb-x12-parser/837-5010/x12_valid_different_separators.txt',
  'oopfactory-X12Parser/837P-5010/Example1_2_And_3_Combined.txt',
  'oopfactory-X12Parser/837P-5010/UnicodeExample.txt',
  'oopfactory-X12Parser/837P-4010/Cms1500Test.txt',
].map((name) => readFileSync(join(X12, name)));
SEEDS.push(Buffer.from(write837(generateClaims(40, 9))));

type Outcome = { claims: ClaimFromFile[]; error: ScrubjayError | null };

/** Segment boundaries of a seed: split after each `~` or line break, keeping them. */
function pieces(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x7e || bytes[i] === 0x0a || bytes[i] === 0x5f) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let bytes = seed;
  for (const m of mutations) {
    const segments = pieces(bytes);
    if (segments.length === 0 && m.kind !== 'insert') continue;
    const at = segments.length === 0 ? 0 : m.at % segments.length;
    switch (m.kind) {
      case 'drop':
        segments.splice(at, m.count);
        bytes = Buffer.concat(segments);
        break;
      case 'duplicate':
        segments.splice(at, 0, ...segments.slice(at, at + m.count));
        bytes = Buffer.concat(segments);
        break;
      case 'swap': {
        const other = segments.length === 0 ? 0 : m.other % segments.length;
        [segments[at], segments[other]] = [segments[other] as Buffer, segments[at] as Buffer];
        bytes = Buffer.concat(segments);
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, m.at % (bytes.length + 1));
        break;
      case 'insert': {
        const offset = m.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, offset), Buffer.from(m.bytes), bytes.subarray(offset)]);
        break;
      }
    }
  }
  return bytes;
}

function readWhole(bytes: Buffer): Outcome {
  try {
    return { claims: readX12Text(decodeBuffer(bytes), 'mutated.837'), error: null };
  } catch (error) {
    if (error instanceof ScrubjayError) return { claims: [], error };
    throw error;
  }
}

async function readChunked(bytes: Buffer, size: number): Promise<Outcome> {
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const claims: ClaimFromFile[] = [];
  try {
    for await (const claim of readX12Claims(chunks(), 'mutated.837')) claims.push(claim);
    return { claims, error: null };
  } catch (error) {
    if (error instanceof ScrubjayError) return { claims, error };
    throw error;
  }
}

/** What a consumer relies on in every record, whatever the input. */
function checkRecords(claims: ClaimFromFile[]): void {
  claims.forEach((record, index) => {
    expect(record.index).toBe(index);
    expect(record.format).toBe('x12');
    if (record.claim !== null) {
      expect(Array.isArray(record.claim.lines)).toBe(true);
      expect(record.claim.type).toBe('professional');
    } else {
      expect(record.problems.some((p) => p.severity === 'error')).toBe(true);
    }
    for (const p of record.problems) {
      expect(Object.keys(X12_PROBLEMS)).toContain(p.code);
      expect(['error', 'warning']).toContain(p.severity);
      expect(p.message.length).toBeGreaterThan(0);
    }
    for (const path of ['claimId', 'lines[0].procedureCode', 'lines[9].units', 'diagnoses[3]', 'patient.address.zip', 'x.y[', '']) {
      const where = record.locate?.(path);
      if (where !== undefined) expect(where).toMatch(/segment \d+$/);
    }
  });
}

const comparable = (claims: ClaimFromFile[]) => claims.map((c) => ({ index: c.index, claim: c.claim, problems: c.problems }));

describe('mutated X12 files', () => {
  it('never throw anything but a ScrubjayError, and read alike whole or in chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 300 }), async (seedIndex, mutations, chunkSize) => {
        const bytes = mutate(SEEDS[seedIndex] as Buffer, mutations);
        const whole = readWhole(bytes);
        const chunked = await readChunked(bytes, chunkSize);
        checkRecords(whole.claims);
        checkRecords(chunked.claims);
        expect(chunked.error?.message).toBe(whole.error?.message);
        if (whole.error === null) expect(comparable(chunked.claims)).toEqual(comparable(whole.claims));
        else expect(whole.error.message).toMatch(/^mutated\.837: .*segment \d+ \(counting ISA as segment 1\)|^mutated\.837: not an X12 interchange/);
      }),
      { numRuns: Number(process.env.X12_FUZZ_RUNS ?? 400) },
    );
  });

  it('random text, random bytes and separator-only files are refused or read, never crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
          fc.string({ maxLength: 300 }).map((s) => Buffer.from(`ISA*00*${s}`)),
          fc.string({ unit: fc.constantFrom('*', ':', '~', '^', '\n', 'ISA', 'SE', 'HL', 'CLM', 'LX', 'SV1', '0', 'A'), maxLength: 400 }).map((s) => Buffer.from(s)),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunkSize) => {
          const whole = readWhole(bytes);
          const chunked = await readChunked(bytes, chunkSize);
          checkRecords(whole.claims);
          expect(chunked.error?.message).toBe(whole.error?.message);
        },
      ),
      { numRuns: Number(process.env.X12_FUZZ_RUNS ?? 400) },
    );
  });
});
