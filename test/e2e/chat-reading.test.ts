/**
 * A long chat reply in real headless Chromium: every finding is listed, folded by family
 * so a reader can close a group, and the reply opens at its first line, not its last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { EXAMPLE_CLAIMS, startTestServer, type TestServer } from '../server/support.js';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ rulesDir: copyOfShippedRules(), logLevel: 'silent' });
});

afterAll(async () => {
  await service?.close();
});

describe('reading a long chat reply', () => {
  it('folds the findings by family and opens the reply at its top', async () => {
    // a short window, so the reply is taller than the chat log
    const page = await chromium.newPage({ width: 1280, height: 640 });
    const errors = errorsOf(page);
    await page.goto(`${service.base}/`);
    await signInAndWait(page, 'biller', errors);
    await page.locator('details.options summary').click();
    await page.getByLabel('Check as of').fill('2026-11-27');
    await page.getByLabel('Paste a claim').fill(JSON.stringify(EXAMPLE_CLAIMS[1], null, 2));
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();

    await page.getByLabel('Your question').fill('How do I fix it?');
    await page.getByLabel('Your question').press('Enter');
    const reply = page.locator('#chat-log .from-assistant').last();
    await reply.locator('details.reply-group').first().waitFor();

    const summaries = await reply.locator('details.reply-group > summary').allInnerTexts();
    expect(summaries.length).toBeGreaterThan(1);
    expect(summaries[0]).toMatch(/^Missing information \(\d+\):$/);
    const listed = summaries.reduce((sum, s) => sum + Number(/\((\d+)\):$/.exec(s)![1]), 0);
    expect(await reply.locator('.reply-items').allInnerTexts().then((items) => items.join('\n').split('\n').filter((l) => l.startsWith('•')).length)).toBe(listed);
    expect(await reply.innerText()).not.toMatch(/more finding/);

    // the reply's first line is at the top of the log, though the reply runs past its end
    const place = await page.evaluate(() => {
      const log = document.getElementById('chat-log')!;
      const item = log.lastElementChild as HTMLElement;
      return { gap: item.getBoundingClientRect().top - log.getBoundingClientRect().top, taller: item.offsetHeight > log.clientHeight, scrolled: log.scrollTop };
    });
    expect(place.taller).toBe(true);
    expect(place.scrolled).toBeGreaterThan(0);
    expect(Math.abs(place.gap)).toBeLessThan(2);

    // a group folds and opens again
    const first = reply.locator('details.reply-group').first();
    await first.locator('summary').click();
    await expect(first.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(first.locator('.reply-items').isVisible()).resolves.toBe(false);
    await first.locator('summary').click();
    await expect(first.locator('.reply-items').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
