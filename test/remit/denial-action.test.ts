import { describe, expect, it } from 'vitest';
import { adviseOn } from '../../src/remit/index.js';

describe('what to do about one denial', () => {
  it('sends a claim the payer could not process back as a corrected claim', () => {
    expect(adviseOn({ group: 'CO', carc: '16', rarc: ['MA04'] })).toMatchObject({ action: 'correct', newClaim: false });
  });
  it('says a fix goes out as a new claim when the payer gave no appeal rights (MA130)', () => {
    expect(adviseOn({ group: 'CO', carc: '16', rarc: [] }, ['MA130'])).toMatchObject({ action: 'correct', newClaim: true });
  });
  it('appeals medical necessity with the records, and timely filing with proof of filing', () => {
    expect(adviseOn({ group: 'CO', carc: '50', rarc: [] })).toMatchObject({ action: 'appeal', evidence: expect.stringContaining('medical records') });
    expect(adviseOn({ group: 'CO', carc: '29', rarc: [] }).evidence).toContain('filed in time');
  });
  it('does not resend a duplicate, and points coordination of benefits at the other payer', () => {
    expect(adviseOn({ group: 'OA', carc: '18', rarc: [] }).action).toBe('do-not-resend');
    expect(adviseOn({ group: 'OA', carc: '22', rarc: [] }).action).toBe('other-payer');
    expect(adviseOn({ group: 'CO', carc: '27', rarc: [] }).action).toBe('check-coverage');
  });
  it("leaves the patient's share to be billed to the patient", () => {
    expect(adviseOn({ group: 'PR', carc: '1', rarc: [] }).action).toBe('bill-patient');
  });
});
