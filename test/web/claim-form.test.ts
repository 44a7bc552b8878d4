/**
 * The claim form's pure parts: how a claim's values become the text of the CMS-1500
 * controls and back, the paths findings name, and the one-click fixes, each of which must
 * change only what its finding names and offer nothing when the claim does not bear it out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixFor } from '../../web/js/claim-fixes.js';
import {
  addLine,
  describeField,
  formatValue,
  lineChargeCents,
  modifiersFromBoxes,
  parsePointers,
  parseValue,
  removeDiagnosis,
  removeLine,
} from '../../web/js/claim-form-fields.js';
import { claimFromText, controlPathFor, getPath, pathSegments, setPath } from '../../web/js/claim-paths.js';
import { chargeAmounts, isChargePath, moneyInText } from '../../web/js/money-text.js';
import { EXAMPLE_CLAIMS } from '../server/support.js';
import { RULES_DIR } from '../support/paths.js';

const C1002 = EXAMPLE_CLAIMS.find((claim) => claim.claimId === 'C-1002') as Record<string, any>;

describe('claim paths', () => {
  it('reads and writes the paths findings name, without changing the claim given', () => {
    expect(pathSegments('lines[2].modifiers[0]')).toEqual(['lines', 2, 'modifiers', 0]);
    expect(getPath(C1002, 'lines[2].procedureCode')).toBe('36415');
    expect(getPath(C1002, 'billingProvider.address.zip')).toBe('787011234');
    expect(getPath(C1002, 'renderingProvider.npi')).toBeUndefined();
    const changed = setPath(C1002, 'renderingProvider.npi', '1245319599');
    expect(changed.renderingProvider).toEqual({ npi: '1245319599' });
    expect(C1002.renderingProvider).toBeNull();
    expect(setPath({ lines: [] }, 'lines[0].charge', 5)).toEqual({ lines: [{ charge: 5 }] });
    expect(setPath({ lines: [{ emergency: true }] }, 'lines[0].emergency', undefined)).toEqual({ lines: [{}] });
  });

  it('finds the control for a path: itself, the first inside it, or the nearest above it', () => {
    const controls = ['claimId', 'diagnoses[0]', 'diagnoses', 'lines[0].serviceDate', 'lines[0].procedureCode', 'lines[0].modifiers[0]', 'lines[0].modifiers[1]', 'lines', 'totalCharge'];
    expect(controlPathFor('totalCharge', controls)).toBe('totalCharge');
    expect(controlPathFor('lines[0].modifiers', controls)).toBe('lines[0].modifiers[0]');
    expect(controlPathFor('lines[0]', controls)).toBe('lines[0].serviceDate');
    expect(controlPathFor('lines[0].ndc', controls)).toBe('lines[0].serviceDate');
    expect(controlPathFor('diagnoses', controls)).toBe('diagnoses');
    expect(controlPathFor('lines', controls)).toBe('lines');
    expect(controlPathFor('payer.id', controls)).toBeNull();
  });

  it('reads one claim in JSON from the text, and nothing else', () => {
    expect(claimFromText(JSON.stringify(C1002))).toEqual(C1002);
    expect(claimFromText(JSON.stringify([C1002]))).toBeNull();
    expect(claimFromText('ISA*00*          *00*')).toBeNull();
    expect(claimFromText('{ "claimId": "C-9", "lines": [')).toBeNull();
    expect(claimFromText('{"resourceType":"Claim","lines":[]}')).toBeNull();
    expect(claimFromText('{"claimId":"C-9"}')).toBeNull();
  });
});

describe('form values', () => {
  it('shows charges as US dollars and reads them back from what a biller types', () => {
    expect(formatValue('money', 1250)).toBe('$1,250.00');
    expect(formatValue('money', null)).toBe('');
    for (const typed of ['1250', '1,250.00', '$1,250', '$ 1250.0']) expect(parseValue('money', typed)).toEqual({ ok: true, value: 1250 });
    expect(parseValue('money', '0.1')).toEqual({ ok: true, value: 0.1 });
    expect(parseValue('money', '')).toEqual({ ok: true, value: null });
    expect(parseValue('money', 'twelve')).toMatchObject({ ok: false });
    expect(parseValue('money', '1,25')).toMatchObject({ ok: false });
    expect(parseValue('number', '2')).toEqual({ ok: true, value: 2 });
    expect(parseValue('number', '2 units')).toMatchObject({ ok: false });
  });

  it('keeps codes, names and dates as typed, but for the spaces at their ends', () => {
    expect(parseValue('text', ' j1100 ')).toEqual({ ok: true, value: 'j1100' });
    expect(parseValue('date', '07/14/2026')).toEqual({ ok: true, value: '07/14/2026' });
    expect(formatValue('text', '99213')).toBe('99213');
  });

  it('writes diagnosis pointers as the letters of item 21 and reads letters or numbers', () => {
    expect(formatValue('pointers', [1, 3])).toBe('A C');
    expect(formatValue('pointers', [12, 13, 0])).toBe('L 13 0');
    expect(parsePointers('AC')).toEqual({ ok: true, value: [1, 3] });
    expect(parsePointers('a, c')).toEqual({ ok: true, value: [1, 3] });
    expect(parsePointers('1 3')).toEqual({ ok: true, value: [1, 3] });
    expect(parsePointers('')).toEqual({ ok: true, value: [] });
    expect(parsePointers('AM')).toMatchObject({ ok: false });
    expect(parsePointers('A Q')).toEqual({ ok: false, message: '“Q” is not a diagnosis letter; use A to L.' });
  });

  it('reads the ICD indicator, the emergency box and the modifier boxes', () => {
    expect(formatValue('codeSet', undefined)).toBe('0');
    expect(parseValue('codeSet', '9')).toEqual({ ok: true, value: 'icd9' });
    expect(parseValue('check', 'Y')).toEqual({ ok: true, value: true });
    expect(parseValue('check', '')).toEqual({ ok: true, value: undefined });
    expect(modifiersFromBoxes(['', '59 ', '', 'RT'])).toEqual(['59', 'RT']);
  });
});

describe('where a finding sits on the CMS-1500', () => {
  it('names the box of each path a finding can name, and nothing for one the form has no box for', () => {
    expect(describeField('lines[2].procedureCode')).toBe('Line 3: Procedure (CPT/HCPCS), item 24D');
    expect(describeField('lines[0].modifiers')).toBe('Line 1: Modifiers, item 24D');
    expect(describeField('lines[1]')).toBe('Line 2, item 24');
    expect(describeField('diagnoses[2]')).toBe('Diagnosis C, item 21');
    expect(describeField('totalCharge')).toBe('Total charge, item 28');
    expect(describeField('billingProvider.taxId')).toBe('Federal tax id (EIN), item 25');
    expect(describeField('subscriber.memberId')).toBe("Insured's ID number, item 1a");
    expect(describeField('lines[0].ndc')).toBeNull();
    expect(describeField(null)).toBeNull();
  });

  it('has a box for every field the shipped rules name', () => {
    const fields = readdirSync(RULES_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.yaml'))
      .flatMap((file) => [...readFileSync(join(RULES_DIR, file), 'utf8').matchAll(/^\s*field: (\S+)$/gm)].map((m) => m[1]!));
    const lineFields = new Set(['charge', 'diagnosisPointers', 'modifiers', 'placeOfService', 'procedureCode', 'renderingProviderNpi', 'serviceDate', 'serviceDateEnd', 'units']);
    const unplaced = [...new Set(fields)].filter((field) => describeField(lineFields.has(field) ? `lines[0].${field}` : field) === null && describeField(field) === null);
    expect(new Set(fields).size).toBeGreaterThan(30);
    expect(unplaced).toEqual([]);
  });
});

describe('lines and diagnoses', () => {
  it('adds and takes out lines', () => {
    expect(addLine(C1002).lines).toHaveLength(4);
    expect(removeLine(C1002, 0).lines.map((line: { procedureCode: string }) => line.procedureCode)).toEqual(['36415', '36415']);
    expect(C1002.lines).toHaveLength(3);
  });

  it('moves the pointers after a diagnosis taken out up one, and drops those to it', () => {
    const claim = { diagnoses: ['E11.9', 'I10', 'Z00.00'], lines: [{ diagnosisPointers: [1, 2, 3] }, { diagnosisPointers: [3] }, { diagnosisPointers: [2] }] };
    const after = removeDiagnosis(claim, 1);
    expect(after.diagnoses).toEqual(['E11.9', 'Z00.00']);
    expect(after.lines.map((line: { diagnosisPointers: number[] }) => line.diagnosisPointers)).toEqual([[1, 2], [2], []]);
  });

  it('sums the line charges to the cent, and not at all when a line has none', () => {
    expect(lineChargeCents({ lines: [{ charge: 0.1 }, { charge: 0.2 }] })).toBe(30);
    expect(lineChargeCents(C1002)).toBe(24000);
    expect(lineChargeCents({ lines: [{ charge: 10 }, {}] })).toBeNull();
  });
});

describe('one-click fixes', () => {
  const finding = (ruleId: string, line: number | null, path: string | null) => ({ ruleId, line, path });

  it('sets the total charge to the sum of the lines', () => {
    const fix = fixFor(finding('total-charge-mismatch', null, 'totalCharge'), C1002)!;
    expect(fix.label).toBe('Set the total charge to $240.00, the sum of the lines');
    expect(fix.claim).toEqual({ ...C1002, totalCharge: 240 });
    // a line without a charge leaves the total for the biller
    expect(fixFor(finding('total-charge-mismatch', null, 'totalCharge'), { lines: [{ charge: 10 }, {}], totalCharge: 5 })).toBeNull();
    expect(fixFor(finding('total-charge-mismatch', null, 'totalCharge'), { ...C1002, totalCharge: 240 })).toBeNull();
  });

  it('removes the repeated line, keeping a balanced total balanced', () => {
    const unbalanced = fixFor(finding('duplicate-service-line', 3, 'lines[2].procedureCode'), C1002)!;
    expect(unbalanced.label).toBe('Remove line 3, a repeat of line 2');
    expect(unbalanced.claim).toEqual({ ...C1002, lines: C1002.lines.slice(0, 2) });
    const balanced = fixFor(finding('duplicate-service-line', 3, 'lines[2].procedureCode'), { ...C1002, totalCharge: 240 })!;
    expect(balanced.label).toBe('Remove line 3, a repeat of line 2, and lower the total charge to $225.00');
    expect(balanced.claim.totalCharge).toBe(225);
    expect(balanced.claim.lines).toHaveLength(2);
  });

  it('offers no line removal when the line is not a repeat of an earlier one', () => {
    const lines = C1002.lines as Array<Record<string, unknown>>;
    const otherDay = { ...C1002, lines: [lines[0], lines[1], { ...lines[2], serviceDate: '2026-07-15' }] };
    expect(fixFor(finding('duplicate-service-line', 3, 'lines[2].procedureCode'), otherDay)).toBeNull();
    const otherModifier = { ...C1002, lines: [lines[0], lines[1], { ...lines[2], modifiers: ['76'] }] };
    expect(fixFor(finding('duplicate-service-line', 3, 'lines[2].procedureCode'), otherModifier)).toBeNull();
    expect(fixFor(finding('duplicate-service-line', 2, 'lines[1].procedureCode'), C1002)).toBeNull();
    expect(fixFor(finding('duplicate-service-line', 9, 'lines[8].procedureCode'), C1002)).toBeNull();
    // the same modifiers in another order and another spelling are still a repeat
    const reordered = { lines: [{ procedureCode: '20610', serviceDate: '2026-01-02', modifiers: ['RT', '59'] }, { procedureCode: '20610', serviceDate: '2026-01-02', modifiers: ['59', 'rt'] }] };
    expect(fixFor(finding('duplicate-service-line', 2, 'lines[1].procedureCode'), reordered)?.claim.lines).toHaveLength(1);
  });

  it('drops only modifier 25 from the line named, and nothing when it is not there', () => {
    const claim = { lines: [{ procedureCode: '99213', modifiers: ['25'] }, { procedureCode: '20610', modifiers: ['25', 'RT'] }] };
    const fix = fixFor(finding('modifier-25-on-non-em-code', 2, 'lines[1].modifiers'), claim)!;
    expect(fix.label).toBe('Remove modifier 25 from line 2');
    expect(fix.claim).toEqual({ lines: [{ procedureCode: '99213', modifiers: ['25'] }, { procedureCode: '20610', modifiers: ['RT'] }] });
    expect(fixFor(finding('modifier-25-on-non-em-code', 2, 'lines[1].modifiers'), fix.claim)).toBeNull();
    // sent as a number, it is still modifier 25
    expect(fixFor(finding('modifier-25-on-non-em-code', 1, 'lines[0].modifiers'), { lines: [{ modifiers: [25, 'LT'] }] })?.claim.lines[0].modifiers).toEqual(['LT']);
  });

  it('removes empty modifier entries, but leaves a malformed modifier for the biller', () => {
    const empty = fixFor(finding('modifier-format-invalid', 1, 'lines[0].modifiers'), { lines: [{ modifiers: ['', 'RT', null] }] })!;
    expect(empty.claim.lines[0].modifiers).toEqual(['RT']);
    expect(fixFor(finding('modifier-format-invalid', 1, 'lines[0].modifiers'), { lines: [{ modifiers: ['', 'ABC'] }] })).toBeNull();
  });

  it('removes a blank diagnosis and moves the pointers after it', () => {
    const claim = { diagnoses: ['E11.9', '', 'I10'], lines: [{ diagnosisPointers: [1, 3] }] };
    const fix = fixFor(finding('diagnosis-entry-blank', null, 'diagnoses[1]'), claim)!;
    expect(fix.claim).toEqual({ diagnoses: ['E11.9', 'I10'], lines: [{ diagnosisPointers: [1, 2] }] });
    expect(fixFor(finding('diagnosis-entry-blank', null, 'diagnoses[0]'), claim)).toBeNull();
  });

  it('offers nothing for a finding whose fix needs a clinical decision', () => {
    for (const ruleId of ['line-diagnosis-pointer-invalid', 'billing-provider-npi-invalid', 'line-units-invalid', 'ptp-column2-without-modifier', 'too-many-modifiers']) {
      expect(fixFor(finding(ruleId, 3, 'lines[2].units'), C1002)).toBeNull();
    }
  });
});

describe('charges in finding texts', () => {
  it("writes the claim's charge amounts as money and leaves other figures alone", () => {
    const amounts = chargeAmounts(C1002);
    expect(amounts).toEqual([210, 15, 15, 240, 230]);
    expect(moneyInText("Total charge 230 does not equal the line charges' sum 240.", amounts)).toBe("Total charge $230.00 does not equal the line charges' sum $240.00.");
    expect(moneyInText('its 3 line charges add up to 240, filed 2026-07-14 under 74-1234567 for 15.5 units', amounts)).toBe('its 3 line charges add up to $240.00, filed 2026-07-14 under 74-1234567 for 15.5 units');
    expect(moneyInText('already $230.00', amounts)).toBe('already $230.00');
    expect(isChargePath('totalCharge')).toBe(true);
    expect(isChargePath('lines[2].charge')).toBe(true);
    expect(isChargePath('lines[2].units')).toBe(false);
    expect(isChargePath(null)).toBe(false);
  });
});
