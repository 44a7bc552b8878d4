/**
 * `scrubjay check --history --data DIR` checks a file's claims against the patients'
 * earlier claims kept in the data folder's store, as the service does: the journal is read
 * as a file, so it works beside a running server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClaimInput } from '../../src/contract/claim.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { openClaimStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { tempDir, writeIn } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';

const BASE = parse(readFileSync(join(RULES_DIR, 'base-claim.yaml'), 'utf8')) as ClaimInput;
const line = (BASE.lines as Array<Record<string, unknown>>)[0]!;
const visit = (claimId: string, procedureCode: string, serviceDate: string): ClaimInput => ({ ...BASE, claimId, submissionDate: '2026-03-02', lines: [{ ...line, procedureCode, serviceDate }] });

describe('check --history', () => {
  it("finds a second initial wellness visit and a duplicate of a stored claim; without --history it cannot", async () => {
    const dataDir = tempDir();
    const store = await openClaimStore(dataDir);
    const prepared = loadPreparedRuleSet(RULES_DIR);
    for (const claim of [visit('OLD-1', 'G0438', '2024-05-06'), visit('OLD-2', '99213', '2026-02-20')]) {
      await store.recordScrub({ claim, result: scrubClaim(claim, prepared, { asOf: '2026-03-02' }), origin: 'rest', by: { username: 'avery', role: 'biller', address: '127.0.0.1' } });
    }
    await store.close();
    const file = writeIn(tempDir(), 'claims.json', JSON.stringify([visit('NEW-1', 'G0438', '2026-02-20'), visit('NEW-2', '99213', '2026-02-20')]));

    const withHistory = await runCli(['check', file, '--format', 'json', '--as-of', '2026-03-02', '--history', '--data', dataDir, '--no-progress']);
    const results = JSON.parse(withHistory.stdout) as Array<{ claimId: string; findings: Array<{ ruleId: string; carc: string | null; message: string }> }>;
    const rulesOf = (id: string) => results.find((r) => r.claimId === id)!.findings.map((f) => `${f.ruleId} ${f.carc ?? ''}`);
    expect(rulesOf('NEW-1')).toContain('preventive-visit-once-per-lifetime 149');
    expect(rulesOf('NEW-2')).toContain('service-billed-on-earlier-claim 18');
    expect(withHistory.stderr).toContain('2 stored claims');

    const without = await runCli(['check', file, '--format', 'json', '--as-of', '2026-03-02', '--data', dataDir, '--no-progress']);
    const plain = JSON.parse(without.stdout) as Array<{ findings: Array<{ ruleId: string }> }>;
    expect(plain.flatMap((r) => r.findings.map((f) => f.ruleId))).not.toContain('service-billed-on-earlier-claim');
  });

  it('says clearly when the data folder has no store', async () => {
    const file = writeIn(tempDir(), 'claims.json', JSON.stringify(visit('NEW-1', 'G0438', '2026-02-20')));
    const run = await runCli(['check', file, '--history', '--data', tempDir(), '--no-progress']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SJ_ARGUMENT_INVALID.*--history needs the claim store/);
  });
});
