/**
 * The chat's answers about a claim after it was sent, fed the follow-up context the service
 * builds (a real store, a real 835): why the payer denied it and what to do, what a group
 * code and CARC or RARC mean for who pays, by when to appeal and under which rule, appeal or
 * correct, and when to follow up — each asked in several ways, with and without a
 * remittance, and as follow-ups that keep to the line or denial in focus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssistantReply, Conversation, ConversationFocus } from '../../src/assistant/assistant.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import type { ClaimFollowUp } from '../../src/contract/follow-up.js';
import { adviseOn } from '../../src/remit/index.js';
import { assistantWith, emptyReference, exampleClaims } from './fixtures.js';
import { deniedMedicareClaim, followUpOf, incompleteMedicareClaim, remitFixture } from './follow-up-fixtures.js';

const assistant = assistantWith(emptyReference());
const denied = deniedMedicareClaim();
const aetna = exampleClaims()[1]! as unknown as ClaimInput;
const incomplete = incompleteMedicareClaim();
let deniedFollowUp: ClaimFollowUp;
let aetnaFollowUp: ClaimFollowUp;
let incompleteFollowUp: ClaimFollowUp;
let sentFollowUp: ClaimFollowUp;
let scrubbedFollowUp: ClaimFollowUp;

beforeAll(async () => {
  deniedFollowUp = await followUpOf(denied, [remitFixture('denied.835')]);
  aetnaFollowUp = await followUpOf(aetna, [remitFixture('partial-c1002.835')]);
  incompleteFollowUp = await followUpOf(incomplete, [remitFixture('remarks.835')]);
  sentFollowUp = await followUpOf(denied, [], { sent: true });
  scrubbedFollowUp = await followUpOf(denied, []);
});

const ask = (question: string, conversation: Conversation): Promise<AssistantReply> => assistant.reply(question, conversation);

/** A conversation that carries its focus from one question to the next, as the socket does. */
function conversation(start: Conversation): (question: string) => Promise<AssistantReply> {
  let focus: ConversationFocus | undefined;
  return async (question) => {
    const reply = await assistant.reply(question, { ...start, ...(focus ? { focus } : {}) });
    focus = reply.focus;
    return reply;
  };
}

describe('the context the service builds', () => {
  it('holds each adjustment of the remittance with its line, whether it is a denial, whether the scrub predicted it and adviseOn\'s advice', () => {
    expect(deniedFollowUp).toMatchObject({ claimId: 'C-1001', state: 'denied', appealBy: '2027-04-05', filingDeadline: '2027-10-01', followUpOn: null });
    const [remit] = deniedFollowUp.remits;
    expect(remit?.adjustments.map((a) => [a.group, a.carc, a.amount, a.claimLine, a.denial, a.predicted])).toEqual([
      ['CO', '29', 115, null, true, false],
      ['CO', '97', 125, 1, true, false],
    ]);
    for (const a of remit!.adjustments) expect(a.advice).toEqual(adviseOn(a, []));
    expect(remit?.lines.map((l) => [l.claimLine, l.procedureCode, l.paid])).toEqual([[1, '99213', 0], [2, '93000', 0]]);
    // a fee-schedule write-off and the patient's copay are not denials
    expect(aetnaFollowUp.remits[0]?.adjustments.map((a) => [a.group, a.carc, a.denial, a.advice?.action ?? null])).toEqual([
      ['CO', '45', false, null],
      ['PR', '3', false, null],
      ['CO', '97', true, 'appeal'],
    ]);
  });
});

