/**
 * Precision of intent recognition on questions the corpus does not hold: claim questions
 * must reach the right answer, and questions outside Scrubjay (the weather, money, jokes)
 * must get the honest "I don't know" rather than a claim answer that looks authoritative.
 */
import { describe, expect, it } from 'vitest';
import { loadIntentCorpus } from '../../src/assistant/index.js';
import { ask, assistantWith, emptyReference, exampleClaims } from './fixtures.js';

const assistant = assistantWith(emptyReference());
const rejected = exampleClaims()[1]!;
const corpusPhrasings = new Set(loadIntentCorpus().intents.flatMap((i) => i.phrasings.map(normalize)));

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Claim and rules questions, in words the corpus does not hold, with the intent each must reach. */
const ON_TOPIC: Array<[question: string, intent: string]> = [
  ['why is the payer going to reject this claim?', 'why-denied'],
  ["what's the matter with this claim", 'why-denied'],
  ['will Aetna accept this one?', 'why-denied'],
  ['does this claim have any problems?', 'why-denied'],
  ["give me a summary of what's wrong", 'why-denied'],
  ['is this claim ready to send out?', 'why-denied'],
  ["what's the issue on line 3?", 'explain-finding'],
  ['can you tell me more about the problem with line 1', 'explain-finding'],
  ['why did line 2 get flagged?', 'explain-finding'],
  ['what does the duplicate-service-line finding mean?', 'explain-finding'],
  ["explain the third line's error", 'explain-finding'],
  ["I don't get the warning on line 2", 'explain-finding'],
  ['how should I fix line 3?', 'how-to-fix'],
  ['what do I need to do to fix this claim?', 'how-to-fix'],
  ['how do I get rid of the error on line 1?', 'how-to-fix'],
  ['what should I correct on the second line?', 'how-to-fix'],
  ['tell me how to fix the errors', 'how-to-fix'],
  ['what does CARC 29 stand for?', 'code-meaning'],
  ["what's the meaning of remark code N362?", 'code-meaning'],
  ['CO-4, what does it mean?', 'code-meaning'],
  ['explain denial code 151', 'code-meaning'],
  ['what is reason code 18 about?', 'code-meaning'],
  ["what's I10?", 'code-lookup'],
  ['is Z00.00 billable?', 'code-lookup'],
  ['look up HCPCS G0439 for me', 'code-lookup'],
  ['what does code 99214 mean?', 'code-lookup'],
  ['tell me about modifier 59', 'code-lookup'],
  ['how many days do we have to file with Aetna?', 'filing-deadline'],
  ["what's the timely filing limit for Tricare?", 'filing-deadline'],
  ['when is the last day I can submit this claim?', 'filing-deadline'],
  ['are we past the filing deadline?', 'filing-deadline'],
  ['how long does UnitedHealthcare give us to submit?', 'filing-deadline'],
  ['which rule checks timely filing?', 'rule-search'],
  ['which rules use CARC 16?', 'rule-search'],
  ['which rule looks at the place of service?', 'rule-search'],
  ['what rule flags a missing NPI?', 'rule-search'],
  ['is there an edit for duplicate claims?', 'rule-search'],
  ['which rules check modifier 59?', 'rule-search'],
  ['which rule checks diagnosis codes?', 'rule-search'],
  ['what if I take line 3 out?', 'what-if'],
  ['what happens if I put modifier 25 on line 1?', 'what-if'],
  ['suppose I change the units on line 3 to 2', 'what-if'],
  ['what if line 1 was billed as 99215?', 'what-if'],
  ['hey scrubjay', 'greeting'],
  ['what sort of questions can I ask?', 'help'],
  ["thanks, that's helpful", 'thanks'],
  ['how does this assistant work?', 'help'],
];

/** Questions outside Scrubjay's rules and data, some sharing a word with a claim question. */
const OFF_TOPIC = [
  'what day of the week is it',
  'how much money will we get',
  'know any good jokes?',
  "what's the weather going to be like this weekend",
  'how much will Medicare pay us for this visit',
  "what is today's date",
  'who won the world series',
  'can you order pizza for the office',
  "what's 15 times 7",
  'how do I change my email password',
  'where is the nearest pharmacy',
  "what's your favorite movie",
  'play some music',
  "what's the exchange rate for euros",
  "what's the patient's copay for this visit",
  'is the doctor in today',
  'how many vacation days do I have left',
  'what time does the office close',
  'translate hello into french',
  'who is the president of France',
  'recommend a good book',
  "what's the capital of Texas",
  'how do I cook rice',
  'is it going to rain today',
  'set a reminder for 3pm',
  'how much is the deductible for this patient',
  "what's the stock market doing",
  'write an email to my boss',
  'how tall is the empire state building',
  'who is the CEO',
];

/** "a → b" lines for each question whose intent was not the one wanted. */
async function misses(cases: ReadonlyArray<[string, string]>): Promise<string[]> {
  const out: string[] = [];
  for (const [q, wanted] of cases) {
    const reply = await ask(assistant, q, rejected);
    if (reply.intent !== wanted) out.push(`"${q}": wanted ${wanted}, got ${reply.intent}`);
  }
  return out;
}

describe('intent recognition on held-out questions', () => {
  it('the held-out questions are not in the corpus', () => {
    expect(ON_TOPIC.length).toBeGreaterThanOrEqual(30);
    expect(OFF_TOPIC.length).toBeGreaterThanOrEqual(20);
    const inCorpus = [...ON_TOPIC.map(([q]) => q), ...OFF_TOPIC].filter((q) => corpusPhrasings.has(normalize(q)));
    expect(inCorpus).toEqual([]);
  });

  it('answers at least 90% of claim and rules questions with the right intent', async () => {
    const missed = await misses(ON_TOPIC);
    const share = (ON_TOPIC.length - missed.length) / ON_TOPIC.length;
    expect(share, `${missed.length} of ${ON_TOPIC.length} missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('says "I don\'t know" to at least 90% of questions outside Scrubjay', async () => {
    const missed = await misses(OFF_TOPIC.map((q) => [q, 'unknown']));
    const share = (OFF_TOPIC.length - missed.length) / OFF_TOPIC.length;
    expect(share, `${missed.length} of ${OFF_TOPIC.length} missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('recognises the corpus phrasings themselves as their intents (at least 97%)', async () => {
    const corpus = loadIntentCorpus();
    const cases = corpus.intents.flatMap((i) => i.phrasings.map((p): [string, string] => [p, i.name === 'out-of-scope' ? 'unknown' : i.name]));
    const missed = await misses(cases);
    expect(missed.length / cases.length, `${missed.length} of ${cases.length} missed:\n${missed.join('\n')}`).toBeLessThanOrEqual(0.03);
  });

  it.each(['what day of the week is it', 'how much money will we get', 'tell me a joke', "what's the weather"])('"%s" gets "I don\'t know" with the closest topics', async (q) => {
    const reply = await ask(assistant, q, rejected);
    expect(reply.intent).toBe('unknown');
    expect(reply.text).toMatch(/^I don't know that\. .*Closest topics I do know: .+\./);
    expect(reply.findings).toBeUndefined();
  });
});
