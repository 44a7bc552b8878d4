/**
 * Correcting a denied claim in real headless Chromium against the real server: a biller
 * scrubs a claim on the page, reads in the payer's 835 denying it on the Follow-up tab,
 * opens it as a replacement (frequency and the payer's claim number filled in), changes a
 * field, scrubs the corrected claim and downloads its 837, which our reader reads back; and
 * voids a claim the clearinghouse rejected, once the biller types the payer's number in.
 * A missing browser fails these tests; they never skip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

const DENIAL = join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'denied.835');
/** rejects C-2001 at the clearinghouse: the payer never saw it, so no remittance gives its number */
const REJECTION = join(REPO_ROOT, 'test', 'fixtures', 'x12', '277ca', 'rejected.277');

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', logLevel: 'silent' });
});

afterAll(async () => {
  await service?.close();
});

async function openPage(username: string): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage({ width: 1280, height: 900 });
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, username, errors);
  return { page, errors };
}

const row = (page: Page, claimId: string) => page.locator(`#wl-rows tr[data-claim="${claimId}"]`);
const panel = (page: Page) => page.locator('#wl-correction');

describe('correcting a denied claim on the Follow-up tab', () => {
  it('replaces the claim with an edit, scrubs it and downloads an 837 with frequency 7 and the payer claim number', async () => {
    const { page, errors } = await openPage('biller');
    await page.locator('#claim-text').fill(JSON.stringify(EXAMPLE_CLAIMS[0]));
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();

    await page.getByRole('button', { name: 'Follow-up' }).click();
    await row(page, 'C-1001').waitFor();
    // only a claim sent back gets the buttons
    await expect(row(page, 'C-1001').getByRole('button', { name: /^Correct claim/ }).count()).resolves.toBe(0);
    await page.getByLabel('Upload remittance (835)').setInputFiles(DENIAL);
    await page.locator('#wl-rows tr[data-claim="C-1001"] .wl-state', { hasText: /^denied$/ }).waitFor();

    await row(page, 'C-1001').getByRole('button', { name: 'Correct claim C-1001' }).click();
    await panel(page).locator('h3', { hasText: 'Correct claim C-1001' }).waitFor();
    await expect(panel(page).getByLabel('Resubmission code (claim frequency)').inputValue()).resolves.toBe('7');
    await expect(panel(page).getByLabel('Original reference number').inputValue()).resolves.toBe('22123456789');
    await expect(panel(page).getByLabel('Patient account number (claim id)').inputValue()).resolves.toBe('C-1001');
    await expect(panel(page).locator('#corr-lead').innerText()).resolves.toBe("Frequency 7 (replacement) of the payer's claim 22123456789.");

    await panel(page).getByLabel('Prior authorization number').fill('PA-2026-555');
    await panel(page).getByRole('button', { name: 'Scrub corrected claim' }).click();
    await panel(page).locator('#corr-outcome .status-banner').waitFor();
    await expect(panel(page).locator('#corr-outcome').innerText()).resolves.toMatch(/^Kept as \S+; C-1001 is marked corrected\./);
    await expect(panel(page).locator('#corr-outcome .finding[data-rule="replacement-without-original-claim-id"]').count()).resolves.toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), panel(page).getByRole('link', { name: /^Download 837/ }).click()]);
    expect(download.suggestedFilename()).toBe('C-1001.837');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toMatch(/\nCLM\*C-1001\*125\*\*\*11:B:7\*/);
    expect(text).toContain('\nREF*F8*22123456789~');
    const [read] = readX12Text(text, 'C-1001-7.837');
    expect(read!.claim).toMatchObject({ claimId: 'C-1001', frequency: '7', originalClaimId: '22123456789', priorAuthorization: 'PA-2026-555' });

    // the list now holds the correction, waiting to be sent
    await page.locator('#wl-rows tr[data-claim="C-1001"] .wl-state', { hasText: /^corrected$/ }).waitFor();
    const list = (await (await fetch(`${service.base}/api/worklist`)).json()) as { items: Array<{ claimId: string; state: string }> };
    expect(list.items).toEqual([expect.objectContaining({ claimId: 'C-1001', state: 'corrected' })]);
    expect(errors).toEqual([]);
  });

  it('voids a claim the clearinghouse rejected once the biller gives the number no remittance did', async () => {
    const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ ...EXAMPLE_CLAIMS[2], claimId: 'C-2001' }) });
    expect(res.status).toBe(200);
    const { page, errors } = await openPage('biller');
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await row(page, 'C-2001').waitFor();
    await page.getByLabel('Upload acknowledgment (277CA)').setInputFiles(REJECTION);
    await page.locator('#wl-rows tr[data-claim="C-2001"] .wl-state', { hasText: /^rejected$/ }).waitFor();

    await row(page, 'C-2001').getByRole('button', { name: 'Void claim C-2001' }).click();
    await panel(page).locator('h3', { hasText: 'Void claim C-2001' }).waitFor();
    await expect(panel(page).getByLabel('Resubmission code (claim frequency)').inputValue()).resolves.toBe('8');
    await expect(panel(page).getByLabel('Original reference number').inputValue()).resolves.toBe('');
    await expect(panel(page).locator('#corr-lead').innerText()).resolves.toMatch(/^Frequency 8 \(void\) of the payer’s claim \(no remittance gave its number: enter it/);

    await panel(page).getByRole('button', { name: 'Scrub corrected claim' }).click();
    await panel(page).locator('#corr-error:not([hidden])').waitFor();
    await expect(panel(page).locator('#corr-error').innerText()).resolves.toContain('no payer claim control number is known');
    // the browser logs the refusal itself; that one is expected
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 409/.test(e)));

    await panel(page).getByLabel('Original reference number').fill('ICN-2001-77');
    await panel(page).getByRole('button', { name: 'Scrub corrected claim' }).click();
    await panel(page).locator('#corr-outcome .status-banner').waitFor();
    await expect(panel(page).locator('#corr-error').isHidden()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), panel(page).getByRole('link', { name: /^Download 837/ }).click()]);
    const [read] = readX12Text(readFileSync((await download.path())!, 'utf8'), 'C-2001.837');
    expect(read!.claim).toMatchObject({ claimId: 'C-2001', frequency: '8', originalClaimId: 'ICN-2001-77' });
    await page.locator('#wl-rows tr[data-claim="C-2001"] .wl-state', { hasText: /^corrected$/ }).waitFor();
    expect(errors).toEqual([]);
  });
});
