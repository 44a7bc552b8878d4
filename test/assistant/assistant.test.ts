/**
 * The chat assistant end to end: questions in words the corpus does not hold, answered
 * from a real scrub of a real claim with the shipped rules, with the official tables
 * loaded and with none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/assistant.js';
import { loadIntentCorpus } from '../../src/assistant/index.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { shippedCodeCatalog } from '../../src/rules/codes.js';
import { ask, assistantWith, emptyReference, exampleClaims, ncciClaim, referenceWithTables, scrubWith } from './fixtures.js';

let loaded: ReferenceData;
let empty: ReferenceData;
let withTables: Assistant;
let withoutTables: Assistant;

beforeAll(async () => {
  loaded = await referenceWithTables();
  empty = emptyReference();
  withTables = assistantWith(loaded);
  withoutTables = assistantWith(empty);
}, 120_000);

const [clean, rejected] = exampleClaims();
const corpusPhrasings = new Set(loadIntentCorpus().intents.flatMap((i) => i.phrasings.map((p) => normalize(p))));

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Every phrasing a test asks must be new to the corpus, or the test would only prove a lookup. */
function fresh(questions: string[]): string[] {
  for (const q of questions) expect(corpusPhrasings.has(normalize(q)), `"${q}" is in the corpus`).toBe(false);
  return questions;
}

describe('why would this claim be denied', () => {
  const questions = fresh(['Why is this claim going to get denied?', 'why would the payer bounce this one', 'tell me what is wrong here', 'Is this one going to be rejected?']);

  it.each(questions)('"%s" lists the real findings with their rule ids and CARCs', async (q) => {
    const result = scrubWith(empty)(rejected!);
    const reply = await ask(withoutTables, q, rejected);
    expect(reply.intent).toBe('why-denied');
    expect(reply.text).toMatch(/C-1002 would be rejected/);
    const errors = result.findings.filter((f) => f.severity === 'error');
    const actionable = result.findings.filter((f) => f.severity !== 'info');
    // every error is listed with its rule and CARC, none cut off; every CARC of the claim is named
    expect(errors.length).toBeGreaterThan(5);
    for (const f of errors) expect(reply.text).toContain(`[${f.ruleId} · CARC ${f.carc}`);
    for (const carc of new Set(errors.map((f) => f.carc))) expect(reply.text).toContain(`CARC ${carc}`);
    expect(reply.text).not.toMatch(/more finding/);
    expect(reply.findings?.map((f) => f.ruleId)).toEqual(actionable.map((f) => f.ruleId));
  });

  it('groups the findings by rule family, each group headed with its count', async () => {
    const reply = await ask(withoutTables, 'why would this claim be denied?', rejected);
    const headings = reply.text.split('\n').filter((l) => /^[A-Z][^•]* \(\d+\):$/.test(l));
    expect(headings.length).toBeGreaterThan(1);
    expect(headings[0]).toMatch(/^Missing information \(\d+\):$/);
    const counted = headings.reduce((sum, h) => sum + Number(/\((\d+)\):$/.exec(h)![1]), 0);
    expect(counted).toBe(reply.findings!.length);
  });

  it('says a clean claim passes, and mentions that the codes were checked by format only when no tables are loaded', async () => {
    const reply = await ask(withoutTables, 'any problems with it?', clean);
    expect(reply.intent).toBe('why-denied');
    expect(reply.text).toMatch(/C-1001 passes every check/);
    expect(reply.text).toContain('reference-data-not-loaded');
    const loadedReply = await ask(withTables, 'any problems with it?', clean);
    expect(loadedReply.text).not.toContain('reference-data-not-loaded');
  });

  it('names the NCCI finding of a real scrub with the tables loaded', async () => {
    const reply = await ask(withTables, 'why will the payer deny this?', ncciClaim());
    expect(reply.text).toContain('ptp-column2-without-modifier');
    expect(reply.text).toContain('CARC 97');
    expect(reply.suggestions).toContain('What if I add modifier 59 to line 2?');
  });

  it('without a claim, says so and suggests pasting one', async () => {
    const reply = await ask(withoutTables, 'why will this be denied?');
    expect(reply.intent).toBe('why-denied');
    expect(reply.text).toMatch(/no claim/i);
    expect(reply.text).toMatch(/paste/i);
    expect(reply.findings).toBeUndefined();
  });

  it('uses the result the service already has instead of scrubbing again', async () => {
    const result: ScrubResult = { ...scrubWith(empty)(rejected!), claimId: 'FROM-THE-SERVICE' };
    const reply = await withoutTables.reply('why would it be denied?', { claim: rejected, result });
    expect(reply.text).toContain('FROM-THE-SERVICE');
  });
});

