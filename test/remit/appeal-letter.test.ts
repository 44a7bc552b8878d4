/**
 * Appeal letter drafts from real pieces: claims scrubbed by the intake with the shipped
 * rules, 835s read by the remittance reader, the shipped payer profiles and code catalog,
 * and NCCI edits from an edit table. Each letter names the claim, the denial and its
 * meaning, cites the rules the claim passed with their sources, and leaves every fact of
 * the medical record as a marked gap; each says whether an appeal is the right path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { Intake } from '../../src/intake/index.js';
import { inMemoryReferenceData, referenceFixtureSchema } from '../../src/reference/in-memory.js';
import { appealLetterHtml } from '../../src/remit/appeal-html.js';
import { draftAppealLetter, type AppealLetter } from '../../src/remit/appeal-letter.js';
import { ptpChecksFor, ptpSourceOf } from '../../src/remit/appeal-ncci.js';
import { remitsFromText } from '../../src/remit/index.js';
import { codeCatalogFor } from '../../src/rules/codes.js';
import { selectProfile } from '../../src/payers/profile.js';
import { exampleClaims, shippedRules } from '../workbench/history.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';

const rules = shippedRules();
const catalog = codeCatalogFor(RULES_DIR);
const TEMPLATE = readFileSync(join(FIXTURES_DIR, 'x12', '835', 'denied.835'), 'utf8');
const DIAGNOSES = { E119: { billable: true, title: 'Type 2 diabetes mellitus without complications' }, I10: { billable: true, title: 'Essential (primary) hypertension' } };
const PAIR = { column1: '93000', column2: '99213', modifierIndicator: 1 as const, rationale: 'Standards of medical/surgical practice' };

/** The example Medicare claim C-1001 with a 99213 and a 93000 on 2026-10-01, the modifiers given. */
function claim(modifiers: [string[], string[]] = [[], []]): ClaimInput {
  const base = structuredClone(exampleClaims()[0]!) as ClaimInput & { lines: Array<Record<string, unknown>> };
  const line = base.lines[0]!;
  base.lines = [
    { ...line, modifiers: modifiers[0] },
    { ...line, procedureCode: '93000', charge: 115, modifiers: modifiers[1] },
  ];
  (base as Record<string, unknown>).totalCharge = 240;
  return base;
}

/** denied.835 with its claim payment (CLP to the last SVC's segments) replaced, and SE counting right. */
function remit835(payment: string[]): string {
  const segments = TEMPLATE.split('~').map((s) => s.trim()).filter((s) => s !== '');
  const clp = segments.findIndex((s) => s.startsWith('CLP*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const body = [...segments.slice(0, clp), ...payment];
  const count = body.length - st + 1;
  return `${[...body, `SE*${count}*0001`, ...segments.slice(se + 1)].join('~\n')}~\n`;
}

const LINES = (cas1: string[], cas2: string[], mods: [string, string] = ['', '']) => [
  'NM1*QC*1*DIAZ*ANA****MI*1EG4TE5MK73',
  `SVC*HC:99213${mods[0]}*125*0**1`,
  'DTM*472*20261001',
  ...cas1,
  `SVC*HC:93000${mods[1]}*115*0**1`,
  'DTM*472*20261001',
  ...cas2,
];

const tables = (fixture: unknown = {}) => inMemoryReferenceData(referenceFixtureSchema.parse(fixture));

async function letterFor(options: { claim: ClaimInput; payment: string[]; scrubTables?: Record<string, unknown>; letterTables?: Record<string, unknown> }): Promise<AppealLetter> {
  const intake = new Intake({ rules, reference: tables(options.scrubTables), asOf: '2026-11-27' });
  const taken = intake.claim(options.claim, 'test');
  if (taken instanceof Promise) throw new Error('the fast evaluator answers at once');
  const { remits, problems } = await remitsFromText(remit835(options.payment), 'test.835', { catalog, profiles: rules.ruleSet.payers, store: null });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const remit = remits[0]!;
  const reference = tables(options.letterTables ?? options.scrubTables);
  return draftAppealLetter({
    remit,
    scrub: { id: 'scrub-1', scrubbedAt: '2026-11-20T15:00:00.000Z', claim: options.claim as unknown as Record<string, unknown>, result: taken.result },
    profile: selectProfile(rules.ruleSet.payers, '00431', 'medicare'),
    rules: { version: rules.ruleSet.version, rules: rules.ruleSet.rules },
    catalog,
    ptp: ptpChecksFor(remit, ptpSourceOf(reference, rules.ruleSet.lists)),
  });
}

const section = (letter: AppealLetter, id: string): string => letter.sections.find((s) => s.id === id)!.paragraphs.join('\n');
/** The letter's text with its gaps taken out: what it says of its own accord. */
const withoutGaps = (letter: AppealLetter): string => letter.text.replace(/\[\[GAP: [^\]]+\]\]/g, '');

function expectGapsListed(letter: AppealLetter): void {
  const marked = [...letter.text.matchAll(/\[\[GAP: ([^\]]+)\]\]/g)].map((m) => m[1]);
  expect(letter.gaps).toEqual(marked);
  expect(letter.gaps.length).toBeGreaterThan(0);
  // nothing clinical is said outside the gaps: no diagnosis described, no finding, no necessity or distinctness asserted
  expect(withoutGaps(letter)).not.toMatch(/diabetes|hypertension|E11\.9|symptom|complain|history of|was (medically )?necessary|was (separate|distinct)/i);
}

