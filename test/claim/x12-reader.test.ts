/**
 * The X12 837P reader on files made for each case: every field the contract maps, the
 * encodings and layouts practice systems write, envelopes, the problems it reports (with
 * their segment numbers) and the failures that stop a file as a whole.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeX12, readX12Claims, readX12Text } from '../../src/claim/x12/index.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { generateClaims } from '../support/claim-generator.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { as837Carries, write837 } from '../support/x12-writer.js';

const FIXTURES = join(FIXTURES_DIR, 'x12');
const SPOUSE = readFileSync(join(FIXTURES, 'spouse-replacement-icd10.837'), 'utf8');
const COMMERCIAL = readFileSync(join(FIXTURES, 'stupidedi', '837P-X222A1', 'commercial-health-insurance.edi'), 'latin1');

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield Buffer.from(bytes.subarray(at, at + size));
}

async function readAll(input: AsyncIterable<Buffer | string>, file = 'claims.837'): Promise<ClaimFromFile[]> {
  const out: ClaimFromFile[] = [];
  for await (const claim of readX12Claims(input, file)) out.push(claim);
  return out;
}

const claimOf = (record: ClaimFromFile | undefined): Record<string, any> => record?.claim as Record<string, any>;
const codesOf = (record: ClaimFromFile | undefined): string[] => (record?.problems ?? []).map((p) => `${p.severity}:${p.code}`);

/** Swaps the bytes of each UTF-16 code unit. */
function swapped(buffer: Buffer): Buffer {
  const out = Buffer.from(buffer);
  out.swap16();
  return out;
}

/** Replaces the segment that starts with `prefix` (the first one) with `replacement` segments. */
function editSegment(text: string, prefix: string, ...replacement: string[]): string {
  const segments = text.split('~\n');
  const at = segments.findIndex((s) => s.startsWith(prefix));
  if (at === -1) throw new Error(`no segment ${prefix}`);
  segments.splice(at, 1, ...replacement);
  return segments.join('~\n');
}

