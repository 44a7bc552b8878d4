/**
 * The Missed denials view of the workbench in real headless Chromium against the real
 * server: a biller posts an 835 for claims scrubbed before, and the compliance officer sees
 * the denials by CARC and payer, opens a missed group's examples and goes from an example
 * to the stored claim. A biller's page has no such view. A missing browser fails these tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  // the workbench loads the editor as a built file, as `npm run build` leaves it
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  service = await startTestServer({ signedInAs: 'biller', logLevel: 'silent' });
  for (const claim of EXAMPLE_CLAIMS.slice(0, 3)) await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
  const remit = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'partial-c1002.835'), 'utf8');
  const posted = await fetch(`${service.base}/api/remits?name=aetna.835`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: remit });
  expect(posted.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await service?.close();
});

async function openPage(as: string): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage({ width: 1280, height: 900 });
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, as, errors);
  return { page, errors };
}

describe('the Missed denials view', () => {
  it('lists the denials by CARC and payer, expands a missed group to its examples, and opens one in the history', async () => {
    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    const row = page.locator('#md-rows tr[data-carc="97"][data-payer="60054"]');
    await row.waitFor();
    await expect(row.locator('th, td').allInnerTexts()).resolves.toEqual(['97', 'AETNA (60054)', '1', '0', '1', '0', '$15.00', '0%', 'reference-data/ncci-edits', 'Examples (1)']);
    await expect(page.locator('#md-summary').innerText()).resolves.toMatch(/^1 denials in 1 claim payments: 0 predicted, 1 missed/);

    const toggle = row.getByRole('button', { name: 'Examples (1)' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const example = page.locator('.md-examples:not([hidden]) li[data-claim="C-1002"]');
    await expect(example.innerText()).resolves.toMatch(/^Open C-1002 — line 2 36415-25, \$15\.00 \[M15\], remittance of 2026-12-05$/);

    await example.getByRole('button', { name: 'Open C-1002' }).click();
    await page.locator('#view-check:not([hidden])').waitFor();
    await expect(page.locator('#result .status-banner').innerText()).resolves.toMatch(/C-1002/);
    expect(errors).toEqual([]);
  });

  it('is not on a biller\'s page', async () => {
    const { page, errors } = await openPage('biller');
    await expect(page.locator('#missed-denials').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