describe('why the payer denied the claim', () => {
  it.each([
    'why was this claim denied?',
    'Why did the payer deny this claim?',
    'what did the remittance say?',
    'explain the EOB',
    'why was nothing paid on this claim?',
    'why did Medicare deny it?',
    'what were the denial reasons on the remit?',
  ])('"%s" gives each denial with its group, CARC, amount and line, whether the scrub predicted it and what to do', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('remit-denial');
    expect(reply.text).toMatch(/^Claim C-1001: Denied \(CLP02 4\) by MEDICARE PART B EXAMPLE CONTRACTOR on the remittance of 2026-12-01: billed \$240\.00, paid \$0\.00\./);
    expect(reply.text).toContain('• Claim: CO-29 $115.00 — CARC 29: The payer\'s time limit for filing the claim has passed.');
    expect(reply.text).toContain('• Line 1 (99213): CO-97 $125.00 — CARC 97: ');
    expect(reply.text).toContain('RARC M15 (Services billed separately');
    expect(reply.text).toContain('Group CO: the provider writes it off and may not bill the patient');
    expect(reply.text).toContain("Scrubjay's scrub did not predict it.");
    expect(reply.text).toContain('What to do: Appeal by 2027-04-05, with proof the claim was filed in time');
    expect(reply.text).toContain('Appeal by 2027-04-05 (Medicare fee-for-service (Part B) profile: 120 days from receipt');
    expect(reply.focus).toEqual({ about: 'remit-denial' });
  });

  it.each(["why wasn't line 2 paid?", 'why was line 2 not paid?', "why didn't the second line get paid?", 'why did line 2 get denied?'])('"%s" answers for that line, with the claim-level denial that covers it', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('remit-denial');
    expect(reply.text).toContain('Line 2 (93000): billed $115.00, paid $0.00, with no adjustment on the line itself.');
    expect(reply.text).toContain('The claim-level denial covers the whole claim, this line too:');
    expect(reply.text).toContain('CO-29 $115.00 — CARC 29');
    expect(reply.text).not.toContain('CARC 97');
    expect(reply.focus).toMatchObject({ about: 'remit-denial', line: 2 });
  });

  it('says when the scrub had predicted a denial, and that a correction fixes it', async () => {
    // the Aetna remittance with line 2 denied for modifier 25 on a code that is not an E/M service, as the scrub warned
    const followUp = await followUpOf(aetna, [remitFixture('partial-c1002.835').replace('CAS*CO*97*15', 'CAS*CO*4*15')]);
    const reply = await ask('why did the payer cut line 2?', { claim: aetna, followUp });
    expect(reply.text).toContain('• Line 2 (36415): CO-4 $15.00 — CARC 4');
    expect(reply.text).toContain("Scrubjay's scrub predicted it (an error with CARC 4). What to do: Correct the claim and send it again: the claim itself was wrong or incomplete");
  });

  it('says a claim denied for missing information carries no appeal rights when the payer says so (MA130)', async () => {
    const reply = await ask('why was this claim denied?', { claim: incomplete, followUp: incompleteFollowUp });
    expect(reply.text).toContain('• Claim: CO-16 $90.00 — CARC 16');
    expect(reply.text).toContain('RARC MA130 (The claim has incomplete or invalid information and carries no appeal rights');
    expect(reply.text).toContain('Correct the claim and send it again as a new claim (MA130: the payer gave no appeal rights)');
  });

  it('says a reversal takes back an earlier payment', async () => {
    const claim = { ...(denied as Record<string, unknown>), claimId: 'C-4001', lines: [{ ...(denied as { lines: Array<Record<string, unknown>> }).lines[0], charge: 150 }], totalCharge: 150 } as unknown as ClaimInput;
    const reversal = remitFixture('reversal.835');
    // the reversal alone, without the corrected payment that follows it in the file
    const onlyReversal = reversal.replace(/CLP\*C-4001\*1\*[\s\S]*?(?=SE\*)/, '');
    const followUp = await followUpOf(claim, [onlyReversal]);
    expect(followUp.remits.at(-1)?.status.code).toBe('22');
    const reply = await ask('what did the remittance say?', { claim, followUp });
    expect(reply.text).toContain('The payer took back an earlier payment (a reversal): a corrected payment should follow.');
  });

  it('names only the denials of a partly paid claim, not its fee-schedule write-off or the patient\'s copay', async () => {
    const reply = await ask('why did we get paid less than we billed?', { claim: aetna, followUp: aetnaFollowUp });
    expect(reply.intent).toBe('remit-denial');
    expect(reply.text).toContain('Processed as primary (CLP02 1) by AETNA on the remittance of 2026-12-05: billed $225.00, paid $150.00, patient owes $20.00.');
    expect(reply.text).toContain('The payer gave 1 denial:\n• Line 2 (36415): CO-97 $15.00 — CARC 97');
    expect(reply.text).not.toContain('CO-45');
    expect(reply.text).toContain("The payer profile cites no appeal period, so I have no appeal deadline");
  });

  it('keeps to the line or denial in focus: "and line 1?", "what about the second one?", "what does that mean?"', async () => {
    const chat = conversation({ claim: denied, followUp: deniedFollowUp });
    expect((await chat("why wasn't line 2 paid?")).focus).toMatchObject({ line: 2 });
    const line1 = await chat('and line 1?');
    expect(line1.intent).toBe('remit-denial');
    expect(line1.text).toContain('Line 1 (99213): billed $125.00, paid $0.00.');
    expect(line1.text).toContain('CO-97 $125.00 — CARC 97');
    await chat('why was this claim denied?');
    const second = await chat('what about the second one?');
    expect(second.intent).toBe('remit-denial');
    expect(second.text).toContain('• Line 1 (99213): CO-97 $125.00');
    expect(second.text).not.toContain('CO-29 $115.00');
    const meaning = await chat('what does that mean?');
    expect(meaning.intent).toBe('code-meaning');
    expect(meaning.text).toMatch(/^CARC 97 — /);
  });

  it('"why would this claim be denied?" is still about what the scrub predicts', async () => {
    const reply = await ask('why would this claim be denied?', { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('why-denied');
    expect(reply.text).toMatch(/^Claim C-1001 passes every check/);
  });

  it.each(['why was this claim denied?', "why wasn't line 2 paid?"])('"%s" without a remittance says so and gives what the scrub predicts', async (question) => {
    for (const followUp of [scrubbedFollowUp, undefined]) {
      const reply = await ask(question, { claim: denied, ...(followUp ? { followUp } : {}) });
      expect(reply.text).toMatch(/^I have no remittance \(835\) for claim C-1001, so I can't say what the payer decided\. What the scrub predicts a payer would do:\n/);
      expect(reply.text).not.toContain('CLP02');
    }
  });

  it('leaves out a follow-up that is not what the service builds, rather than reading it', async () => {
    const reply = await ask('why was this claim denied?', { claim: denied, followUp: { remits: 'denied' } as unknown as ClaimFollowUp });
    expect(reply.text).toMatch(/^I have no remittance \(835\) for claim C-1001/);
  });
});

describe('what a group code and a CARC or RARC mean', () => {
  it.each(['what does CO-97 mean?', 'what is CO 97', 'explain CO-97'])('"%s" says who bears the amount, and where this claim\'s remittance has it', async (question) => {
    const withRemit = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(withRemit.intent).toBe('code-meaning');
    expect(withRemit.text).toMatch(/^CARC 97 — The service is paid as part of another service/);
    expect(withRemit.text).toContain('CO-97: Contractual obligation: the provider writes this off and may not bill the patient for it, unless an appeal wins it back.');
    expect(withRemit.text).toContain("On this claim's remittance of 2026-12-01: Line 1 (99213) CO-97 $125.00; appeal by 2027-04-05.");
    const without = await ask(question, {});
    expect(without.text).toContain('CO-97: Contractual obligation');
    expect(without.text).not.toContain('remittance');
  });

  it.each(['what does PR-1 mean for the patient?', 'what is PR 1?', 'explain PR-1'])('"%s" says the patient may be billed', async (question) => {
    const reply = await ask(question, {});
    expect(reply.intent).toBe('code-meaning');
    expect(reply.text).toContain("CARC 1 — The patient's deductible covers this amount; the patient owes it.");
    expect(reply.text).toContain('PR-1: Patient responsibility: the patient may be billed for this amount.');
  });

  it.each(['what is N130', 'what does RARC N130 mean?', 'explain remark code N130'])('"%s" gives the remark code\'s meaning from the catalog', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('code-meaning');
    expect(reply.text).toMatch(/^RARC N130 — The plan's benefit documents limit or exclude this service/);
  });

  it('finds a RARC on this claim\'s remittance', async () => {
    const reply = await ask('what is M15?', { claim: denied, followUp: deniedFollowUp });
    expect(reply.text).toContain("On this claim's remittance of 2026-12-01: Line 1 (99213) CO-97 $125.00");
  });
});

describe('by when to appeal', () => {
  it.each(['how long do I have to appeal?', 'when is the appeal deadline?', 'what is the last day to appeal?', 'by when must I appeal?', 'how many days do we have to appeal this?', 'is it too late to appeal?'])('"%s" gives appealBy from the remittance with the profile\'s rule and its sources', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('appeal-deadline');
    expect(reply.text).toContain('Appeal claim C-1001 for its 2 denials: CARC 29 (CO-29), CARC 97 (CO-97) by 2027-04-05.');
    expect(reply.text).toContain('120 days from receipt of the remittance (initial determination), presumed 5 days after its date');
    expect(reply.text).toContain('Remittance dated 2026-12-01, presumed received 2026-12-06, plus 120 days.');
    expect(reply.text).toContain('42 CFR 405.942(a)');
    expect(reply.text).toContain('42 CFR 405.901');
  });

  it('without a remittance says what the deadline depends on, with the claim\'s payer rule', async () => {
    for (const followUp of [scrubbedFollowUp, undefined]) {
      const reply = await ask('how long do I have to appeal?', { claim: denied, ...(followUp ? { followUp } : {}) });
      expect(reply.text).toMatch(/^The appeal deadline counts from the payer's remittance \(835\), and I have none for this claim yet: it depends on the remittance date and on the payer's appeal rule\./);
      expect(reply.text).toContain('Medicare fee-for-service (Part B): 120 days from receipt');
      expect(reply.text).toContain('42 CFR 405.942(a)');
    }
  });

  it('for a payer named, gives its rule; for a profile without one, says there is none', async () => {
    expect((await ask('how long do I have to appeal with Medicare?', {})).text).toMatch(/^Medicare fee-for-service \(Part B\): 120 days from receipt.*42 CFR 405\.942\(a\)/);
    expect((await ask('how long do I have to appeal?', { claim: aetna, followUp: aetnaFollowUp })).text).toMatch(/^Claim C-1002 has no appeal deadline for its 1 denial: CARC 97 \(CO-97\): .* profile cites no appeal period/);
  });
});

