/**
 * The assistant and the scrub with every official table whole give the answers the regular suite
 * gets from the committed excerpts: the excerpts hide nothing those questions and claims touch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { ask, assistantWith, exampleClaims, ncciClaim, referenceWithTables, scrubWith } from '../assistant/fixtures.js';
import { tempDir } from '../support/folders.js';
import { importCorpusTables } from './corpus-tables.js';

let full: ReferenceData;
let excerpts: ReferenceData;

beforeAll(async () => {
  const dir = tempDir();
  await importCorpusTables(dir);
  full = openReferenceData(dir);
  excerpts = await referenceWithTables();
}, 120_000);

const QUESTIONS = [
  'what is E11.9?',
  'what is I10',
  'would E11 be billable?',
  'what is B88.01?',
  'look G0439 up',
  'what is 99213?',
  'what is A6460?',
  'what does modifier 25 mean?',
  'why was this claim rejected?',
  'what if I add modifier 59 to line 2?',
];

describe('the full tables against the excerpts', () => {
  it.each(QUESTIONS)('"%s" is answered alike about each example claim', async (question) => {
    const whole = assistantWith(full);
    const cut = assistantWith(excerpts);
    for (const claim of [...exampleClaims(), ncciClaim()]) {
      const [a, b] = [await ask(whole, question, claim), await ask(cut, question, claim)];
      expect(a.intent, `${question} about ${claim.claimId}`).toBe(b.intent);
      expect(a.text, `${question} about ${claim.claimId}`).toBe(b.text);
    }
  });

  it('every example claim scrubs to the same result', () => {
    for (const claim of [...exampleClaims(), ncciClaim()]) expect(scrubWith(full)(claim), claim.claimId).toEqual(scrubWith(excerpts)(claim));
  });
});
