/**
 * "Which rule checks X?" for modifiers, procedure and diagnosis codes, CARCs, RARCs and
 * topics, answered with rule ids and titles from the rule set the service runs — including
 * one edited while it runs.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';
import { AS_OF, ask, assistantWith, emptyReference, shippedRules } from './fixtures.js';

const assistant = assistantWith(emptyReference());
const rules = shippedRules();
const titled = (id: string): string => `${id} — ${rules.byId.get(id)!.rule.title}`;

/** The rule ids a reply lists, in order (every "• id — title" line). */
const listed = (text: string): string[] => [...text.matchAll(/^• (\S+) — /gm)].map((m) => m[1]!);

describe('which rule checks a topic', () => {
  it('"which rule checks timely filing" lists the timely filing rules with their titles and files', async () => {
    const reply = await ask(assistant, 'which rule checks timely filing?');
    expect(reply.intent).toBe('rule-search');
    expect(listed(reply.text)).toEqual(expect.arrayContaining(['timely-filing-limit-expired', 'timely-filing-deadline-near']));
    expect(reply.text).toContain(titled('timely-filing-limit-expired'));
    expect(reply.text).toContain('rules/timely-filing/filing-limit.yaml');
  });

  it('says honestly when no rule is about the topic', async () => {
    const reply = await ask(assistant, 'which rule checks the weather?');
    expect(reply.intent).toBe('rule-search');
    expect(reply.text).toMatch(/^No rule in the rule set matches that\./);
    expect(listed(reply.text)).toEqual([]);
  });
});

describe('which rules use a CARC or RARC', () => {
  it('"which rules use CARC 16" counts every rule that predicts it, by category, and lists the first ones', async () => {
    const predicting = rules.ruleSet.rules.filter((r) => r.carc === '16');
    const reply = await ask(assistant, 'which rules use CARC 16?');
    expect(reply.intent).toBe('rule-search');
    expect(reply.text).toMatch(new RegExp(`^${predicting.length} rules predict CARC 16 \\(The claim or line is missing information`));
    const missingInformation = predicting.filter((r) => r.category === 'missing-information').length;
    expect(missingInformation).toBeGreaterThan(0);
    expect(reply.text).toMatch(new RegExp(`(^|[^0-9])${missingInformation} missing-information`));
    expect(listed(reply.text)).toEqual(predicting.slice(0, 8).map((r) => r.id));
    expect(reply.text).toContain(`…and ${predicting.length - 8} more rules.`);
  });

  it('lists every rule giving a RARC, with its meaning', async () => {
    const giving = rules.ruleSet.rules.filter((r) => r.rarc?.includes('N362')).map((r) => r.id);
    const reply = await ask(assistant, 'which rule uses RARC N362?');
    expect(listed(reply.text)).toEqual(giving);
    expect(reply.text).toMatch(new RegExp(`^${giving.length} rules give RARC N362 \\(`));
  });

  it('says so when no rule predicts the CARC', async () => {
    const reply = await ask(assistant, 'which rules use CARC 999?');
    expect(reply.text).toMatch(/^No rule predicts CARC 999\./);
  });
});

describe('which rules check a code', () => {
  it('modifier 59: the NCCI rule whose modifier list holds it, then the rule checking every modifier', async () => {
    const reply = await ask(assistant, 'which rules check modifier 59?');
    const [naming, every] = reply.text.split(/^Rules that check every modifier, modifier 59 included:$/m);
    expect(naming).toMatch(/^Rules that name modifier 59:/);
    expect(listed(naming!)).toContain('ptp-column2-without-modifier');
    expect(listed(every!)).toContain('modifier-format-invalid');
    expect(listed(reply.text)).not.toContain('modifier-25-on-non-em-code');
  });

  it('a HCPCS code is checked against the HCPCS table; a CPT code is not', async () => {
    const hcpcs = listed((await ask(assistant, 'which rule checks G0439?')).text);
    expect(hcpcs).toEqual(expect.arrayContaining(['procedure-code-format-invalid', 'hcpcs-code-unknown']));
    const cpt = await ask(assistant, 'which rules check 99213?');
    expect(listed(cpt.text)).not.toContain('hcpcs-code-unknown');
    // 99213 is an E/M code: the modifier 25 rule names it through its list, among the rules that name it
    const naming = cpt.text.split('\n\n')[0]!.split(/\nRules that check every/)[0]!;
    expect(naming).toContain(titled('modifier-25-on-non-em-code'));
  });

  it('a diagnosis code: the rules that check every diagnosis code, not the one about blank entries', async () => {
    const reply = await ask(assistant, 'which rules check E11.9?');
    const ids = listed(reply.text);
    expect(ids).toEqual(expect.arrayContaining(['diagnosis-code-format-invalid', 'icd10-code-not-billable', 'icd10-code-unknown']));
    expect(ids).not.toContain('diagnosis-entry-blank');
  });
});

describe('the live rule set', () => {
  it('answers from the rule set in force at the time of the question, titles included', async () => {
    const dir = tempDir();
    cpSync(RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'timely-filing', 'filing-limit.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("title: Filed after the payer's timely filing limit", 'title: Sent after the payer stops taking claims'));
    const edited = loadPreparedRuleSet(dir);
    let current: PreparedRuleSet = rules;
    const reference = emptyReference();
    const live = createAssistant(
      { rules: () => current, reference, scrub: (claim) => scrubClaim(claim, current, { asOf: AS_OF, reference }) },
      { today: () => AS_OF },
    );
    const before = await live.reply('which rules use CARC 29?', {});
    expect(before.text).toContain("timely-filing-limit-expired — Filed after the payer's timely filing limit");
    current = edited;
    const after = await live.reply('which rules use CARC 29?', {});
    expect(after.text).toContain('timely-filing-limit-expired — Sent after the payer stops taking claims');
  });
});
