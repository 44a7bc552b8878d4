/**
 * The Follow-up tab in real headless Chromium against the real server: a biller reads in a
 * payer's 277CA and 835 through the page and sees the claims' states follow, filters the
 * list, sets a state with a note, and downloads the list as CSV; a trainee has no such tab.
 * A missing browser fails these tests; they never skip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

const fixture = (kind: '835' | '277ca', name: string): string => join(REPO_ROOT, 'test', 'fixtures', 'x12', kind, name);

let service: TestServer;
const chromium = useChromium();
const scrubIds: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', logLevel: 'silent' });
  for (const claim of EXAMPLE_CLAIMS.slice(0, 3)) {
    const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
    scrubIds[claim.claimId as string] = ((await res.json()) as { scrubId: string }).scrubId;
  }
});

afterAll(async () => {
  await service?.close();
});

async function openPage(username = 'biller', viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage(viewport);
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, username, errors);
  return { page, errors };
}

const row = (page: Page, claimId: string) => page.locator(`#wl-rows tr[data-claim="${claimId}"]`);
const stateOf = (page: Page, claimId: string) => row(page, claimId).locator('.wl-state').innerText();

async function waitForState(page: Page, claimId: string, state: string): Promise<void> {
  await page.locator(`#wl-rows tr[data-claim="${claimId}"] .wl-state`, { hasText: new RegExp(`^${state}$`) }).waitFor();
}

describe('the Follow-up tab', () => {
  it('reads a 277CA and an 835 through the page, filters, sets a state with a note and downloads the CSV', async () => {
    const { page, errors } = await openPage();
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await row(page, 'C-1003').waitFor();
    await expect(page.locator('#wl-rows tr').count()).resolves.toBe(3);
    await expect(stateOf(page, 'C-1001')).resolves.toBe('scrubbed');
    await expect(row(page, 'C-1001').locator('td').nth(2).innerText()).resolves.toBe('$125.00');

    await page.getByLabel('Upload acknowledgment (277CA)').setInputFiles(fixture('277ca', 'accepted.277'));
    await waitForState(page, 'C-1001', 'sent');
    await expect(stateOf(page, 'C-1002')).resolves.toBe('sent');
    await expect(page.locator('#wl-upload-result').innerText()).resolves.toMatch(/^accepted\.277: 4 entries[\s\S]*\nC-1001 — accepted: Accepted into the payer's processing system/);

    await page.getByLabel('Upload remittance (835)').setInputFiles(fixture('835', 'denied.835'));
    await waitForState(page, 'C-1001', 'denied');
    const denied = row(page, 'C-1001');
    await expect(denied.locator('td').nth(5).innerText()).resolves.toBe('2027-04-05');
    const summary = page.locator('#wl-upload-result li[data-claim="C-1001"]');
    await expect(summary.innerText()).resolves.toMatch(/^C-1001 — .+, paid \$0\.00, appeal by 2027-04-05/);

    // a file that is not a remittance is refused by name, and the list stays as it was
    await page.getByLabel('Upload remittance (835)').setInputFiles(fixture('835', 'bad-no-isa.835'));
    await page.locator('#wl-error:not([hidden])').waitFor();
    await expect(page.locator('#wl-error').innerText()).resolves.toContain('bad-no-isa.835');
    await expect(stateOf(page, 'C-1001')).resolves.toBe('denied');
    // the browser logs the refused upload itself; that one is expected
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 400/.test(e)));

    // only the denied claim under the state filter, and the CSV link carries the filter
    await page.getByLabel('State', { exact: true }).selectOption('denied');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#wl-count', { hasText: 'Claims 1–1 of 1' }).waitFor();
    await expect(page.locator('#wl-rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim')))).resolves.toEqual(['C-1001']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('worklist.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(new RegExp(`^${scrubIds['C-1001']},C-1001,00431,Medicare Part B,denied,`));

    // an appeal, with its note, recorded for the claim
    await page.getByLabel('State', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await row(page, 'C-1003').waitFor();
    await page.getByLabel('New state of C-1001').selectOption('appealed');
    await page.getByLabel('Note on the state of C-1001').fill('appeal faxed with the op note');
    await page.getByRole('button', { name: 'Set the state of C-1001' }).click();
    await waitForState(page, 'C-1001', 'appealed');
    await expect(page.locator('#wl-error').isHidden()).resolves.toBe(true);
    await expect(page.locator('#wl-set-status').innerText()).resolves.toBe('C-1001 is now appealed, noted: “appeal faxed with the op note”.');
    const res = await fetch(`${service.base}/api/worklist?state=appealed`);
    expect(((await res.json()) as { items: Array<{ claimId: string }> }).items.map((i) => i.claimId)).toEqual(['C-1001']);

    // each row downloads its claim as an 837
    const href = await row(page, 'C-1002').getByRole('link', { name: /837/ }).getAttribute('href');
    expect(href).toBe(`/api/history/${scrubIds['C-1002']}/837`);
    const file = await fetch(`${service.base}${href}`);
    expect(await file.text()).toMatch(/^ISA\*/);
    expect(errors).toEqual([]);
  });

  it('highlights a deadline within 14 days or past, and fits a phone', async () => {
    const { page } = await openPage('biller', { width: 390, height: 800 });
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await row(page, 'C-1003').waitFor();
    const list = (await (await fetch(`${service.base}/api/worklist`)).json()) as { items: Array<{ claimId: string; filingDeadline: string | null; appealBy: string | null }> };
    const soon = Date.now() + 14 * 24 * 60 * 60 * 1000;
    for (const item of list.items) {
      const dates = [item.filingDeadline, item.appealBy].filter((d): d is string => d !== null).sort();
      const urgent = dates[0] !== undefined && Date.parse(`${dates[0]}T00:00:00Z`) <= soon;
      await expect(row(page, item.claimId).locator('.wl-urgent').count()).resolves.toBe(urgent ? 1 : 0);
    }
    // C-1003 (Medicaid, served 2025-12-01) is past its filing limit
    await expect(row(page, 'C-1003').locator('.wl-urgent').innerText()).resolves.toMatch(/\(due soon\)$/);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
  });

  it('is not there for a trainee', async () => {
    const { page } = await openPage('trainee');
    await expect(page.locator('.tab[data-view="worklist"]').count()).resolves.toBe(0);
    await expect(page.locator('#view-worklist').count()).resolves.toBe(0);
  });
});
