/**
 * The CMS-1500 claim form in real headless Chromium against the real server: a biller
 * fills in or loads a claim, the form and the JSON text follow each other, a finding takes
 * the biller to its field, and the one-click fixes change the claim and scrub it again.
 * A missing browser fails these tests; they never skip.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { startTestServer, type TestServer } from '../server/support.js';

const AS_OF = '2026-11-27';
let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ rulesDir: copyOfShippedRules(), logLevel: 'silent' });
});

afterAll(async () => {
  await service?.close();
});

async function openPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage(viewport);
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, 'biller', errors);
  return { page, errors };
}

/** the control of a contract path in the form */
const field = (page: Page, path: string) => page.locator(`#cms-form [data-path="${path}"]`);

async function claimInText(page: Page): Promise<Record<string, any>> {
  return JSON.parse(await page.locator('#claim-text').inputValue());
}

async function setAsOf(page: Page): Promise<void> {
  await page.locator('details.options summary').click();
  await page.getByLabel('Check as of').fill(AS_OF);
}

async function scrub(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scrub claim' }).click();
  await page.locator('#result .status-banner').waitFor();
}

/** Applies the one-click fix of a finding and waits for the claim to be scrubbed again. */
async function applyFix(page: Page, ruleId: string): Promise<string> {
  const finding = page.locator(`#result .finding[data-rule="${ruleId}"]`).first();
  const offer = await finding.locator('.fix-offer').innerText();
  await finding.getByRole('button', { name: /^Apply:/ }).click();
  await page.locator('#fix-status', { hasText: 'Scrubbed again.' }).waitFor();
  return offer;
}

