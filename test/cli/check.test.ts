import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { resultSchema } from '../support/contract.js';
import { tempDir, writeIn } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

const work = tempDir('scrubjay-cli-');
const examples = join(REPO_ROOT, 'examples', 'claims.json');
const claims = JSON.parse(readFileSync(examples, 'utf8')) as Array<Record<string, any>>;
const cleanClaim = claims[0]!;

const file = (name: string, text: string): string => writeIn(work, name, text);

const data = (): string[] => ['--data', join(work, 'data')];

describe('scrubjay check', () => {
  it('prints a biller\'s report of the shipped examples and exits 1 when a claim would be rejected', async () => {
    const run = await runCli(['check', examples, '--as-of', '2026-11-27', ...data()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/C-1001 {2}CLEAN/);
    expect(run.stdout).toMatch(/C-1002 {2}REJECT/);
    expect(run.stdout).toMatch(/C-1003 {2}WARN/);
    expect(run.stdout).toContain('CARC 29');
    expect(run.stdout).toContain('Fix: ');
    expect(run.stdout).toContain('3 claims: 1 rejected, 1 with warnings, 1 clean');
    // errors come before warnings within a claim, and no colour codes reach a pipe
    const c2 = run.stdout.slice(run.stdout.indexOf('C-1002'), run.stdout.indexOf('C-1003'));
    expect(c2.indexOf('✖ error')).toBeLessThan(c2.indexOf('ℹ info') === -1 ? Infinity : c2.indexOf('ℹ info'));
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the contract result shape with --format json', async () => {
    const run = await runCli(['check', examples, '--format', 'json', '--as-of', '2026-11-27', ...data()]);
    const results = JSON.parse(run.stdout) as unknown[];
    expect(results).toHaveLength(3);
    for (const r of results) expect(resultSchema.safeParse(r).success).toBe(true);
    const [first, second] = results as Array<{ status: string; findings: Array<{ ruleId: string; carc: string; line: number; path: string }> }>;
    expect(first!.status).toBe('clean');
    expect(second!.findings).toContainEqual(expect.objectContaining({ ruleId: 'duplicate-service-line', carc: '18', line: 3, path: 'lines[2].procedureCode' }));
    expect(second!.findings).toContainEqual(expect.objectContaining({ ruleId: 'modifier-25-on-non-em-code', carc: '4', line: 2 }));
  });

  it('exits 0 when no claim has an error, and reads one object, arrays and NDJSON alike', async () => {
    const single = file('one.json', JSON.stringify(cleanClaim));
    const ndjson = file('many.ndjson', `${JSON.stringify(cleanClaim)}\n\n${JSON.stringify({ ...cleanClaim, claimId: 'C-2' })}\n`);
    const run = await runCli(['check', single, ndjson, '--format', 'json', '--as-of', '2026-11-27', ...data()]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ claimId: string }>).map((r) => r.claimId)).toEqual(['C-1001', 'C-1001', 'C-2']);
  });

  it('uses --as-of as the filing date of a claim without a submission date', async () => {
    const claim = { ...cleanClaim, submissionDate: undefined };
    const path = file('undated.json', JSON.stringify(claim));
    const late = await runCli(['check', path, '--format', 'json', '--as-of', '2027-10-02', ...data()]);
    expect(late.code).toBe(1);
    expect(JSON.parse(late.stdout)[0].findings).toContainEqual(expect.objectContaining({ ruleId: 'timely-filing-limit-expired', carc: '29' }));
    const onTime = await runCli(['check', path, '--format', 'json', '--as-of', '2027-10-01', ...data()]);
    expect(JSON.parse(onTime.stdout)[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('timely-filing-limit-expired');
  });

  it('names the file, line and column of a JSON syntax error and exits 2', async () => {
    const path = file('broken.json', '[\n  {"claimId": "A", "lines": []},\n  {"claimId": "B" "lines": []}\n]\n');
    const run = await runCli(['check', path, ...data()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`scrubjay: error SJ_INPUT_NOT_JSON: ${path}:3:19: not valid JSON`);
    expect(run.stdout).toBe('');
  });

  it('reports a broken NDJSON record by its line, still scrubs the others, and exits 2 for the unusable record', async () => {
    const path = file('broken.ndjson', `${JSON.stringify(cleanClaim)}\n{"claimId": "X", "lines": [}\n${JSON.stringify({ ...cleanClaim, claimId: 'C-3' })}\n`);
    const run = await runCli(['check', path, '--format', 'json', '--as-of', '2026-11-27', ...data()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`error SJ_INPUT_NOT_JSON: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: not valid JSON`));
    const results = JSON.parse(run.stdout) as Array<{ claimId: string | null; status: string; findings: Array<{ ruleId: string; category: string; carc: string; message: string; location?: string }> }>;
    expect(results.map((r) => [r.claimId, r.status])).toEqual([['C-1001', 'clean'], [null, 'reject'], ['C-3', 'clean']]);
    const [broken] = results[1]!.findings;
    expect(broken).toMatchObject({ ruleId: 'json-syntax', category: 'input', carc: '16', location: expect.stringMatching(/^line 2, column \d+$/) });
    expect(broken!.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: not valid JSON`));
  });

  it('reports a value that is not a claim as unusable input (exit 2) naming it, after scrubbing the others', async () => {
    const path = file('not-claims.json', JSON.stringify([cleanClaim, { claimId: 'no lines here' }]));
    const run = await runCli(['check', path, '--format', 'json', ...data()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`scrubjay: error SJ_INPUT_NOT_A_CLAIM: ${path}: claim 2 has no "lines" array`);
    const [first, second] = JSON.parse(run.stdout) as Array<{ status: string; findings: Array<{ ruleId: string; message: string; severity: string }> }>;
    expect(first!.findings.map((f) => f.ruleId)).not.toContain('json-not-a-claim');
    expect(second!.status).toBe('reject');
    expect(second!.findings).toEqual([expect.objectContaining({ ruleId: 'json-not-a-claim', severity: 'error', message: `${path}: claim 2 has no "lines" array; a claim needs its service lines` })]);
    const scalar = await runCli(['check', file('scalar.json', '42'), ...data()]);
    expect(scalar.code).toBe(2);
    expect(scalar.stderr).toContain('claim 1 is number, not a claim object');
    expect(scalar.stdout).toBe('');
  });

  it('reports an incomplete claim with findings, not as bad input', async () => {
    const path = file('sparse.json', JSON.stringify({ lines: [{}] }));
    const run = await runCli(['check', path, '--format', 'json', ...data()]);
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout);
    expect(result.status).toBe('reject');
    const ruleIds = result.findings.map((f: { ruleId: string }) => f.ruleId);
    for (const id of ['missing-claim-id', 'missing-payer-id', 'billing-provider-npi-invalid', 'no-diagnosis', 'line-procedure-code-missing', 'line-units-invalid']) {
      expect(ruleIds).toContain(id);
    }
  });

  it('exits 2 for a missing file and for a bad option value', async () => {
    const missing = await runCli(['check', join(work, 'nope.json'), ...data()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the file (no such file)');
    const badDate = await runCli(['check', examples, '--as-of', '27/11/2026', ...data()]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('expected a date written YYYY-MM-DD');
  });

  it('refuses to run on a broken rule set and names file:line:col', async () => {
    const rules = copyOfShippedRules();
    const target = join(rules, 'missing-information', 'payer.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace('operator: isBlank', 'operator: isNothing'));
    const run = await runCli(['check', examples, '--rules', rules, ...data()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing-information\/payer\.yaml:\d+:\d+ rule "missing-payer-id": unknown operator "isNothing"/);
    expect(run.stdout).toBe('');
  });

  it('agrees with json-rules-engine when asked to use it', async () => {
    const fast = await runCli(['check', examples, '--format', 'json', '--as-of', '2026-11-27', ...data()]);
    const jre = await runCli(['check', examples, '--format', 'json', '--as-of', '2026-11-27', '--engine', 'jre', ...data()]);
    expect(jre.stdout).toBe(fast.stdout);
  });
});

describe('scrubjay rules', () => {
  it('lint passes the shipped rules and test runs every embedded case', async () => {
    const lint = await runCli(['rules', 'lint']);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/\d+ rules, \d+ lists, \d+ payer profiles: no problems/);
    const test = await runCli(['rules', 'test']);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('lint lists each problem as file:line:col and exits non-zero; test reports a failing case with its place', async () => {
    const rules = copyOfShippedRules();
    const target = join(rules, 'missing-information', 'payer.yaml');
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, original.replace('severity: error', 'severity: error\nweight: 3'));
    const lint = await runCli(['rules', 'lint', rules]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/payer\.yaml:\d+:\d+ unknown key "weight"/);

    // a rule that no longer fires where its test says it should
    writeFileSync(target, original.replace('operator: isBlank, value: true', 'operator: isBlank, value: false'));
    const test = await runCli(['rules', 'test', rules]);
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/FAIL missing-payer-id: payer id removed\n\s+.*payer\.yaml:\d+:\d+ expected the rule to fire/);
  });
});
