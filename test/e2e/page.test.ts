/**
 * The page in real headless Chromium against the real server: a biller pastes a claim,
 * reads its findings, asks the chat, follows a suggestion, opens the history, scrubs a
 * file, sees a rejected rules edit, and nothing a claim holds is ever run as markup.
 * A missing browser fails these tests; they never skip.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, signInOnPage, useChromium } from './browser.js';
import { generateClaims } from '../support/claim-generator.js';
import { REPO_ROOT } from '../support/paths.js';
import { saveByRename, tempDir } from '../support/folders.js';
import { copyOfShippedRules, lineOf } from '../support/rule-folders.js';
import { EXAMPLE_CLAIMS, startTestServer, TEST_PASSWORD, type TestServer } from '../server/support.js';

const AS_OF = '2026-11-27';
// the README's picture is written only when asked for (SCRUBJAY_SCREENSHOTS=1), so a test run leaves the working tree as it was
const SCREENSHOT = process.env.SCRUBJAY_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshot.png') : join(tempDir('scrubjay-screens-'), 'screenshot.png');
const XSS = '<img src=x onerror=alert(1)>';

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  service = await startTestServer({ rulesDir: copyOfShippedRules(), logLevel: 'silent' });
});

afterAll(async () => {
  await service?.close();
});

interface OpenedPage {
  page: Page;
  dialogs: string[];
  errors: string[];
}

async function openPage(viewport = { width: 1280, height: 860 }, as: string | null = 'biller', on: TestServer = service): Promise<OpenedPage> {
  const page = await chromium.newPage(viewport);
  const dialogs: string[] = [];
  const errors = errorsOf(page);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${on.base}/`);
  if (as !== null) {
    await signInAndWait(page, as, errors);
  }
  return { page, dialogs, errors };
}

async function scrubPasted(page: Page, claim: unknown): Promise<void> {
  await page.locator('details.options summary').click();
  await page.getByLabel('Check as of').fill(AS_OF);
  await page.getByLabel('Paste a claim').fill(JSON.stringify(claim, null, 2));
  await page.getByRole('button', { name: 'Scrub claim' }).click();
  await page.locator('#result .status-banner').waitFor();
}

async function askChat(page: Page, question: string): Promise<string> {
  const answers = page.locator('#chat-log .from-assistant');
  const before = await answers.count();
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
  await answers.nth(before).waitFor();
  return answers.nth(before).innerText();
}

describe('checking a claim', () => {
  it('shows findings by claim and line, answers "why" with the CARC, follows a suggestion, and reopens it from the history', async () => {
    const { page, errors } = await openPage();
    // before a scrub there is only the form: no result, nothing to edit
    await expect(page.getByRole('button', { name: 'Edit or check another claim' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('#result-card').isVisible()).resolves.toBe(false);
    await scrubPasted(page, EXAMPLE_CLAIMS[1]);
    await expect(page.getByRole('button', { name: 'Edit or check another claim' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Paste a claim').isVisible()).resolves.toBe(false);

    const banner = page.locator('#result .status-banner');
    await expect(banner.innerText()).resolves.toMatch(/Reject — claim C-1002/);
    const groups = await page.locator('#result .finding-group > h4').allInnerTexts();
    expect(groups[0]).toBe('Whole claim');
    expect(groups.slice(1)).toEqual(['Line 1 · 99396-25 · 2026-07-14 · 1 unit · $210.00', 'Line 2 · 36415-25 · 2026-07-14 · 1 unit · $15.00', 'Line 3 · 36415-25 · 2026-07-14 · 0 units · $15.00']);
    const duplicate = page.locator('#result .finding-group[data-line="3"] .finding[data-rule="duplicate-service-line"]');
    await expect(duplicate.innerText()).resolves.toMatch(/Line 3 repeats line 2/);
    await expect(duplicate.locator('.codes').innerText()).resolves.toMatch(/^CARC 18 — \S/);
    await expect(duplicate.innerText()).resolves.toMatch(/Fix\s+Remove line 3/);
    await duplicate.locator('summary').click();
    await expect(duplicate.innerText()).resolves.toMatch(/Why\s+Line 3 bills 36415/);
    await expect(duplicate.innerText()).resolves.toMatch(/Field\s+lines\[2\]\.procedureCode/);
    const npi = page.locator('#result .finding[data-rule="billing-provider-npi-invalid"] .codes');
    await expect(npi.innerText()).resolves.toMatch(/CARC 16 — .+\n?RARC N257 — /);

    const why = await askChat(page, 'Why would this claim be denied?');
    expect(why).toMatch(/C-1002/);
    expect(why).toMatch(/CARC 16/);
    expect(why).toMatch(/CARC 18/);
    // the answer's findings are marked in the result beside it
    expect(await page.locator('#result .finding.cited').count()).toBeGreaterThan(0);

    const chip = page.locator('#chat-suggestions .chip').first();
    const suggestion = await chip.innerText();
    await chip.click();
    await page.locator('#chat-log .from-assistant').nth(1).waitFor();
    const userTurns = await page.locator('#chat-log .from-user').allInnerTexts();
    expect(userTurns.at(-1)).toContain(suggestion);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByLabel('Search by claim id').fill('c-1002');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('#history-rows tr').first();
    await expect(row.innerText()).resolves.toMatch(/C-1002\s+Reject\s+11\s+0/i);
    await row.getByRole('button', { name: /Open claim C-1002/ }).click();
    await page.locator('#view-check').waitFor();
    await expect(page.locator('#result .status-banner').innerText()).resolves.toMatch(/C-1002/);
    // the stored conversation is shown and continues
    const stored = (await page.locator('#chat-log .from-user').allInnerTexts()).map((text) => text.replace(/^You\s*/, ''));
    expect(stored).toEqual(['Why would this claim be denied?', suggestion]);
    const followUp = await askChat(page, 'how do I fix line 3?');
    expect(followUp).toMatch(/line 3/i);
    expect(errors).toEqual([]);
  });

  it('applies a what-if asked in the chat: the result beside it becomes the changed claim and the chat goes on', async () => {
    const { page, errors } = await openPage();
    await scrubPasted(page, EXAMPLE_CLAIMS[1]);
    await page.locator('#result .finding[data-rule="duplicate-service-line"]').waitFor();
    const whatIf = await askChat(page, 'What if I remove line 3?');
    expect(whatIf).toMatch(/If you remove line 3/);
    // a what-if alone changes nothing on the page
    await expect(page.locator('#result .finding[data-rule="duplicate-service-line"]').count()).resolves.toBe(1);

    const applied = await askChat(page, 'apply that');
    expect(applied).toMatch(/Done: I made the change \(remove line 3/);
    await page.locator('#result .finding[data-rule="duplicate-service-line"]').waitFor({ state: 'detached' });
    const groups = await page.locator('#result .finding-group > h4').allInnerTexts();
    expect(groups.filter((g) => g.startsWith('Line '))).toHaveLength(2);
    await expect(page.locator('#claim-source-text').innerText()).resolves.toMatch(/C-1002, as changed in the chat/);
    await expect(page.locator('#chat-context').innerText()).resolves.toMatch(/as changed in this chat/);
    // the log keeps the whole conversation, and the next question is about the changed claim
    await expect(page.locator('#chat-log .from-user').allInnerTexts()).resolves.toHaveLength(2);
    const why = await askChat(page, 'Why would this claim be denied?');
    expect(why).toMatch(/C-1002/);
    expect(why).not.toMatch(/duplicate-service-line/);
    expect(errors).toEqual([]);
  });

  it('renders what a claim holds as text, never as markup', async () => {
    const { page, dialogs, errors } = await openPage();
    const base = EXAMPLE_CLAIMS[1]!;
    const lines = base.lines as Array<Record<string, unknown>>;
    const hostile = {
      ...base,
      claimId: XSS,
      payer: { id: '60054', name: XSS, kind: 'commercial' },
      lines: [{ ...lines[0], procedureCode: XSS, modifiers: [XSS] }, ...lines.slice(1)],
    };
    await scrubPasted(page, hostile);
    await expect(page.locator('#result .status-banner').innerText()).resolves.toContain(`claim ${XSS}`);
    await expect(page.locator('#result .claim-facts dd').first().getByText(XSS, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#result').innerText()).resolves.toContain(`Line 1 · ${XSS}-${XSS}`);
    await askChat(page, 'Why would this claim be denied?');
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('#history-rows tr').first().waitFor();
    await expect(page.locator('#history-rows').innerText()).resolves.toContain(XSS);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fills the text box from an example, and explains input it cannot read', async () => {
    const { page } = await openPage();
    await page.getByLabel('Start from an example').selectOption('medicare-filed-late');
    await expect(page.locator('#example-about').innerText()).resolves.toMatch(/more than a year ago/);
    await expect(page.getByLabel('Paste a claim').inputValue()).resolves.toContain('"claimId": "C-3307"');
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();
    await expect(page.locator('#result .finding[data-rule="timely-filing-limit-expired"]').first().innerText()).resolves.toMatch(/CARC 29/);

    await expect(page.locator('#claim-source-text').innerText()).resolves.toBe('Claim C-3307 from example medicare-filed-late (JSON)');
    await page.getByRole('button', { name: 'Edit or check another claim' }).click();
    await page.getByLabel('Paste a claim').fill('{\n  "claimId": "C-9",\n  "lines": [\n}');
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    // the message arrives with the server's answer
    await page.locator('#claim-error', { hasText: 'pasted claim:' }).waitFor();
    await expect(page.locator('#claim-error').innerText()).resolves.toMatch(/pasted claim:4:1/);
  });

  it('scrubs the X12 example and says where in the file each finding sits', async () => {
    const { page } = await openPage();
    await page.getByLabel('Start from an example').selectOption('x12-knee-injections');
    await expect(page.getByLabel('Paste a claim').inputValue()).resolves.toMatch(/^ISA\*/);
    await page.getByRole('button', { name: 'Scrub claim' }).click();
    await page.locator('#result .status-banner').waitFor();
    await expect(page.locator('#claim-source-text').innerText()).resolves.toBe('Claim C-4410 from example x12-knee-injections (X12)');
    const duplicate = page.locator('#result .finding[data-rule="duplicate-service-line"]');
    await duplicate.locator('summary', { hasText: 'where in the file' }).click();
    await expect(duplicate.innerText()).resolves.toMatch(/In the file\s+SV1 in loop 2400, segment \d+/);
    const answer = await askChat(page, 'how do I fix line 3?');
    expect(answer).toMatch(/line 3/i);
  });

  it('works at phone width: no sideways scrolling, and the chat is reachable', async () => {
    const { page } = await openPage({ width: 390, height: 800 });
    // the three sections fit on one row
    const tabTops = await page.locator('.tab').evaluateAll((tabs) => tabs.map((tab) => tab.getBoundingClientRect().top));
    expect(new Set(tabTops).size).toBe(1);
    await scrubPasted(page, EXAMPLE_CLAIMS[1]);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const answer = await askChat(page, 'what does CARC 18 mean?');
    expect(answer).toMatch(/18/);
  });

  it('labels every control', async () => {
    const { page } = await openPage();
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.id || control.outerHTML),
    );
    expect(unlabeled).toEqual([]);
  });
});