describe('appeal or correct', () => {
  it.each(['should I appeal or correct this?', 'should I appeal this denial?', 'is it worth appealing?', 'do I appeal or send a corrected claim?', 'appeal or resubmit?'])('"%s" gives the advice for each denial with its reason', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: deniedFollowUp });
    expect(reply.intent).toBe('appeal-advice');
    expect(reply.text).toContain('• Claim CO-29 $115.00 [CARC 29]: Appeal by 2027-04-05, with proof the claim was filed in time (the clearinghouse acceptance report): the claim was billed as intended');
    expect(reply.text).toContain('• Line 1 (99213) CO-97 $125.00 [CARC 97]: Appeal by 2027-04-05, with the records that show the service was separate');
    const correct = await ask(question, { claim: incomplete, followUp: incompleteFollowUp });
    expect(correct.text).toContain('• Claim CO-16 $90.00 [CARC 16]: Correct the claim and send it again as a new claim (MA130: the payer gave no appeal rights): the claim itself was wrong or incomplete');
  });

  it('without a remittance says there is nothing to appeal yet', async () => {
    const reply = await ask('should I appeal or correct this?', { claim: aetna });
    expect(reply.text).toMatch(/^There is no denial to appeal: I have no remittance \(835\) for this claim\./);
    expect(reply.text).toContain('Before it is sent, correct what the scrub found');
  });
});

