/**
 * `scrubjay check` over files of every format and any size, through the real command:
 * results streamed as they come, `--out`, the summary, exit codes, and an 837 written by
 * the generator scrubbing exactly as the same claims do as JSON.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate837Claims } from '../../bench/generate-837.js';
import type { BatchSummary } from '../../src/batch/summary.js';
import { runCli } from '../support/cli.js';
import { resultSchema } from '../support/contract.js';
import { tempDir, writeIn } from '../support/folders.js';
import { CLI, FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { as837Carries, write837 } from '../support/x12-writer.js';

interface Result {
  claimId: string | null;
  status: 'reject' | 'warn' | 'clean';
  findings: Array<{ ruleId: string; category: string; severity: string; carc: string | null; line: number | null; path: string | null; message: string; location?: string }>;
  source: { file: string; format: string; index: number };
}

const AS_OF = '2026-11-27';
const work = tempDir('scrubjay-check-batch-');
const examples = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, any>>;
const EOB = join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_ProfessionalEOBExample1.json');

const file = (name: string, text: string): string => writeIn(work, name, text);

const options = (): string[] => ['--as-of', AS_OF, '--data', join(work, 'data'), '--no-progress'];
const ndjsonLines = (text: string): Result[] => text.trim().split('\n').map((line) => JSON.parse(line) as Result);

/** What a user compares between two scrubs of the same claims: everything but where they were read from. */
function comparable(result: Result): unknown {
  const { source: _source, ...rest } = result;
  return { ...rest, findings: result.findings.map(({ location: _location, ...f }) => f) };
}

describe('scrubjay check over every format', () => {
  it('reads JSON, NDJSON, X12 837P and FHIR in one run, each told by content, and reports each claim', async () => {
    const json = file('claims.json', JSON.stringify(examples));
    const ndjson = file('claims.ndjson', examples.map((c) => JSON.stringify({ ...c, claimId: `N-${c.claimId}` })).join('\n'));
    const x12 = file('claims.txt', write837(examples.map((c) => ({ ...c, claimId: `X-${c.claimId}` }))));
    const run = await runCli(['check', json, ndjson, x12, EOB, '--format', 'json', ...options()]);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Result[];
    for (const r of results) expect(resultSchema.safeParse(r).success).toBe(true);
    expect(results.map((r) => [r.claimId, r.source.format, r.source.index])).toEqual([
      ['C-1001', 'json', 0],
      ['C-1002', 'json', 1],
      ['C-1003', 'json', 2],
      ['N-C-1001', 'ndjson', 0],
      ['N-C-1002', 'ndjson', 1],
      ['N-C-1003', 'ndjson', 2],
      ['X-C-1001', 'x12', 0],
      ['X-C-1002', 'x12', 1],
      ['X-C-1003', 'x12', 2],
      ['ProfessionalEOBExample1', 'fhir', 0],
    ]);
    // the same claims reach the same verdicts whatever the format they came in
    expect(results.slice(3, 9).map((r) => r.status)).toEqual([...results.slice(0, 3), ...results.slice(0, 3)].map((r) => r.status));
    // an 837's findings say where their field sits in the file
    const duplicate = results[7]!.findings.find((f) => f.ruleId === 'duplicate-service-line');
    expect(duplicate?.location).toMatch(/^SV1 in loop 2400, segment \d+$/);
  });

  it('prints the biller\'s report per claim with where each field sits, and the batch summary at the end', async () => {
    const x12 = file('report.837', write837(examples));
    const run = await runCli(['check', x12, ...options()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/C-1002 {2}REJECT/);
    expect(run.stdout).toMatch(/duplicate-service-line · CARC 18 · lines\[2\]\.procedureCode · at SV1 in loop 2400, segment \d+/);
    const summary = run.stdout.slice(run.stdout.lastIndexOf('3 claims:'));
    expect(summary).toMatch(/^3 claims: 1 rejected, 1 with warnings, 1 clean\n/);
    expect(summary).toMatch(/\n {2}top rules +findings +claims\n {2}timely-filing-limit-expired +3 +1\n/);
    expect(summary).toMatch(/\n {2}CARC +findings +claims\n {2}16 +\d+ +1\n/);
  });
});

describe('scrubjay check --out', () => {
  it('writes one result per line to the file and only the summary to standard output, its figures counted from the results', async () => {
    const claims = [...generate837Claims(300, 11)];
    const x12 = file('out.837', write837(claims));
    const out = join(work, 'results.ndjson');
    const run = await runCli(['check', x12, '--out', out, '--format', 'json', ...options()]);
    expect(run.code).toBe(1);
    const results = ndjsonLines(readFileSync(out, 'utf8'));
    expect(results.map((r) => r.claimId)).toEqual(claims.map((c) => c.claimId));
    const summary = JSON.parse(run.stdout) as BatchSummary;
    const count = (status: Result['status']): number => results.filter((r) => r.status === status).length;
    expect(summary).toMatchObject({ claims: 300, rejected: count('reject'), warned: count('warn'), clean: count('clean') });
    expect(summary.findings).toBe(results.reduce((n, r) => n + r.findings.length, 0));
    const top = summary.topRules[0]!;
    expect(top.count).toBe(results.reduce((n, r) => n + r.findings.filter((f) => f.ruleId === top.ruleId).length, 0));
    expect(top.claims).toBe(results.filter((r) => r.findings.some((f) => f.ruleId === top.ruleId)).length);
    for (const { carc, count: findings } of summary.carcs) {
      expect(findings).toBe(results.reduce((n, r) => n + r.findings.filter((f) => f.carc === carc).length, 0));
    }
    // the same run printing its results gives the same results
    const printed = await runCli(['check', x12, '--format', 'json', ...options()]);
    expect(JSON.parse(printed.stdout)).toEqual(results);

    const text = await runCli(['check', x12, '--out', out, ...options()]);
    expect(text.stdout).toMatch(/^300 claims: \d+ rejected, \d+ with warnings, \d+ clean\n/);
    expect(text.stdout).not.toContain('Why:');
  });

  it('writes each result as it comes: claims are reported while the input is still being written', async () => {
    const fifo = join(work, 'live.ndjson');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [CLI, 'check', fifo, ...options()], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '' } });
    let stdout = '';
    const seen = (text: string): Promise<void> =>
      new Promise((resolve) => {
        const look = (): void => {
          if (stdout.includes(text)) {
            child.stdout.off('data', look);
            resolve();
          }
        };
        child.stdout.on('data', look);
        look();
      });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const input = createWriteStream(fifo);
    // blank lines past the head the format is told from
    input.write(`${JSON.stringify(examples[0])}\n${JSON.stringify(examples[1])}\n${'\n'.repeat(70_000)}`);
    await seen('C-1002  REJECT');
    expect(stdout).not.toContain('claims:');
    input.end(`${JSON.stringify(examples[2])}\n`);
    expect(await closed).toBe(1);
    expect(stdout).toContain('3 claims: 1 rejected, 1 with warnings, 1 clean');
  });
});

