import { describe, expect, it } from 'vitest';
import { createJreScrubber } from '../../src/engine/jre.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { generateClaims } from '../support/claim-generator.js';
import { RULES_DIR } from '../support/paths.js';

describe('concurrent scrubs', () => {
  it('give json-rules-engine the same results as one at a time, and as the fast path', async () => {
    const prepared = loadPreparedRuleSet(RULES_DIR);
    const jre = createJreScrubber(prepared);
    const claims = generateClaims(200, 7);
    const asOf = '2026-11-27';
    const sequential = [];
    for (const claim of claims) sequential.push(await jre.scrub(claim, { asOf }));
    const concurrent = await Promise.all(claims.map((claim) => jre.scrub(claim, { asOf })));
    expect(concurrent).toEqual(sequential);
    expect(claims.map((claim) => scrubClaim(claim, prepared, { asOf }))).toEqual(sequential);
    // the generated mix must actually exercise the rules
    expect(sequential.filter((r) => r.status === 'reject').length).toBeGreaterThan(20);
    expect(sequential.filter((r) => r.status === 'clean').length).toBeGreaterThan(20);
  });
});
