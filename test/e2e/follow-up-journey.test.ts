/**
 * A biller's whole follow-up in real headless Chromium against the real server, from the
 * payer's answer to what goes back out: the 835 uploaded on the Follow-up tab denies a
 * claim; the biller reads the appeal letter draft the denial calls for, then sends a
 * corrected claim instead, exported as an 837 that our reader reads back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', logLevel: 'silent' });
  const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await service?.close();
});

describe('from an uploaded 835 to an appeal draft and a corrected 837', () => {
  it('reads the denial, drafts the appeal, then corrects and exports the claim', async () => {
    const page = await chromium.newPage({ width: 1280, height: 900 });
    const errors = errorsOf(page);
    await page.goto(`${service.base}/`);
    await signInAndWait(page, 'biller', errors);
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await page.getByLabel('Upload remittance (835)').setInputFiles(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'denied.835'));
    const row = page.locator('#wl-rows tr[data-claim="C-1001"]');
    await row.locator('.wl-state', { hasText: /^denied$/ }).waitFor();

    await page.getByRole('button', { name: 'Draft appeal for C-1001' }).click();
    const draft = page.getByRole('region', { name: 'Appeal letter draft' });
    await draft.waitFor();
    const letter = await draft.innerText();
    expect(letter).toContain('22123456789');
    expect(letter).toMatch(/CARC 29|CO-29/);
    expect(letter).toContain('2027-04-05');
    await expect(draft.locator('mark.appeal-gap').count()).resolves.toBeGreaterThan(0);
    await draft.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: 'Correct claim C-1001' }).click();
    const panel = page.locator('#wl-correction');
    await expect(panel.getByLabel('Original reference number').inputValue()).resolves.toBe('22123456789');
    await panel.getByLabel('Prior authorization number').fill('PA-2026-777');
    await panel.getByRole('button', { name: 'Scrub corrected claim' }).click();
    await panel.locator('#corr-outcome .status-banner').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: /^Download 837/ }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const [read] = readX12Text(text, 'C-1001.837');
    expect(read!.claim).toMatchObject({ claimId: 'C-1001', frequency: '7', originalClaimId: '22123456789', priorAuthorization: 'PA-2026-777' });
    expect(errors).toEqual([]);
  });
});
