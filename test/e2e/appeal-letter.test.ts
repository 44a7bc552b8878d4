/**
 * The appeal letter draft in real headless Chromium against the real server: a biller
 * uploads the payer's 835 on the Follow-up tab, the denied claim's row offers "Draft
 * appeal", the draft opens below the list with its gaps marked and its recommendation, and
 * its printable page opens in a window of its own. A missing browser fails these tests.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', logLevel: 'silent' });
  for (const claim of EXAMPLE_CLAIMS.slice(0, 2)) await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
});

afterAll(async () => {
  await service?.close();
});

describe('Draft appeal on the Follow-up tab', () => {
  it('opens the draft of a claim denied by an uploaded 835, and its page to print', async () => {
    const page = await chromium.newPage({ width: 1280, height: 900 });
    const errors = errorsOf(page);
    await page.goto(`${service.base}/`);
    await signInAndWait(page, 'biller', errors);
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await page.locator('#wl-rows tr[data-claim="C-1002"]').waitFor();
    // nothing denied yet: nothing to appeal
    await expect(page.getByRole('button', { name: /^Draft appeal/ }).count()).resolves.toBe(0);

    await page.getByLabel('Upload remittance (835)').setInputFiles(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'denied.835'));
    await page.locator('#wl-rows tr[data-claim="C-1001"] .wl-state', { hasText: /^denied$/ }).waitFor();
    await expect(page.locator('#wl-rows tr[data-claim="C-1002"]').getByRole('button', { name: /^Draft appeal/ }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Draft appeal for C-1001' }).click();
    const draft = page.getByRole('region', { name: 'Appeal letter draft' });
    await draft.waitFor();
    await expect(draft.locator('h3').innerText()).resolves.toBe('Appeal draft for C-1001');
    await expect(draft.locator('.appeal-recommendation').getAttribute('data-recommendation')).resolves.toBe('either');
    await expect(draft.locator('.appeal-recommendation').innerText()).resolves.toMatch(/^Recommendation: either — appeal by 2027-04-05\. /);
    await expect(draft.locator('[data-section="claim"]').innerText()).resolves.toContain('Payer claim control number (CLP07): 22123456789');
    const gaps = await draft.locator('mark.appeal-gap').allInnerTexts();
    expect(gaps.some((g) => g.startsWith('[[GAP: proof of timely filing'))).toBe(true);
    await expect(draft.locator('.hint').innerText()).resolves.toBe(`${gaps.length} gaps to fill from the record before sending.`);
    await expect(draft.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(true);

    const [printable] = await Promise.all([page.waitForEvent('popup'), draft.getByRole('link', { name: 'Open the page to print' }).click()]);
    await printable.waitForLoadState();
    await expect(printable.locator('h1').innerText()).resolves.toBe('Appeal request, claim C-1001');
    await expect(printable.locator('mark.gap').count()).resolves.toBe(gaps.length);
    await expect(printable.locator('script').count()).resolves.toBe(0);
    // the print stylesheet is the page's own, allowed by the Content-Security-Policy
    await expect(printable.evaluate(() => getComputedStyle(document.querySelector('mark.gap')!).backgroundColor)).resolves.toBe('rgb(255, 241, 184)');
    await printable.close();

    await draft.getByRole('button', { name: 'Close' }).click();
    await expect(draft.isHidden()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});
