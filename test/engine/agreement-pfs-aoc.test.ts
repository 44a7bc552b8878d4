import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJreScrubber, type JreScrubber } from '../../src/engine/jre.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { generateClaim, seededRng } from '../support/claim-generator.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';
import type { ClaimInput } from '../../src/contract/claim.js';

const AS_OF = '2024-09-30';
let prepared: PreparedRuleSet;
let jre: JreScrubber;
let reference: ReferenceData;

// add-on codes of every type, their primaries, codes with 26/TC rows, codes of other status, codes of each
// bilateral, assistant, co-surgeon, team and PC/TC indicator value, and procedures with 000, 010 and 090 global days beside E/M visits
const CODES = [
  '99417', '99215', '99214', '99205', '17000', '11000', '11001', '11042', '11045', '64483', '64484', '0054T', '20701', '11043', '71046', '93010', '27447', '99213', 'A4262', '45380',
  '69210', '70130', '19081', '22551', '22836', '93000', '93005', '97110', '83020', 'G0102',
];
const MODIFIERS = ['26', 'TC', '53', '50', 'RT', 'LT', '59', '80', 'AS', '62', '66', '25', '57'];

/** A generated claim whose lines carry the codes of the two tables, on one or two dates, for Medicare or another payer. */
const claimOnTheTables: fc.Arbitrary<ClaimInput> = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    lines: fc.array(fc.record({ code: fc.constantFrom(...CODES), modifier: fc.option(fc.constantFrom(...MODIFIERS)), day: fc.constantFrom('2024-09-03', '2024-09-04') }), { minLength: 1, maxLength: 5 }),
    medicare: fc.boolean(),
  })
  .map(({ seed, lines, medicare }) => {
    const claim = generateClaim(seededRng(seed), seed) as Record<string, unknown>;
    const base = ((claim.lines as Array<Record<string, unknown>>)[0] ?? {}) as Record<string, unknown>;
    claim.lines = lines.map((l) => ({ ...base, procedureCode: l.code, modifiers: l.modifier === null ? [] : [l.modifier], serviceDate: l.day, serviceDateEnd: null }));
    claim.payer = medicare ? { id: '00431', name: 'Medicare Part B', kind: 'medicare' } : { id: '60054', name: 'Aetna', kind: 'commercial' };
    return claim as ClaimInput;
  });

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'pfs', FIXTURE_FILES.pprrvu);
  await importTable(dir, 'ncci-aoc', FIXTURE_FILES.aoc, { effective: '2024-07-01' });
  reference = openReferenceData(dir);
  prepared = loadPreparedRuleSet(RULES_DIR);
  jre = createJreScrubber(prepared);
});

describe('with the PFS and add-on code tables loaded, the fast path and json-rules-engine agree', () => {
  it('on claims built from the tables\' codes', async () => {
    let fired = 0;
    let status = 0;
    let indicators = 0;
    let global = 0;
    await fc.assert(
      fc.asyncProperty(claimOnTheTables, async (claim) => {
        const fast = scrubClaim(claim, prepared, { asOf: AS_OF, reference });
        expect(fast).toEqual(await jre.scrub(claim, { asOf: AS_OF, reference }));
        if (fast.findings.some((f) => f.ruleId.startsWith('add-on-code-'))) fired++;
        if (fast.findings.some((f) => f.ruleId.startsWith('pfs-status-'))) status++;
        if (fast.findings.some((f) => /^pfs-(bilateral|assistant|co-surgeons|team|pctc)-/.test(f.ruleId))) indicators++;
        if (fast.findings.some((f) => f.ruleId.startsWith('em-'))) global++;
      }),
      // a fixed seed: the counts below are checked on the same 400 claims every run
      { numRuns: 400, seed: 20261208 },
    );
    // the property is only worth something if the add-on rules fired on a good share of the claims
    expect(fired).toBeGreaterThan(40);
    expect(status).toBeGreaterThan(40);
    expect(indicators).toBeGreaterThan(40);
    expect(global).toBeGreaterThan(8);
  });
});