describe('scrubjay check exit codes', () => {
  it('exits 0 when no claim has an error, whatever the format', async () => {
    const clean = examples[0]!;
    const x12 = file('clean.837', write837([clean, { ...clean, claimId: 'C-2' }]));
    const run = await runCli(['check', x12, '--format', 'json', ...options()]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Result[]).map((r) => r.status)).toEqual(['clean', 'clean']);
  });

  it('exits 2 for an 837 that cannot be read at all, naming the file and the segment', async () => {
    const x12 = write837([examples[0]!]);
    // the segment terminator made the same as the element separator: no segment can be told from the next
    const path = file('unreadable.837', `${x12.slice(0, 105)}*${x12.slice(106)}`);
    const run = await runCli(['check', path, ...options()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^scrubjay: error SJ_X12_UNREADABLE: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*segment 1`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('exits 2 before any result when an input is missing, of no known format, or the --out folder does not exist', async () => {
    const good = file('good.json', JSON.stringify(examples));
    const missing = await runCli(['check', good, join(work, 'nope.837'), ...options()]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/error SJ_INPUT_UNREADABLE: .*nope\.837: cannot read the file \(no such file\)/);
    const prose = await runCli(['check', good, file('letter.txt', 'Please find our claims enclosed.'), ...options()]);
    expect([prose.code, prose.stdout]).toEqual([2, '']);
    expect(prose.stderr).toMatch(/error SJ_INPUT_FORMAT_UNKNOWN: .*letter\.txt: not a claims file/);
    const out = join(work, 'no-such-folder', 'results.ndjson');
    const unwritable = await runCli(['check', good, '--out', out, ...options()]);
    expect([unwritable.code, unwritable.stdout]).toEqual([2, '']);
    expect(unwritable.stderr).toContain(`error SJ_OUTPUT_UNWRITABLE: ${out}: cannot write the results (no such folder)`);
  });

  it('scrubs the other claims of an 837 when one is broken, and rejects the broken one naming its segment', async () => {
    const claims = [...generate837Claims(5, 21)].map((c) => ({ ...c, claimId: `OK-${c.claimId}` }));
    const whole = write837(claims);
    // the third claim loses its first service line's SV1 segment
    const third = whole.indexOf('CLM*OK-G-3*');
    const sv1 = whole.indexOf('SV1*', third);
    const broken = whole.slice(0, sv1) + whole.slice(whole.indexOf('~\n', sv1) + 2).replace(/^SE\*(\d+)\*/m, (_, n: string) => `SE*${Number(n) - 1}*`);
    const [fine, damaged] = await Promise.all([
      runCli(['check', file('whole.837', whole), '--format', 'json', ...options()]),
      runCli(['check', file('broken.837', broken), '--format', 'json', ...options()]),
    ]);
    expect(damaged.code).toBe(1);
    const before = JSON.parse(fine.stdout) as Result[];
    const after = JSON.parse(damaged.stdout) as Result[];
    expect(after.map((r) => r.claimId)).toEqual(before.map((r) => r.claimId));
    for (const i of [0, 1, 3, 4]) expect(comparable(after[i]!)).toEqual(comparable(before[i]!));
    expect(after[2]!.status).toBe('reject');
    expect(after[2]!.findings).toContainEqual(expect.objectContaining({ ruleId: 'x12-missing-segment', category: 'input', carc: '16', line: 1, location: expect.stringMatching(/^LX in loop 2400, segment \d+$/) }));
  });
});

describe('the 837 generator and the 837 reader agree', () => {
  it('scrubs a generated 5,000-claim 837 exactly as the same claims as JSON', async () => {
    const claims = [...generate837Claims(5000, 20261127)];
    // what an 837 carries of a claim: ICD-10 codes without their dot, and an empty element is no value at all
    const asCarried = claims.map(as837Carries);
    const x12 = file('generated.837', write837(claims, { claimsPerTransaction: 1000 }));
    const json = file('generated.ndjson', asCarried.map((c) => JSON.stringify(c)).join('\n'));
    const [fromX12, fromJson] = await Promise.all([
      runCli(['check', x12, '--out', join(work, 'generated-x12.ndjson'), ...options()]),
      runCli(['check', json, '--out', join(work, 'generated-json.ndjson'), ...options()]),
    ]);
    expect([fromX12.code, fromJson.code]).toEqual([1, 1]);
    const x12Results = ndjsonLines(readFileSync(join(work, 'generated-x12.ndjson'), 'utf8'));
    const jsonResults = ndjsonLines(readFileSync(join(work, 'generated-json.ndjson'), 'utf8'));
    expect(x12Results).toHaveLength(5000);
    expect(x12Results.every((r) => r.source.format === 'x12')).toBe(true);

    const ruleFindings = (r: Result): unknown => comparable({ ...r, findings: r.findings.filter((f) => f.category !== 'input') });
    let impossibleDates = 0;
    let formatLevel = 0;
    for (let i = 0; i < claims.length; i++) {
      const [fromFile, asJson] = [x12Results[i]!, jsonResults[i]!];
      const label = `claim ${claims[i]!.claimId}`;
      expect(fromFile.status, label).toBe(asJson.status);
      // the reader reports at the format level some defects the rules report too (an empty required
      // element, a value of the wrong form), on the same field; it finds nothing else
      for (const input of fromFile.findings.filter((f) => f.category === 'input')) {
        formatLevel++;
        expect(asJson.findings.map((f) => f.path), `${label}: ${input.message}`).toContain(input.path);
      }
      if (claims[i]!.subscriber.birthDate === '2026-02-30') {
        // an 837 cannot carry an impossible date: the reader reports it and leaves the field empty, so what
        // the rules say of that one field differs; of every other field they say the same
        impossibleDates++;
        const rules = (r: Result): unknown => ruleFindings({ ...r, findings: r.findings.filter((f) => f.path !== 'subscriber.birthDate') });
        expect(rules(fromFile), label).toEqual(rules(asJson));
        continue;
      }
      expect(ruleFindings(fromFile), label).toEqual(comparable(asJson));
    }
    expect(formatLevel).toBeGreaterThan(0);
    expect(impossibleDates).toBeGreaterThan(0);
    // the batch is realistic: most kinds of outcome occur
    expect(new Set(x12Results.map((r) => r.status))).toEqual(new Set(['reject', 'warn', 'clean']));
  });
});
