import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJreScrubber, type JreScrubber } from '../../src/engine/jre.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { mutatedClaim, randomClaim, realisticClaim } from '../support/arbitraries.js';
import { resultSchema } from '../support/contract.js';
import { RULES_DIR } from '../support/paths.js';
import { importFixtureTables } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { datedClaim, LINE_DATE_CLAIMS, TURNS_18, TURNS_65 } from './line-date-claims.js';

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

describe('the two agree on claims whose lines straddle October 1 or a birthday, with the official tables loaded', () => {
  let reference: ReferenceData;
  beforeAll(async () => {
    const dir = tempDir();
    await importFixtureTables(dir);
    reference = openReferenceData(dir);
  }, 120_000);

  it('on each of the boundary claims', async () => {
    for (const [name, claim] of Object.entries(LINE_DATE_CLAIMS)) {
      const fast = scrubClaim(claim, prepared, { asOf: AS_OF, reference });
      expect(await jre.scrub(claim, { asOf: AS_OF, reference }), name).toEqual(fast);
    }
  });

  // codes whose verdict changes on October 1 (deleted, added, made a header) or with age, on lines around both dates
  const codes = fc.constantFrom('S30.1XXA', 'B88.01', 'B88.0', 'A48.51', 'O80', 'E11.9', 'I10', 'E11', 'Z00.00');
  const dates = fc.constantFrom('2025-09-29', '2025-09-30', '2025-10-01', '2025-10-02', 'not a date');
  const straddling: fc.Arbitrary<ClaimInput> = fc
    .record({
      diagnoses: fc.array(codes, { minLength: 1, maxLength: 4 }),
      lines: fc.array(fc.record({ date: dates, pointers: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 }), code: fc.constantFrom('99213', '99394', '99396', '36415') }), { minLength: 1, maxLength: 6 }),
      person: fc.constantFrom({}, TURNS_18, TURNS_65, { ...TURNS_65, sex: 'M' }),
    })
    .map(({ diagnoses, lines, person }) => datedClaim(diagnoses, lines, person));

  it('on generated claims over those dates, codes and birthdays', async () => {
    await fc.assert(
      fc.asyncProperty(straddling, async (claim) => {
        expect(await jre.scrub(claim, { asOf: AS_OF, reference })).toEqual(scrubClaim(claim, prepared, { asOf: AS_OF, reference }));
      }),
      { numRuns: 300 },
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
