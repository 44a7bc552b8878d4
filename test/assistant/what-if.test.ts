/**
 * What-if questions: a change is made on a copy of the claim, scrubbed with the real
 * engine, and the reply names exactly the findings that went away and appeared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/assistant.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { ask, assistantWith, emptyReference, exampleClaims, ncciClaim, referenceWithTables, scrubWith } from './fixtures.js';

let loaded: ReferenceData;
let withTables: Assistant;
let withoutTables: Assistant;

beforeAll(async () => {
  loaded = await referenceWithTables();
  withTables = assistantWith(loaded);
  withoutTables = assistantWith(emptyReference());
}, 120_000);

const [clean, rejected] = exampleClaims();

/** The section of a what-if reply between a heading and the next one. */
function section(text: string, heading: 'Gone' | 'New'): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('  •')) break;
    out.push(l);
  }
  return [lines[start], ...out].join('\n');
}

describe('what if', () => {
  it.each(['what if I add modifier 59 to line 2?', 'suppose line 2 carried modifier 59', 'and if I put modifier 59 on line 2?'])('"%s" clears the NCCI bundling finding and leaves a clean claim', async (q) => {
    const claim = ncciClaim();
    const reply = await ask(withTables, q, claim);
    expect(reply.intent).toBe('what-if');
    expect(reply.text).toMatch(/^If you add modifier 59 to line 2:/);
    expect(section(reply.text, 'Gone')).toContain('[ptp-column2-without-modifier · CARC 97, RARC M15]');
    expect(section(reply.text, 'New')).toBe('New: nothing.');
    expect(reply.text).toContain('from rejected to clean');
    // the claim in the conversation is left as it was
    expect(claim.lines[1].modifiers).toEqual([]);
  });

  it('names a finding the change brings in: modifier 25 on a procedure', async () => {
    const reply = await ask(withTables, 'what if I added modifier 25 to line 2', ncciClaim());
    expect(section(reply.text, 'Gone')).toContain('ptp-column2-without-modifier');
    expect(section(reply.text, 'New')).toContain('[modifier-25-on-non-em-code · CARC 4, RARC M78]');
    expect(reply.text).toContain('from rejected to rejected');
    expect(reply.findings?.map((f) => f.ruleId).sort()).toEqual(['modifier-25-on-non-em-code', 'ptp-column2-without-modifier']);
  });

  it.each(["what if I change line 1's code to 99214", 'what if line 1 were billed as 99214', 'what if I swap 99213 for 99214 on the claim'])('"%s" re-scrubs with the new code', async (q) => {
    const reply = await ask(withoutTables, q, clean);
    expect(reply.intent).toBe('what-if');
    expect(reply.text).toMatch(/99213.*99214|99214.*99213/);
    expect(reply.text).toContain('Gone: nothing.');
    expect(reply.text).toContain('New: nothing.');
    expect(reply.text).toContain('from clean to clean');
  });

  it('changing a code to a sex-specific procedure brings in the sex edit', async () => {
    const reply = await ask(withoutTables, 'what if I change line 1 to 55700', clean);
    expect(section(reply.text, 'New')).toContain('male-procedure-on-female-patient');
    expect(reply.text).toContain('CARC 7');
  });

  it.each(['remove line 3', 'what happens without line 3?', 'what if the third line is deleted'])('"%s" removes the duplicate line and its findings', async (q) => {
    const before = scrubWith(emptyReference())(rejected!);
    const onLine3 = before.findings.filter((f) => f.line === 3);
    const reply = await ask(withoutTables, q, rejected);
    expect(reply.intent).toBe('what-if');
    // C-1002's total (230) never matched its lines (240), so the total is left as sent
    expect(reply.text).toMatch(/^If you remove line 3 \(36415\):/);
    const gone = section(reply.text, 'Gone');
    expect(gone).toContain(`Gone (${onLine3.length}):`);
    for (const f of onLine3) expect(gone).toContain(`${f.ruleId}`);
    expect(gone).toContain('removed with its line');
    // the other lines' findings are matched across the renumbering, so nothing "appears"
    expect(section(reply.text, 'New')).toBe('New: nothing.');
  });

  it('keeps a total that matched the lines equal to them after a line is removed', async () => {
    const reply = await ask(withTables, 'what if I remove line 1', ncciClaim());
    expect(reply.text).toMatch(/^If you remove line 1 \(11042\) and keep the total charge equal to the lines \(25\):/);
    expect(reply.text).not.toContain('total-charge-mismatch');
    expect(reply.text).toContain('from rejected to clean');
  });

  it('removing a middle line renumbers the later line without calling its findings new', async () => {
    const reply = await ask(withoutTables, 'what if I remove line 2', rejected);
    const gone = section(reply.text, 'Gone');
    // line 3 duplicated line 2; with line 2 gone the duplicate is gone too, and line 3's other findings move to line 2
    expect(gone).toContain('duplicate-service-line');
    expect(section(reply.text, 'New')).toBe('New: nothing.');
  });

  it('fixes the units of line 3', async () => {
    const reply = await ask(withoutTables, 'what if I set the units on line 3 to 1', rejected);
    expect(reply.text).toMatch(/^If you set the units on line 3 to 1:/);
    expect(section(reply.text, 'Gone')).toContain('[line-units-invalid · CARC 16, RARC M53]');
  });

  it('removes modifier 25 from every line that has it when no line is named', async () => {
    const reply = await ask(withoutTables, 'what if I drop modifier 25', rejected);
    expect(reply.text).toMatch(/^If you remove modifier 25 from lines 1, 2 and 3:/);
    const gone = section(reply.text, 'Gone');
    expect(gone).toContain('modifier-25-on-non-em-code');
    expect(gone).not.toContain('Line 1: Modifier 25'); // 99396 is an E/M code: modifier 25 was allowed there
  });

  it('replaces a diagnosis and follows the change in the findings', async () => {
    const reply = await ask(withTables, 'what if I replace E11.9 with E11', clean);
    expect(reply.text).toMatch(/^If you replace diagnosis E11.9 with E11:/);
    expect(section(reply.text, 'New')).toContain('[icd10-code-not-billable · CARC 146, RARC M76, M81]');
  });

  it('applies two changes joined by "and"', async () => {
    const reply = await ask(withoutTables, 'what if I remove line 3 and drop modifier 25 from line 2', rejected);
    expect(reply.text).toMatch(/^If you remove line 3 \(36415\) and remove modifier 25 from line 2:/);
  });

  it('says what cannot be done instead of pretending', async () => {
    expect((await ask(withoutTables, 'what if I remove line 7', rejected)).text).toBe('Nothing to try: there is no line 7.');
    expect((await ask(withoutTables, 'what if I add modifier 25 to line 1', rejected)).text).toBe('Nothing to try: line 1 already has modifier 25.');
  });

  it('explains what it can try when the change is not understood', async () => {
    const reply = await ask(withoutTables, 'what if I change something on line 2', rejected);
    expect(reply.text).toMatch(/I can try a change on a copy of this claim/);
    expect(reply.suggestions?.some((s) => s.startsWith('What if'))).toBe(true);
  });

  it('needs a claim', async () => {
    const reply = await ask(withoutTables, 'what if I remove line 2?');
    expect(reply.text).toMatch(/no claim/i);
  });
});
