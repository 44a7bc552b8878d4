/** Whatever is typed, and whatever claim is on screen, the assistant answers and never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedClaim, randomClaim, realisticClaim } from '../support/arbitraries.js';
import { assistantWith, emptyReference, exampleClaims } from './fixtures.js';

const assistant = assistantWith(emptyReference());

// Text built from the words and codes the assistant reacts to, so the parsers meet odd mixes of them.
const fragment = fc.constantFrom(
  'why', 'what if', 'line', 'lines 2-9', 'line 0', 'line 999', 'remove', 'add', 'modifier', 'modifier 59', 'CARC', 'co-', '97', 'N362', 'E11.9',
  '99213', 'G0439', 'replace', 'with', 'instead of', 'units', 'to', '2026-02-30', 'medicare', 'texas medicaid', 'fix', 'explain', 'diagnosis',
  'and', ',', '?', 'modifier-25-on-non-em-code', 'the last line', 'lines 1 through 400', '𝒳🦜', '\u0000', '-', '#', "'s",
);
const question = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(' ')),
  fc.constant(''),
  fc.constant('   '),
  fc.constant('x'.repeat(5000)),
);
const conversationClaim = fc.oneof(fc.constant(undefined), realisticClaim, mutatedClaim, randomClaim, fc.constant(exampleClaims()[1]));
// what a client might send back as the focus: a real one, a plausible one, or anything at all
const focus = fc.oneof(
  fc.constant(undefined),
  fc.record({ line: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.constant(null)), ruleId: fc.constantFrom('duplicate-service-line', 'modifier-25-on-non-em-code', 'no-such-rule'), code: fc.constantFrom('CARC 97', 'RARC N362', 'modifier 25', 'E11.9', '99213', '') }, { requiredKeys: [] }),
  fc.anything(),
);

describe('any question', () => {
  it('gets a non-empty reply with 2–4 suggestions, with or without a claim', async () => {
    await fc.assert(
      fc.asyncProperty(question, conversationClaim, focus, async (q, claim, f) => {
        const reply = await assistant.reply(q, { ...(claim ? { claim } : {}), focus: f } as never);
        expect(reply.text.trim().length).toBeGreaterThan(0);
        // the last-resort apology means an answer threw: none may
        expect(reply.text).not.toMatch(/^Sorry, I could not answer/);
        expect(typeof reply.intent).toBe('string');
        expect(reply.suggestions!.length).toBeGreaterThanOrEqual(2);
        expect(reply.suggestions!.length).toBeLessThanOrEqual(4);
        // the focus handed back is always one the assistant would accept again
        if (reply.focus !== undefined) expect((await assistant.reply('how do I fix it?', { focus: reply.focus })).text).not.toMatch(/^Sorry/);
      }),
      { numRuns: 400 },
    );
  });

  it('tolerates a conversation that is not what the type says', async () => {
    // nothing that could be a claim: the reply asks for one
    for (const conversation of [null, undefined, { result: null }]) {
      const reply = await assistant.reply('why would it be denied?', conversation as never);
      expect(reply.intent, JSON.stringify(conversation)).toBe('why-denied');
      expect(reply.text).toMatch(/^There is no claim to look at yet\. Paste a claim/);
    }
    // a claim that is not an object cannot be read; the reply says so or asks for one
    for (const conversation of [{ claim: 'text' }, { claim: [] }]) {
      const reply = await assistant.reply('why would it be denied?', conversation as never);
      expect(reply.intent, JSON.stringify(conversation)).toBe('why-denied');
      expect(reply.text, JSON.stringify(conversation)).toMatch(/^(I could not read the current claim \(.+\)|There is no claim to look at yet)/);
    }
    // an object is scrubbed for what it is: a claim missing everything, which is rejected
    const hollow = await assistant.reply('why would it be denied?', { claim: { lines: 'x' } } as never);
    expect(hollow.intent).toBe('why-denied');
    expect(hollow.text).toMatch(/^This claim would be rejected: \d+ errors/);
    const reply = await assistant.reply(42 as never, {});
    expect(reply.text).not.toMatch(/^Sorry, I could not answer/);
    expect(reply.suggestions!.length).toBeGreaterThanOrEqual(2);
    expect(reply.suggestions!.length).toBeLessThanOrEqual(4);
  });
});
