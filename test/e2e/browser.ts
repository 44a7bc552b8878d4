/**
 * Headless Chromium for a file of browser tests: started once before its tests, each test's
 * pages closed after it, the browser closed at the end. A browser that does not start fails
 * every test that asks for a page, with the reason (a failing hook would only mark them
 * skipped, and these tests never skip).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TEST_PASSWORD } from '../server/support.js';

const CHROMIUM = '/usr/bin/chromium';

export interface Viewport {
  width: number;
  height: number;
}

/** Registers the hooks; call at the top of a test file. */
export function useChromium(): { newPage(viewport: Viewport): Promise<Page> } {
  let browser: Browser | undefined;
  let problem: Error | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    } catch (error) {
      problem = new Error(`the browser tests need Chromium at ${CHROMIUM} (Debian package "chromium"), and it did not start: ${(error as Error).message}`);
    }
  }, 60_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    // each page its own browser context: its own cookies, so its own session
    newPage: async (viewport) => {
      if (browser === undefined) throw problem ?? new Error('the browser was not started');
      const page = await browser.newPage({ viewport });
      pages.push(page);
      return page;
    },
  };
}

/** The page's script errors and console errors, as they come. */
export function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export async function signInOnPage(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the page to be ready; drops the 401 of the session check made before, since what follows must be clean. */
export async function signInAndWait(page: Page, username: string, errors: string[]): Promise<void> {
  await signInOnPage(page, username);
  await page.waitForSelector('body[data-ready="true"]');
  errors.splice(0, errors.length, ...errors.filter((e) => !/status of 401/.test(e)));
}
