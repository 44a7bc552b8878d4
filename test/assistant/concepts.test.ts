/**
 * Concept questions a trainee asks get an explanation in our own words with its public
 * sources, instead of "I don't know" or an answer to another question; claim questions
 * stay claim questions, and the topic file compliance staff extend is what is taught.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/assistant.js';
import { ask, assistantWith, emptyReference, exampleClaims, referenceWithTables } from './fixtures.js';
import { tempDir, writeIn } from '../support/folders.js';

let withTables: Assistant;
const plain = assistantWith(emptyReference());
const [clean, rejected] = exampleClaims();

beforeAll(async () => {
  withTables = assistantWith(await referenceWithTables());
}, 120_000);

describe('concept questions', () => {
  it.each([
    ['what is a diagnosis pointer?', /Diagnosis pointers/, /item 21/, 'https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/clm104c26pdf.pdf'],
    ["what's the difference between a CARC and a RARC?", /CARC, RARC and group code/, /group code says who/, 'https://x12.org/codes/remittance-advice-remark-codes'],
    ['what are NCCI modifier indicators?', /modifier indicators 0, 1 and 9/, /0: no modifier/, 'https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/medicare-ncci-policy-manual'],
    ['explain the global surgery package', /global surgical package/, /090/, 'https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/clm104c12.pdf'],
    ['what is the difference between coding and billing?', /revenue cycle/, /Coding turns the record into codes/, 'https://www.cms.gov/files/document/mln006540-understanding-remittance-advice-professional-providers.pdf'],
  ])('"%s" is explained with its source', async (q, title, says, source) => {
    const reply = await ask(plain, q);
    expect(reply.intent).toBe('concept');
    expect(reply.text).toMatch(title);
    expect(reply.text).toMatch(says);
    expect(reply.text).toContain(`Sources:`);
    expect(reply.text).toContain(source);
    expect(reply.suggestions!.length).toBeGreaterThanOrEqual(2);
  });

  it('"how do I appeal a timely filing denial?" says what proof to send, not the deadlines again', async () => {
    const reply = await ask(plain, 'how do I appeal a timely filing denial?', rejected);
    expect(reply.intent).toBe('concept');
    expect(reply.text).toMatch(/Appealing a timely filing denial/);
    expect(reply.text).toMatch(/277CA/);
    expect(reply.text).not.toMatch(/filing limits by payer profile/);
  });

  it('"what does modifier 25 mean?" explains it in plain words, never with a copyright note or a list name', async () => {
    const reply = await ask(withTables, 'what does modifier 25 mean?');
    expect(reply.text).toMatch(/separately identifiable/);
    expect(reply.text).not.toMatch(/belongs to the AMA/);
    expect(reply.text).not.toMatch(/rule list/);
    // the rules that check it are still named, and "it" is the modifier from here on
    expect(reply.text).toContain('modifier-25-on-non-em-code');
    expect(reply.focus).toEqual({ code: 'modifier 25' });
  });

  it('a modifier the topic file does not teach is looked up as before', async () => {
    const reply = await ask(withTables, 'what is modifier GT?');
    expect(reply.intent).toBe('code-lookup');
    expect(reply.text).not.toContain('Sources:');
  });

  it('a question about the claim on screen stays about the claim', async () => {
    expect((await ask(plain, 'why would this claim be denied?', rejected)).intent).toBe('why-denied');
    expect((await ask(plain, 'what is the filing deadline for Medicare?')).intent).toBe('filing-deadline');
    expect((await ask(plain, 'is this claim clean?', clean)).intent).toBe('why-denied');
  });

  it('a question about something else is still not known', async () => {
    for (const q of ['what is the weather like today?', 'tell me a joke about cats']) expect((await ask(plain, q)).intent, q).toBe('unknown');
  });

  it('teaches a topic compliance staff added to the file', async () => {
    const file = writeIn(
      tempDir(),
      'topics.yaml',
      `topics:
  - id: telehealth-pos
    title: Place of service for telehealth
    keywords: [telehealth]
    phrasings: [which place of service do I use for telehealth]
    answer: A telehealth visit to a patient at home is billed with place of service 10, and one to a patient elsewhere with 02, as the payer's policy says.
    sources:
      - title: CMS Place of Service Code Set
        url: https://www.cms.gov/medicare/coding-billing/place-of-service-codes/code-sets
`,
    );
    const reply = await ask(assistantWith(emptyReference(), { topicsFile: file }), 'what place of service should telehealth visits use?');
    expect(reply.intent).toBe('concept');
    expect(reply.text).toMatch(/place of service 10/);
  });
});
