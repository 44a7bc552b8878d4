/**
 * Claim payments explained with the shipped code catalog and payer profiles: the meaning of
 * each adjustment and its group, what happened, what to do, and the appeal deadline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectProfile, type PayerProfile } from '../../src/payers/profile.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { codeCatalogFor } from '../../src/rules/codes.js';
import { explainPayment, readRemittanceText, type ClaimPayment, type ExplainedRemit } from '../../src/remit/index.js';
import { editByRename } from '../support/folders.js';
import { copyOfShippedRules, ruleProblems } from '../support/rule-folders.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';

const DIR = join(FIXTURES_DIR, 'x12', '835');
const catalog = codeCatalogFor(RULES_DIR);
const payers = loadRuleSet(RULES_DIR).ruleSet!.payers;
const medicare = selectProfile(payers, null, 'medicare')!;
const commercial = selectProfile(payers, null, 'commercial')!;

function payments(name: string): ClaimPayment[] {
  return readRemittanceText(readFileSync(join(DIR, name), 'utf8'), name).payments;
}

function explain(name: string, profile: PayerProfile | undefined, index = 0): ExplainedRemit {
  return explainPayment(payments(name)[index]!, { catalog, profile });
}

describe('explaining a claim payment', () => {
  it('gives each adjustment its CARC meaning from the code catalog and its group meaning', () => {
    const remit = explain('denied.835', medicare);
    expect(remit.adjustments[0]).toMatchObject({ group: 'CO', carc: '29', meaning: catalog.carc('29') });
    expect(remit.adjustments[0]!.groupMeaning).toMatch(/^Contractual obligation: the provider writes this off/);
    expect(remit.lines[0]!.adjustments[0]).toMatchObject({ carc: '97', rarc: ['M15'], meaning: catalog.carc('97') });
    expect(remit.explanation).toMatch(/^Denied: the payer paid nothing of the \$240\.00 billed\. CO-29, \$115\.00 on the claim: .* CO-97, \$125\.00 on line 1 \(99213\): .* Remark M15: /);
  });

  it('gives Medicare denials an appeal deadline of the remittance date + 5 days of receipt + 120 days', () => {
    const remit = explain('denied.835', medicare);
    expect(remit.remitDate).toBe('2026-12-01');
    expect(remit.appealBy).toBe('2027-04-05');
    expect(remit.nextSteps.filter((s) => s.startsWith('Appeal'))).toEqual([
      expect.stringMatching(/^Appeal CO-29 by 2027-04-05 with proof the claim was filed in time/),
      expect.stringMatching(/^Appeal CO-97 by 2027-04-05 with .*; otherwise write off \$125\.00, which may not be billed to the patient\.$/),
    ]);
  });

  it('gives no appeal deadline where the payer profile has no appeal period, and says to check the payer\'s terms', () => {
    const remit = explain('denied.835', commercial);
    expect(commercial.appeal).toBeUndefined();
    expect(remit.appealBy).toBeNull();
    expect(remit.nextSteps[0]).toMatch(/^Appeal CO-29 within the payer's appeal period \(its payer profile gives none; check the payer's terms\)/);
  });

  it('gives a paid claim no appeal deadline, and says to write off the fee-schedule reduction', () => {
    const remit = explain('paid.835', medicare);
    expect(remit.appealBy).toBeNull();
    expect(remit.explanation).toMatch(/^Partly paid: \$125\.00 of the \$150\.00 billed \(processed as primary\)\. \$25\.00 is the contracted or fee-schedule reduction/);
    expect(remit.nextSteps).toEqual(['Write off $25.00 (CO-45): the contracted reduction, not billable to the patient.']);
  });

  it('says to bill the patient their deductible and coinsurance', () => {
    const remit = explain('partial.835', commercial);
    expect(remit.adjustments).toEqual([]);
    expect(remit.lines[0]!.adjustments.map((a) => [a.group, a.groupMeaning.split(':')[0]])).toEqual([
      ['PR', 'Patient responsibility'],
      ['PR', 'Patient responsibility'],
      ['CO', 'Contractual obligation'],
    ]);
    expect(remit.explanation).toContain('The patient owes $44.00 ($20.00 deductible, $24.00 coinsurance).');
    expect(remit.nextSteps[0]).toMatch(/^Bill the patient \$44\.00 \(PR-1, PR-2\)/);
  });

  it('says to correct a CO-16 denial as its remark codes say and send it as a new claim when MA130 says it has no appeal rights', () => {
    const remit = explain('remarks.835', medicare);
    expect(remit.nextSteps).toEqual([expect.stringMatching(/^Correct the claim as CO-16 and its remark codes say \(MA130: .*; M76: .*\), then send it again as a new claim: it carries no appeal rights\.$/)]);
  });

  it('explains a reversal as taking back the earlier payment, without a denial to appeal', () => {
    const remit = explain('reversal.835', medicare);
    expect(remit.status).toEqual({ code: '22', meaning: 'Reversal of an earlier payment' });
    expect(remit.explanation).toBe('Reversal: the payer takes back its earlier payment of claim C-4001 (-$125.00 now, of -$150.00 billed).');
    expect(remit.adjustments[0]!.groupMeaning).toMatch(/^Correction or reversal/);
    expect(remit.appealBy).toBeNull();
    expect(remit.nextSteps[0]).toMatch(/^Look for the corrected payment of this claim/);
  });

  it('says when the catalog lacks a CARC rather than inventing a meaning', () => {
    const [payment] = payments('denied.835');
    payment!.adjustments[0]!.carc = '999';
    const remit = explainPayment(payment!, { catalog, profile: medicare });
    expect(remit.adjustments[0]!.meaning).toBe('CARC 999 is not in the code catalog; look it up in the X12 code list.');
  });
});

describe('the appeal section of a payer profile', () => {
  it('is given for Medicare with its regulation, and for no profile without a source', () => {
    expect(medicare.appeal).toMatchObject({ period: { days: 120 }, receiptDays: 5, from: 'remit' });
    expect(medicare.appeal!.references.map((r) => r.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^42 CFR 405\.942\(a\)/), expect.stringMatching(/^42 CFR 405\.901/)]));
    expect(payers.filter((p) => p.appeal !== undefined).map((p) => p.id)).toEqual(['medicare']);
  });

  it('is checked when the rules load: a period of two units and an unknown key are reported where they are written', () => {
    const dir = copyOfShippedRules();
    editByRename(join(dir, 'payers', 'medicare.yaml'), '  period: { days: 120 }\n  receiptDays: 5', '  period: { days: 120, months: 4 }\n  receiptDay: 5');
    const problems = ruleProblems(dir).filter((p) => p.includes('payers/medicare.yaml'));
    // where the two edited lines are in the file as shipped
    const period = readFileSync(join(RULES_DIR, 'payers', 'medicare.yaml'), 'utf8').split('\n').indexOf('  period: { days: 120 }') + 1;
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`payers/medicare\\.yaml:${period}:11 payer profile "appeal\\.period": give exactly one of years, months or days$`)),
      expect.stringMatching(new RegExp(`payers/medicare\\.yaml:${period + 1}:3 payer profile "appeal": unknown key "receiptDay"$`)),
    ]);
    expect(loadRuleSet(RULES_DIR).problems.map(formatProblem)).toEqual([]);
  });
});
