/**
 * Every file of the public X12 corpus (shared/corpus/x12, other parsers' fixtures) either
 * reads into claims or fails for the reason its name gives, with a message that says so;
 * and a few implementation-guide examples are read field by field.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readX12Claims } from '../../src/claim/x12/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import type { ClaimFromFile, InputProblem } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { resultSchema } from '../support/contract.js';
import { RULES_DIR } from '../support/paths.js';
import { CORPUS_DIR } from './paths.js';
import type { ClaimInput } from '../../src/contract/claim.js';

const X12_DIR = join(CORPUS_DIR, 'x12');

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? corpusFiles(path) : [path];
    })
    .sort();
}

async function read(name: string): Promise<ClaimFromFile[]> {
  const claims: ClaimFromFile[] = [];
  for await (const claim of readX12Claims(createReadStream(join(X12_DIR, name)), name)) claims.push(claim);
  return claims;
}

const problemsOf = (claims: ClaimFromFile[]): InputProblem[] => claims.flatMap((c) => c.problems);
const codes = (claims: ClaimFromFile[]): string[] => [...new Set(problemsOf(claims).map((p) => `${p.severity}:${p.code}`))];
const messages = (claims: ClaimFromFile[], code: string): string[] => problemsOf(claims).filter((p) => p.code === code).map((p) => p.message);

interface Expectation {
  /** ClaimFromFile records, and how many of them carry a claim */
  records: number;
  read: number;
  /** problems the file's name is about: `severity:code` and a pattern its message matches */
  because?: Array<[string, RegExp]>;
}

/** Files that fail as a whole: no ISA at all. */
const UNREADABLE = new Set(['imsweb-x12-parser/837-5010/x12_no_isa_line.txt', 'imsweb-x12-parser/LICENSE', 'linuxforhealth-x12/LICENSE', 'oopfactory-X12Parser/LICENSE-CDDL.html', 'stupidedi/LICENSE']);

/** X12 that holds no claim: 835 remittances and 277 acknowledgments (their folder says which), refused as what they are. */
function notAClaimFile(name: string): { type: string; kind: string } | null {
  const folder = name.split('/')[1] ?? '';
  if (folder.startsWith('835')) return { type: '835', kind: 'an 835 remittance advice' };
  if (folder.startsWith('277')) return { type: '277', kind: 'a 277 claim status / acknowledgment' };
  return null;
}

