/**
 * The 837P writer: a stored claim becomes an interchange a clearinghouse accepts in form,
 * and reading that file with our own 837 reader gives back the same claim, for the example
 * claims, every professional claim of the 837 fixtures, and generated claims.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { readClaims } from '../../src/claim/read.js';
import { write837 } from '../../src/claim/x12/write/index.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { ScrubjayError } from '../../src/errors.js';
import { mutatedClaim, realisticClaim } from '../support/arbitraries.js';
import { generateClaims } from '../support/claim-generator.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { readBack } from '../support/read-back.js';

const NOW = new Date('2026-12-01T15:30:00Z');
const TODAY = '2026-12-01';
const examples = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as ClaimInput[];
const contractExample = JSON.parse(readFileSync(join(FIXTURES_DIR, 'contract', 'claim-example.json'), 'utf8')) as ClaimInput;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Every professional claim the example and fixture files hold (contract JSON, FHIR, 837), as
 * our readers read it; files that hold no claim (a Patient, a licence) have none to write.
 */
async function fixtureClaims(): Promise<Array<{ file: string; claim: ClaimInput }>> {
  const found: Array<{ file: string; claim: ClaimInput }> = [];
  const candidates = [...files(join(REPO_ROOT, 'examples')), ...files(FIXTURES_DIR)].filter((f) => !/277|835|LICENSE|README|\/reference\//.test(f));
  for (const file of candidates) {
    try {
      for await (const read of readClaims(readFileSync(file), file)) {
        if (read.claim !== null && !read.problems.some((p) => /institutional/.test(p.code))) found.push({ file, claim: read.claim });
      }
    } catch {
      // a file that is not read at all has no claim to write
    }
  }
  return found;
}

function roundTrip(claims: ClaimInput[]): ReturnType<typeof readX12Text> {
  return readX12Text(write837(claims, { now: NOW }), 'written.837');
}

const segmentsOf = (text: string): string[][] => text.split('~\n').filter((s) => s !== '').map((s) => s.split('*'));

describe('a written claim reads back as the same claim', () => {
  it('for the example claims and the contract example, without a problem', () => {
    const claims = [...examples, contractExample];
    const read = roundTrip(claims);
    expect(read.map((r) => r.problems)).toEqual(claims.map(() => []));
    expect(read.map((r) => r.claim)).toEqual(claims.map((c) => readBack(c, TODAY)));
  });

  it('for every professional claim of the example and fixture files: JSON, FHIR and 837', async () => {
    const found = await fixtureClaims();
    expect(found.length).toBeGreaterThan(20);
    expect(new Set(found.map((f) => f.file.split('.').pop())).size).toBeGreaterThan(2);
    for (const { file, claim } of found) {
      const [read] = roundTrip([claim]);
      expect(read?.claim, file).toEqual(readBack(claim, TODAY));
    }
  });

  it('for 300 generated claims written as one file', () => {
    const claims = generateClaims(300, 837, { defectRate: 0 });
    const read = roundTrip(claims);
    expect(read.map((r) => r.problems)).toEqual(claims.map(() => []));
    expect(read.map((r) => r.claim)).toEqual(claims.map((c) => readBack(c, TODAY)));
  });

  it('for realistic claims with their defects, or refuses the value it cannot write (fast-check)', () => {
    fc.assert(
      fc.property(realisticClaim, (claim) => {
        let text: string;
        try {
          text = write837([claim], { now: NOW });
        } catch (error) {
          expect(error).toBeInstanceOf(ScrubjayError);
          expect((error as ScrubjayError).code).toBe('SJ_X12_UNWRITABLE_VALUE');
          return;
        }
        expect(readX12Text(text, 'generated.837')[0]?.claim).toEqual(readBack(claim, TODAY));
      }),
      { numRuns: 200, seed: 222 },
    );
  });

  it('writes a hostile claim as a file the reader reads, or refuses it naming the field (fast-check)', () => {
    fc.assert(
      fc.property(mutatedClaim, (claim) => {
        let text: string;
        try {
          text = write837([claim], { now: NOW });
        } catch (error) {
          expect(error).toBeInstanceOf(ScrubjayError);
          const e = error as ScrubjayError;
          expect(e.code).toBe('SJ_X12_UNWRITABLE_VALUE');
          expect(e.message).toContain(`claim 1`);
          expect(e.message).toContain(e.location.path as string);
          return;
        }
        const read = readX12Text(text, 'hostile.837');
        expect(read).toHaveLength(1);
        // whatever the claim held, the envelope around it is whole
        expect(read[0]!.problems.filter((p) => /^x12-(control|envelope|truncated|isa)/.test(p.code))).toEqual([]);
      }),
      { numRuns: 200, seed: 223 },
    );
  });
});

describe('the envelope', () => {
  const text = write837([...examples, { ...contractExample, submissionDate: '2026-11-21' }], { now: NOW, senderId: 'HILLCOUNTRY', receiverId: 'CLEARHOUSE01', controlNumber: 42 });
  const segments = segmentsOf(text);

  it('starts with a 106-character ISA naming the sender, receiver, control number and ":" as component separator', () => {
    expect(text.indexOf('~') + 1).toBe(106);
    expect(text.slice(0, 106)).toBe('ISA*00*          *00*          *ZZ*HILLCOUNTRY    *ZZ*CLEARHOUSE01   *261201*1530*^*00501*000000042*0*P*:~');
    expect(segments[1]).toEqual(['GS', 'HC', 'HILLCOUNTRY', 'CLEARHOUSE01', '20261201', '1530', '42', 'X', '005010X222A1']);
  });

  it('gives each submission date its transaction set, each SE01 its segment count, GE01 and IEA01 their counts', () => {
    const sts = segments.flatMap((s, i) => (s[0] === 'ST' ? [i] : []));
    expect(sts).toHaveLength(2);
    for (const start of sts) {
      const end = segments.findIndex((s, i) => i > start && s[0] === 'SE');
      expect(segments[start]).toEqual(['ST', '837', segments[end]![2], '005010X222A1']);
      expect(Number(segments[end]![1])).toBe(end - start + 1);
      expect(segments[start + 1]![0]).toBe('BHT');
    }
    expect(segments.filter((s) => s[0] === 'BHT').map((s) => s[4])).toEqual(['20261120', '20261121']);
    expect(segments.at(-2)).toEqual(['GE', '2', '42']);
    expect(segments.at(-1)).toEqual(['IEA', '1', '000000042']);
  });

  it('reads back without a single envelope problem', () => {
    expect(readX12Text(text, 'x.837').flatMap((r) => r.problems)).toEqual([]);
  });

  it('names the submitter and receiver in 1000A and 1000B', () => {
    expect(segments.filter((s) => s[0] === 'NM1' && (s[1] === '41' || s[1] === '40')).slice(0, 2).map((s) => [s[1], s[8], s[9]])).toEqual([
      ['41', '46', 'HILLCOUNTRY'],
      ['40', '46', 'CLEARHOUSE01'],
    ]);
  });

  it('names the submitter contact in 1000A PER, with a telephone only when one is given', () => {
    const withPhone = segmentsOf(write837(examples, { contactName: 'ANA DIAZ', contactPhone: '5125550100' }));
    expect(withPhone.find((s) => s[0] === 'PER')).toEqual(['PER', 'IC', 'ANA DIAZ', 'TE', '5125550100']);
    expect(segmentsOf(write837(examples)).find((s) => s[0] === 'PER')).toEqual(['PER', 'IC', 'BILLING']);
  });

  it('refuses a contact telephone holding a separator, naming the option rather than a claim', () => {
    expect(() => write837(examples, { contactPhone: '512*555' })).toThrow(/^contact phone "512\*555" holds "\*", which this interchange uses as a separator/);
  });

  it('refuses a sender id that does not fit its ISA field', () => {
    expect(() => write837(examples, { senderId: 'A-SENDER-ID-TOO-LONG' })).toThrow('sender id "A-SENDER-ID-TOO-LONG" must be 1 to 15 characters');
  });
});

describe('claim loops', () => {
  const [first, second, third] = examples as [ClaimInput, ClaimInput, ClaimInput];
  const segments = segmentsOf(write837([first, second, third], { now: NOW }));

  it('writes one billing provider HL per provider and a patient HL under the subscriber when the patient is someone else', () => {
    expect(segments.filter((s) => s[0] === 'HL').map((s) => s.slice(1))).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '0'],
      ['3', '', '20', '1'],
      ['4', '3', '22', '0'],
      ['5', '', '20', '1'],
      ['6', '5', '22', '1'],
      ['7', '6', '23', '0'],
    ]);
    expect(segments.find((s) => s[0] === 'PAT')).toEqual(['PAT', '19']);
  });

  it('writes CLM05 as place of service, B and the frequency, and the diagnoses as ABK then ABF', () => {
    expect(segments.find((s) => s[0] === 'CLM')).toEqual(['CLM', 'C-1001', '125', '', '', '11:B:1', 'Y', 'A', 'Y', 'Y']);
    expect(segments.find((s) => s[0] === 'HI')).toEqual(['HI', 'ABK:E119', 'ABF:I10']);
  });

  it('writes each line as LX, SV1 with modifiers and pointers, DTP*472 and its control number REF*6R', () => {
    const lx = segments.findIndex((s) => s[0] === 'LX' && s[1] === '1' && segments.slice(0, segments.indexOf(s)).some((p) => p[1] === 'C-1002'));
    expect(segments.slice(lx, lx + 4)).toEqual([
      ['LX', '1'],
      ['SV1', 'HC:99396:25', '210', 'UN', '1', '', '', '2'],
      ['DTP', '472', 'D8', '20260714'],
      ['REF', '6R', '1'],
    ]);
  });

  it('writes a replacement claim (frequency 7) with the claim it replaces in REF*F8', () => {
    const replacement = { ...first, frequency: '7', originalClaimId: 'PAYER-22123' };
    const text = write837([replacement], { now: NOW });
    expect(segmentsOf(text).find((s) => s[0] === 'CLM')?.[5]).toBe('11:B:7');
    expect(segmentsOf(text).find((s) => s[0] === 'REF' && s[1] === 'F8')).toEqual(['REF', 'F8', 'PAYER-22123']);
    expect(readX12Text(text, 'r.837')[0]?.claim).toMatchObject({ frequency: '7', originalClaimId: 'PAYER-22123' });
  });

  it('refuses a replacement or void claim that does not name the claim it replaces', () => {
    expect(() => write837([first, { ...second, frequency: '8', originalClaimId: null }])).toThrow(
      `claim 2 ("C-1002"): originalClaimId is empty, but a claim of frequency 8 (void) must name the payer's number of the claim it voids (REF*F8); it cannot be written into an 837`,
    );
  });

  it('refuses a value holding a separator, naming the claim and the field', () => {
    const lines = [{ ...(first.lines[0] as object), procedureCode: '99213:25' }];
    let error: unknown;
    try {
      write837([{ ...first, lines }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).message).toBe('claim 1 ("C-1001"): lines[0].procedureCode "99213:25" holds ":", which this interchange uses as a separator; it cannot be written into an 837');
    expect((error as ScrubjayError).location).toEqual({ claimIndex: 0, path: 'lines[0].procedureCode' });
  });

  it('refuses a claim id longer than CLM01 holds, rather than cut the number the payer answers by', () => {
    const claimId = 'C'.repeat(39);
    expect(() => write837([{ ...first, claimId }])).toThrow(`claim 1 ("${claimId}"): claimId "${claimId}" is 39 characters, more than the 38 CLM01 holds; it cannot be written into an 837`);
  });

  it('writes ICD-9 claims with BK and BF', () => {
    const text = write837([{ ...first, diagnoses: ['250.00', '401.9'], diagnosisCodeSet: 'icd9' }], { now: NOW });
    expect(segmentsOf(text).find((s) => s[0] === 'HI')).toEqual(['HI', 'BK:25000', 'BF:4019']);
  });
});