describe('every contract field from its 837P loop', () => {
  const [record, ...rest] = readX12Text(SPOUSE, 'spouse.837');
  const claim = claimOf(record);

  it('reads one clean claim', () => {
    expect(rest).toEqual([]);
    expect(record?.problems).toEqual([]);
    expect(record).toMatchObject({ format: 'x12', file: 'spouse.837', index: 0 });
  });

  it('claim level: CLM, REF*F8, REF*G1, HI with ABK/ABF, BHT04', () => {
    expect(claim).toMatchObject({
      claimId: 'C-2001',
      type: 'professional',
      frequency: '7',
      originalClaimId: 'PAYER-CCN-778',
      priorAuthorization: 'AUTH-5521',
      submissionDate: '2026-11-20',
      placeOfService: '11',
      totalCharge: 310.5,
      diagnoses: ['E119', 'I10', 'Z23'],
      diagnosisCodeSet: 'icd10',
    });
  });

  it('parties: billing provider (2010AA, PRV*BI, REF*EI), subscriber and payer (2000B), spouse patient (2000C), rendering and referring', () => {
    expect(claim.billingProvider).toEqual({
      npi: '1234567893',
      taxId: '741234567',
      name: 'HILL COUNTRY CLINIC',
      taxonomy: '207Q00000X',
      address: { line1: '400 MAIN ST', line2: 'SUITE 2', city: 'AUSTIN', state: 'TX', zip: '787011234' },
    });
    expect(claim.subscriber).toEqual({ memberId: 'M100200', groupNumber: 'G123', firstName: 'ANA', lastName: 'DIAZ', birthDate: '1980-03-14', sex: 'F', address: { line1: '12 ELM ST', city: 'AUSTIN', state: 'TX', zip: '78701' } });
    expect(claim.payer).toEqual({ id: '99999', name: 'REGIONAL HEALTH PLAN', kind: 'commercial' });
    expect(claim.patient).toEqual({ relationship: 'spouse', firstName: 'LUIS', lastName: 'DIAZ', birthDate: '1979-01-02', sex: 'M', address: { line1: '12 ELM ST', city: 'AUSTIN', state: 'TX', zip: '78701' } });
    expect(claim.renderingProvider).toEqual({ npi: '1003000126', firstName: 'LEE', lastName: 'PARK' });
    expect(claim.referringProvider).toEqual({ npi: '1245319599', firstName: 'MIA', lastName: 'NGUYEN' });
  });

  it('lines: SV1 composite with four modifiers, SV105, SV107, RD8 ranges, 2420A rendering NPI, LIN03 NDC', () => {
    expect(claim.lines).toEqual([
      { serviceDate: '2026-10-01', serviceDateEnd: null, procedureCode: '99214', modifiers: ['25'], diagnosisPointers: [1, 2], units: 1, charge: 180, placeOfService: null, renderingProviderNpi: null, ndc: null },
      { serviceDate: '2026-10-01', serviceDateEnd: '2026-10-03', procedureCode: '97110', modifiers: ['GP', '59', 'XS', 'KX'], diagnosisPointers: [3], units: 2, charge: 90.5, placeOfService: '22', renderingProviderNpi: '1972635480', ndc: null },
      { serviceDate: '2026-10-02', serviceDateEnd: null, procedureCode: 'J1100', modifiers: [], diagnosisPointers: [1], units: 1, charge: 40, placeOfService: null, renderingProviderNpi: null, ndc: '00009047113' },
    ]);
  });

  it('locate: contract paths → segment, loop and number', () => {
    const at = (path: string) => record?.locate?.(path);
    expect(at('claimId')).toBe('CLM in loop 2300, segment 27');
    expect(at('originalClaimId')).toBe('REF in loop 2300, segment 28');
    expect(at('priorAuthorization')).toBe('REF in loop 2300, segment 29');
    expect(at('diagnoses[2]')).toBe('HI in loop 2300, segment 30');
    expect(at('referringProvider.npi')).toBe('NM1 in loop 2310A, segment 31');
    expect(at('renderingProvider')).toBe('NM1 in loop 2310B, segment 32');
    expect(at('lines[0]')).toBe('LX in loop 2400, segment 34');
    expect(at('lines[1].procedureCode')).toBe('SV1 in loop 2400, segment 38');
    expect(at('lines[1].modifiers[3]')).toBe('SV1 in loop 2400, segment 38');
    expect(at('lines[1].serviceDateEnd')).toBe('DTP in loop 2400, segment 39');
    expect(at('lines[1].renderingProviderNpi')).toBe('NM1 in loop 2420A, segment 40');
    expect(at('lines[2].ndc')).toBe('LIN in loop 2410, segment 44');
    expect(at('billingProvider.address.zip')).toBe('N4 in loop 2010AA, segment 12');
    expect(at('billingProvider.taxonomy')).toBe('PRV in loop 2000A, segment 9');
    expect(at('subscriber.address.line1')).toBe('N3 in loop 2010BA, segment 17');
    expect(at('subscriber.birthDate')).toBe('DMG in loop 2010BA, segment 19');
    expect(at('payer.id')).toBe('NM1 in loop 2010BB, segment 20');
    expect(at('patient.relationship')).toBe('PAT in loop 2000C, segment 22');
    expect(at('patient.lastName')).toBe('NM1 in loop 2010CA, segment 23');
    expect(at('$.lines[0].units')).toBe('SV1 in loop 2400, segment 35');
    expect(at('lines[3].units')).toBeUndefined();
    expect(at('noSuchField')).toBeUndefined();
    expect(at('lines[')).toBeUndefined();
  });
});

describe('generated claims survive a trip through 837P', () => {
  it('reads back exactly the claims that were written (300 realistic claims, no defects)', () => {
    const claims = generateClaims(300, 41, { defectRate: 0 });
    const read = readX12Text(write837(claims), 'generated.837');
    expect(read.map((r) => r.problems)).toEqual(claims.map(() => []));
    expect(read.map((r) => r.claim)).toEqual(claims.map(as837Carries));
  });

  it('keeps defective values as they were; only what X12 cannot carry changes, and is reported', () => {
    const claims = generateClaims(500, 42, { defectRate: 1 });
    const read = readX12Text(write837(claims), 'defects.837');
    expect(read).toHaveLength(500);
    read.forEach((r, i) => {
      const written = as837Carries(claims[i]!);
      const expectedProblems: Array<[string, string]> = [];
      // an impossible date cannot be written as one
      if (written.subscriber.birthDate === '2026-02-30') {
        written.subscriber.birthDate = null;
        expectedProblems.push(['x12-bad-value', 'subscriber.birthDate']);
      }
      written.lines.forEach((line: Record<string, any>, index: number) => {
        if (line.diagnosisPointers.length === 0) expectedProblems.push(['x12-missing-element', `lines[${index}].diagnosisPointers`]);
      });
      expect(r.claim).toEqual(written);
      expect(r.problems.map((p) => [p.code, p.where?.field])).toEqual(expectedProblems);
    });
  });
});

