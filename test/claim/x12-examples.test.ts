/**
 * The public 837 examples committed under test/fixtures/x12 read into the claims they hold, or
 * fail for the reason their name gives; the corpus suite (test/corpus/x12-corpus.test.ts) does the
 * same for every file of the corpus. The 835 and 277CA fixtures are only told apart by format here.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readX12Claims } from '../../src/claim/x12/index.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { FIXTURES_DIR } from '../support/paths.js';

const X12 = join(FIXTURES_DIR, 'x12');

async function read(name: string): Promise<ClaimFromFile[]> {
  const claims: ClaimFromFile[] = [];
  for await (const claim of readX12Claims(createReadStream(join(X12, name)), name)) claims.push(claim);
  return claims;
}

/** records, how many carry a claim, and `severity:code` problems with a pattern their message matches */
const EXAMPLES: Array<[string, number, number, Array<[string, RegExp]>]> = [
  ['stupidedi/837P-X222A1/commercial-health-insurance.edi', 1, 1, []],
  ['stupidedi/837P-X222A1/home-infusion-therapy-pharmacy-adjudicated-with-NDC-in-loop-2410.edi', 1, 1, []],
  ['stupidedi/837P-X222A1/COB-claim-from-billing-provider-to-payer-b.edi', 1, 1, []],
  ['stupidedi/837P-X222A1/wheelchair.edi', 1, 1, []],
  ['stupidedi/837P-X222-case/1.edi', 1, 1, []],
  ['stupidedi/837I-X223A2/two-claims-for-the-same-provider.edi', 2, 0, [['error:x12-institutional', /institutional claims are not yet supported/]]],
  ['imsweb-x12-parser/837-5010/x12_valid.txt', 2, 2, []],
  ['imsweb-x12-parser/837-5010/x12_valid_different_separators.txt', 2, 2, []],
  ['imsweb-x12-parser/837-5010/x12_multiple_isa.txt', 4, 4, []],
  ['imsweb-x12-parser/837-5010/x12_bad_first_line.txt', 2, 2, [['warning:x12-isa-format', /ISA02 is 9 characters \(10 expected\)/]]],
  ['oopfactory-X12Parser/837P-5010/Example1_HealthInsurance.txt', 1, 1, []],
  ['oopfactory-X12Parser/837P-5010/Example1_2_And_3_Combined.txt', 3, 3, []],
  ['oopfactory-X12Parser/837P-5010/UnicodeExample.txt', 1, 0, [['error:x12-truncated', /has no SE trailer before the end of the file/], ['error:x12-no-claims', /holds no claim/]]],
  ['oopfactory-X12Parser/837P-4010/Cms1500Test.txt', 1, 1, [['warning:x12-version', /"004010X098A1" is the 4010 guide/]]],
  ['oopfactory-X12Parser/837P-4010/Spec_4.1.1_PatientIsSubscriber.txt', 1, 1, [['warning:x12-version', /4010 guide/]]],
];

describe('the public 837 examples of the fixtures', () => {
  it.each(EXAMPLES)('%s holds %i records, %i of them claims', async (name, records, withClaim, because) => {
    const claims = await read(name);
    expect(claims).toHaveLength(records);
    expect(claims.filter((c) => c.claim !== null)).toHaveLength(withClaim);
    const problems = claims.flatMap((c) => c.problems);
    for (const [code, pattern] of because) {
      const [severity, id] = code.split(':');
      expect(problems.some((p) => p.severity === severity && p.code === id && pattern.test(p.message)), `${code} matching ${pattern}`).toBe(true);
    }
    for (const p of problems) expect(p.message).toMatch(/segment \d+ \(counting ISA as segment 1\)|holds no 837 transaction/i);
  });

  it('a file with no ISA is refused as a whole, saying why', async () => {
    const name = 'imsweb-x12-parser/837-5010/x12_no_isa_line.txt';
    const failure = await read(name).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ScrubjayError);
    expect((failure as ScrubjayError).code).toBe('SJ_X12_UNREADABLE');
    expect((failure as ScrubjayError).message).toBe(`${name}: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing and the separators are unknown`);
  });

  it('the same claims whatever the separators, and a UTF-8 BOM with indented segments reads like plain text', async () => {
    const star = await read('imsweb-x12-parser/837-5010/x12_valid.txt');
    const tilde = await read('imsweb-x12-parser/837-5010/x12_valid_different_separators.txt');
    expect(tilde.map((c) => c.claim)).toEqual(star.map((c) => c.claim));
    const [indented] = await read('oopfactory-X12Parser/837P-5010/Example1_HealthInsurance.txt');
    expect(indented?.claim).toMatchObject({ claimId: '26463774' });
    expect((indented?.claim as { lines: Array<{ procedureCode: string }> }).lines.map((l) => l.procedureCode)).toEqual(['99213', '87070', '99214', '86663']);
  });

  it('several ISA envelopes in one file: each claim with its own subscriber', async () => {
    const claims = (await read('imsweb-x12-parser/837-5010/x12_multiple_isa.txt')).map((c) => c.claim as Record<string, any>);
    expect(claims.map((c) => c.claimId)).toEqual(['A37YH556', 'A37YH667', 'A37YH5561', 'A37YH6672']);
    expect(claims.map((c) => c.subscriber.firstName)).toEqual(['JOHN', 'DAVID', 'JACK', 'JASON']);
  });
});
