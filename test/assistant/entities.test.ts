/** The small parsers that pull lines, codes, modifiers, CARCs, RARCs and payers out of a question. */
import { describe, expect, it } from 'vitest';
import { extractEntities, type EntityVocabulary } from '../../src/assistant/entities.js';
import { parseWhatIf } from '../../src/assistant/what-if-parse.js';
import { shippedCodeCatalog } from '../../src/rules/codes.js';
import { shippedRules } from './fixtures.js';

const rules = shippedRules();
const vocabulary: EntityVocabulary = {
  payers: rules.ruleSet.payers.map((p) => ({ id: p.id, name: p.name, kinds: p.match?.kinds ?? [], payerIds: p.match?.payerIds ?? [] })),
  ruleIds: new Set(rules.byId.keys()),
  isRarc: (code) => shippedCodeCatalog().rarc(code) !== undefined,
};
const entities = (text: string) => extractEntities(text, vocabulary).entities;

describe('line numbers', () => {
  it.each([
    ['explain line 2', [2]],
    ["what's on line #3?", [3]],
    ["line 2's modifier", [2]],
    ['lines 2 and 3', [2, 3]],
    ['lines 2-4', [2, 3, 4]],
    ['line two', [2]],
    ['the second line', [2]],
    ['the 3rd line', [3]],
    ['the last line', ['last']],
    ['set the units on line 1 to 3', [1]],
  ] as const)('"%s" → %j', (text, lines) => {
    expect(entities(text).lines).toEqual(lines);
  });
});

describe('codes', () => {
  it('tells ICD-10-CM, CPT and HCPCS codes apart', () => {
    const e = entities('is E11.9 ok with 99213, G0439 and 0213T? also E119');
    expect(e.icd).toEqual(['E11.9', 'E119']);
    expect(e.cpt).toEqual(['99213', '0213T']);
    expect(e.hcpcs).toEqual(['G0439']);
  });

  it('reads a letter and four digits as ICD-10-CM when the question is about a diagnosis', () => {
    expect(entities('what is diagnosis G0439').icd).toEqual(['G0439']);
  });

  it('does not take years or amounts for codes', () => {
    const e = entities('filed in 2026 for $125.00 on 2026-10-01');
    expect([...e.cpt, ...e.hcpcs, ...e.icd]).toEqual([]);
    expect(e.dates).toEqual(['2026-10-01']);
  });

  it('reads modifiers, alone, listed and attached to a code', () => {
    expect(entities('add modifier 59 to line 2').modifiers).toEqual(['59']);
    expect(entities('modifiers 25 and XS').modifiers).toEqual(['25', 'XS']);
    expect(entities('billed 99213-25').modifiers).toEqual(['25']);
    expect(entities('add a modifier to line 2').modifiers).toEqual([]);
  });

  it('reads CARCs with or without their group code', () => {
    expect(entities('what does CARC 97 mean').carc).toEqual(['97']);
    expect(entities('CO-16 and PR 1').carc).toEqual(['16', '1']);
    expect(entities('denial code CO-29').carc).toEqual(['29']);
    expect(entities('reason code 18?').carc).toEqual(['18']);
  });

  it('reads a RARC named as such, or a bare one the catalog knows unless the question is about a diagnosis', () => {
    expect(entities('remark code N362').rarc).toEqual(['N362']);
    expect(entities('what is M15?').rarc).toEqual(['M15']);
    const dx = entities('is the icd code M15 billable?');
    expect(dx.rarc).toEqual([]);
    expect(dx.icd).toEqual(['M15']);
  });

  it('reads rule ids the rule set has, and only those', () => {
    expect(entities('explain modifier-25-on-non-em-code').ruleIds).toEqual(['modifier-25-on-non-em-code']);
    expect(entities('a follow-up question').ruleIds).toEqual([]);
  });
});

describe('payers', () => {
  it.each([
    ['what is the limit for medicare', 'medicare', 'medicare'],
    ['texas medicaid deadline', 'medicaid-texas', 'medicaid'],
    ['plain medicaid deadline', 'medicaid', 'medicaid'],
    ["Aetna's limit", 'aetna', undefined],
    ['payer 60054', 'aetna', undefined],
    ['UHC timely filing', 'unitedhealthcare', undefined],
  ] as const)('"%s" → profile %s', (text, profileId, kind) => {
    const payer = entities(text).payer;
    expect(payer?.profileId).toBe(profileId);
    expect(payer?.kind).toBe(kind);
  });

  it('reads a payer kind with no profile of its own', () => {
    expect(entities("workers' comp filing limit").payer?.kind).toBe('workers-comp');
  });

  it('does not take a payer id for a procedure code', () => {
    expect(entities('payer 60054').cpt).toEqual([]);
  });
});

describe('the question shape', () => {
  it('replaces each entity by its kind', () => {
    expect(extractEntities('What does CARC 97 mean for line 2 on Medicare?', vocabulary).shape).toBe('what does slotcarc mean for slotline on slotpayer ?');
  });
});

describe('what-if changes', () => {
  const parse = (text: string, lineCount = 3) => parseWhatIf(text, vocabulary, lineCount);

  it.each([
    ['what if I add modifier 59 to line 2', [{ kind: 'add-modifier', line: 2, modifiers: ['59'] }]],
    ['take modifier 25 off line 1', [{ kind: 'remove-modifier', line: 1, modifiers: ['25'] }]],
    ['drop modifier 25', [{ kind: 'remove-modifier', modifiers: ['25'] }]],
    ["change line 1's code to 99214", [{ kind: 'set-code', line: 1, code: '99214' }]],
    ['replace 99213 with 99214', [{ kind: 'replace-code', from: '99213', to: '99214' }]],
    ['bill 99214 instead of 99213', [{ kind: 'replace-code', from: '99213', to: '99214' }]],
    ['remove line 3', [{ kind: 'remove-line', lines: [3] }]],
    ['delete lines 2 and 3', [{ kind: 'remove-line', lines: [2, 3] }]],
    ['set the units on line 3 to 1', [{ kind: 'set-units', line: 3, units: 1 }]],
    ['move line 1 to 2026-10-05', [{ kind: 'set-date', line: 1, date: '2026-10-05' }]],
    ['add diagnosis I10', [{ kind: 'add-diagnosis', code: 'I10' }]],
    ['remove diagnosis Z00.00', [{ kind: 'remove-diagnosis', code: 'Z00.00' }]],
    ['replace E11.9 with E11.65', [{ kind: 'replace-diagnosis', from: 'E11.9', to: 'E11.65' }]],
    ['remove line 3 and add modifier 59 to line 2', [{ kind: 'remove-line', lines: [3] }, { kind: 'add-modifier', line: 2, modifiers: ['59'] }]],
  ] as const)('"%s"', (text, changes) => {
    expect(parse(text).changes).toEqual(changes);
  });

  it('takes the only line when a one-line claim does not name it', () => {
    expect(parse('add modifier 59', 1).changes).toEqual([{ kind: 'add-modifier', line: 1, modifiers: ['59'] }]);
  });

  it('asks which line when a change needs one', () => {
    expect(parse('add modifier 59').problems).toEqual(['which line should modifier 59 go on?']);
  });
});
