/**
 * Conversation memory: each reply says what the conversation is now about (`focus`), the
 * caller passes it back, and "it", "that", "this line", "why?" and "how do I fix it?"
 * then mean that line, rule or code — on a real scrub of a real claim.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant, AssistantReply, Conversation } from '../../src/assistant/assistant.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { assistantWith, emptyReference, exampleClaims, ncciClaim, referenceWithTables, scrubWith } from './fixtures.js';

type Claim = Record<string, any> & { lines: any[] };

let withTables: Assistant;
let withoutTables: Assistant;
let empty: ReferenceData;
let tables: ReferenceData;

beforeAll(async () => {
  empty = emptyReference();
  tables = await referenceWithTables();
  withTables = assistantWith(tables);
  withoutTables = assistantWith(empty);
}, 120_000);

const [clean, rejected] = exampleClaims();

/** A chat as the service holds it: the claim, its result, and the focus each reply hands back. */
class Chat {
  readonly conversation: Conversation;
  constructor(
    private readonly assistant: Assistant,
    claim?: Claim,
    result?: ScrubResult,
  ) {
    this.conversation = { ...(claim ? { claim } : {}), ...(result ? { result } : {}) };
  }

  async ask(question: string): Promise<AssistantReply> {
    const reply = await this.assistant.reply(question, this.conversation);
    if (reply.focus) this.conversation.focus = reply.focus;
    else delete this.conversation.focus;
    // an applied change is the claim from now on, as the service keeps it
    if (reply.claim) {
      this.conversation.claim = reply.claim;
      delete this.conversation.result;
    }
    return reply;
  }
}

const rejectedChat = (): Chat => new Chat(withoutTables, rejected, scrubWith(empty)(rejected!));
const findingsOn = (line: number) => scrubWith(empty)(rejected!).findings.filter((f) => f.line === line);
/** What "how do I fix it?" answers about the rejected claim with nothing in focus: the whole claim's fixes. */
const wholeClaimFixes = async () => (await withoutTables.reply('how do I fix it?', { claim: rejected })).findings;
/** The lines a reply's findings are on, each once: [3] only when there are findings and all are on line 3. */
const linesOf = (reply: AssistantReply): Array<number | null> => [...new Set(reply.findings!.map((f) => f.line))];

