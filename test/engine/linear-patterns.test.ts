import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClaim } from '../../src/ruleset/test-runner.js';
import { loadRuleSet } from '../../src/rules/load.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import { writeIn } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { REPO_ROOT } from '../support/paths.js';

const SCRUBBER = join(REPO_ROOT, 'test', 'engine', 'fixtures', 'scrub-with-both.ts');
/** Far beyond what the scrub takes; only there so a backtracking pattern fails the test instead of hanging it. */
const HANG_WATCHDOG_MS = 60_000;

const NESTED_REPETITION_RULE = `id: claim-id-only-letter-a
title: Claim number is made of the letter a only
category: missing-information
severity: warning
scope: claim
description: A claim number of nothing but the letter a is a placeholder left in by a test system.
references:
  - title: ASC X12 837P 005010X222A1, CLM01 Patient Control Number
conditions:
  all:
    - { fact: claim, path: $.claimId, operator: matches, value: "^(a+)+$" }
field: claimId
message: The claim number {{claim.claimId}} is a placeholder.
explanation: Claim numbers made of one repeated letter come from test systems, not from a practice.
fix: Use the claim number your practice management system gave the claim.
tests:
  - name: placeholder number
    claim: { claimId: aaaa }
    expect: fire
  - name: real number
    expect: pass
`;

interface BothResults {
  fast: ScrubResult;
  jre: ScrubResult;
}

function scrubInChild(rulesDir: string, claimsFile: string, asOf: string): Promise<BothResults[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRUBBER, rulesDir, claimsFile, asOf], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), HANG_WATCHDOG_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (code === 0) resolve(JSON.parse(stdout) as BothResults[]);
      else reject(new Error(signal === 'SIGKILL' ? `the scrub did not finish within ${HANG_WATCHDOG_MS} ms` : `the scrub failed (${code}): ${stderr}`));
    });
  });
}

describe('rule patterns run in time proportional to the text', () => {
  it('scrubs a claim whose number makes ^(a+)+$ backtrack, with the same answer on both evaluators', async () => {
    const rulesDir = copyOfShippedRules();
    writeIn(join(rulesDir, 'missing-information'), 'claim-id-placeholder.yaml', NESTED_REPETITION_RULE);
    const { ruleSet, problems } = loadRuleSet(rulesDir);
    expect(problems).toEqual([]);
    const near = testClaim(ruleSet!, { name: 'near miss', expect: 'pass', claim: { claimId: `${'a'.repeat(50)}!` } });
    const hit = testClaim(ruleSet!, { name: 'placeholder', expect: 'fire', claim: { claimId: 'a'.repeat(50) } });
    const claimsFile = writeIn(join(rulesDir, '..'), 'claims.json', JSON.stringify([near.claim, hit.claim]));

    const [nearResult, hitResult] = await scrubInChild(rulesDir, claimsFile, near.asOf);

    expect(nearResult!.fast).toEqual(nearResult!.jre);
    expect(nearResult!.fast.findings.map((f) => f.ruleId)).not.toContain('claim-id-only-letter-a');
    expect(hitResult!.fast).toEqual(hitResult!.jre);
    expect(hitResult!.fast.findings.filter((f) => f.ruleId === 'claim-id-only-letter-a').map((f) => f.message)).toEqual([`The claim number ${'a'.repeat(50)} is a placeholder.`]);
  }, HANG_WATCHDOG_MS + 30_000);
});