describe('explain a finding', () => {
  it.each(fresh(['could you explain the finding on line 2', 'what is going on with line 2?', 'why is the 2nd line flagged?', 'line two: what is the problem']))('"%s" explains line 2 with its rule, CARC and meaning', async (q) => {
    const result = scrubWith(empty)(rejected!);
    const onLine2 = result.findings.filter((f) => f.line === 2);
    const reply = await ask(withoutTables, q, rejected);
    expect(reply.intent).toBe('explain-finding');
    expect(reply.findings?.every((f) => f.line === 2)).toBe(true);
    expect(reply.findings?.length).toBe(Math.min(3, onLine2.length));
    for (const f of reply.findings ?? []) {
      expect(reply.text).toContain(f.ruleId);
      expect(reply.text).toContain(f.explanation);
      expect(reply.text).toContain(`CARC ${f.carc} (${shippedCodeCatalog().carc(f.carc!)!.replace(/\.$/, '')})`);
    }
  });

  it('says when the named line has no findings, or does not exist', async () => {
    expect((await ask(withoutTables, 'explain the error on line 1', clean)).text).toMatch(/Line 1 has no findings/);
    expect((await ask(withoutTables, 'explain line 9 please', rejected)).text).toMatch(/has 3 lines, so there is no line 9/);
  });

  it('explains a rule named by its id, from its file, when it did not fire', async () => {
    const reply = await ask(withoutTables, 'explain modifier-25-on-non-em-code to me', clean);
    expect(reply.text).toContain('did not fire');
    expect(reply.text).toContain('rules/code-compatibility/modifier-25.yaml');
    expect(reply.text).toContain('CARC 4');
  });
});

describe('how do I fix it', () => {
  it.each(fresh(['so how do I fix this one?', 'How can I correct this?', 'what needs to change to get it paid', 'how would I repair it']))('"%s" gives the fix text of the real findings', async (q) => {
    const result = scrubWith(empty)(rejected!);
    const reply = await ask(withoutTables, q, rejected);
    expect(reply.intent).toBe('how-to-fix');
    const actionable = result.findings.filter((f) => f.severity !== 'info');
    // every finding's fix, none cut off at five
    expect(actionable.length).toBeGreaterThan(5);
    for (const f of actionable) expect(reply.text).toContain(f.fix);
    expect(reply.text).not.toMatch(/more finding/);
  });

  it('fixes the line asked about only', async () => {
    const reply = await ask(withoutTables, 'how would I fix line 3?', rejected);
    expect(reply.intent).toBe('how-to-fix');
    expect(reply.findings?.length).toBeGreaterThan(0);
    expect(reply.findings?.every((f) => f.line === 3)).toBe(true);
    expect(reply.text).toContain('duplicate-service-line');
  });
});

