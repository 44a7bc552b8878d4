/** The claim a replacement or void is scrubbed as: its frequency, the payer's number it names, and the lines a void keeps. */
import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { ScrubjayError } from '../../src/errors.js';
import { correctionClaim, payerClaimNumber } from '../../src/remit/index.js';
import type { ScrubRecord, StoredRemit } from '../../src/store/store.js';
import { EXAMPLE_CLAIMS } from '../server/support.js';

const sent = EXAMPLE_CLAIMS[0] as unknown as ClaimInput;

function stored(claim: ClaimInput): ScrubRecord {
  const result = { claimId: 'C-1001', status: 'clean' as const, asOf: '2026-12-01', rulesetVersion: 'v1', rulesetHash: 'h', findings: [], referenceData: [] };
  return { id: 'scrub-1', claimId: 'C-1001', status: 'clean', scrubbedAt: '2026-12-01T00:00:00.000Z', rulesetVersion: 'v1', referenceData: [], claim, result, owner: 'biller' };
}

function remit(at: string, payerClaimControlNumber: string | null): StoredRemit {
  const summary = { statusCode: '4', state: 'denied' as const, charged: 125, paid: 0, carcs: ['16'], appealBy: null, remitDate: at.slice(0, 10) };
  return { id: `remit-${at}`, scrubId: 'scrub-1', claimId: 'C-1001', file: 'x.835', by: 'biller', at, summary, remit: { claimId: 'C-1001', payerClaimControlNumber } };
}

describe('a correction of a stored claim', () => {
  it("names the payer's claim number of the newest remittance that gave one", () => {
    const remits = [remit('2026-12-01T00:00:00Z', 'OLD-1'), remit('2026-12-05T00:00:00Z', 'NEW-2'), remit('2026-12-06T00:00:00Z', '  ')];
    expect(payerClaimNumber(remits)).toBe('NEW-2');
    expect(correctionClaim(stored(sent), remits, 'replace')).toMatchObject({ claimId: 'C-1001', frequency: '7', originalClaimId: 'NEW-2' });
  });

  it('takes the number the biller typed over the remittance, and the edited claim as it is', () => {
    const edited = { ...sent, originalClaimId: ' TYPED-9 ', priorAuthorization: 'PA-1' };
    expect(correctionClaim(stored(sent), [remit('2026-12-01T00:00:00Z', 'REMIT-1')], 'replace', edited)).toMatchObject({ frequency: '7', originalClaimId: 'TYPED-9', priorAuthorization: 'PA-1' });
  });

  it('voids the claim with its lines and total as sent, whatever the edit changed', () => {
    const edited = { ...sent, lines: [{ procedureCode: '99215', charge: 300 }], totalCharge: 300, priorAuthorization: 'PA-1' };
    const voided = correctionClaim(stored(sent), [remit('2026-12-01T00:00:00Z', 'REMIT-1')], 'void', edited);
    expect(voided).toMatchObject({ frequency: '8', originalClaimId: 'REMIT-1', totalCharge: 125, priorAuthorization: 'PA-1' });
    expect(voided.lines).toEqual(sent.lines);
  });

  it('keeps the number a stored correction carries when no remittance answered it', () => {
    const replacement = { ...sent, frequency: '7', originalClaimId: 'FIRST-1' };
    expect(correctionClaim(stored(replacement), [], 'replace')).toMatchObject({ frequency: '7', originalClaimId: 'FIRST-1' });
  });

  it('refuses when no number is known from anywhere (409)', () => {
    const refusal = (() => {
      try {
        correctionClaim(stored(sent), [remit('2026-12-01T00:00:00Z', null)], 'void');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ScrubjayError);
    expect(refusal).toMatchObject({ code: 'SJ_CORRECTION_NO_ORIGINAL', status: 409, location: { path: 'claim.originalClaimId' } });
  });
});