describe('a follow-up about the line just explained', () => {
  it('"how do I fix it?" after "explain the finding on line 2" fixes line 2 only, not every error', async () => {
    const chat = rejectedChat();
    const explained = await chat.ask('explain the finding on line 2');
    expect(explained.focus).toEqual({ line: 2, ruleId: explained.findings![0]!.ruleId });

    const fix = await chat.ask('how do I fix it?');
    expect(fix.intent).toBe('how-to-fix');
    expect(fix.findings!.map((f) => f.ruleId)).toEqual(findingsOn(2).filter((f) => f.severity !== 'info').map((f) => f.ruleId));
    for (const f of fix.findings!) expect(fix.text).toContain(f.fix);

    // the same question with nothing in focus is about the whole claim
    // every problem of the whole claim, as for line 2 alone above
    const whole = scrubWith(empty)(rejected!).findings.filter((f) => f.severity !== 'info');
    expect((await wholeClaimFixes())!.map((f) => [f.ruleId, f.line])).toEqual(whole.map((f) => [f.ruleId, f.line]));
    expect(whole.some((f) => f.line !== 2)).toBe(true);
  });

  it('"why?" explains the finding in focus', async () => {
    const chat = rejectedChat();
    await chat.ask('how should I fix line 3?');
    const why = await chat.ask('why?');
    expect(why.intent).toBe('explain-finding');
    expect(linesOf(why)).toEqual([3]);
    expect(why.text).toContain(findingsOn(3)[0]!.explanation);
  });

  it('"what does that mean", "what\'s the fix" and "this line" keep to the line in focus', async () => {
    const chat = rejectedChat();
    await chat.ask('explain line 3');
    expect(linesOf(await chat.ask('what does that mean'))).toEqual([3]);
    expect(linesOf(await chat.ask("what's the fix?"))).toEqual([3]);
    const deadline = await chat.ask('when was the filing deadline for this line?');
    expect(deadline.intent).toBe('filing-deadline');
    expect(deadline.text).toContain('Line 3 (served 2026-07-14)');
    expect(deadline.text).not.toContain('Line 1 (served');
  });

  it('"which rule is that?" and "that denial code" name the rule and CARC of the finding in focus', async () => {
    const chat = rejectedChat();
    const explained = await chat.ask('explain the duplicate-service-line finding');
    const finding = explained.findings![0]!;
    const rule = await chat.ask('which rule is that?');
    expect(rule.intent).toBe('rule-search');
    expect(rule.text).toContain(`${finding.ruleId} — `);
    const code = await chat.ask('what does that denial code mean?');
    expect(code.intent).toBe('code-meaning');
    expect(code.text).toMatch(new RegExp(`^CARC ${finding.carc} — `));
    expect(code.focus).toEqual({ code: `CARC ${finding.carc}` });
  });

  it('a what-if about "it" changes the line in focus', async () => {
    const claim = ncciClaim();
    const chat = new Chat(withTables, claim);
    await chat.ask('explain line 2');
    const whatIf = await chat.ask('what if I add modifier 59 to it?');
    expect(whatIf.intent).toBe('what-if');
    expect(whatIf.text).toMatch(/^If you add modifier 59 to line 2:/);
    expect(whatIf.text).toContain('ptp-column2-without-modifier');
  });

  it('"apply that" after a what-if makes the change on a new claim and talks about it from then on', async () => {
    const claim = ncciClaim();
    const chat = new Chat(withTables, claim);
    await chat.ask('explain line 2');
    const whatIf = await chat.ask('what if I add modifier 59 to line 2?');
    expect(whatIf.text).toContain('say "apply that" to make the change');
    expect(whatIf.suggestions).toContain('Apply that change');
    // the change waits through other questions about the claim
    expect((await chat.ask('what does CARC 97 mean?')).intent).toBe('code-meaning');

    const applied = await chat.ask('apply that');
    expect(applied.intent).toBe('apply-change');
    expect(applied.text).toMatch(/^Done: I made the change \(add modifier 59 to line 2\) and scrubbed the claim again\./);
    expect((applied.claim as Claim).lines[1].modifiers).toContain('59');
    expect(applied.findings?.some((f) => f.ruleId === 'ptp-column2-without-modifier')).toBe(false);
    // the claim it was made from is left as it was
    expect(claim.lines[1].modifiers ?? []).not.toContain('59');
    expect(scrubWith(tables)(claim).findings.some((f) => f.ruleId === 'ptp-column2-without-modifier')).toBe(true);

    // once made, there is nothing left to apply, and questions are about the changed claim
    const again = await chat.ask('do it');
    expect(again.intent).toBe('apply-change');
    expect(again.text).toMatch(/^There is no change to apply yet/);
    expect(again.claim).toBeUndefined();
    const why = await chat.ask('why would this claim be denied?');
    expect(why.text).not.toContain('ptp-column2-without-modifier');
  });

  it('"apply that" with no what-if before it says what to ask first and changes nothing', async () => {
    const chat = rejectedChat();
    const reply = await chat.ask('apply that');
    expect(reply.intent).toBe('apply-change');
    expect(reply.text).toMatch(/^There is no change to apply yet\. Ask a what-if first/);
    expect(reply.claim).toBeUndefined();
  });
});

