/**
 * The generated contract files are what the schemas say today, and the JSON Schemas accept
 * what Scrubjay ships and writes: every example claim, the contract's own example, what the
 * 837 and FHIR readers build, and real results of scrubbing them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { asClaimObject } from '../../src/claim/input.js';
import { readClaims } from '../../src/claim/read.js';
import { Intake } from '../../src/intake/index.js';
import { contractFiles } from '../../src/contract/files.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { compile, problems } from '../support/json-schema.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';

const AS_OF = '2026-11-27';
const EXAMPLES = join(REPO_ROOT, 'examples');
/** the claim example of the contract (`claim-json.md`), kept beside the tests; the corpus suite holds it to the contract's text */
const CONTRACT_EXAMPLE = join(REPO_ROOT, 'test', 'fixtures', 'contract', 'claim-example.json');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const claimSchema = compile(readJson(join(REPO_ROOT, 'schemas', 'claim.schema.json')) as object);
const resultSchema = compile(readJson(join(REPO_ROOT, 'schemas', 'result.schema.json')) as object);

/** Every claim object shipped in examples/: claims.json and the claims page-examples.json holds itself. */
function shippedJsonClaims(): Array<{ name: string; claim: unknown }> {
  const claims = readJson(join(EXAMPLES, 'claims.json')) as unknown[];
  const page = readJson(join(EXAMPLES, 'page-examples.json')) as { examples: Array<{ id: string; claim?: unknown }> };
  return [
    ...claims.map((claim, i) => ({ name: `claims.json[${i}]`, claim })),
    ...page.examples.filter((e) => e.claim !== undefined).map((e) => ({ name: `page-examples.json ${e.id}`, claim: e.claim })),
  ];
}

function contractExample(): unknown {
  return JSON.parse(readFileSync(CONTRACT_EXAMPLE, 'utf8'));
}

async function readAll(file: string): Promise<ClaimFromFile[]> {
  const read: ClaimFromFile[] = [];
  for await (const item of readClaims(join(EXAMPLES, file), file)) read.push(item);
  return read;
}

describe('the generated contract files', () => {
  it('are what scripts/write-contract.ts writes from the schemas now (run `npm run schema` after changing them)', () => {
    for (const file of contractFiles()) {
      expect(readFileSync(join(REPO_ROOT, file.path), 'utf8'), file.path).toBe(file.text);
    }
  });

  it('list every field of the claim and the result in the field reference, with its meaning', () => {
    const doc = contractFiles().find((f) => f.path === 'docs/contract.md')!.text;
    expect(doc).toMatch(/\| `procedureCode` \| string or null \| no \| CPT or HCPCS Level II code \(SV101-2\) \|/);
    expect(doc).toMatch(/\| `severity` \| `"error"`, `"warning"`, `"info"` \| yes \| /);
    expect(doc).toMatch(/\| `lines` \| array of \[ClaimLine\]\(#claimline\) \| yes \| /);
  });
});

describe('the claim schema', () => {
  it('accepts every example claim shipped in examples/ and the contract’s example', () => {
    const all = [...shippedJsonClaims(), { name: 'the contract example', claim: contractExample() }];
    expect(all.length).toBeGreaterThan(3);
    for (const { name, claim } of all) expect(problems(claimSchema, claim), name).toEqual([]);
  });

  it('accepts what the 837 and FHIR readers build from the shipped examples', async () => {
    const read = [...(await readAll('office-visit.837')), ...(await readAll('well-child-visit.fhir.json'))];
    expect(new Set(read.map((r) => r.format))).toEqual(new Set(['x12', 'fhir']));
    for (const item of read) {
      expect(item.claim).not.toBeNull();
      expect(problems(claimSchema, item.claim), `${item.file} claim ${item.index + 1}`).toEqual([]);
    }
  });

  it('refuses a value of the wrong type, a claim without lines, and a line that is not an object', () => {
    const [example] = shippedJsonClaims();
    const claim = example!.claim as { lines: Array<Record<string, unknown>> };
    expect(problems(claimSchema, { ...claim, lines: [{ ...claim.lines[0], units: '1' }] })).toEqual([expect.stringContaining('/lines/0/units')]);
    expect(problems(claimSchema, { claimId: 'C-1' })).toEqual([expect.stringContaining("must have required property 'lines'")]);
    expect(problems(claimSchema, { ...claim, lines: ['99213'] })).toEqual([expect.stringContaining('/lines/0 must be object')]);
  });

  it('lets a sender’s own fields pass through', () => {
    const [example] = shippedJsonClaims();
    expect(problems(claimSchema, { ...(example!.claim as object), clinicNote: 'seen by Dr Park' })).toEqual([]);
  });
});

describe('the result schema', () => {
  let prepared: PreparedRuleSet;
  beforeAll(() => {
    prepared = loadPreparedRuleSet(RULES_DIR);
  });

  it('accepts the results of scrubbing the example claims, clean, warned and rejected', () => {
    const results = shippedJsonClaims().map(({ name, claim }, i) => scrubClaim(asClaimObject(claim, i, name), prepared, { asOf: AS_OF }));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['clean', 'warn', 'reject']));
    for (const result of results) expect(problems(resultSchema, result), result.claimId ?? '').toEqual([]);
  });

  it('accepts the results of claims read from the 837 and FHIR examples, with their source and file locations', async () => {
    const intake = new Intake({ rules: prepared, asOf: AS_OF });
    for (const file of ['office-visit.837', 'well-child-visit.fhir.json']) {
      for await (const { result } of intake.file(join(REPO_ROOT, 'examples', file), file)) {
        expect(result.source.file).toBe(file);
        expect(problems(resultSchema, result), file).toEqual([]);
      }
    }
  });

  it('refuses a result with an undeclared field, a finding without its fix, or an unknown status', () => {
    const [example] = shippedJsonClaims();
    const result = scrubClaim(asClaimObject(example!.claim, 0, example!.name), prepared, { asOf: '2028-01-01' });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(problems(resultSchema, { ...result, score: 3 })).not.toEqual([]);
    const { fix: _fix, ...noFix } = result.findings[0]!;
    expect(problems(resultSchema, { ...result, findings: [noFix] })).not.toEqual([]);
    expect(problems(resultSchema, { ...result, status: 'ok' })).not.toEqual([]);
  });
});