describe('a medical necessity denial (CO-50)', () => {
  it('cites the diagnosis rules the claim passed, leaves the necessity to the record, and recommends an appeal', async () => {
    const letter = await letterFor({ claim: claim(), payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*50*125'], ['CAS*CO*50*115'])], scrubTables: { icd10cm: DIAGNOSES } });
    expect(section(letter, 'addressee')).toContain('MEDICARE PART B EXAMPLE CONTRACTOR (payer id 00431)');
    expect(section(letter, 'addressee')).toContain('Attention: Redetermination by the Medicare Administrative Contractor');
    const ids = section(letter, 'claim');
    expect(ids).toContain('Patient: Ana Diaz');
    expect(ids).toContain('Member id: 1EG4TE5MK73');
    expect(ids).toContain('Payer claim control number (CLP07): 22123456789');
    expect(ids).toContain('Date(s) of service: 2026-10-01');
    expect(section(letter, 'denied')).toContain('CO-50, $125.00. CARC 50: The payer does not consider the service medically necessary.');
    const grounds = section(letter, 'grounds');
    expect(grounds).toContain('For CO-50 on line 1, 99213 on 2026-10-01; line 2, 93000 on 2026-10-01:');
    expect(grounds).toMatch(/Passed the check "Diagnosis is an ICD-10-CM header code; a more specific code is required" \(rule icd10-code-not-billable, CARC 146\)\. Sources: ICD-10-CM Official Guidelines/);
    expect(grounds).not.toContain('Not checked');
    expect(section(letter, 'level')).toContain('Last day to file this appeal: 2027-04-05');
    expect(section(letter, 'level')).toContain('42 CFR 405.942(a)');
    expect(letter.appealBy).toBe('2027-04-05');
    expect(letter.gaps).toContainEqual(expect.stringMatching(/^documentation showing why 99213 on 2026-10-01 was medically necessary for this patient/));
    expectGapsListed(letter);
    // nothing clinical is said outside the gaps: no diagnosis described, no finding, no necessity asserted
    const said = withoutGaps(letter);
    expect(said).not.toMatch(/diabetes|hypertension|E11\.9|symptom|complain|history of|was (medically )?necessary/i);
    expect(letter.recommendation).toBe('appeal');
  });
});

describe('a bundling denial (CO-97)', () => {
  it('cites the NCCI edit checked, its modifier indicator and the modifier billed, and the rule the claim passed', async () => {
    const letter = await letterFor({
      claim: claim([[], ['59']]),
      payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*97*125', 'LQ*HE*M15'], [], ['', ':59'])],
      scrubTables: { icd10cm: DIAGNOSES, 'ncci-ptp': [PAIR] },
    });
    expect(section(letter, 'denied')).toContain('line 1, 99213 on 2026-10-01 (billed $125.00, paid $0.00): CO-97, $125.00. CARC 97: The service is paid as part of another service billed or already paid (bundled).');
    expect(section(letter, 'denied')).toContain('Remark M15: Services billed separately were combined into one payment');
    const grounds = section(letter, 'grounds');
    expect(grounds).toContain('NCCI procedure-to-procedure edit 93000/99213 (ncci-ptp (test data)): column 1 93000, column 2 99213, modifier indicator 1');
    expect(grounds).toContain('NCCI-associated modifier billed: 59');
    expect(grounds).toContain('Passed the check "NCCI procedure-to-procedure edit without an NCCI-associated modifier (indicator 1)" (rule ptp-column2-without-modifier, CARC 97). Sources: CMS NCCI Policy Manual for Medicare Services, Chapter I, §E Modifiers and Modifier Indicators (indicator 1), https://www.cms.gov/');
    expect(letter.gaps).toContainEqual(expect.stringMatching(/^documentation showing 99213 on 2026-10-01 was separate and distinct from 93000/));
    expectGapsListed(letter);
    expect(letter.recommendation).toBe('appeal');
  });

  it('says a corrected claim with a modifier is the other path when the edit allows one and none was billed, and does not count an edit the scrub had no table for', async () => {
    const letter = await letterFor({
      claim: claim(),
      payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*97*125', 'LQ*HE*M15'], [])],
      scrubTables: { icd10cm: DIAGNOSES },
      letterTables: { icd10cm: DIAGNOSES, 'ncci-ptp': [PAIR] },
    });
    expect(section(letter, 'grounds')).toContain('Not checked: "NCCI procedure-to-procedure edit without an NCCI-associated modifier (indicator 1)" (rule ptp-column2-without-modifier)');
    expect(section(letter, 'grounds')).not.toContain('Passed the check "NCCI procedure-to-procedure edit without');
    expect(letter.recommendation).toBe('either');
    expect(letter.reason).toMatch(/corrected claim with 59 or XE, XS, XP or XU/);
  });

  it('says no edit was looked up when no edit table is loaded, and that none pairs the codes when the table has none', async () => {
    const payment = ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*97*125', 'LQ*HE*M15'], [])];
    const untabled = await letterFor({ claim: claim(), payment });
    expect(untabled.reason).toContain('no NCCI edit was looked up for this line (no edit table is loaded');
    expect(section(untabled, 'grounds')).not.toContain('no edit pairs');
    const unpaired = await letterFor({ claim: claim(), payment, scrubTables: { 'ncci-ptp': [{ ...PAIR, column1: '11042' }] } });
    expect(section(unpaired, 'grounds')).toContain('NCCI procedure-to-procedure edits (ncci-ptp (test data)): no edit pairs 93000 with 99213.');
    expect(unpaired.reason).toContain("no NCCI edit in force pairs this line with another billed the same day");
    expect(unpaired.recommendation).toBe('either');
  });

  it('recommends correcting what the scrub had already raised before the claim was sent', async () => {
    const letter = await letterFor({
      claim: claim(),
      payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*97*125', 'LQ*HE*M15'], [])],
      scrubTables: { icd10cm: DIAGNOSES, 'ncci-ptp': [PAIR] },
    });
    expect(section(letter, 'grounds')).toContain('Raised before the claim was sent, not passed: "NCCI procedure-to-procedure edit without an NCCI-associated modifier (indicator 1)"');
    expect(letter.recommendation).toBe('correct');
    expect(letter.reason).toContain('the scrub raised ptp-column2-without-modifier on this line');
  });
});

describe('a timely filing denial (CO-29)', () => {
  it('gives the filing limit and the submission date, asks for proof of filing, and says the appeal needs that proof', async () => {
    const letter = await letterFor({ claim: claim(), payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', 'CAS*CO*29*240', ...LINES([], [])] });
    const grounds = section(letter, 'grounds');
    expect(grounds).toContain('For CO-29 on the whole claim:');
    expect(grounds).toContain('Filing limit under the Medicare fee-for-service (Part B) profile: 1 calendar year after the date of service; for a service on 2026-10-01 the last day to file was 2027-10-01.');
    expect(grounds).toContain("The claim's submission date is 2026-11-20, within that limit.");
    expect(grounds).toMatch(/Passed the check .*\(rule timely-filing-limit-expired, CARC 29\)\. Sources: CMS Medicare Claims Processing Manual, Pub\. 100-04, Chapter 1/);
    expect(letter.gaps).toContainEqual(expect.stringMatching(/^proof of timely filing: the clearinghouse acceptance report \(277CA\)/));
    expectGapsListed(letter);
    expect(letter.recommendation).toBe('appeal');
    expect(letter.reason).toContain('appeal only with proof the claim was filed in time');
  });
});

describe('a denial a corrected claim fixes', () => {
  it('recommends correcting a missing-information denial (CO-16) rather than appealing, and either when another denial needs an appeal', async () => {
    const only16 = await letterFor({ claim: claim(), payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', 'CAS*CO*16*240', 'MOA***MA130', ...LINES([], [])] });
    expect(only16.recommendation).toBe('correct');
    expect(only16.reason).toContain('an appeal cannot change what was billed, a corrected claim can');
    expect(only16.reason).toContain('MA130');
    const mixed = await letterFor({ claim: claim(), payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', 'CAS*CO*16*115', ...LINES(['CAS*CO*50*125'], []) ], scrubTables: { icd10cm: DIAGNOSES } });
    expect(mixed.recommendation).toBe('either');
  });
});

describe('the printable page', () => {
  it('escapes what the claim holds and marks every gap', async () => {
    const odd = claim();
    (odd as unknown as { subscriber: { firstName: string } }).subscriber.firstName = '<script>alert(1)</script>';
    const letter = await letterFor({ claim: odd, payment: ['CLP*C-1001*4*240*0*0*MB*22123456789*11*1', ...LINES(['CAS*CO*50*125'], [])], scrubTables: { icd10cm: DIAGNOSES } });
    const html = appealLetterHtml('C-1001', letter);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Diaz');
    expect(html.match(/<mark class="gap">/g)?.length).toBe(letter.gaps.length);
    expect(html).toContain('<link rel="stylesheet" href="/appeal-letter.css">');
  });
});