describe('encodings and layouts', () => {
  const expected = readX12Text(COMMERCIAL, 'plain.edi').map((r) => r.claim);
  const utf8 = Buffer.from(COMMERCIAL, 'latin1');
  const utf16le = Buffer.from(COMMERCIAL, 'utf16le');
  const cases: Array<[string, Buffer]> = [
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le])],
    ['UTF-16LE without a BOM', utf16le],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), swapped(utf16le)])],
    ['UTF-16BE without a BOM', swapped(utf16le)],
  ];

  it.each(cases)('%s, in chunks that split characters', async (_name, bytes) => {
    for (const size of [1, 3, 7, 4096]) {
      const read = await readAll(chunked(bytes, size));
      expect(read.map((r) => r.claim)).toEqual(expected);
      expect(read[0]?.problems).toEqual([]);
    }
  });

  it('string chunks (already decoded) with a BOM', async () => {
    async function* strings() {
      yield '\ufeff' + COMMERCIAL.slice(0, 500);
      yield COMMERCIAL.slice(500);
    }
    expect((await readAll(strings())).map((r) => r.claim)).toEqual(expected);
  });

  it('one segment per line, CRLF, indented, with a cover note before the ISA', () => {
    const layouts = [
      COMMERCIAL.replace(/~/g, '~\r\n'),
      COMMERCIAL.replace(/~/g, '\n'),
      COMMERCIAL.replace(/~/g, '\r\n'),
      COMMERCIAL.replace(/~/g, '~\n    '),
      'Example claim sent by the billing office.\nThe ISA: header follows.\n\n' + COMMERCIAL,
    ];
    for (const text of layouts) {
      const read = readX12Text(text, 'layout.edi');
      expect(read.map((r) => r.claim)).toEqual(expected);
      expect(read[0]?.problems).toEqual([]);
    }
  });

  it('a cover note before the ISA, in small chunks; one longer than 64 KiB is not an X12 file', async () => {
    const note = Buffer.from('Claims for November.\nISA is the interchange header; DISA*00* is not one.\n\n');
    const read = await readAll(chunked(Buffer.concat([note, utf8]), 5));
    expect(read.map((r) => r.claim)).toEqual(expected);
    const long = await readAll(chunked(Buffer.concat([Buffer.alloc(70_000, 'x'), utf8]), 4096)).then(
      () => null,
      (e: unknown) => e,
    );
    expect((long as ScrubjayError).message).toBe('claims.837: not an X12 interchange: no ISA header in the first 64 KiB, so segment 1 (ISA) is missing and the separators are unknown');
  });

  it('other separators, declared in the ISA', () => {
    const claims = generateClaims(20, 5, { defectRate: 0 });
    const base = readX12Text(write837(claims), 'a').map((r) => r.claim);
    for (const separators of [
      { element: '|', component: '>', repetition: '{', segment: '~' },
      { element: '^', component: '\\', repetition: '`', segment: '\n', lineBreak: '' },
      { element: '~', component: '^', repetition: '{', segment: '_' },
    ]) {
      expect(readX12Text(write837(claims, separators), 'b').map((r) => r.claim)).toEqual(base);
    }
  });

  it('several interchanges with different separators in one file; segments counted across the file', () => {
    const first = generateClaims(3, 7, { defectRate: 0 });
    const second = generateClaims(2, 8, { defectRate: 0 });
    const text = write837(first, { controlNumber: 1 }) + write837(second, { controlNumber: 2, element: '|', component: '>', segment: '!', lineBreak: '\r\n' }).replace(/^SE\|/m, 'SE|9');
    const read = readX12Text(text, 'two.837');
    expect(read.map((r) => claimOf(r).claimId)).toEqual([...first, ...second].map((c) => c.claimId));
    expect(read.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    // the second interchange's SE01 is wrong: its segment number counts the first interchange's segments too
    const segmentsIn = (claims: typeof first) => write837(claims).split('~\n').length - 1;
    const countProblem = read[4]?.problems.find((p) => p.code === 'x12-control-count');
    expect(countProblem?.message).toMatch(new RegExp(`^SE01 at segment ${segmentsIn(first) + segmentsIn(second) - 2} \\(counting ISA as segment 1\\) says "9`));
  });
});