const EXPECTED: Record<string, Expectation> = {
  'imsweb-x12-parser/837-5010/x12_ambiguous_loop.txt': { records: 1, read: 1 },
  'imsweb-x12-parser/837-5010/x12_bad_first_line.txt': { records: 2, read: 2, because: [['warning:x12-isa-format', /ISA02 is 9 characters \(10 expected\)/]] },
  'imsweb-x12-parser/837-5010/x12_bad_segment_identifier.txt': {
    records: 2,
    read: 2,
    because: [
      ['error:x12-unknown-segment', /Segment 11 .* no valid segment id \("Nd4"/],
      ['error:x12-unknown-segment', /Segment 20 .* no valid segment id \("NM31"/],
      ['error:x12-missing-loop', /no loop 2010BA/],
    ],
  },
  'imsweb-x12-parser/837-5010/x12_bad_valid_code.txt': {
    records: 2,
    read: 2,
    because: [
      ['error:x12-unknown-segment', /NM1\*117 at segment 9 .* does not belong in loop 2000A/],
      ['error:x12-missing-loop', /no loop 2010AA/],
    ],
  },
  'imsweb-x12-parser/837-5010/x12_complex.txt': { records: 6, read: 6 },
  'imsweb-x12-parser/837-5010/x12_loop_errors1_exceeds_max_1_parent.txt': { records: 1, read: 1, because: [['error:x12-repeat', /^Loop 2010AA \(billing provider name\) starts again with NM1\*85 at segment 15 \(counting ISA as segment 1\); the 837P allows it once in loop 2000A/]] },
  'imsweb-x12-parser/837-5010/x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt': { records: 2, read: 2, because: [['error:x12-repeat', /Loop 2010AA .* starts again with NM1\*85 at segment 34/]] },
  'imsweb-x12-parser/837-5010/x12_loop_errors3_missing_loops.txt': { records: 1, read: 1, because: [['error:x12-missing-loop', /no loop 2010AA \(NM1\*85/]] },
  'imsweb-x12-parser/837-5010/x12_many_claims.txt': { records: 820, read: 820 },
  'imsweb-x12-parser/837-5010/x12_missing_elements.txt': {
    records: 2,
    read: 2,
    because: [
      ['warning:x12-missing-element', /NM102 \(entity type qualifier\) at segment 7/],
      ['error:x12-missing-element', /CLM05 .* at segment 31 .* is empty/],
    ],
  },
  'imsweb-x12-parser/837-5010/x12_missing_required_loop_in_one_repeat.txt': { records: 2, read: 2, because: [['error:x12-missing-loop', /Subscriber HL "2" .* no loop 2010BA/]] },
  'imsweb-x12-parser/837-5010/x12_missing_required_loops_mult_repeats.txt': { records: 5, read: 5, because: [['error:x12-missing-loop', /has no service line \(loop 2400/]] },
  'imsweb-x12-parser/837-5010/x12_multiple_gs.txt': { records: 6, read: 6 },
  'imsweb-x12-parser/837-5010/x12_multiple_isa.txt': { records: 4, read: 4 },
  'imsweb-x12-parser/837-5010/x12_multiple_st.txt': { records: 4, read: 4 },
  'imsweb-x12-parser/837-5010/x12_no_errors.txt': { records: 2, read: 2 },
  'imsweb-x12-parser/837-5010/x12_segment_errors.txt': {
    records: 1,
    read: 1,
    because: [
      ['error:x12-missing-segment', /Loop 2010AA .* has no N3 segment/],
      ['error:x12-missing-segment', /has no HI segment/],
    ],
  },
  'imsweb-x12-parser/837-5010/x12_segments_out_of_order.txt': {
    records: 2,
    read: 2,
    because: [
      ['warning:x12-segment-order', /N4 at segment 12 .* stands after REF in loop 2010AA/],
      ['warning:x12-segment-order', /N3 at segment 17 .* stands after N4 in loop 2010AB/],
    ],
  },
  'imsweb-x12-parser/837-5010/x12_valid.txt': { records: 2, read: 2 },
  'imsweb-x12-parser/837-5010/x12_valid_different_separators.txt': { records: 2, read: 2 },
  'imsweb-x12-parser/837-5010/x12_writer_test.txt': { records: 1, read: 1 },
  'imsweb-x12-parser/837-5010/x223-test.txt': { records: 1, read: 0, because: [['error:x12-institutional', /institutional claims are not yet supported/]] },
  'oopfactory-X12Parser/837I-4010/Spec_4.1.1_InstitutionalClaim.txt': { records: 1, read: 0, because: [['error:x12-institutional', /004010X096A1/]] },
  'oopfactory-X12Parser/837I-5010/Spec_3.1.1.txt': {
    records: 1,
    read: 0,
    because: [
      ['error:x12-institutional', /institutional claims are not yet supported/],
      ['warning:x12-isa-format', /ISA11 repetition separator "\^" is also used as another separator/],
    ],
  },
  'oopfactory-X12Parser/837I-5010/Spec_3.1.2_TwoClaimsForTheSameProvider.txt': { records: 2, read: 0, because: [['error:x12-institutional', /institutional/]] },
  'oopfactory-X12Parser/837I-5010/Spec_3.1.3_PPORepricedClaim.txt': { records: 1, read: 0, because: [['error:x12-institutional', /institutional/]] },
  'oopfactory-X12Parser/837I-5010/Spec_3.1.4_OutOfNetworkRepricedClaim.txt': { records: 1, read: 0, because: [['error:x12-institutional', /institutional/]] },
  'oopfactory-X12Parser/837P-4010/Cms1500Test.txt': { records: 1, read: 1, because: [['warning:x12-version', /"004010X098A1" is the 4010 guide/]] },
  'oopfactory-X12Parser/837P-4010/FromNth_837_DeIdent_03.dat': { records: 18, read: 18, because: [['warning:x12-version', /"999999X999X9" is not an 837P guide version/]] },
  'oopfactory-X12Parser/837P-4010/Spec_4.1.1_PatientIsSubscriber.txt': { records: 1, read: 1, because: [['warning:x12-version', /4010 guide/]] },
  'oopfactory-X12Parser/837P-4010/Spec_4.1.2_PatientIsNotSubscriber.txt': { records: 1, read: 1, because: [['warning:x12-version', /4010 guide/]] },
  'oopfactory-X12Parser/837P-5010/Example1_2_And_3_Combined.txt': { records: 3, read: 3 },
  'oopfactory-X12Parser/837P-5010/Example1_HealthInsurance.txt': { records: 1, read: 1 },
  'oopfactory-X12Parser/837P-5010/Example2_Encounter.txt': { records: 1, read: 1 },
  'oopfactory-X12Parser/837P-5010/Example3_COB.txt': { records: 1, read: 1 },
  'oopfactory-X12Parser/837P-5010/ST1309-XX.txt': { records: 1, read: 1 },
  'oopfactory-X12Parser/837P-5010/UnicodeExample.txt': {
    records: 1,
    read: 0,
    because: [
      ['error:x12-truncated', /Transaction "000000001" .* has no SE trailer before the end of the file/],
      ['error:x12-no-claims', /holds no claim/],
    ],
  },
  'oopfactory-X12Parser/hipaa-testdata/InstitutionalClaim4010.txt': { records: 1, read: 0, because: [['error:x12-institutional', /institutional/]] },
  'oopfactory-X12Parser/hipaa-testdata/InstitutionalClaim5010.txt': {
    records: 1,
    read: 0,
    because: [
      ['warning:x12-version', /ST03 at segment 3 .* says "005010X223" but GS08 .* says "005010X222"/],
      ['error:x12-institutional', /institutional/],
    ],
  },
  'oopfactory-X12Parser/hipaa-testdata/ProfessionalClaim1.txt': { records: 1, read: 1, because: [['warning:x12-segment-order', /NM1\*82 .* starts loop 2310B .* after loop 2310C/]] },
  'stupidedi/837P-X222-case/1.edi': { records: 1, read: 1 },
};

function expectationFor(name: string): Expectation {
  const listed = EXPECTED[name];
  if (listed !== undefined) return listed;
  if (/837I|\.837i$/.test(name)) return { records: name.includes('two-claims') ? 2 : 1, read: 0, because: [['error:x12-institutional', /institutional claims are not yet supported/]] };
  // the implementation-guide examples: one professional claim each
  return { records: 1, read: 1 };
}

describe('every file of the X12 corpus', () => {
  const files = corpusFiles(X12_DIR).map((path) => relative(X12_DIR, path));

  it('is the corpus the README describes (89 claim files, 37 remittances and acknowledgments)', () => {
    expect(files).toHaveLength(126);
    expect(files.filter((name) => notAClaimFile(name) !== null)).toHaveLength(37);
  });

  it.each(files)('%s reads into claims or fails for the reason its name gives', async (name) => {
    if (UNREADABLE.has(name)) {
      const failure = await read(name).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ScrubjayError);
      expect((failure as ScrubjayError).code).toBe('SJ_X12_UNREADABLE');
      expect((failure as ScrubjayError).message).toBe(`${name}: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing and the separators are unknown`);
      return;
    }
    const other = notAClaimFile(name);
    if (other !== null) {
      const refusal = await read(name).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ScrubjayError);
      expect((refusal as ScrubjayError).code).toBe('SJ_X12_NOT_A_CLAIM_FILE');
      expect((refusal as ScrubjayError).message.startsWith(`${name}: ${other.kind}, not a claim file (837): the ST at segment `)).toBe(true);
      expect((refusal as ScrubjayError).message).toMatch(new RegExp(`the ST at segment \\d+ \\(counting ISA as segment 1\\) opens transaction set "${other.type}", and the file holds no 837 claim transaction`));
      return;
    }
    const claims = await read(name);
    const expected = expectationFor(name);
    expect(claims).toHaveLength(expected.records);
    expect(claims.filter((c) => c.claim !== null)).toHaveLength(expected.read);
    expect(claims.map((c) => c.index)).toEqual(claims.map((_, i) => i));
    for (const [code, pattern] of expected.because ?? []) {
      expect(codes(claims)).toContain(code);
      expect(messages(claims, code.split(':')[1] as string).some((m) => pattern.test(m)), `${code} matching ${pattern}`).toBe(true);
    }
    for (const p of problemsOf(claims)) {
      // every problem names its segment, counted from ISA
      expect(p.message).toMatch(/segment \d+ \(counting ISA as segment 1\)|holds no 837 transaction/i);
      if (p.where?.location !== undefined) expect(p.where.location).toMatch(/segment \d+$/);
    }
    // a claim of an institutional transaction is never handed to the professional scrub
    if (/837I|\.837i$|x223/.test(name)) expect(claims.every((c) => c.claim === null)).toBe(true);
  });
});

describe('implementation-guide examples read field by field', () => {
  it('stupidedi commercial-health-insurance.edi: a child patient, ICD-9 diagnoses, four lines', async () => {
    const [record, ...rest] = await read('stupidedi/837P-X222A1/commercial-health-insurance.edi');
    expect(rest).toEqual([]);
    expect(record?.problems).toEqual([]);
    expect(record?.claim).toEqual({
      claimId: '26463774',
      type: 'professional',
      frequency: '1',
      originalClaimId: null,
      submissionDate: '2006-10-15',
      payer: { id: '999996666', name: 'KEY INSURANCE COMPANY', kind: 'commercial' },
      subscriber: {
        memberId: 'JS00111223333',
        groupNumber: '2222-SJ',
        firstName: 'JANE',
        lastName: 'SMITH',
        birthDate: '1943-05-01',
        sex: 'F',
        address: { line1: null, city: null, state: null, zip: null },
      },
      patient: { relationship: 'child', firstName: 'TED', lastName: 'SMITH', birthDate: '1973-05-01', sex: 'M', address: { line1: '236 N MAIN  ST', city: 'MIAMI', state: 'FL', zip: '33413' } },
      billingProvider: { npi: '9876543210', taxId: '587654321', name: 'BEN KILDARE SERVICE', taxonomy: '203BF0100Y', address: { line1: '234 SEAWAY ST', city: 'MIAMI', state: 'FL', zip: '33111' } },
      renderingProvider: null,
      referringProvider: null,
      placeOfService: '11',
      priorAuthorization: null,
      diagnoses: ['0340', 'V7389'],
      lines: [
        { serviceDate: '2006-10-03', serviceDateEnd: null, procedureCode: '99213', modifiers: [], diagnosisPointers: [1], units: 1, charge: 40, placeOfService: null, renderingProviderNpi: null, ndc: null },
        { serviceDate: '2006-10-03', serviceDateEnd: null, procedureCode: '87070', modifiers: [], diagnosisPointers: [1], units: 1, charge: 15, placeOfService: null, renderingProviderNpi: null, ndc: null },
        { serviceDate: '2006-10-10', serviceDateEnd: null, procedureCode: '99214', modifiers: [], diagnosisPointers: [2], units: 1, charge: 35, placeOfService: null, renderingProviderNpi: null, ndc: null },
        { serviceDate: '2006-10-10', serviceDateEnd: null, procedureCode: '86663', modifiers: [], diagnosisPointers: [2], units: 1, charge: 10, placeOfService: null, renderingProviderNpi: null, ndc: null },
      ],
      totalCharge: 100,
      diagnosisCodeSet: 'icd9',
    });
    expect(record?.locate?.('lines[1].procedureCode')).toBe('SV1 in loop 2400, segment 36');
    expect(record?.locate?.('lines[0].serviceDate')).toBe('DTP in loop 2400, segment 34');
    expect(record?.locate?.('billingProvider.npi')).toBe('NM1 in loop 2010AA, segment 10');
    expect(record?.locate?.('billingProvider.taxId')).toBe('REF in loop 2010AA, segment 13');
    expect(record?.locate?.('diagnoses[0]')).toBe('HI in loop 2300, segment 31');
    expect(record?.locate?.('subscriber.memberId')).toBe('NM1 in loop 2010BA, segment 19');
    expect(record?.locate?.('patient.birthDate')).toBe('DMG in loop 2010CA, segment 28');
    expect(record?.locate?.('submissionDate')).toBe('BHT in the transaction header, segment 4');
    expect(record?.locate?.('payer.kind')).toBe('SBR in loop 2000B, segment 18');
  });

  it('wheelchair.edi: modifiers and a date range', async () => {
    const [record] = await read('stupidedi/837P-X222A1/wheelchair.edi');
    const claim = record?.claim as Record<string, any>;
    expect(claim.payer).toEqual({ id: '99999', name: 'DMERC CARRIER', kind: 'medicare' });
    expect(claim.patient).toEqual({ relationship: 'self' });
    expect(claim.lines).toEqual([
      { serviceDate: '2005-03-21', serviceDateEnd: '2005-03-21', procedureCode: 'K0001', modifiers: ['RR', 'KH', 'BR'], diagnosisPointers: [1, 2], units: 1, charge: 75, placeOfService: null, renderingProviderNpi: null, ndc: null },
    ]);
  });

  it('NDC in loop 2410 and a line place of service', async () => {
    const [record] = await read('stupidedi/837P-X222A1/drug-administered-in-the-physician-office.edi');
    const claim = record?.claim as Record<string, any>;
    expect(claim.renderingProvider).toEqual({ npi: '1122333341', firstName: 'Jim', lastName: 'Hendrix' });
    expect(claim.lines.map((l: any) => [l.procedureCode, l.ndc, l.placeOfService, l.charge])).toEqual([
      ['90782', null, '11', 50],
      ['J1550', '00026063512', '11', 53.37],
    ]);
    expect(record?.locate?.('lines[1].ndc')).toMatch(/^LIN in loop 2410, segment \d+$/);
  });

  it('an ambulance claim: anesthesia-free HCPCS lines with four pointers each', async () => {
    const [record] = await read('stupidedi/837P-X222A1/ambulance.edi');
    const claim = record?.claim as Record<string, any>;
    expect(claim.diagnoses).toEqual(['8628', 'E8888', '9592', '8540']);
    expect(claim.placeOfService).toBe('41');
    expect(claim.lines.map((l: any) => [l.procedureCode, l.modifiers, l.units, l.charge, l.diagnosisPointers])).toEqual([
      ['A0427', ['RH'], 1, 700, [1, 2, 3, 4]],
      ['A0425', ['RH'], 21, 8.2, [1, 2, 3, 4]],
      ['A0422', ['RH'], 1, 46, [1, 2, 3, 4]],
      ['A0382', ['RH'], 1, 12.3, [1, 2, 3, 4]],
    ]);
  });

  it('a 4010 claim reads what maps: EIN from NM109, no NPI', async () => {
    const [record] = await read('oopfactory-X12Parser/837P-4010/Spec_4.1.2_PatientIsNotSubscriber.txt');
    const claim = record?.claim as Record<string, any>;
    expect(claim.billingProvider).toMatchObject({ npi: null, taxId: '587654321', name: 'PREMIER BILLING SERVICE' });
    expect(claim.renderingProvider).toEqual({ npi: null, firstName: 'BEN', lastName: 'KILDARE' });
    expect(claim.patient).toMatchObject({ relationship: 'child', firstName: 'TED' });
    expect(claim.lines).toHaveLength(4);
  });

  it('the same claims whatever the separators', async () => {
    const star = await read('imsweb-x12-parser/837-5010/x12_valid.txt');
    const tilde = await read('imsweb-x12-parser/837-5010/x12_valid_different_separators.txt');
    expect(tilde.map((c) => c.claim)).toEqual(star.map((c) => c.claim));
    expect((star[1]?.claim as any).lines[0]).toMatchObject({ procedureCode: '478331', modifiers: ['25'], diagnosisPointers: [1, 2, 3], serviceDate: '2005-03-22', serviceDateEnd: '2005-03-25' });
  });

  it('a UTF-8 file with a BOM and indented segments reads like the plain one', async () => {
    const indented = await read('oopfactory-X12Parser/837P-5010/Example1_HealthInsurance.txt');
    const plain = await read('stupidedi/837P-X222-case/1.edi');
    const strip = (c: ClaimFromFile) => ({ ...(c.claim as object), lines: (c.claim as any).lines.map((l: any) => l.procedureCode) });
    expect(strip(indented[0] as ClaimFromFile)).toMatchObject({ claimId: '26463774', lines: ['99213', '87070', '99214', '86663'] });
    expect((indented[0]?.claim as any).lines[3]).toMatchObject({ serviceDate: '2006-10-10', serviceDateEnd: '2006-10-25' });
    expect((plain[0]?.claim as any).claimId).toBe('26463774');
  });

  it('UTF-16LE without a BOM (UnicodeExample.txt) is decoded: its header is read, and its truncation reported', async () => {
    const [record] = await read('oopfactory-X12Parser/837P-5010/UnicodeExample.txt');
    expect(record?.claim).toBeNull();
    expect(record?.problems.map((p) => p.message).join('\n')).toContain('Interchange "001151933" (ISA at segment 1');
  });

  it('several ISA, GS and ST envelopes', async () => {
    const isa = await read('imsweb-x12-parser/837-5010/x12_multiple_isa.txt');
    expect(isa.map((c) => (c.claim as any).claimId)).toEqual(['A37YH556', 'A37YH667', 'A37YH5561', 'A37YH6672']);
    expect(isa.map((c) => (c.claim as any).subscriber.firstName)).toEqual(['JOHN', 'DAVID', 'JACK', 'JASON']);
    const gs = await read('imsweb-x12-parser/837-5010/x12_multiple_gs.txt');
    expect(gs).toHaveLength(6);
  });
});

describe('corpus claims through the real scrubber', () => {
  let prepared: PreparedRuleSet;
  beforeAll(() => {
    prepared = loadPreparedRuleSet(RULES_DIR);
  });

  it('every professional claim of the corpus scrubs into a contract result', async () => {
    let scrubbed = 0;
    for (const name of corpusFiles(X12_DIR).map((path) => relative(X12_DIR, path))) {
      if (UNREADABLE.has(name) || notAClaimFile(name) !== null) continue;
      for (const record of await read(name)) {
        if (record.claim === null) continue;
        const result = scrubClaim(record.claim, prepared, { asOf: '2026-11-27' });
        expect(() => resultSchema.parse(result), `${name} claim ${record.index}`).not.toThrow();
        for (const finding of result.findings) {
          if (finding.path !== null) expect(record.locate?.(finding.path), `${finding.ruleId} at ${finding.path}`).toMatch(/segment \d+$/);
        }
        scrubbed++;
      }
    }
    expect(scrubbed).toBeGreaterThan(900);
  });

  it('tells the truth about the TR3 commercial example: a bad NPI check digit, ICD-9 codes of their time, filed in time', async () => {
    const [record] = await read('stupidedi/837P-X222A1/commercial-health-insurance.edi');
    const claim = record?.claim as ClaimInput;
    expect(claim).toMatchObject({ submissionDate: '2006-10-15', diagnosisCodeSet: 'icd9', diagnoses: ['0340', 'V7389'] });
    const result = scrubClaim(claim, prepared, { asOf: '2026-11-27' });
    // 9876543210 fails the Luhn check with prefix 80840; BHT04 (2006-10-15) is 12 days after the first service, inside 90 days;
    // ICD-9 was the code set for 2006 services, so V7389 (shaped like an ICD-10 code) is not judged as one
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['billing-provider-npi-invalid', 'error'],
      ['billing-provider-zip-not-nine-digits', 'info'],
      ['reference-data-not-loaded', 'info'],
    ]);
    expect(result.findings[0]!.explanation).toMatch(/check digit/);
    // the same claim for services after the ICD-10 date is rejected for its code set
    const later = { ...claim, lines: (claim.lines as Array<Record<string, unknown>>).map((line) => ({ ...line, serviceDate: '2016-01-04' })) };
    const laterResult = scrubClaim(later, prepared, { asOf: '2016-01-20' });
    expect(laterResult.findings).toContainEqual(expect.objectContaining({ ruleId: 'diagnosis-icd9-code-set', severity: 'error', carc: '146', path: 'diagnoses' }));
  });

  it('a finding on an 837 claim can be traced to its segment', async () => {
    const [record] = await read('stupidedi/837P-X222A1/commercial-health-insurance.edi');
    const result = scrubClaim(record?.claim as ClaimInput, prepared, { asOf: '2026-11-27' });
    const npi = result.findings.find((f) => f.ruleId === 'billing-provider-npi-invalid');
    expect(npi).toMatchObject({ severity: 'error', carc: '16', path: 'billingProvider.npi' });
    expect(record?.locate?.(npi?.path as string)).toBe('NM1 in loop 2010AA, segment 10');
  });
});