describe('a follow-up about the code or rule just discussed', () => {
  it('"is it billable?" after "what is E11.9?" looks E11.9 up again', async () => {
    const chat = new Chat(withTables, clean);
    expect((await chat.ask('what is E11.9?')).focus).toEqual({ code: 'E11.9' });
    const billable = await chat.ask('is it billable?');
    expect(billable.intent).toBe('code-lookup');
    expect(billable.text).toMatch(/^E11\.9 — Type 2 diabetes mellitus without complications\. It is billable/);
  });

  it('"which rules use it?" after a CARC question lists the rules that predict that CARC', async () => {
    const chat = new Chat(withoutTables);
    await chat.ask('what does CARC 97 mean?');
    const rules = await chat.ask('which rules use it?');
    expect(rules.intent).toBe('rule-search');
    // the two NCCI PTP rules, the fee schedule's bundled status codes B and P, and the three global surgery visits
    expect(rules.text).toMatch(/^7 rules predict CARC 97 /);
    expect(rules.text).toContain('ptp-column2-without-modifier');
    expect(rules.text).toContain('pfs-status-bundled');
    expect(rules.text).toContain('em-in-post-operative-period-without-24');
    expect(rules.focus).toEqual({ code: 'CARC 97' });
  });

  it('"explain it" after a search that found one rule explains that rule, and "how do I fix it" fixes its findings', async () => {
    const chat = rejectedChat();
    const found = await chat.ask('which rule checks the billing provider tax id?');
    expect(found.focus).toEqual({ ruleId: 'billing-provider-tax-id-invalid' });
    const explained = await chat.ask('explain it');
    expect(explained.findings!.map((f) => f.ruleId)).toEqual(['billing-provider-tax-id-invalid']);
    const fix = await chat.ask('how do I fix it');
    expect(fix.findings!.map((f) => f.ruleId)).toEqual(['billing-provider-tax-id-invalid']);
  });

  it('"explain it" after "what is modifier 25?" explains the findings about modifier 25', async () => {
    const chat = rejectedChat();
    await chat.ask('what is modifier 25?');
    const explained = await chat.ask('explain the error about it');
    expect(explained.intent).toBe('explain-finding');
    // C-1002 has modifier 25 on 99396 (an E/M code: allowed) and on the 36415 lab draws of lines 2 and 3
    expect(explained.findings!.map((f) => [f.ruleId, f.line])).toEqual([
      ['modifier-25-on-non-em-code', 2],
      ['modifier-25-on-non-em-code', 3],
    ]);
    expect(explained.focus).toEqual({ ruleId: 'modifier-25-on-non-em-code' });
  });
});

describe('what the focus is and is not', () => {
  it('a question about the whole claim clears it, so "how do I fix it?" is about the whole claim again', async () => {
    const chat = rejectedChat();
    await chat.ask('explain line 2');
    const why = await chat.ask('why would this claim be denied?');
    expect(why.focus).toBeUndefined();
    const fix = await chat.ask('how do I fix it?');
    expect(fix.findings).toEqual(await wholeClaimFixes());
  });

  it('small talk and unknown questions leave it as it was', async () => {
    const chat = rejectedChat();
    const explained = await chat.ask('explain line 3');
    expect((await chat.ask('thanks!')).focus).toEqual(explained.focus);
    expect((await chat.ask('what is the weather like in Austin')).focus).toEqual(explained.focus);
    expect(linesOf(await chat.ask('how do I fix it?'))).toEqual([3]);
  });

  it('a line with no findings is still the focus: the follow-up says it passes', async () => {
    const chat = new Chat(withoutTables, clean);
    expect((await chat.ask('what is wrong with line 1?')).focus).toEqual({ line: 1 });
    expect((await chat.ask('how do I fix it?')).text).toMatch(/^Line 1 has no findings/);
  });

  it('a question that names its own line is not bent to the focus', async () => {
    const chat = rejectedChat();
    await chat.ask('explain line 2');
    const fix = await chat.ask('how do I fix line 3?');
    expect(linesOf(fix)).toEqual([3]);
  });

  it('without a focus "why?" is about the whole claim', async () => {
    const reply = await withoutTables.reply('why?', { claim: rejected });
    expect(reply.intent).toBe('why-denied');
    expect(reply.text).toMatch(/^Claim C-1002 would be rejected/);
  });

  it('a focus sent back wrong is ignored part by part, never an error', async () => {
    const focuses: unknown[] = [
      'line 2',
      42,
      [],
      { line: 'two', ruleId: 'DROP TABLE rules', code: { nested: true } },
      { line: -1, ruleId: 'no-such-rule', code: 'x'.repeat(500) },
      { line: 2.5, code: 'not a code at all' },
    ];
    for (const focus of focuses) {
      const reply = await withoutTables.reply('how do I fix it?', { claim: rejected, focus } as Conversation);
      expect(reply.intent).toBe('how-to-fix');
      expect(reply.text).not.toMatch(/^Sorry/);
      expect(reply.findings).toEqual(await wholeClaimFixes());
    }
    // the part that is right still counts
    const partly = await withoutTables.reply('how do I fix it?', { claim: rejected, focus: { line: 2, ruleId: 'no-such-rule' } } as Conversation);
    expect(linesOf(partly)).toEqual([2]);
    expect(partly.focus?.ruleId).not.toBe('no-such-rule');
  });

  it('a focus on a line the claim no longer has says so', async () => {
    const reply = await withoutTables.reply('how do I fix it?', { claim: rejected, focus: { line: 9 } });
    expect(reply.text).toMatch(/has 3 lines, so there is no line 9/);
  });
});
