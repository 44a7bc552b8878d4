/**
 * The Practice tab in real headless Chromium against the real server: a trainee takes an
 * exercise (the made-up claim in the CMS-1500 view, a mark, the score with its
 * explanations) and sees their progress; a compliance officer sees every trainee's. A
 * missing browser fails these tests.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  service = await startTestServer({ signedInAs: 'trainee', logLevel: 'silent' });
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

describe('the Practice tab', () => {
  it('lets a trainee take an exercise, see it scored and explained, and see their progress', async () => {
    const { page, errors } = await openPage('trainee');
    await page.getByRole('button', { name: 'Practice' }).click();
    await page.locator('#view-practice:not([hidden])').waitFor();
    await page.getByRole('button', { name: 'New exercise' }).click();
    await expect(page.locator('#pr-task').innerText()).resolves.toMatch(/^Find \d+ problems? on this claim/);
    // the claim is shown in the CMS-1500 view, read-only
    await expect(page.locator('#pr-form-box').getAttribute('disabled')).resolves.not.toBeNull();
    await expect(page.locator('#pr-form input').count()).resolves.toBeGreaterThan(10);

    // the CARC picker offers the catalog's codes with their meanings
    await expect(page.locator('#pr-carcs option[value="16"]').textContent()).resolves.toMatch(/^16: /);
    // no rule looks at a field the claim contract does not have: a sure false alarm
    await page.locator('.pr-mark .pr-field').first().fill('remarks');
    await page.locator('.pr-mark .pr-carc').first().fill('16');
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await expect(page.locator('#pr-summary').innerText()).resolves.toMatch(/^0 found, \d+ missed, 1 false alarm: 0%$/);
    const missed = page.locator('.pr-findings li[data-outcome="miss"]');
    await expect(missed.count()).resolves.toBeGreaterThan(0);
    await expect(missed.first().innerText()).resolves.toMatch(/Fix: /);
    await expect(page.locator('.pr-findings li[data-outcome="false-alarm"]').innerText()).resolves.toContain('nothing wrong at remarks');
    await page.locator('#pr-progress table tbody tr').first().waitFor();
    await expect(page.locator('#pr-progress').innerText()).resolves.toMatch(/^1 exercises\. Practise next: /);
    // a trainee has no trainer view
    await expect(page.locator('#pr-trainer').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows a compliance officer every trainee’s progress', async () => {
    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Practice' }).click();
    const table = page.locator('#pr-all table[data-user="trainee"]');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