describe('what a CARC or RARC means', () => {
  it.each(fresh(['what does a CARC 97 mean?', 'meaning of denial code 97', 'CO-97 — what is that?', 'explain adjustment reason code 97 please']))('"%s" gives the catalog meaning and the rules that predict it', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('code-meaning');
    expect(reply.text).toContain(`CARC 97 — ${shippedCodeCatalog().carc('97')}`);
    // seven shipped rules predict CARC 97 (NCCI PTP, PFS bundled status, global surgery): four are named, the rest counted
    expect(reply.text).toMatch(/Rules that predict it: [a-z0-9-]+(?:, [a-z0-9-]+){3} and 3 more\./);
    expect(reply.text).toContain('em-before-major-surgery-without-57');
  });

  it('gives a RARC meaning and points at the claim lines that carry it', async () => {
    const reply = await ask(withoutTables, 'what is remark M53 about?', rejected);
    expect(reply.intent).toBe('code-meaning');
    expect(reply.text).toContain(`RARC M53 — ${shippedCodeCatalog().rarc('M53')}`);
    expect(reply.text).toContain('On this claim: Line 3 [line-units-invalid]');
  });

  it('says honestly when a CARC is not in the catalog', async () => {
    const reply = await ask(withoutTables, 'what does CARC 999 mean');
    expect(reply.text).toMatch(/CARC 999 is not in Scrubjay's code catalog/);
  });
});

describe('what a code is', () => {
  it.each(fresh(['what exactly is E11.9?', 'E11.9 — what is it?', 'can you look up E11.9', 'tell me about diagnosis E119']))('"%s" gives the ICD-10-CM title and billable flag for the date of service', async (q) => {
    const reply = await ask(withTables, q, clean);
    expect(reply.intent).toBe('code-lookup');
    expect(reply.text).toContain('E11.9 — Type 2 diabetes mellitus without complications');
    expect(reply.text).toContain('billable');
    expect(reply.text).toContain('ICD-10-CM FY2026, in force on 2026-10-01');
  });

  it('uses the version in force on the claim date: FY2025 for a 2025 date of service', async () => {
    const claim = { ...clean!, lines: [{ ...clean!.lines[0], serviceDate: '2025-03-03' }] };
    const reply = await ask(withTables, 'what is I10', claim);
    expect(reply.text).toContain('ICD-10-CM FY2025');
  });

  it('says a header code is not billable and names the rule that denies it', async () => {
    const reply = await ask(withTables, 'would E11 be billable?', clean);
    expect(reply.text).toMatch(/E11 — Type 2 diabetes mellitus\. It is not billable/);
    expect(reply.text).toContain('icd10-code-not-billable · CARC 146');
  });

  it('says honestly when the code set is not loaded', async () => {
    const reply = await ask(withoutTables, 'what is E11.9?', clean);
    expect(reply.intent).toBe('code-lookup');
    expect(reply.text).toMatch(/ICD-10-CM code set is not loaded/);
    expect(reply.text).not.toContain('diabetes');
    const hcpcs = await ask(withoutTables, 'what is G0439?');
    expect(hcpcs.text).toMatch(/HCPCS code set is not loaded/);
  });

  it('gives a HCPCS title from the loaded table, and never a CPT description', async () => {
    const hcpcs = await ask(withTables, 'look G0439 up', clean);
    expect(hcpcs.text).toMatch(/^G0439 — \S/);
    const cpt = await ask(withTables, 'what is 99213?', clean);
    expect(cpt.text).toMatch(/CPT code.*not shipped/);
    expect(cpt.text).toContain('em-services');
  });
});

describe('filing deadlines', () => {
  it.each(fresh(['when is the filing deadline for this claim?', 'how long do I have to send this in', 'is this claim past its deadline?']))('"%s" computes each line’s deadline from the payer profile', async (q) => {
    const reply = await ask(withoutTables, q, rejected);
    expect(reply.intent).toBe('filing-deadline');
    expect(reply.text).toContain('Aetna (participating providers, example) profile: 90 days from the date of service');
    expect(reply.text).toContain('Line 1 (served 2026-07-14): the deadline was 2026-10-12; it is 39 days late');
    expect(reply.text).toContain('CARC 29');
  });

  it.each(fresh(['what is the Medicare timely filing limit?', 'how long does medicare allow for filing', 'medicare filing window?']))('"%s" answers from the Medicare profile with its source', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('filing-deadline');
    expect(reply.text).toContain('Medicare fee-for-service (Part B): 1 calendar year after the date of service');
    expect(reply.text).toContain('Pub. 100-04');
  });

  it('tells a state Medicaid profile from the generic one', async () => {
    expect((await ask(withoutTables, 'filing limit for texas medicaid?')).text).toMatch(/^Texas Medicaid.*95 days/);
    expect((await ask(withoutTables, 'filing limit for medicaid?')).text).toMatch(/^Medicaid/);
  });

  it('counts to the deadline of a timely claim', async () => {
    const reply = await ask(withoutTables, 'by when must this be filed?', clean);
    expect(reply.text).toContain('Line 1 (served 2026-10-01): file by 2027-10-01');
  });
});

