/**
 * Reasoning about codes: whether two codes can be billed together (the NCCI PTP table in
 * force and the rules), how many units of a code (the MUE with its indicator), what to
 * fix first, and why a what-if changed nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/assistant.js';
import { ask, assistantWith, emptyReference, exampleClaims, ncciClaim, referenceWithTables, scrubWith } from './fixtures.js';
import type { ReferenceData } from '../../src/reference/index.js';

let loaded: ReferenceData;
let withTables: Assistant;
const withoutTables = assistantWith(emptyReference());
const [clean, rejected] = exampleClaims();

beforeAll(async () => {
  loaded = await referenceWithTables();
  withTables = assistantWith(loaded);
}, 120_000);

/** The NCCI example with an indicator-0 pair instead: 11042 and 0213T. */
function indicatorZeroClaim() {
  const claim = ncciClaim();
  claim.lines[1] = { ...claim.lines[1], procedureCode: '0213T' };
  return claim;
}

describe('can I bill these two codes together', () => {
  it('99214 and 36415: yes, no NCCI edit pairs them, and the rules find nothing', async () => {
    const reply = await ask(withTables, 'can I bill 99214 and 36415 together?');
    expect(reply.intent).toBe('pair-check');
    expect(reply.text).toMatch(/^Yes: no NCCI procedure-to-procedure edit pairs 99214 and 36415/);
    expect(reply.text).toMatch(/The rules find nothing against the pair/);
  });

  it('11042 and 11000: no, an indicator 1 edit, and an NCCI-associated modifier would let it pass', async () => {
    const reply = await ask(withTables, 'can I bill 11042 and 11000 together?');
    expect(reply.intent).toBe('pair-check');
    expect(reply.text).toMatch(/^No, not as they are: 11042\/11000 is an NCCI PTP edit .*column 1 11042, column 2 11000; modifier indicator 1/);
    expect(reply.text).toMatch(/What would pass: .*59/);
    // the rules on a two-line claim say the same, with the rule and its CARC
    expect(reply.text).toContain('[ptp-column2-without-modifier · CARC 97, RARC M15]');
    expect(reply.findings?.map((f) => f.ruleId)).toEqual(['ptp-column2-without-modifier']);
    expect(reply.suggestions).toContain('Can I bill 11042 and 11000 together with modifier 59?');
  });

  it('with XS the pair passes; with 76 it does not, and the answer says why', async () => {
    const xs = await ask(withTables, 'can I bill 11042 and 11000 together with modifier XS?');
    expect(xs.text).toMatch(/^Yes, with modifier XS/);
    expect(xs.text).toMatch(/The rules find nothing against the pair/);
    const repeat = await ask(withTables, 'can 11042 and 11000 be billed on the same day with modifier 76?');
    expect(repeat.intent).toBe('pair-check');
    expect(repeat.text).toMatch(/Modifier 76 is not an NCCI-associated modifier/);
    expect(repeat.text).toContain('ptp-column2-without-modifier');
  });

  it('an indicator 0 pair: no modifier helps, even when the question adds one', async () => {
    const reply = await ask(withTables, 'can I bill 11042 and 0213T together if I add modifier 59?');
    expect(reply.intent).toBe('pair-check');
    expect(reply.text).toMatch(/^No: 11042\/0213T .*modifier indicator 0/);
    expect(reply.text).toMatch(/no modifier makes both payable/);
    expect(reply.text).toContain('ptp-column2-modifier-not-allowed');
  });

  it('on a claim to a payer that does not apply NCCI, says so', async () => {
    // C-1002 is an Aetna claim; the shipped Aetna profile does not apply the NCCI edits
    const reply = await ask(withTables, 'can I bill 11042 and 11000 together?', rejected);
    expect(reply.text).toMatch(/^Not for payers that apply NCCI/);
    expect(reply.text).toMatch(/profile does not apply NCCI edits/);
  });

  it('without the PTP table, says it cannot check instead of guessing', async () => {
    const reply = await ask(withoutTables, 'can I bill 11042 and 11000 together?');
    expect(reply.text).toMatch(/NCCI PTP table is not loaded/);
    expect(reply.text).not.toMatch(/^Yes/);
  });
});

