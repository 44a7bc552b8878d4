import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJreScrubber, type JreScrubber } from '../../src/engine/jre.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { mutatedClaim, randomClaim, realisticClaim } from '../support/arbitraries.js';
import { resultSchema } from '../support/contract.js';
import { RULES_DIR } from '../support/paths.js';

const AS_OF = '2026-11-27';
let prepared: PreparedRuleSet;
let jre: JreScrubber;

beforeAll(() => {
  prepared = loadPreparedRuleSet(RULES_DIR);
  jre = createJreScrubber(prepared);
});

describe('the compiled fast path and json-rules-engine agree', () => {
  it('on realistic claims, clean and defective', async () => {
    await fc.assert(
      fc.asyncProperty(realisticClaim, async (claim) => {
        expect(scrubClaim(claim, prepared, { asOf: AS_OF })).toEqual(await jre.scrub(claim, { asOf: AS_OF }));
      }),
      { numRuns: 1000 },
    );
  });

  it('on claims with hostile values', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedClaim, async (claim) => {
        expect(scrubClaim(claim, prepared, { asOf: AS_OF })).toEqual(await jre.scrub(claim, { asOf: AS_OF }));
      }),
      { numRuns: 1500 },
    );
  });

  it('on random JSON around a lines array', async () => {
    await fc.assert(
      fc.asyncProperty(randomClaim, async (claim) => {
        expect(scrubClaim(claim, prepared, { asOf: AS_OF })).toEqual(await jre.scrub(claim, { asOf: AS_OF }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('any claim-shaped input gets a contract result, never an exception', () => {
  it('holds for 10,000 mutated and random claims', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedClaim, randomClaim), (claim) => {
        const result = scrubClaim(claim, prepared, { asOf: AS_OF });
        expect(resultSchema.safeParse(result).success).toBe(true);
        expect(() => JSON.stringify(result)).not.toThrow();
      }),
      { numRuns: 10_000 },
    );
  });
});