/** Sets SE01 to the segments the transaction now holds, after a test removed or added some. */
function recount(text: string): string {
  const segments = text.split('~\n');
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  segments[se] = segments[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return segments.join('~\n');
}

describe('problems go with the claims they concern, naming the segment', () => {
  // three claims of one billing provider, the first two for subscribers who are the patient
  const generated = generateClaims(3, 11, { defectRate: 0 });
  for (const claim of generated) claim.billingProvider = generated[0]?.billingProvider;
  for (const claim of generated.slice(0, 2)) claim.patient = { relationship: 'self' };
  const three = write837(generated);

  it('trailer counts and control numbers that disagree are warnings on the last claim of the envelope', () => {
    const text = three.replace(/SE\*(\d+)\*0001/, 'SE*99*0001').replace('GE*1*1', 'GE*2*7').replace(/IEA\*1\*(\d+)/, 'IEA*3*000000009');
    const read = readX12Text(text, 'counts.837');
    expect(read.map(codesOf)).toEqual([[], [], ['warning:x12-control-count', 'warning:x12-control-count', 'warning:x12-control-number', 'warning:x12-control-count', 'warning:x12-control-number']]);
    const messages = read[2]?.problems.map((p) => p.message) ?? [];
    expect(messages[0]).toMatch(/^SE01 at segment \d+ \(counting ISA as segment 1\) says "99", but there are \d+ segments in transaction "0001" \(ST to SE\)\.$/);
    expect(messages[1]).toMatch(/^GE01 at segment \d+ .* says "2", but there are 1 transaction sets in functional group "1"\.$/);
    expect(messages[2]).toMatch(/^GE02 .* is "7", but GS06 of its header is "1"\.$/);
    expect(messages[4]).toMatch(/^IEA02 .* is "000000009", but ISA13 of its header is "000000001"\.$/);
  });

  it('a file cut off inside a claim: earlier claims are whole, the last one is reported truncated', () => {
    const cut = three.slice(0, three.lastIndexOf('LX*'));
    const read = readX12Text(cut, 'cut.837');
    expect(read).toHaveLength(3);
    expect(read.slice(0, 2).map(codesOf)).toEqual([[], []]);
    expect(codesOf(read[2])).toContain('error:x12-truncated');
    expect(codesOf(read[2]).slice(-2)).toEqual(['warning:x12-envelope', 'warning:x12-envelope']);
    expect(read[2]?.problems[0]?.message).toMatch(/^Transaction "0001" \(ST at segment 3 \(counting ISA as segment 1\)\) has no SE trailer before the end of the file: this claim may be cut short/);
  });

  it('an unknown segment in a claim is an error of that claim only', () => {
    const text = recount(editSegment(three, 'LX*1', 'LX*1', 'SV2*0450*HC:99213*100*UN*1'));
    const read = readX12Text(text, 'unknown.837');
    expect(read.map(codesOf)).toEqual([[], [], []].map((_, i) => (i === 0 ? ['error:x12-unknown-segment'] : [])));
    expect(read[0]?.problems[0]).toMatchObject({ where: { location: expect.stringMatching(/^SV2 in loop 2400, segment \d+$/) } });
    expect(read[0]?.problems[0]?.message).toMatch(/^SV2 at segment \d+ \(counting ISA as segment 1\) does not belong in loop 2400 \(service line\) of an 837P/);
  });

  it('a billing provider without loop 2010AA: every claim under it says so', () => {
    const text = recount(three.replace(/NM1\*85\*[^~]*~\nN3\*[^~]*~\nN4\*[^~]*~\nREF\*EI\*[^~]*~\n/, ''));
    const read = readX12Text(text, 'no-2010aa.837');
    expect(read.map(codesOf)).toEqual([['error:x12-missing-loop'], ['error:x12-missing-loop'], ['error:x12-missing-loop']]);
    expect(claimOf(read[1]).billingProvider.npi).toBeNull();
  });

  it('an HL of an unknown level: its segments are skipped and the claims after it say why', () => {
    // HL 3 is the second claim's subscriber
    const text = editSegment(three, 'HL*3*1*22*', 'HL*3*1*99*0');
    const read = readX12Text(text, 'hl.837');
    expect(read.map((r) => claimOf(r).claimId)).toEqual([generated[0]?.claimId, generated[2]?.claimId]);
    expect(read[0]?.problems).toEqual([]);
    expect(read[1]?.problems[0]?.message).toMatch(/^HL "3" at segment \d+ \(counting ISA as segment 1\) has level code "99" in HL03; an 837P has 20 \(billing provider\), 22 \(subscriber\) and 23 \(patient\), so the segments up to the next HL were not read\.$/);
  });

  it('several claims of one patient: each has the parties, and only its own problems', () => {
    const block = SPOUSE.slice(SPOUSE.indexOf('CLM*'), SPOUSE.indexOf('\nSE*') + 1);
    const second = block.replace('CLM*C-2001*310.5', 'CLM*C-2002*abc');
    const text = recount(SPOUSE.replace(block, block + second));
    const read = readX12Text(text, 'two-claims.837');
    expect(read.map((r) => claimOf(r).claimId)).toEqual(['C-2001', 'C-2002']);
    expect(claimOf(read[1]).patient).toEqual(claimOf(read[0]).patient);
    expect(claimOf(read[1]).billingProvider).toEqual(claimOf(read[0]).billingProvider);
    expect(claimOf(read[1]).billingProvider).not.toBe(claimOf(read[0]).billingProvider);
    expect(read.map(codesOf)).toEqual([[], ['error:x12-bad-value']]);
    expect(read[1]?.problems[0]).toMatchObject({ where: { field: 'totalCharge', location: 'CLM in loop 2300, segment 46' } });
    expect(read[1]?.locate?.('lines[2].ndc')).toBe('LIN in loop 2410, segment 63');
  });

  it('ICD-9 qualifiers set diagnosisCodeSet icd9; mixing code sets is an error', () => {
    const icd9 = readX12Text(SPOUSE.replace('HI*ABK:E119*ABF:I10*ABF:Z23', 'HI*BK:25000*BF:4019*BF:V0481'), 'icd9.837');
    expect(claimOf(icd9[0])).toMatchObject({ diagnoses: ['25000', '4019', 'V0481'], diagnosisCodeSet: 'icd9' });
    expect(icd9[0]?.problems).toEqual([]);
    const mixed = readX12Text(SPOUSE.replace('HI*ABK:E119*ABF:I10*ABF:Z23', 'HI*ABK:E119*BF:4019'), 'mixed.837');
    expect(claimOf(mixed[0]).diagnosisCodeSet).toBe('icd10');
    expect(codesOf(mixed[0])).toEqual(['error:x12-bad-value']);
    expect(mixed[0]?.problems[0]).toMatchObject({ where: { field: 'diagnoses[1]', location: 'HI in loop 2300, segment 30' } });
  });

  it('values that cannot be read are errors with the contract path they leave empty', () => {
    const text = SPOUSE.replace('SV1*HC:99214:25*180*UN*1***1:2', 'SV1*HC:99214:25*1,80*UN*one***1:x').replace('DTP*472*D8*20261002', 'DTP*472*D8*20261302');
    const [record] = readX12Text(text, 'bad.837');
    expect(record?.problems.map((p) => [p.code, p.where?.field])).toEqual([
      ['x12-bad-value', 'lines[0].charge'],
      ['x12-bad-value', 'lines[0].units'],
      ['x12-bad-value', 'lines[0].diagnosisPointers'],
      ['x12-bad-value', 'lines[2].serviceDate'],
    ]);
    expect(claimOf(record).lines[0]).toMatchObject({ charge: null, units: null, diagnosisPointers: [1] });
    expect(record?.problems[0]?.message).toBe('SV102 (line charge) at segment 35 (counting ISA as segment 1) is "1,80", not a decimal number; lines[0].charge was left empty.');
  });

  it('an institutional claim inside an 837P (CLM05-2 = A) is not handed over as professional', () => {
    const [record] = readX12Text(SPOUSE.replace('11:B:7', '13:A:1'), 'inst.837');
    expect(record?.claim).toBeNull();
    expect(record?.problems[0]?.message).toMatch(/^Claim "C-2001" \(CLM at segment 27 .*\) is an institutional claim .*not yet supported/);
  });

  it('a transaction that is not an 837 is skipped with an error; the 837 after it is read', () => {
    const other = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *261120*1200*^*00501*000000005*0*T*:~GS*HP*A*B*20261120*1200*5*X*005010X221A1~ST*835*0001~BPR*I*100*C*ACH~SE*3*0001~GE*1*5~IEA*1*000000005~\n';
    const read = readX12Text(other + SPOUSE, 'mixed.edi');
    expect(read.map((r) => r.claim === null)).toEqual([true, false]);
    expect(read[0]?.problems[0]?.message).toBe('Transaction set "835" (ST at segment 3 (counting ISA as segment 1)) is not an 837 claim transaction; it was skipped.');
    expect(read[1]?.locate?.('claimId')).toBe('CLM in loop 2300, segment 34');
  });

  it('a transaction without claims', () => {
    const empty = SPOUSE.replace(/HL\*1\*\*20[\s\S]*(?=SE\*)/, '').replace('SE*44*0001', 'SE*6*0001');
    const read = readX12Text(empty, 'empty.837');
    expect(read).toHaveLength(1);
    expect(read[0]?.claim).toBeNull();
    expect(codesOf(read[0])).toEqual(['error:x12-no-claims']);
  });

  it('a 4010 file is read as far as it maps, with a version warning', () => {
    const [record] = readX12Text(readFileSync(join(FIXTURES, 'oopfactory-X12Parser', '837P-4010', 'Spec_4.1.1_PatientIsSubscriber.txt'), 'utf8'), '4010.txt');
    expect(codesOf(record)).toEqual(['warning:x12-version']);
    expect(claimOf(record)).toMatchObject({ claimId: '26462967', diagnosisCodeSet: 'icd9', patient: { relationship: 'self' } });
  });
});

describe('files that cannot be read at all throw a ScrubjayError naming the file and segment', () => {
  const failure = (text: string): ScrubjayError => {
    try {
      readX12Text(text, 'broken.837');
    } catch (error) {
      if (error instanceof ScrubjayError) return error;
      throw error;
    }
    throw new Error('expected the file to be refused');
  };

  it('no ISA header', () => {
    const error = failure('GS*HC*A*B*20261120*1200*1*X*005010X222A1~ST*837*0001~SE*2*0001~');
    expect(error.code).toBe('SJ_X12_UNREADABLE');
    expect(error.location).toEqual({ file: 'broken.837' });
    expect(error.message).toBe('broken.837: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing and the separators are unknown');
  });

  it('an empty file, and JSON', () => {
    expect(failure('').code).toBe('SJ_X12_UNREADABLE');
    expect(failure('{"claimId":"C-1","lines":[]}').message).toMatch(/no ISA header/);
  });

  it('separators that cannot be used', () => {
    const letterTerminator = COMMERCIAL.replace('*0*T*:~', '*0*T*:G');
    expect(failure(letterTerminator).message).toBe('broken.837: the ISA header at segment 1 (counting ISA as segment 1) cannot be read: the segment terminator (the character after ISA16) is "G", a letter or digit, which data could contain');
    const sameAsElement = COMMERCIAL.replace('*0*T*:~', '*0*T**~');
    expect(failure(sameAsElement).message).toMatch(/component separator \(ISA16\) is the element separator "\*"/);
    const truncatedIsa = COMMERCIAL.slice(0, 60);
    expect(failure(truncatedIsa).message).toMatch(/ISA header at segment 1 .* cannot be read: ISA has \d+ of its 16 elements/);
  });

  it('a later interchange whose header is broken, after the claims before it were read', async () => {
    const text = SPOUSE + SPOUSE.replace('*0*T*:~', '*0*T*:9');
    const read: ClaimFromFile[] = [];
    const error = await (async () => {
      for await (const claim of readX12Claims(chunked(Buffer.from(text), 256), 'two.837')) read.push(claim);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(read.map((r) => claimOf(r).claimId)).toEqual(['C-2001']);
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).message).toBe('two.837: the ISA header at segment 49 (counting ISA as segment 1) cannot be read: the segment terminator (the character after ISA16) is "9", a letter or digit, which data could contain');
  });

  it('a declared terminator that never comes', () => {
    const text = COMMERCIAL.slice(0, 200) + '~NTE*ADD*' + 'x'.repeat(70_000);
    expect(failure(text).message).toMatch(/^broken\.837: segment \d+ \(counting ISA as segment 1\) runs over 65536 characters without the segment terminator "~"/);
  });

  it('a file that cannot be opened', async () => {
    const error = await readAll(createReadStream(join(FIXTURES, 'no-such-file.837')), 'no-such-file.837').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).code).toBe('SJ_INPUT_UNREADABLE');
    expect((error as ScrubjayError).message).toMatch(/^no-such-file\.837: cannot be read \(ENOENT/);
  });
});