describe('the CMS-1500 claim form', () => {
  it('loads an example, follows a finding to its field, and applies the total and duplicate-line fixes', async () => {
    const { page, errors } = await openPage();
    await setAsOf(page);
    await page.getByRole('button', { name: 'CMS-1500 form' }).click();
    await page.getByLabel('Start from an example').selectOption('commercial-many-errors');

    // the example is in the form, item by item, with charges as money
    await expect(page.getByLabel('Patient account number (claim id)').inputValue()).resolves.toBe('C-1002');
    await expect(page.getByLabel("Insured's ID number").inputValue()).resolves.toBe('W123456789');
    await expect(field(page, 'lines[2].procedureCode').inputValue()).resolves.toBe('36415');
    await expect(field(page, 'lines[0].charge').inputValue()).resolves.toBe('$210.00');
    await expect(field(page, 'lines[1].diagnosisPointers').inputValue()).resolves.toBe('A C');
    await expect(field(page, 'lines[0].modifiers[0]').inputValue()).resolves.toBe('25');
    await expect(page.getByLabel('Total charge').inputValue()).resolves.toBe('$230.00');
    await expect(page.locator('#cf-line-sum').innerText()).resolves.toBe('Sum of the line charges: $240.00');
    await expect(page.locator('#cms-form legend').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['Payer (carrier block and item 1)', 'Diagnoses (item 21)', 'Service lines (item 24)', 'Line 3', 'Total (item 28)']),
    );

    await scrub(page);
    await expect(page.locator('#claim-source-text').innerText()).resolves.toBe('Claim C-1002 from example commercial-many-errors (JSON)');
    const duplicate = page.locator('#result .finding[data-rule="duplicate-service-line"]');
    await expect(duplicate.innerText()).resolves.toMatch(/Line 3 repeats line 2/);
    await duplicate.locator('summary').click();
    await expect(duplicate.innerText()).resolves.toMatch(/On the form\s+Line 3: Procedure \(CPT\/HCPCS\), item 24D/);
    // the amounts of a charge finding read as money, its other figures as they are
    const mismatch = page.locator('#result .finding[data-rule="total-charge-mismatch"]');
    await expect(mismatch.locator('.finding-message').innerText()).resolves.toBe("Total charge $230.00 does not equal the line charges' sum $240.00.");
    await mismatch.locator('summary').click();
    await expect(mismatch.innerText()).resolves.toMatch(/its 3 line\s+charges add up to \$240\.00/);

    // "show in form" opens the form at line 3's procedure code
    await duplicate.getByRole('button', { name: 'Show in form: Line 3: Procedure (CPT/HCPCS), item 24D' }).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('lines[2].procedureCode');
    await expect(page.locator('#cms-form .cf-field.flagged [data-path]').first().getAttribute('data-path')).resolves.toBe('lines[2].procedureCode');
    // a claim-level finding goes to its claim field
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();
    await page.locator('#result .finding[data-rule="total-charge-mismatch"]').getByRole('button', { name: 'Show in form: Total charge, item 28' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('cf-totalCharge');

    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();
    const totalOffer = await applyFix(page, 'total-charge-mismatch');
    expect(totalOffer).toBe('One-click fix: Set the total charge to $240.00, the sum of the lines.');
    await expect(page.locator('#result .finding[data-rule="total-charge-mismatch"]').count()).resolves.toBe(0);
    await expect(page.locator('#result .claim-facts').innerText()).resolves.toMatch(/Total charge\s+\$240\.00/);
    expect((await claimInText(page)).totalCharge).toBe(240);

    const duplicateOffer = await applyFix(page, 'duplicate-service-line');
    expect(duplicateOffer).toBe('One-click fix: Remove line 3, a repeat of line 2, and lower the total charge to $225.00.');
    await expect(page.locator('#result .finding[data-rule="duplicate-service-line"]').count()).resolves.toBe(0);
    await expect(page.locator('#result .finding[data-rule="total-charge-mismatch"]').count()).resolves.toBe(0);
    const groups = await page.locator('#result .finding-group > h4').allInnerTexts();
    expect(groups.filter((g) => g.startsWith('Line '))).toEqual(['Line 1 · 99396-25 · 2026-07-14 · 1 unit · $210.00', 'Line 2 · 36415-25 · 2026-07-14 · 1 unit · $15.00']);

    // the modifier a rule does not allow goes from its line, and only that modifier
    await applyFix(page, 'modifier-25-on-non-em-code');
    await expect(page.locator('#result .finding[data-rule="modifier-25-on-non-em-code"]').count()).resolves.toBe(0);

    // the text box holds what the form holds
    const claim = await claimInText(page);
    expect(claim.lines).toHaveLength(2);
    expect(claim.lines.map((line: { modifiers: string[] }) => line.modifiers)).toEqual([['25'], []]);
    expect(claim.totalCharge).toBe(225);
    await page.getByRole('button', { name: 'Edit or check another claim' }).click();
    await expect(page.locator('#cms-form .cms-line').count()).resolves.toBe(2);
    await expect(page.getByLabel('Total charge').inputValue()).resolves.toBe('$225.00');
    await expect(field(page, 'lines[1].modifiers[0]').inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
  });

  it('fills a claim in by hand, keeps the text in step both ways, and scrubs it', async () => {
    const { page, errors } = await openPage();
    await setAsOf(page);
    await page.getByRole('button', { name: 'CMS-1500 form' }).click();
    await page.getByLabel('Kind of insurance').selectOption('commercial');
    await page.getByLabel("Payer's name").fill('Aetna');
    await page.getByLabel('Payer id').fill('60054');
    await page.getByLabel("Insured's ID number").fill('W555');
    await page.getByLabel("Insured's last name").fill('Ortiz');
    await page.getByLabel("Insured's first name").fill('Sam');
    await page.getByLabel("Insured's date of birth").fill('1981-07-02');
    await page.getByLabel("Insured's sex").selectOption('M');
    await page.getByLabel('Patient relationship to insured').selectOption('self');
    await page.getByLabel('Patient account number (claim id)').fill('F-100');
    await page.getByLabel('Place of service of the claim').fill('11');
    await field(page, 'diagnoses[0]').fill('E11.9');
    await page.getByRole('button', { name: 'Add a diagnosis' }).click();
    // a new diagnosis box takes the cursor
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('diagnoses[1]');
    await page.keyboard.type('I10');

    const line = (n: number, key: string) => field(page, `lines[${n}].${key}`);
    await line(0, 'serviceDate').fill('2026-11-02');
    await line(0, 'procedureCode').fill('99213');
    await line(0, 'diagnosisPointers').fill('AB');
    await line(0, 'charge').fill('1250');
    await line(0, 'charge').blur();
    await expect(line(0, 'charge').inputValue()).resolves.toBe('$1,250.00');
    await line(0, 'units').fill('1');
    await page.getByRole('button', { name: 'Add a service line' }).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('lines[1].serviceDate');
    await page.keyboard.type('2026-11-02');
    await line(1, 'procedureCode').fill('36415');
    await field(page, 'lines[1].modifiers[0]').fill('rt');
    await line(1, 'diagnosisPointers').fill('Q');
    await expect(line(1, 'diagnosisPointers').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#cms-form .field-error:not([hidden])').innerText()).resolves.toMatch(/“Q” is not a diagnosis letter/);
    await line(1, 'diagnosisPointers').fill('a');
    await line(1, 'charge').fill('$15.00');
    await line(1, 'units').fill('1');
    await line(1, 'emergency').check();
    await page.getByLabel('Total charge').fill('1,265.00');
    await expect(page.locator('#cf-line-sum').innerText()).resolves.toBe('Sum of the line charges: $1,265.00');

    const claim = await claimInText(page);
    expect(claim).toMatchObject({
      claimId: 'F-100',
      payer: { kind: 'commercial', name: 'Aetna', id: '60054' },
      subscriber: { memberId: 'W555', lastName: 'Ortiz', firstName: 'Sam', birthDate: '1981-07-02', sex: 'M' },
      patient: { relationship: 'self' },
      diagnoses: ['E11.9', 'I10'],
      totalCharge: 1265,
    });
    expect(claim.lines).toEqual([
      { serviceDate: '2026-11-02', procedureCode: '99213', diagnosisPointers: [1, 2], charge: 1250, units: 1 },
      { serviceDate: '2026-11-02', procedureCode: '36415', modifiers: ['rt'], diagnosisPointers: [1], charge: 15, units: 1, emergency: true },
    ]);

    // an edit of the text shows in the form
    await page.getByRole('button', { name: 'Claim text or file' }).click();
    await page.getByLabel('Paste a claim').fill(JSON.stringify({ ...claim, claimId: 'F-101', lines: [claim.lines[0]] }, null, 2));
    await page.getByRole('button', { name: 'CMS-1500 form' }).click();
    await expect(page.getByLabel('Patient account number (claim id)').inputValue()).resolves.toBe('F-101');
    await expect(page.locator('#cms-form .cms-line').count()).resolves.toBe(1);

    // taking out diagnosis A moves line 1's pointer to B up to A
    await page.getByRole('button', { name: 'Remove diagnosis A' }).click();
    await expect(field(page, 'diagnoses[0]').inputValue()).resolves.toBe('I10');
    await expect(page.locator('label[for="cf-diagnoses-0-"]').innerText()).resolves.toBe('Diagnosis A item 21A');
    await expect(field(page, 'lines[0].diagnosisPointers').inputValue()).resolves.toBe('A');
    expect((await claimInText(page)).lines[0].diagnosisPointers).toEqual([1]);

    await scrub(page);
    await expect(page.locator('#claim-source-text').innerText()).resolves.toBe('Claim F-101, from the form (JSON)');
    // the total no longer balances with the one line left: the finding reads the money as money
    await expect(page.locator('#result .finding[data-rule="total-charge-mismatch"] .fix-offer').innerText()).resolves.toBe('One-click fix: Set the total charge to $1,250.00, the sum of the lines.');
    await expect(page.locator('#result .claim-facts').innerText()).resolves.toMatch(/Total charge\s+\$1,265\.00/);
    expect(errors).toEqual([]);
  });

  it('says when the text is not one claim it can show, and labels every control of the form', async () => {
    const { page } = await openPage();
    await page.getByLabel('Start from an example').selectOption('x12-knee-injections');
    await page.getByRole('button', { name: 'CMS-1500 form' }).click();
    await expect(page.locator('#cf-note').innerText()).resolves.toMatch(/not one claim in JSON/);
    await page.getByRole('button', { name: 'Start a blank claim' }).click();
    await expect(page.locator('#cf-note').innerText()).resolves.toBe('');
    await expect(claimInText(page)).resolves.toMatchObject({ lines: [{}] });
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('#cms-form input, #cms-form select')]
        .filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.id || control.outerHTML),
    );
    expect(unlabeled).toEqual([]);
    expect(await page.locator('#cms-form input, #cms-form select').count()).toBeGreaterThan(40);
    // every label names its CMS-1500 item
    const labels = await page.locator('#cms-form label:not(.visually-hidden)').allInnerTexts();
    expect(labels.filter((label) => !/item \w+/.test(label))).toEqual([]);
    // the fields are reached with the keyboard, and the focused one is marked
    await page.getByLabel("Payer's name").focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('payer.id');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('fits a phone: no sideways scrolling with the form open, and a finding still leads to its field', async () => {
    const { page } = await openPage({ width: 390, height: 800 });
    await setAsOf(page);
    await page.getByRole('button', { name: 'CMS-1500 form' }).click();
    await page.getByLabel('Start from an example').selectOption('commercial-many-errors');
    const widths = async () => page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    let measured = await widths();
    expect(measured.page).toBeLessThanOrEqual(measured.view);
    await scrub(page);
    await page.locator('#result .finding[data-rule="modifier-25-on-non-em-code"]').first().getByRole('button', { name: /^Show in form/ }).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('lines[1].modifiers[0]');
    const box = await field(page, 'lines[1].modifiers[0]').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    measured = await widths();
    expect(measured.page).toBeLessThanOrEqual(measured.view);
  });
});
