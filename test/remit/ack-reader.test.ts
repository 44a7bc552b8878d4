/**
 * 277CA acknowledgments read into the contract's records: which claims were accepted or
 * rejected, with each status in plain words, and the batch-level statuses that reject all
 * of a file's or a provider's claims without listing them.
 */
import { describe, expect, it } from 'vitest';
import { readAckText } from '../../src/remit/ack-reader.js';
import type { BatchAck, ClaimAck } from '../../src/remit/ack-types.js';
import { ScrubjayError } from '../../src/errors.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../support/paths.js';
import { fixtureText, readFixture } from './ack-support.js';

const claims = (name: string): ClaimAck[] => readFixture(name).acknowledgments.filter((a): a is ClaimAck => a.level === 'claim');
const batches = (name: string): BatchAck[] => readFixture(name).acknowledgments.filter((a): a is BatchAck => a.level !== 'claim');

function refusal(text: string, file: string): ScrubjayError {
  try {
    readAckText(text, file);
  } catch (error) {
    if (error instanceof ScrubjayError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

describe('accepted claims', () => {
  it('gives each claim its patient control number, the payer claim number, the date and the status in words', () => {
    const { acknowledgments, problems } = readFixture('accepted.277');
    expect(problems).toEqual([]);
    expect(acknowledgments.filter((a) => a.level === 'claim')).toEqual([
      {
        level: 'claim',
        claimId: 'C-1001',
        accepted: true,
        statuses: [{ category: 'A2', code: '20', meaning: "Accepted into the payer's processing system: accepted for processing" }],
        at: '2026-12-02',
        payerClaimControlNumber: 'RHP2612020001',
        charged: 125,
        lines: [],
      },
      {
        level: 'claim',
        claimId: 'C-1002',
        accepted: true,
        statuses: [{ category: 'A2', code: '20', entity: 'PR', meaning: "Accepted into the payer's processing system: accepted for processing (payer)" }],
        at: '2026-12-02',
        payerClaimControlNumber: 'RHP2612020002',
        charged: 220,
        lines: [],
      },
    ]);
  });

  it('reports the receipt of the batch and of the provider as accepted batch statuses', () => {
    expect(batches('accepted.277').map((b) => [b.level, b.reference, b.name, b.id, b.accepted, b.at])).toEqual([
      ['receiver', '1-0001', 'HILL COUNTRY BILLING', 'SJ0001', true, '2026-12-02'],
      ['provider', 'PRV0001', 'HILL COUNTRY CLINIC', '1234567893', true, null],
    ]);
  });
});

describe('rejected claims', () => {
  it('rejects for invalid information (A7) naming the entity, here the billing provider NPI', () => {
    const [invalid] = claims('rejected.277');
    expect(invalid).toMatchObject({
      claimId: 'C-2001',
      accepted: false,
      at: '2026-12-03',
      payerClaimControlNumber: null,
      statuses: [{ category: 'A7', code: '562', entity: '85', meaning: "Rejected because information is invalid: the entity's National Provider Identifier (NPI) (billing provider)" }],
    });
  });

  it('rejects for missing information (A6) with every status of the STC and the line-level status under it', () => {
    const missing = claims('rejected.277')[1]!;
    expect(missing.claimId).toBe('C-2002');
    expect(missing.accepted).toBe(false);
    expect(missing.statuses.map((s) => [s.category, s.code, s.entity, s.meaning])).toEqual([
      ['A6', '128', '85', "Rejected because information is missing: the entity's tax ID (billing provider)"],
      ['A6', '153', '82', "Rejected because information is missing: the entity's ID number (rendering provider)"],
    ]);
    expect(missing.lines).toEqual([
      {
        procedureCode: '97110',
        modifiers: ['GP'],
        charged: 90,
        lineControlNumber: '2',
        statuses: [{ category: 'A7', code: '21', meaning: 'Rejected because information is invalid: information is missing or invalid' }],
      },
    ]);
  });

  it('counts a claim forwarded to the payer (A0) as accepted', () => {
    expect(claims('rejected.277')[2]).toMatchObject({ claimId: 'C-2003', accepted: true, payerClaimControlNumber: 'CH3120003' });
  });
});

describe('whole-batch rejections', () => {
  it("rejects all of one provider's claims at the provider level (2200C) while another provider's are accepted", () => {
    // the file also has a cover note before ISA and `|` as its component separator
    const { acknowledgments, problems } = readFixture('provider-rejected.277');
    expect(problems).toEqual([]);
    expect(acknowledgments.map((a) => [a.level, a.claimId, a.accepted])).toEqual([
      ['receiver', null, true],
      ['provider', null, true],
      ['claim', 'C-3001', true],
      ['provider', null, false],
    ]);
    expect(acknowledgments[3]).toEqual({
      level: 'provider',
      claimId: null,
      accepted: false,
      statuses: [{ category: 'A3', code: '24', entity: '85', meaning: 'Returned as unprocessable; correct it and send it again as a new claim: the entity is not approved to send claims electronically (billing provider)' }],
      at: null,
      reference: 'PRV0003B',
      name: 'IVY REED',
      id: '1972635480',
      charged: 375,
    });
  });

  it('rejects the whole file at the information receiver (2200B), naming the batch it answers', () => {
    expect(readFixture('file-rejected.277').acknowledgments).toEqual([
      {
        level: 'receiver',
        claimId: null,
        accepted: false,
        statuses: [{ category: 'A3', code: '24', entity: '41', meaning: 'Returned as unprocessable; correct it and send it again as a new claim: the entity is not approved to send claims electronically (submitter)' }],
        at: '2026-12-05',
        reference: '1-0004',
        name: 'HILL COUNTRY BILLING',
        id: 'SJ0001',
        charged: 640,
      },
    ]);
  });
});

describe('files that are not 277CA acknowledgments', () => {
  it('refuses a 277 claim status response (X212), naming its GS08 and ST03 version and the segment', () => {
    const error = refusal(fixtureText('status-response-x212.277'), 'status.277');
    expect(error.code).toBe('SJ_X12_NOT_AN_ACKNOWLEDGMENT');
    expect(error.message).toBe(
      'status.277: the ST at segment 3 (counting ISA as segment 1) opens a 277 claim status response (the answer to a 276 status inquiry), not a 277CA claim acknowledgment: GS08 "005010X212", ST03 "005010X212", where a 277CA says 005010X214',
    );
  });

  it('refuses an 837 claim file, naming its transaction set', () => {
    const claimFile = fixtureText('accepted.277').replace('GS*HN', 'GS*HC').replace('ST*277*0001*005010X214', 'ST*837*0001*005010X222A1').replace('*X*005010X214', '*X*005010X222A1');
    const error = refusal(claimFile, 'claims.837');
    expect(error.code).toBe('SJ_X12_NOT_AN_ACKNOWLEDGMENT');
    expect(error.message).toMatch(/^claims\.837: the ST at segment 3 .* opens transaction set "837", not a 277CA claim acknowledgment \(GS08 "005010X222A1", ST03 "005010X222A1"\)/);
  });

  it('refuses text with no ISA as unreadable, naming the file and segment 1', () => {
    const error = refusal('STC*A1:20*20261202~', 'note.txt');
    expect(error.code).toBe('SJ_X12_UNREADABLE');
    expect(error.message).toBe('note.txt: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing and the separators are unknown');
  });

  it('refuses an interchange with no transaction set at all', () => {
    const text = fixtureText('accepted.277');
    const envelopeOnly = text.slice(0, text.indexOf('ST*')) + 'GE*0*311~\nIEA*1*000000311~\n';
    expect(refusal(envelopeOnly, 'empty.277').message).toBe('empty.277: holds no transaction set (no ST segment), so no 277CA acknowledgment');
  });
});

describe('problems that leave the file readable', () => {
  it('reads what arrived of a cut-off file and says the transaction has no SE', () => {
    const { acknowledgments, problems } = readFixture('truncated.277');
    expect(acknowledgments.map((a) => a.claimId)).toEqual([null, 'C-2001', 'C-2002']);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'Transaction "0002" (ST at segment 3 (counting ISA as segment 1)) has no SE trailer before the end of the file: the acknowledgment may be cut short.',
    ]);
  });

  it('warns of a wrong SE01 segment count, naming the segment', () => {
    const { acknowledgments, problems } = readAckText(fixtureText('accepted.277').replace('SE*32*0001', 'SE*30*0001'), 'count.277');
    expect(acknowledgments).toHaveLength(4);
    expect(problems).toEqual([
      { severity: 'warning', code: 'x12-control-count', message: 'SE01 at segment 34 (counting ISA as segment 1) says "30", but there are 32 segments in transaction "0001" (ST to SE).', where: { location: 'SE, segment 34' } },
    ]);
  });

  it('leaves the date empty when STC02 is no date, and says so', () => {
    const { acknowledgments, problems } = readAckText(fixtureText('accepted.277').replace('STC*A2:20*20261202*WQ*125', 'STC*A2:20*20261302*WQ*125'), 'date.277');
    expect(acknowledgments.find((a) => a.claimId === 'C-1001')?.at).toBeNull();
    expect(problems.map((p) => p.message)).toEqual(['STC02 (status date) at segment 25 (counting ISA as segment 1) is "20261302", not a date written CCYYMMDD; the date was left empty.']);
  });

  it('counts a claim without any status as not accepted, with an error naming it', () => {
    const { acknowledgments, problems } = readAckText(fixtureText('accepted.277').replace('STC*A2:20*20261202*WQ*125~\n', ''), 'nostatus.277');
    expect(acknowledgments.find((a) => a.claimId === 'C-1001')).toMatchObject({ accepted: false, statuses: [], at: null });
    expect(problems.map((p) => [p.severity, p.code])).toContainEqual(['error', 'x12-missing-segment']);
    expect(problems.find((p) => p.code === 'x12-missing-segment')?.message).toMatch(/^Claim "C-1001" \(loop 2200D at segment 24 .*\) has no STC status/);
  });

  it('gives a claim code missing from the code list its number instead of a meaning', () => {
    const { acknowledgments } = readAckText(fixtureText('accepted.277').replace('STC*A2:20*', 'STC*A2:9999:ZZ*'), 'unknown.277');
    expect(acknowledgments.find((a) => a.claimId === 'C-1001')?.statuses).toEqual([
      { category: 'A2', code: '9999', entity: 'ZZ', meaning: "Accepted into the payer's processing system: claim status code 9999 (entity ZZ)" },
    ]);
  });

  it('keeps reading when each claim of a patient is its own 2200D loop', () => {
    const twoClaims = fixtureText('accepted.277').replace('DTP*472*D8*20261001~\n', 'DTP*472*D8*20261001~\nTRN*2*C-1001B~\nSTC*A8:187*20261202*U*40~\n');
    const read = readAckText(twoClaims, 'two.277').acknowledgments.filter((a) => a.level === 'claim');
    expect(read.map((a) => [a.claimId, a.accepted, a.statuses[0]?.category])).toEqual([
      ['C-1001', true, 'A2'],
      ['C-1001B', false, 'A8'],
      ['C-1002', true, 'A2'],
    ]);
  });
});

describe('a public implementation-guide example', () => {
  it("reads the clearinghouse scenario: one claim forwarded, one rejected for the rendering provider's missing id on a line, one for its filing indicator", () => {
    // stupidedi's copy of the 277CA guide's business scenario 1, with its prose before ISA and its SE01 one short
    const file = join(FIXTURES_DIR, 'x12', 'stupidedi', '277CA-X214', 'pass', '1.edi');
    const { acknowledgments, problems } = readAckText(readFileSync(file, 'latin1'), '1.edi');
    const claimAcks = acknowledgments.filter((a): a is ClaimAck => a.level === 'claim');
    expect(claimAcks.map((a) => [a.claimId, a.accepted, a.payerClaimControlNumber])).toEqual([
      ['DOE01428', true, '22029500123407X'],
      ['DOE0221', false, null],
      ['VEST0303', false, null],
    ]);
    expect(claimAcks[1]!.lines[0]).toMatchObject({ procedureCode: '22305', modifiers: ['22'], charged: 350, statuses: [{ category: 'A3', code: '21' }, { category: 'A3', code: '153', entity: '82' }] });
    expect(claimAcks[2]!.statuses[0]!.meaning).toBe('Returned as unprocessable; correct it and send it again as a new claim: the claim filing indicator (source of payment)');
    expect(problems.map((p) => p.code)).toEqual(['x12-control-count']);
  });
});
