/**
 * Scrubbing claims as readers yield them: rule findings and input problems in one result,
 * each finding placed in the file, and claims that cannot be scrubbed never passing as clean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { write837 } from '../support/x12-writer.js';
import { Intake, type BatchResult } from '../../src/intake/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { resultSchema } from '../support/contract.js';
import { FIXTURES_DIR, REPO_ROOT, RULES_DIR } from '../support/paths.js';

const AS_OF = '2026-11-27';
const prepared = loadPreparedRuleSet(RULES_DIR);
const examples = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, any>>;
const clean = examples[0]!;

async function scrub(content: string | Buffer, name: string, engine: 'fast' | 'jre' = 'fast'): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  const source = typeof content === 'string' ? Buffer.from(content) : content;
  for await (const { result } of new Intake({ rules: prepared, asOf: AS_OF, engine }).file(source, name)) results.push(result);
  return results;
}

const segmentNumber = (x12: string, startsWith: string): number => x12.split('~\n').findIndex((s) => s.startsWith(startsWith)) + 1;

describe('the intake of a file', () => {
  it('turns an input problem into an input finding with CARC 16, placed in the file', async () => {
    const x12 = write837([{ ...clean, claimId: 'BAD-DOB', subscriber: { ...clean.subscriber, birthDate: '1950-02-30' } }]);
    const [result] = await scrub(x12, 'bad-dob.837');
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(result!.status).toBe('reject');
    const input = result!.findings.filter((f) => f.category === 'input');
    expect(input).toEqual([
      {
        ruleId: 'x12-bad-value',
        category: 'input',
        severity: 'error',
        carc: '16',
        rarc: [],
        line: null,
        path: 'subscriber.birthDate',
        message: expect.stringContaining('"19500230"'),
        explanation: expect.stringMatching(/^An element holds a value that cannot be read as what it should be .* CARC 16/),
        fix: 'Correct the element value in the practice system and export again.',
        location: `DMG in loop 2010BA, segment ${segmentNumber(x12, 'DMG*D8*19500230')}`,
      },
    ]);
    // errors come first in a result, input problems among them
    expect(result!.findings[0]!.severity).toBe('error');
  });

  it('says where in the 837 each rule finding\'s field sits', async () => {
    const x12 = write837([{ ...clean, claimId: 'NO-PAYER', payer: { ...clean.payer, id: null } }]);
    const [result] = await scrub(x12, 'no-payer.837');
    expect(result!.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'missing-payer-id', path: 'payer.id', location: `NM1 in loop 2010BB, segment ${segmentNumber(x12, 'NM1*PR*')}` }),
    );
    expect(result!.source).toEqual({ file: 'no-payer.837', format: 'x12', index: 0 });
  });

  it('keeps a warning about the file a warning: the claim is still checked and may pass with warnings', async () => {
    const x12 = write837([clean]).replace(/^SE\*(\d+)\*/m, (_, n: string) => `SE*${Number(n) + 2}*`);
    const [result] = await scrub(x12, 'count.837');
    expect(result!.status).toBe('warn');
    expect(result!.findings).toContainEqual(expect.objectContaining({ ruleId: 'x12-control-count', category: 'input', severity: 'warning', carc: null }));
    expect(result!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('gives a claim that could not be read a result of its own, rejected, and scrubs the rest', async () => {
    const results = await scrub(`${JSON.stringify(clean)}\n{"claimId": \n${JSON.stringify(examples[2])}\n`, 'batch.ndjson');
    expect(results.map((r) => [r.claimId, r.status, r.source.index])).toEqual([
      ['C-1001', 'clean', 0],
      [null, 'reject', 1],
      ['C-1003', 'warn', 2],
    ]);
    expect(results[1]!.findings.map((f) => [f.ruleId, f.carc, f.location])).toEqual([['json-syntax', '16', 'line 2, column 13']]);
    expect(results[1]!.asOf).toBe(AS_OF);
    expect(results[1]!.rulesetVersion).toBe(prepared.ruleSet.version);
    for (const r of results) expect(resultSchema.safeParse(r).success).toBe(true);
  });

  it('does not scrub an institutional claim as a professional one', async () => {
    const inpatient = readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_InpatientEOBExample1.json'));
    const [result] = await scrub(inpatient, 'inpatient.json');
    expect(result!.status).toBe('reject');
    expect(result!.findings.map((f) => [f.ruleId, f.category, f.carc])).toEqual([['fhir-claim-type-unsupported', 'input', '16']]);
    // a claim in the contract's shape that says it is institutional is refused the same way
    const [own] = await scrub(JSON.stringify({ ...clean, type: 'institutional' }), 'institutional.json');
    expect(own!.findings.map((f) => [f.ruleId, f.severity])).toEqual([['claim-type-not-supported', 'error']]);
  });

  it('gives the same results with json-rules-engine as with the compiled rules', async () => {
    const x12 = write837([...examples, { ...clean, claimId: 'BAD-DOB', subscriber: { ...clean.subscriber, birthDate: '1950-02-30' } }]);
    expect(await scrub(x12, 'same.837', 'jre')).toEqual(await scrub(x12, 'same.837', 'fast'));
  });
});