describe('a file of claims', () => {
  it('uploads a file, shows live progress and a summary with a chart of findings by rule', async () => {
    const { page, errors } = await openPage();
    await page.getByRole('button', { name: 'Scrub a file' }).click();
    const claims = generateClaims(400, 3);
    await page.getByLabel('File of claims', { exact: true }).setInputFiles({ name: 'clinic.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(claims.map((c) => JSON.stringify(c)).join('\n')) });
    await page.getByRole('button', { name: 'Upload and scrub' }).click();
    await page.locator('#batch-summary:not([hidden])').waitFor();
    await expect(page.locator('#batch-progress-text').innerText()).resolves.toMatch(/400 claims scrubbed from clinic\.ndjson/);
    const totals = await page.locator('#batch-summary .totals').innerText();
    expect(totals).toMatch(/Claims\s+400/);
    const bars = await page.locator('#batch-summary svg.chart rect.bar').count();
    expect(bars).toBeGreaterThan(0);
    const ruleRows = await page.locator('#batch-summary table').first().locator('tbody tr').count();
    expect(bars).toBe(ruleRows);
    await expect(page.locator('#batch-summary').innerText()).resolves.toMatch(/CARC\s+Meaning\s+Findings/);
    // a claim from the batch opens with its findings
    await page.locator('#batch-summary .stored-claims button').first().click();
    await expect(page.locator('#result .status-banner').innerText()).resolves.toMatch(/Reject|Warning/);
    expect(errors).toEqual([]);
  });
});

describe('rules edited while the page is open', () => {
  it('shows a rejected edit with file:line:col, live, and clears it once fixed', async () => {
    // why an edit was refused is for the rule owners
    const { page } = await openPage(undefined, 'compliance');
    await expect(page.locator('#rules-badge').innerText()).resolves.toMatch(/^Rule set \d{4}-\d{2}-\d{2}\.\d+ · \d+ rules$/);
    const file = join(service.rulesDir, 'code-compatibility', 'modifier-25.yaml');
    const original = readFileSync(file, 'utf8');
    saveByRename(file, `${original}\n  oops: [unclosed\n`);
    await page.locator('#rules-problems:not([hidden])').waitFor({ timeout: 30_000 });
    const problems = await page.locator('#rules-problems-list').innerText();
    expect(problems).toMatch(/modifier-25\.yaml:\d+:\d+ /);
    await expect(page.locator('#rules-badge').innerText()).resolves.toMatch(/last edit rejected/);

    saveByRename(file, original);
    await page.locator('#rules-problems').waitFor({ state: 'hidden', timeout: 30_000 });
    await expect(page.locator('#rules-badge').innerText()).resolves.not.toMatch(/rejected/);
  });

  it('places a failing rule test at the file:line:col of its case', async () => {
    const { page, errors } = await openPage(undefined, 'compliance');
    const file = join(service.rulesDir, 'code-compatibility', 'modifier-25.yaml');
    const original = readFileSync(file, 'utf8');
    const wrongCase = '  - name: modifier 25 on a lab code\n    claim: { lines: [{ procedureCode: "36415", modifiers: ["25"] }] }\n    expect: pass\n';
    const saved = `${original}${wrongCase}`;
    saveByRename(file, saved);
    await page.locator('#rules-problems:not([hidden])').waitFor({ timeout: 30_000 });
    const failed = await page.locator('#rules-problems-list li[data-rule="modifier-25-on-non-em-code"]').innerText();
    expect(failed).toMatch(new RegExp(`modifier-25\\.yaml:${lineOf(saved, 'modifier 25 on a lab code')}:5 rule modifier-25-on-non-em-code, test "modifier 25 on a lab code": expected the rule to pass, but it fired`));
    await expect(page.locator('#rules-problems-lead').innerText()).resolves.toMatch(/0 problems, 1 failing rule test/);

    saveByRename(file, original);
    await page.locator('#rules-problems').waitFor({ state: 'hidden', timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});

describe('signing in', () => {
  it('shows only the sign-in form without a session, and the server\'s answer to a wrong password', async () => {
    const { page, errors } = await openPage(undefined, null);
    await page.getByLabel('User name').waitFor();
    expect(await page.locator('#main').isHidden()).toBe(true);
    expect(await page.locator('nav.tabs').isHidden()).toBe(true);
    await signInOnPage(page, 'biller', 'not the password at all');
    await expect.poll(() => page.locator('#signin-message').innerText()).toMatch(/user name or password is not right/);
    expect(await page.locator('#main').isHidden()).toBe(true);
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('shows a trainee no batch tab and "Your history", and a biller both', async () => {
    const trainee = await openPage(undefined, 'trainee');
    expect(await trainee.page.locator('#who-name').innerText()).toBe('trainee');
    expect(await trainee.page.locator('#who-role').innerText()).toBe('Trainee');
    expect(await trainee.page.locator('.tab[data-view="batch"]').count()).toBe(0);
    expect(await trainee.page.locator('#view-batch').count()).toBe(0);
    expect(await trainee.page.locator('.tab[data-view="history"]').innerText()).toBe('Your history');
    const biller = await openPage(undefined, 'biller');
    expect(await biller.page.locator('.tab[data-view="batch"]').count()).toBe(1);
    expect(await biller.page.locator('#who-role').innerText()).toBe('Biller');
  });

  it('signs out back to the form, after which the history is not reachable', async () => {
    const { page } = await openPage(undefined, 'compliance');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/history')).status);
    expect(status).toBe(401);
  });

  it('makes the first account on the setup page and lands signed in as its admin', async () => {
    const fresh = await startTestServer({ signedInAs: null, logLevel: 'silent' });
    try {
      const { page } = await openPage(undefined, null, fresh);
      await page.goto(fresh.server.setupUrl()!);
      await page.getByLabel('User name').fill('firstadmin');
      await page.getByLabel('Password (at least 12 characters)').fill('a long first password');
      await page.getByLabel('The password again').fill('a long first password');
      await page.getByRole('button', { name: 'Make the account' }).click();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#who-name').innerText()).toBe('firstadmin');
      expect(await page.locator('#who-role').innerText()).toBe('Administrator');
      expect(fresh.server.setupUrl()).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