describe('how many units can I bill', () => {
  it.each([
    ['how many units of 97110 can I bill?', /^At most 6 units of 97110 per date of service \(MAI 3, a clinical limit\)/],
    ['what is the MUE for G0439?', /^At most 1 unit of G0439 per date of service \(MAI 2, a policy limit\).*even on appeal/],
  ])('"%s" answers from the MUE with its MAI', async (q, says) => {
    const reply = await ask(withTables, q);
    expect(reply.intent).toBe('units-limit');
    expect(reply.text).toMatch(says);
    expect(reply.text).toMatch(/CARC 151/);
  });

  it('names what the claim bills of the code', async () => {
    const reply = await ask(withTables, 'how many units of 99213 can I bill?', clean);
    expect(reply.text).toMatch(/This claim bills 1 unit of 99213 on line 1/);
  });

  it('without the MUE table, says so', async () => {
    expect((await ask(withoutTables, 'how many units of 97110 can I bill?')).text).toMatch(/Medically Unlikely Edits are not loaded/);
  });
});

describe('what should I fix first', () => {
  it('lists every finding, what stops the whole claim before what denies a line', async () => {
    const reply = await ask(withoutTables, 'what should I fix first?', rejected);
    expect(reply.intent).toBe('fix-first');
    const actionable = scrubWith(emptyReference())(rejected!).findings.filter((f) => f.severity !== 'info');
    expect(reply.findings).toHaveLength(actionable.length);
    // a deadline past first (nothing else gets it paid), then claim-level rejections, then line problems, then warnings
    const rank = (f: (typeof actionable)[number]) => (f.severity === 'warning' ? 3 : f.ruleId.startsWith('timely-filing') ? 0 : f.line === null ? 1 : 2);
    const ranks = reply.findings!.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(reply.text).toMatch(/^Fix in this order/);
    expect(new Set(ranks).size).toBeGreaterThan(2);
    expect(reply.text).toMatch(/The filing deadline: nothing else matters[^\n]*\n1\. Line 1: [^\n]*timely-filing-limit-expired/);
    expect(reply.text).toMatch(/The payer returns the whole claim unprocessed:\n4\. Claim:/);
    expect(reply.focus).toMatchObject({ ruleId: reply.findings![0]!.ruleId });
  });
});

describe('a what-if that changes nothing says why', () => {
  it('a modifier that is not a bypass modifier', async () => {
    const reply = await ask(withTables, 'what if I add modifier 76 to line 2?', ncciClaim());
    expect(reply.text).toContain('Gone: nothing.');
    expect(reply.text).toMatch(/Why nothing changed: modifier 76 is not an NCCI-associated modifier/);
  });

  it('an indicator 0 pair', async () => {
    const reply = await ask(withTables, 'what if I add modifier 59 to line 2?', indicatorZeroClaim());
    expect(reply.text).toMatch(/Why nothing changed: the NCCI pair on line 2 has modifier indicator 0/);
  });

  it('a change no rule looks at', async () => {
    const reply = await ask(withoutTables, "what if I change line 1's code to 99214", clean);
    expect(reply.text).toMatch(/Why nothing changed: the claim had no errors or warnings to clear/);
  });
});

describe('the follow-ups these answers offer', () => {
  it('are all questions the assistant understands', async () => {
    const asked = ['can I bill 11042 and 11000 together?', 'how many units of 97110 can I bill?', 'what is a diagnosis pointer?', 'what does modifier 59 mean?'];
    for (const q of asked) {
      for (const s of (await ask(withTables, q)).suggestions ?? []) expect((await ask(withTables, s)).intent, `${q} → ${s}`).not.toBe('unknown');
    }
    for (const s of (await ask(withTables, 'what should I fix first?', rejected)).suggestions ?? []) expect((await ask(withTables, s, rejected)).intent, s).not.toBe('unknown');
  });
});