describe('which rule checks something', () => {
  it.each(fresh(['which of the rules checks modifier 25?', 'what edit looks at modifier 25', 'is there a rule about modifier 25']))('"%s" finds the modifier 25 rule first', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('rule-search');
    expect(reply.text.split('\n')[1]).toContain('modifier-25-on-non-em-code');
    expect(reply.text).toContain('rules/code-compatibility/modifier-25.yaml');
  });

  it('finds rules by words and by CARC', async () => {
    expect((await ask(withoutTables, 'which rule catches duplicate lines?')).text).toContain('duplicate-service-line');
    const byCarc = await ask(withoutTables, 'what rules give CARC 29');
    expect(byCarc.text).toContain('timely-filing-limit-expired');
  });
});

describe('greetings, help and unknown questions', () => {
  it.each(fresh(['hey hey!', 'Hello friend!', 'good morning scrubjay']))('"%s" is greeted', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('greeting');
    expect(reply.text).toMatch(/^Hi!/);
  });

  it.each(fresh(['what can you do for me?', 'what are you for?', 'help please']))('"%s" lists what it can answer', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('help');
    expect(reply.text).toMatch(/why the current claim would be denied/);
    expect(reply.text).toMatch(/what-ifs/);
  });

  it.each(fresh(['what is the capital of France?', 'how tall is mount everest', 'who won the game last night', 'sing me a song', 'xyzzy plugh']))('"%s" gets an honest "I don\'t know" with the closest topics', async (q) => {
    const reply = await ask(withoutTables, q);
    expect(reply.intent).toBe('unknown');
    expect(reply.text).toMatch(/^I don't know that\./);
    expect(reply.text).toMatch(/Closest topics I do know: .+/);
    expect(reply.suggestions?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('suggestions', () => {
  it('after "why", offers to explain and fix the first line with a finding, and the CARC', async () => {
    const reply = await ask(withoutTables, 'why would this get denied', rejected);
    expect(reply.suggestions).toEqual(['Explain the finding on line 1', 'How do I fix line 1?', 'What does CARC 29 mean?', 'What if I remove modifier 25 from line 2?']);
  });

  it('without a claim, offers general questions', async () => {
    const reply = await ask(withoutTables, 'hi');
    expect(reply.suggestions).toEqual(['What can you do?', 'What does CARC 16 mean?', 'What is the filing deadline for Medicare?', 'Which rule checks modifier 25?']);
  });

  it('every suggestion, asked back, is understood (never "unknown") and offers 2–4 more', async () => {
    const seen = new Set<string>();
    let frontier = ['why would this claim be denied?', 'hello', 'what does carc 4 mean', 'explain line 2', 'remove line 3'];
    for (let round = 0; round < 3; round++) {
      const next: string[] = [];
      for (const q of frontier) {
        const reply = await ask(withTables, q, rejected);
        if (seen.size > 0) expect(reply.intent, q).not.toBe('unknown');
        expect(reply.suggestions!.length).toBeGreaterThanOrEqual(2);
        expect(reply.suggestions!.length).toBeLessThanOrEqual(4);
        expect(new Set(reply.suggestions).size).toBe(reply.suggestions!.length);
        for (const s of reply.suggestions!) if (!seen.has(s)) next.push(s);
        seen.add(q);
      }
      frontier = [...new Set(next)].filter((s) => !seen.has(s));
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
