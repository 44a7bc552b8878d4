/**
 * The 835 reader on small remittances of our own (test/fixtures/x12/835): each claim
 * payment field by field, read whole and in pieces alike, and broken copies refused or
 * reported at the segment at fault.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { readRemittance, readRemittanceText, type ClaimPayment } from '../../src/remit/index.js';
import { FIXTURES_DIR } from '../support/paths.js';

const DIR = join(FIXTURES_DIR, 'x12', '835');
const text = (name: string): string => readFileSync(join(DIR, name), 'utf8');

async function readFile(name: string, chunkSize?: number): Promise<{ payments: ClaimPayment[]; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  const payments: ClaimPayment[] = [];
  const input = chunkSize === undefined ? createReadStream(join(DIR, name)) : inPieces(readFileSync(join(DIR, name)), chunkSize);
  for await (const payment of readRemittance(input, name, problems)) payments.push(payment);
  return { payments, problems };
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function refusal(name: string): Promise<ScrubjayError> {
  const error = await readFile(name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScrubjayError);
  return error as ScrubjayError;
}

describe('reading an 835', () => {
  it('reads a denied claim: status, amounts, payer, remittance date, claim and line adjustments, line remarks', async () => {
    const { payments, problems } = await readFile('denied.835');
    expect(problems).toEqual([]);
    expect(payments).toHaveLength(1);
    const [p] = payments as [ClaimPayment];
    expect(p).toMatchObject({
      claimId: 'C-1001',
      payerClaimControlNumber: '22123456789',
      status: { code: '4', meaning: 'Denied' },
      charged: 240,
      paid: 0,
      patientResponsibility: 0,
      remitDate: '2026-12-01',
      payer: { id: '00431', name: 'MEDICARE PART B EXAMPLE CONTRACTOR' },
      adjustments: [{ group: 'CO', carc: '29', rarc: [], amount: 115, quantity: null, line: null }],
      source: { file: 'denied.835', segment: 14 },
    });
    expect(p.lines).toEqual([
      {
        line: 1,
        procedureCode: '99213',
        modifiers: [],
        billedAs: null,
        serviceDate: '2026-10-01',
        serviceDateEnd: null,
        charged: 125,
        paid: 0,
        units: 1,
        controlNumber: null,
        adjustments: [{ group: 'CO', carc: '97', rarc: ['M15'], amount: 125, quantity: null, line: 1 }],
        rarc: ['M15'],
      },
      expect.objectContaining({ line: 2, procedureCode: '93000', charged: 115, adjustments: [] }),
    ]);
  });

  it('reads every triple of a CAS, modifiers from the SVC01 composite, DTM*150 as the service date and REF*6R', async () => {
    const { payments } = await readFile('partial.835');
    const [p] = payments as [ClaimPayment];
    expect(p).toMatchObject({ claimId: 'C-3001', status: { code: '1' }, charged: 200, paid: 96, patientResponsibility: 44, payer: { id: 'RHP01', name: 'RIVER HEALTH PLAN' } });
    expect(p.lines[0]).toMatchObject({ procedureCode: '99214', modifiers: ['25'], serviceDate: '2026-10-15', serviceDateEnd: '2026-10-15', controlNumber: 'C-3001-1' });
    expect(p.lines[0]!.adjustments.map((a) => [a.group, a.carc, a.amount])).toEqual([
      ['PR', '1', 20],
      ['PR', '2', 24],
      ['CO', '45', 60],
    ]);
  });

  it('keeps a reversal and its negative amounts as the payer sent them, beside the corrected payment', async () => {
    const { payments } = await readFile('reversal.835');
    expect(payments.map((p) => [p.claimId, p.status.code, p.status.meaning, p.charged, p.paid])).toEqual([
      ['C-4001', '22', 'Reversal of an earlier payment', -150, -125],
      ['C-4001', '1', 'Processed as primary', 150, 110],
    ]);
    expect(payments[0]!.adjustments).toEqual([{ group: 'CR', carc: '45', rarc: [], amount: -25, quantity: null, line: null }]);
    expect(payments[0]!.lines[0]).toMatchObject({ charged: -150, paid: -125 });
  });

  it('takes claim remarks from MOA and MIA, and gives them to the claim-level adjustments', async () => {
    const { payments } = await readFile('remarks.835');
    expect(payments.map((p) => [p.claimId, p.rarc, p.adjustments.map((a) => a.rarc)])).toEqual([
      ['C-5001', ['MA130', 'M76'], [['MA130', 'M76']]],
      ['C-5002', ['MA01'], [['MA01']]],
    ]);
  });

  it('reads a file in pieces of any size as it reads it whole', async () => {
    const whole = readRemittanceText(text('denied.835'), 'denied.835').payments;
    for (const size of [1, 7, 64]) expect((await readFile('denied.835', size)).payments).toEqual(whole);
  });

  it('reads UTF-16 with a byte order mark, and skips a cover note before the ISA', async () => {
    const whole = (await readFile('denied.835')).payments.map((p) => ({ ...p, source: { ...p.source, file: '' } }));
    for (const name of ['utf16-bom.835', 'prose-before-isa.835']) {
      const { payments, problems } = await readFile(name);
      expect(problems, name).toEqual([]);
      expect(payments.map((p) => ({ ...p, source: { ...p.source, file: '' } })), name).toEqual(whole);
    }
  });

  it('reads separators from the ISA: "+" elements, ">" components, one segment a line', () => {
    const plus = text('partial.835')
      .replace(/\*/g, '+')
      .replace(/\+:~/, '+>~')
      .replace(/HC:99214:25/, 'HC>99214>25')
      .replace(/~\n/g, '\n');
    const { payments, problems } = readRemittanceText(plus, 'plus.835');
    expect(problems).toEqual([]);
    expect(payments[0]!.lines[0]).toMatchObject({ procedureCode: '99214', modifiers: ['25'] });
    expect(payments[0]!.lines[0]!.adjustments).toHaveLength(3);
  });

  it('reads all six triples a CAS may hold, with their quantities', () => {
    const six = text('denied.835').replace('CAS*CO*29*115~', 'CAS*CO*29*1*1*16*2**18*3*2*96*4**97*5**50*6*1~');
    const { payments } = readRemittanceText(six, 'six.835');
    expect(payments[0]!.adjustments.map((a) => [a.carc, a.amount, a.quantity])).toEqual([
      ['29', 1, 1],
      ['16', 2, null],
      ['18', 3, 2],
      ['96', 4, null],
      ['97', 5, null],
      ['50', 6, 1],
    ]);
  });
});