describe('a file whose transaction sets are none of them 837 is refused as what it is', () => {
  /** One interchange of one functional group holding a transaction set per body, each `ST*type*...SE`. */
  const interchange = (functional: string, version: string, ...bodies: Array<[type: string, segments: string]>): string => {
    const sets = bodies.map(([type, segments], i) => `ST*${type}*000${i + 1}*${version}~${segments}~SE*${segments.split('~').length + 2}*000${i + 1}~`).join('');
    return `ISA*00*          *00*          *ZZ*PAYER          *ZZ*PRACTICE       *261201*0800*^*00501*000000007*0*P*:~GS*${functional}*PAYER*PRACTICE*20261201*0800*7*X*${version}~${sets}GE*${bodies.length}*7~IEA*1*000000007~\n`;
  };
  const REMIT = interchange('HP', '005010X221A1', ['835', 'BPR*I*100*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261201~TRN*1*12345*1512345678~CLP*C-2001*4*240*0**12*22123456789']);
  const ACK = interchange('HN', '005010X214', ['277', 'BHT*0085*08*277X214*20261201*0800*TH~HL*1**20*1~NM1*PR*2*PAYER*****PI*12345']);

  const refusal = (text: string, file: string): ScrubjayError => {
    try {
      readX12Text(text, file);
    } catch (error) {
      if (error instanceof ScrubjayError) return error;
      throw error;
    }
    throw new Error('expected the file to be refused');
  };

  it('an 835 remittance advice: the error names the file, the ST and its segment, and what the file is', () => {
    const error = refusal(REMIT, 'december.835');
    expect(error.code).toBe('SJ_X12_NOT_A_CLAIM_FILE');
    expect(error.location).toEqual({ file: 'december.835' });
    expect(error.message).toBe(
      'december.835: an 835 remittance advice, not a claim file (837): the ST at segment 3 (counting ISA as segment 1) opens transaction set "835", and the file holds no 837 claim transaction, so there is nothing to check.',
    );
  });

  it('a 277 acknowledgment, and a 999 of several transaction sets, named by the first', () => {
    expect(refusal(ACK, 'ack.edi').message).toMatch(/^ack\.edi: a 277 claim status \/ acknowledgment, not a claim file \(837\): the ST at segment 3 /);
    const acks = interchange('FA', '005010X231A1', ['999', 'AK1*HC*1*005010X222A1~AK9*A*1*1*1'], ['999', 'AK1*HC*2*005010X222A1~AK9*A*1*1*1']);
    expect(refusal(acks, 'acks.999').message).toBe(
      'acks.999: a 999 implementation acknowledgment, not a claim file (837): the ST at segment 3 (counting ISA as segment 1) opens transaction set "999", and none of the file\'s 2 transaction sets is an 837 claim transaction, so there is nothing to check.',
    );
  });

  it('a transaction set the catalog does not name is still called by its number', () => {
    expect(refusal(interchange('PO', '004010', ['850', 'BEG*00*SA*PO-1**20261201']), 'order.edi').message).toMatch(/^order\.edi: an 850 transaction set, not a claim file \(837\): the ST at segment 3 /);
  });

  it('read as a stream, nothing is handed over before the refusal, whatever the chunk size', async () => {
    for (const size of [7, 64, 4096]) {
      const read: ClaimFromFile[] = [];
      const error = await (async () => {
        for await (const claim of readX12Claims(chunked(Buffer.from(REMIT + REMIT), size), 'two.835')) read.push(claim);
      })().then(
        () => null,
        (e: unknown) => e,
      );
      expect(read).toEqual([]);
      expect((error as ScrubjayError).code).toBe('SJ_X12_NOT_A_CLAIM_FILE');
      expect((error as ScrubjayError).message).toContain("none of the file's 2 transaction sets is an 837");
    }
  });

  it('a file that also holds an 837 is read: its claims, and the other transaction sets skipped with an error', () => {
    const read = readX12Text(SPOUSE + REMIT, 'claims-and-remit.edi');
    expect(read.map((r) => r.claim === null)).toEqual([false, true]);
    expect(read[1]?.problems.map((p) => p.code)).toEqual(['x12-not-a-claim']);
  });
});

