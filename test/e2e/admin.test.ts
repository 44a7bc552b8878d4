/**
 * The administration tab in real headless Chromium against the real server: an admin adds
 * an account, changes its role and disables it, and reads each change in the audit trail;
 * a compliance officer reads the trail but cannot manage accounts; a biller and a trainee
 * see neither. A missing browser fails these tests; they never skip.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, signInOnPage, useChromium } from './browser.js';
import { startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ logLevel: 'silent' });
});

afterAll(async () => {
  await service?.close();
});

async function openPage(username: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage(viewport);
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, username, errors);
  return { page, errors };
}

const addForm = (page: Page) => page.locator('#account-form');
const row = (page: Page, username: string) => page.locator(`#accounts-rows tr[data-username="${username}"]`);

/** The audit rows of account changes, newest first, as "user action target". */
async function accountChangesInAudit(page: Page): Promise<string[]> {
  await page.getByLabel('Action').selectOption('user-change');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.locator('#audit-table:not([aria-busy])').waitFor();
  return page.locator('#audit-rows tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent).join(' | ')),
  );
}

describe('the administration tab', () => {
  it('lets an admin add an account, change its role and disable it, each change in the audit trail', async () => {
    const { page, errors } = await openPage('admin');
    await page.getByRole('button', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { name: 'Audit trail' }).isVisible()).resolves.toBe(true);
    await row(page, 'biller').waitFor();
    // your own account offers no change that would lock you out
    await expect(row(page, 'admin').locator('select, button').count()).resolves.toBe(0);

    // a password under 12 characters is refused before it is sent
    await addForm(page).getByLabel('User name').fill('dana.lee');
    await addForm(page).getByLabel('Password (12 characters or more)').fill('short');
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect(page.locator('#account-form-error').innerText()).resolves.toBe('The password needs at least 12 characters.');

    await addForm(page).getByLabel('Role').selectOption('trainee');
    await addForm(page).getByLabel('Password (12 characters or more)').fill('a-long-enough-secret');
    await page.getByRole('button', { name: 'Add account' }).click();
    await row(page, 'dana.lee').waitFor();
    await expect(page.locator('#accounts-status').innerText()).resolves.toBe('Added dana.lee as trainee.');
    await expect(page.locator('#account-form-error').isHidden()).resolves.toBe(true);

    // the server's refusal shows next to the form, with its code
    await addForm(page).getByLabel('User name').fill('dana.lee');
    await addForm(page).getByLabel('Password (12 characters or more)').fill('another-long-secret');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.locator('#account-form-error[data-code]').waitFor();
    await expect(page.locator('#account-form-error').innerText()).resolves.toBe('an account named "dana.lee" exists');
    await expect(page.locator('#account-form-error').getAttribute('data-code')).resolves.toBe('SJ_ACCOUNT_EXISTS');

    await page.getByLabel('Role of dana.lee').selectOption('biller');
    await page.locator('#accounts-status', { hasText: 'dana.lee is now biller.' }).waitFor();
    await expect(page.getByLabel('Role of dana.lee').inputValue()).resolves.toBe('biller');

    await page.getByRole('button', { name: 'Disable dana.lee' }).click();
    await page.locator('#accounts-rows tr[data-username="dana.lee"][data-state="disabled"]').waitFor();
    await expect(page.getByRole('button', { name: 'Enable dana.lee' }).isVisible()).resolves.toBe(true);

    const changes = await accountChangesInAudit(page);
    expect(changes.slice(0, 3)).toEqual(['admin | admin | user-change | dana.lee', 'admin | admin | user-change | dana.lee', 'admin | admin | user-change | dana.lee']);
    await expect(page.locator('#audit-rows tr[data-action]').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-action') === 'user-change'))).resolves.toBe(true);
    const shown = await page.locator('#audit-count').innerText();
    expect(shown).toMatch(/^\d+ of \d+ entries$/);

    // the server took it: the disabled account cannot sign in
    const other = await chromium.newPage({ width: 1280, height: 900 });
    await other.goto(`${service.base}/`);
    await signInOnPage(other, 'dana.lee', 'a-long-enough-secret');
    await other.locator('#signin-message', { hasText: /./ }).waitFor();
    await expect(other.locator('#main').isHidden()).resolves.toBe(true);
    // the one failed request is the refused duplicate, which the browser logs on its own
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('filters the trail by user and shows how many of how many entries it lists', async () => {
    const { page, errors } = await openPage('admin');
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.locator('#audit-count', { hasText: / of / }).waitFor();
    await page.getByLabel('User', { exact: true }).fill('admin');
    await page.getByLabel('Show at most').fill('1');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.locator('#audit-table:not([aria-busy])').waitFor();
    await expect(page.locator('#audit-count').innerText()).resolves.toMatch(/^1 of \d+ entries$/);
    await expect(page.locator('#audit-rows tr').count()).resolves.toBe(1);
    await expect(page.locator('#audit-rows tr td').nth(1).innerText()).resolves.toBe('admin');
    // the table reads with its headers
    await expect(page.locator('#audit-table thead th').allInnerTexts()).resolves.toEqual(['Time', 'User', 'Role', 'Action', 'Target', 'Address']);
    expect(errors).toEqual([]);
  });

  it('shows a compliance officer the audit trail but not the accounts', async () => {
    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.locator('#audit-count', { hasText: / of / }).waitFor();
    await expect(page.locator('#audit-rows tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#admin-accounts').count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Accounts' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  for (const role of ['biller', 'trainee']) {
    it(`shows a ${role} neither the audit trail nor the accounts`, async () => {
      const { page, errors } = await openPage(role);
      await expect(page.getByRole('button', { name: 'Administration' }).count()).resolves.toBe(0);
      await expect(page.locator('#view-admin').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });
  }

  it('fits a phone: no sideways scrolling of the page with the tab open', async () => {
    const { page } = await openPage('admin', { width: 390, height: 800 });
    await page.getByRole('button', { name: 'Administration' }).click();
    await row(page, 'biller').waitFor();
    const measured = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(measured.page).toBeLessThanOrEqual(measured.view);
  });
});
