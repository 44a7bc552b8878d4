/**
 * `scrubjay export-837 CLAIMS.json [--out FILE]` through the real command: the claims as one
 * 837P interchange that `scrubjay check` reads back as the same claims, and a refusal that
 * names the file, the claim and the field when a value cannot be written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { runCli } from '../support/cli.js';
import { tempDir, writeIn } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'claims.json');
const examples = JSON.parse(readFileSync(EXAMPLES, 'utf8')) as Array<Record<string, any>>;

describe('scrubjay export-837', () => {
  it('writes the claims of a JSON array as an 837P on standard output that reads back as the same claims', async () => {
    const run = await runCli(['export-837', EXAMPLES, '--sender-id', 'HILLCOUNTRY', '--receiver-id', 'CLEARHOUSE01']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.slice(0, 106)).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*HILLCOUNTRY {4}\*ZZ\*CLEARHOUSE01 {3}\*\d{6}\*\d{4}\*\^\*00501\*000000001\*0\*P\*:~$/);
    const read = readX12Text(run.stdout, 'out.837');
    expect(read.flatMap((r) => r.problems)).toEqual([]);
    expect(read.map((r) => r.claim?.claimId)).toEqual(['C-1001', 'C-1002', 'C-1003']);
    expect(read[2]?.claim?.patient).toMatchObject({ relationship: 'child', firstName: 'Mia', lastName: 'Lee' });
  });

  it('writes one claim object to --out, and scrubjay check reads that file', async () => {
    const dir = tempDir('scrubjay-export-');
    const one = writeIn(dir, 'one.json', JSON.stringify({ ...examples[0], frequency: '7', originalClaimId: 'PAYER-1' }));
    const out = join(dir, 'one.837');
    const run = await runCli(['export-837', one, '--out', out, '--test']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`scrubjay: 1 claim written to ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('CLM*C-1001*125***11:B:7*Y*A*Y*Y~\nREF*F8*PAYER-1~\n');
    expect(text.slice(0, 106).endsWith('*T*:~')).toBe(true);
    const check = await runCli(['check', out, '--format', 'json', '--as-of', '2026-11-27', '--data', join(dir, 'data'), '--no-progress']);
    expect((JSON.parse(check.stdout) as Array<{ claimId: string }>).map((r) => r.claimId)).toEqual(['C-1001']);
  });

  it('refuses a value holding a separator with exit 2, naming the file, the claim and the field, and writes nothing', async () => {
    const dir = tempDir('scrubjay-export-');
    const bad = writeIn(dir, 'bad.json', JSON.stringify([examples[0], { ...examples[1], billingProvider: { ...examples[1]!.billingProvider, name: 'Smith~Jones Clinic' } }]));
    const out = join(dir, 'bad.837');
    const run = await runCli(['export-837', bad, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `scrubjay: error SJ_X12_UNWRITABLE_VALUE: ${bad}: claim 2 ("C-1002"): billingProvider.name "Smith~Jones Clinic" holds "~", which this interchange uses as a separator; it cannot be written into an 837`,
    );
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });

  it('exits 2 naming the line and column of a file that is not JSON, and the claim that is not a claim', async () => {
    const dir = tempDir('scrubjay-export-');
    const broken = writeIn(dir, 'broken.json', '[\n  {"claimId": "C-1",\n');
    const notJson = await runCli(['export-837', broken]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(new RegExp(`SJ_INPUT_NOT_JSON: ${broken.replace(/[.\\/]/g, '\\$&')}:3:1`));
    const notClaim = await runCli(['export-837', writeIn(dir, 'nolines.json', '[{"claimId": "C-1"}]')]);
    expect(notClaim.code).toBe(2);
    expect(notClaim.stderr).toContain('SJ_INPUT_NOT_A_CLAIM');
    expect(notClaim.stderr).toContain('claim 1 has no "lines" array');
  });
});