describe('streaming', () => {
  it('hands over each claim as soon as its loop ends, long before the file does', async () => {
    const text = write837(generateClaims(2000, 3));
    const bytes = Buffer.from(text);
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunked(bytes, 1024)) {
        pulled++;
        yield chunk;
      }
    }
    const total = Math.ceil(bytes.length / 1024);
    const pulledAtClaim: number[] = [];
    for await (const _claim of readX12Claims(counted(), 'stream.837')) pulledAtClaim.push(pulled);
    expect(pulledAtClaim).toHaveLength(2000);
    expect(pulledAtClaim[0]).toBeLessThanOrEqual(3);
    expect(pulledAtClaim[999]).toBeLessThan(total * 0.6);
  });

  it('stops reading the input when the consumer stops', async () => {
    let closed = false;
    let pulled = 0;
    const bytes = Buffer.from(write837(generateClaims(500, 4)));
    async function* source() {
      try {
        for await (const chunk of chunked(bytes, 512)) {
          pulled++;
          yield chunk;
        }
      } finally {
        closed = true;
      }
    }
    for await (const _claim of readX12Claims(source(), 'early.837')) break;
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

describe('looksLikeX12', () => {
  it('finds the ISA after a BOM, whitespace or a cover note, in UTF-8 or UTF-16 read as bytes', () => {
    expect(looksLikeX12(COMMERCIAL.slice(0, 300))).toBe(true);
    expect(looksLikeX12('\ufeff' + COMMERCIAL.slice(0, 300))).toBe(true);
    expect(looksLikeX12('\r\n   ' + COMMERCIAL.slice(0, 300))).toBe(true);
    expect(looksLikeX12('Example 1 - Commercial Health Insurance\n\nThe ISA follows.\n' + COMMERCIAL.slice(0, 300))).toBe(true);
    expect(looksLikeX12(Buffer.from(COMMERCIAL.slice(0, 300), 'utf16le').toString('latin1'))).toBe(true);
    expect(looksLikeX12(COMMERCIAL.slice(0, 8))).toBe(true);
  });

  it('says no to JSON, FHIR, prose mentioning ISA, and an ISA past the first 8 KiB', () => {
    expect(looksLikeX12('{"claimId": "ISA*00*", "lines": []}')).toBe(false);
    expect(looksLikeX12('[{"resourceType":"Claim"}]')).toBe(false);
    expect(looksLikeX12('The ISA: interchange header comes first.')).toBe(false);
    expect(looksLikeX12('DISA*00*')).toBe(false);
    expect(looksLikeX12('x'.repeat(9000) + COMMERCIAL)).toBe(false);
    expect(looksLikeX12('')).toBe(false);
  });
});