describe('when to follow up', () => {
  it.each(['when should I follow up?', 'when should I call the payer?', 'when do I follow up on this claim?', 'when should I check back on this claim?', 'where does this claim stand?'])('"%s" gives the follow-up date of a sent claim with the payer rule it counts', async (question) => {
    const reply = await ask(question, { claim: denied, followUp: sentFollowUp });
    expect(reply.intent).toBe('follow-up-date');
    expect(sentFollowUp.followUpOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(reply.text).toContain(`Follow up with the payer on ${sentFollowUp.followUpOn} if it has not answered by then: 30 days under the Medicare fee-for-service (Part B) profile`);
    expect(reply.text).toContain('§80.2 Payment Floor and Ceiling Standards');
  });

  it('for a denied claim, says there is nothing to wait for and which deadlines are open', async () => {
    const reply = await ask('when should I follow up?', { claim: denied, followUp: deniedFollowUp });
    expect(reply.text).toMatch(/^Claim C-1001 is denied since \d{4}-\d{2}-\d{2}\. The payer answered on the remittance of 2026-12-01, so there is no answer to wait for\. Appeal by 2027-04-05\. A corrected claim must still be filed by 2027-10-01\.$/);
  });

  it('for a claim not sent yet, gives its filing deadline; without the worklist, what the date counts from', async () => {
    expect((await ask('when should I follow up?', { claim: denied, followUp: scrubbedFollowUp })).text).toMatch(/^Claim C-1001 is scrubbed\. It has not reached the payer yet.*File it by 2027-10-01/);
    expect((await ask('when should I follow up?', { claim: denied })).text).toMatch(/^A follow-up date counts from the day the claim is sent .*I don't have this claim's worklist state/);
  });
});