describe('an 835 that cannot be read as it should', () => {
  it('refuses a file without an ISA, saying segment 1 (ISA) is missing', async () => {
    const error = await refusal('bad-no-isa.835');
    expect(error.code).toBe('SJ_X12_UNREADABLE');
    expect(error.message).toMatch(/^bad-no-isa\.835: .*segment 1 \(ISA\) is missing/);
  });

  it('refuses an ISA whose separators cannot be used, naming segment 1 and the separator', async () => {
    const error = await refusal('bad-separators.835');
    expect(error.code).toBe('SJ_X12_UNREADABLE');
    expect(error.message).toMatch(/^bad-separators\.835: the ISA header at segment 1 .* segment terminator .* "A", a letter/);
  });

  it('reports a file cut off inside a CAS: the empty amount at its segment, and the transaction without its SE', async () => {
    const { payments, problems } = await readFile('bad-truncated.835');
    expect(payments.map((p) => p.claimId)).toEqual(['C-1001']);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.where?.location])).toEqual([
      ['remit-missing-element', 'CAS, segment 19'],
      ['x12-truncated', 'ST, segment 3'],
    ]);
    expect(errors[0]!.message).toMatch(/^CAS03 at segment 19 .* is empty/);
    expect(errors[1]!.message).toMatch(/has no SE trailer before the end of the file/);
  });

  it('warns of an SE01 count that differs from the segments, at the SE, and still reads the payments', async () => {
    const { payments, problems } = await readFile('bad-se-count.835');
    expect(payments).toHaveLength(1);
    expect(problems.map((p) => [p.severity, p.code, p.where?.location])).toEqual([['warning', 'x12-control-count', 'SE, segment 23']]);
    expect(problems[0]!.message).toMatch(/^SE01 at segment 23 .* says "921", but there are 21 segments/);
  });

  it('refuses an 837 as not a remittance, naming its ST', () => {
    const claim = text('denied.835').replace('ST*835*0001*005010X221A1', 'ST*837*0001*005010X222A1');
    expect(() => readRemittanceText(claim, 'claims.837')).toThrow(/^claims\.837: not an 835 remittance: an 837 transaction set: the ST at segment 3 /);
  });

  it('reports an amount that is not one, and an adjustment before any claim payment, at their segments', () => {
    const bad = text('denied.835').replace('CLP*C-1001*4*240*', 'CLP*C-1001*4*24O*').replace('LX*1~', 'LX*1~\nCAS*CO*45*10~');
    const { problems } = readRemittanceText(bad.replace(/SE\*21\*/, 'SE*22*'), 'bad.835');
    expect(problems.map((p) => [p.severity, p.code, p.where?.location])).toEqual([
      ['error', 'remit-out-of-place', 'CAS, segment 14'],
      ['error', 'remit-bad-value', 'CLP, segment 15'],
    ]);
    expect(problems[1]!.message).toMatch(/^CLP03 at segment 15 .* is "24O", not an amount/);
  });

  it('warns of a group that is not HP and a guide that is not X221A1', () => {
    const odd = text('denied.835').replace('GS*HP*', 'GS*XX*').replace('ST*835*0001*005010X221A1', 'ST*835*0001*004010X091A1');
    const { payments, problems } = readRemittanceText(odd, 'odd.835');
    expect(payments).toHaveLength(1);
    expect(problems.map((p) => [p.code, p.where?.location])).toEqual([
      ['remit-group', 'GS, segment 2'],
      ['remit-version', 'ST, segment 3'],
    ]);
  });
});
