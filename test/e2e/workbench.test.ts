/**
 * The rules workbench in real headless Chromium against the real server, on a copy of the
 * shipped rules: a compliance officer changes a payer's filing limit with the form, sees the
 * rule tests pass, previews the effect on stored claims, publishes with a reason; a biller's
 * next scrub carries the new version; the history shows the change and restores the old
 * limit. A code found in the loaded HCPCS table goes onto a named list from the search.
 * Billers and trainees get no workbench at all. A missing browser fails these tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, signInAndWait, useChromium } from './browser.js';
import type { Claim } from '../../src/contract/claim.js';
import { importTable } from '../../src/reference/index.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { REPO_ROOT } from '../support/paths.js';
import { tempDir } from '../support/folders.js';
import { waitFor } from '../support/wait.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { EXAMPLE_CLAIMS, JSON_HEADERS, startTestServer, TEST_PASSWORD, uncheckedFetch, type TestServer } from '../server/support.js';

// the README's picture is written only when asked for (SCRUBJAY_SCREENSHOTS=1), so a test run leaves the working tree as it was
const SCREENSHOT = process.env.SCRUBJAY_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'workbench.png') : join(tempDir('scrubjay-screens-'), 'workbench.png');

/** The profile the officer renews: the timely-filing tests file relative to its own limit, so they pass at 180 days too. */
const PROFILE = { file: 'payers/aetna.yaml', payer: { id: '60054', name: 'Aetna', kind: 'commercial' } } as const;

let service: TestServer;
const chromium = useChromium();

beforeAll(async () => {
  // the page loads the editor as a built file, as `npm run build` leaves it
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  service = await startTestServer({ rulesDir: copyOfShippedRules(), logLevel: 'silent' });
}, 120_000);

afterAll(async () => {
  await service?.close();
});

async function openPage(as: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.newPage(viewport);
  const errors = errorsOf(page);
  await page.goto(`${service.base}/`);
  await signInAndWait(page, as, errors);
  return { page, errors };
}

/** A clean example claim for the renewed payer, its one line `days` days before it is sent. */
function claimFiledAfter(claimId: string, days: number): Claim {
  const claim = structuredClone(EXAMPLE_CLAIMS[0]!) as Claim & Record<string, any>;
  const sent = new Date(Date.UTC(2026, 4, 1));
  const served = new Date(sent.getTime() - days * 86_400_000);
  claim.claimId = claimId;
  // a patient of its own: the same visit on two patients' claims is not a duplicate
  claim.subscriber = { ...claim.subscriber, memberId: `M${claimId.replace(/\W/g, '')}` };
  claim.payer = { ...PROFILE.payer };
  claim.submissionDate = sent.toISOString().slice(0, 10);
  claim.lines[0]!.serviceDate = served.toISOString().slice(0, 10);
  return claim;
}

async function scrubAs(cookie: string, claim: Claim): Promise<{ status: string; rulesetVersion: string; rulesetHash: string; findings: Array<{ ruleId: string }> }> {
  const res = await uncheckedFetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify(claim) });
  expect(res.status).toBe(200);
  return res.json();
}

/** Sets a profile's filing limit in days with the form and waits for the draft's checks to pass. */
async function renewWithForm(page: Page, file: string, days: number): Promise<void> {
  const form = page.locator('#wb-payer-form');
  await form.getByLabel('Profile').selectOption(file);
  await form.getByLabel('Limit', { exact: true }).fill(String(days));
  await form.getByLabel('The limit in words, as billers read it').fill(`${days} days from the date of service`);
  await form.getByRole('button', { name: 'Apply to the draft' }).click();
  await page.locator('#wb-tests[data-failed="0"]').waitFor();
}

describe('the rules workbench', () => {
  it('renews a filing limit with the form, checks, previews, publishes, and restores it from the history', async () => {
    const biller = await service.cookieFor('biller');
    // late at 90 days and timely at 180: these change status with the renewal; the fourth is timely either way
    const late = ['W-2001', 'W-2002', 'W-2003'];
    for (const id of late) expect((await scrubAs(biller, claimFiledAfter(id, 120))).status).toBe('reject');
    expect((await scrubAs(biller, claimFiledAfter('W-2004', 20))).status).toBe('clean');

    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    await expect(page.locator('#wb-base').innerText()).resolves.toMatch(/^Changes start from rule set \S+/);
    // the browser lists every rule with what compliance looks at
    const filing = page.locator('#wb-rules li[data-rule="timely-filing-limit-expired"]');
    await expect(filing.innerText()).resolves.toMatch(/CARC\s+29/);
    await expect(filing.innerText()).resolves.toMatch(/Fired \(30 days\)\s+3 · 75%/);
    await page.getByLabel('Family', { exact: true }).selectOption('timely-filing');
    expect(await page.locator('#wb-rules > li').count()).toBe(2);

    const payerForm = page.locator('#wb-payer-form');
    await payerForm.getByLabel('Profile').selectOption(PROFILE.file);
    await expect(payerForm.getByLabel('Limit', { exact: true }).inputValue()).resolves.toBe('90');
    await expect(payerForm.getByLabel('Counted in').inputValue()).resolves.toBe('days');
    await payerForm.getByLabel('Limit', { exact: true }).fill('180');
    await payerForm.getByLabel('The limit in words, as billers read it').fill('180 days from the date of service (participating providers)');
    await payerForm.getByRole('button', { name: 'Apply to the draft' }).click();

    // the form's change is in the editor, comments and layout as they were, and checked like an edit
    await expect(page.locator('#wb-editing').innerText()).resolves.toBe(`${PROFILE.file} (changed)`);
    await page.locator('#wb-tests[data-failed="0"]').waitFor();
    await expect(page.locator('#wb-tests').innerText()).resolves.toMatch(/^Rule tests: \d+ passed, 0 failed\.$/);
    await expect(page.locator('#wb-check-status').innerText()).resolves.toBe('No problems in the changed files.');
    const editorText = await page.locator('#wb-editor .cm-content').innerText();
    expect(editorText).toContain('period: { days: 180 }');
    expect(editorText).toContain('match: { kinds: [commercial], payerIds: ["60054"] }');

    // publishing waits for a reason
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Run the preview' }).click();
    const changed = page.locator('#wb-changed-claims li');
    await changed.first().waitFor();
    expect((await changed.allInnerTexts()).map((t) => t.split(' ')[0]).sort()).toEqual(late);
    await expect(page.locator('[data-total="Claims whose status changes"]').innerText()).resolves.toBe('3');
    await expect(page.locator('[data-total="Stored scrubs checked"]').innerText()).resolves.toBe('4');
    await expect(page.locator('#wb-preview-rules').innerText()).resolves.toMatch(/timely-filing-limit-expired\s+\+0\s+−3/);
    await expect(page.locator('#wb-preview-text').innerText()).resolves.toBe('Done: 4 stored scrubs checked.');
    // the progress came over the page's socket, for this draft
    await page.locator('#wb-preview-bar[data-reports]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Compare claim W-2001 before and after' }).click();
    const sides = page.locator('#wb-compare .wb-side');
    await sides.nth(1).waitFor();
    await expect(sides.nth(0).innerText()).resolves.toMatch(/Rules in force\s+REJECT[\s\S]*timely-filing-limit-expired \(goes\)/i);
    await expect(sides.nth(1).innerText()).resolves.toMatch(/With the draft\s+CLEAN/i);
    expect(await sides.nth(1).innerText()).not.toContain('timely-filing-limit-expired');

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.locator('#wb-edit-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('wb-edit-title')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(SCREENSHOT).size).toBeLessThan(300 * 1024);

    const reason = 'Aetna contract renewed with a 180-day filing limit';
    await page.getByLabel('Reason for the change').fill(reason);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#wb-published-version').waitFor();
    const version = await page.locator('#wb-published-version').innerText();
    const hash = await page.locator('#wb-published-hash').innerText();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // billers scrub with the new set at once
    const after = await scrubAs(biller, claimFiledAfter('W-2005', 120));
    expect(after).toMatchObject({ status: 'clean', rulesetVersion: version, rulesetHash: hash });

    // the history: the officer's version on top, with the change as a diff
    const row = page.locator(`#wb-versions tr[data-version="${version}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('compliance');
    expect(rowText).toContain(reason);
    expect(rowText).toContain(PROFILE.file);
    await row.getByRole('button', { name: `Show the changes of version ${version}` }).click();
    await page.locator('#wb-diff .diff').waitFor();
    await expect(page.locator('#wb-diff .diff-add').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^\+\s+period: \{ days: 180 \}/)]));
    await expect(page.locator('#wb-diff .diff-del').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^-\s+period: \{ days: 90 \}/)]));

    // restoring the version before brings the 90 days back, as a new version
    const previous = page.locator('#wb-versions tr').nth(1);
    const previousVersion = await previous.getAttribute('data-version');
    await previous.getByRole('button', { name: `Restore version ${previousVersion}` }).click();
    await expect(page.getByRole('button', { name: `Restore version ${previousVersion}` }).last().isDisabled()).resolves.toBe(true);
    await page.getByLabel(`Why restore version ${previousVersion}?`).fill('The renewal is not signed yet');
    await page.locator('#wb-restore-button').click();
    await page.locator('#wb-restore-result', { hasText: 'restored' }).waitFor();
    await expect(page.locator('#wb-restore-result').innerText()).resolves.toMatch(new RegExp(`^Version ${previousVersion!.replace(/\./g, '\\.')} restored`));
    const restored = await scrubAs(biller, claimFiledAfter('W-2006', 120));
    expect(restored.status).toBe('reject');
    expect(restored.findings.map((f) => f.ruleId)).toContain('timely-filing-limit-expired');
    // the files are those of the version before again, and so are its id and hash
    expect(restored.rulesetVersion).toBe(previousVersion);
    // the page reads the files again: the form shows the limit now in force
    await page.waitForFunction(() => (document.getElementById('wb-period-count') as HTMLInputElement | null)?.value === '90');
    await page.locator('#wb-versions tr', { hasText: 'The renewal is not signed yet' }).waitFor();
    await expect(page.locator('#wb-versions tr').first().innerText()).resolves.toMatch(new RegExp(`^${previousVersion!.replace(/\./g, '\\.')} \\(in force\\)[\\s\\S]*compliance[\\s\\S]*The renewal is not signed yet`));

    expect(errors).toEqual([]);
  });

  it('names the files published meanwhile when a draft is out of date, and moves the draft onto them', async () => {
    const late = await openPage('compliance');
    await late.page.getByRole('button', { name: 'Rules workbench' }).click();
    const first = await openPage('admin');
    await first.page.getByRole('button', { name: 'Rules workbench' }).click();

    await renewWithForm(late.page, 'payers/unitedhealthcare.yaml', 120);
    await renewWithForm(first.page, 'payers/cigna.yaml', 120);
    await first.page.getByLabel('Reason for the change').fill('Cigna: 120 days');
    await first.page.getByRole('button', { name: 'Publish' }).click();
    await first.page.locator('#wb-published-version').waitFor();
    const published = await first.page.locator('#wb-published-version').innerText();

    // the open draft hears of the new version at once
    await late.page.locator('#wb-base', { hasText: `Rule set ${published} is in force since this draft began` }).waitFor();
    await late.page.getByLabel('Reason for the change').fill('UnitedHealthcare: 120 days');
    await late.page.getByRole('button', { name: 'Publish' }).click();
    await late.page.locator('#wb-conflicts li').first().waitFor();
    await expect(late.page.locator('#wb-publish-error').getAttribute('data-code')).resolves.toBe('SJ_RULES_STALE_BASE');
    await expect(late.page.locator('#wb-conflicts li').allInnerTexts()).resolves.toEqual(['payers/cigna.yaml']);

    await late.page.locator('#wb-rebase').click();
    await late.page.locator('#wb-tests[data-failed="0"]').waitFor();
    await late.page.getByRole('button', { name: 'Publish' }).click();
    await late.page.locator('#wb-published-version').waitFor();
    // both renewals are in force: the second draft kept its change and took the first's
    for (const file of ['payers/cigna.yaml', 'payers/unitedhealthcare.yaml']) {
      const res = await uncheckedFetch(`${service.base}/api/rules/files/${file}`, { headers: { cookie: await service.cookieFor('compliance') } });
      expect(await res.text()).toContain('period: { days: 120 }');
    }
    // the browser logs the refused publish itself; nothing else may go wrong
    expect([...late.errors, ...first.errors].filter((e) => !/status of 409/.test(e))).toEqual([]);
  });

  it('offers completion from the rule schema and shows a problem at its line as the officer types', async () => {
    const { page, errors } = await openPage('admin');
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    await page.locator('#wb-file option[value="timely-filing/filing-limit.yaml"]').waitFor({ state: 'attached' });
    await page.getByLabel('File', { exact: true }).selectOption('timely-filing/filing-limit.yaml');
    const content = page.locator('#wb-editor .cm-content');
    await content.click();
    // the severity of the first rule: `severity: error` becomes `severity: w…` and is completed
    await page.getByRole('textbox', { name: 'Rule file text' }).press('Control+Home');
    const text = await content.innerText();
    const severityLine = text.split('\n').findIndex((l) => l.startsWith('  severity: error')) + 1;
    expect(severityLine).toBeGreaterThan(0);
    for (let i = 1; i < severityLine; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < 'error'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('w');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'warning' });
    await option.waitFor();
    await expect(page.locator('.cm-tooltip-autocomplete li').allInnerTexts()).resolves.toEqual(['warning']);
    await option.click();
    await expect(content.innerText()).resolves.toContain('\n  severity: warning\n');
    // a misspelt key is reported at its line, in the editor and beside it
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('colour: red');
    const problem = page.locator('#wb-problems li').first();
    await problem.waitFor();
    await expect(problem.innerText()).resolves.toMatch(new RegExp(`^timely-filing/filing-limit\\.yaml:${severityLine + 1}:3 `));
    await page.locator('#wb-editor .cm-lintRange-error').first().waitFor();
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('starts a new rule from its family\'s template, in that family\'s folder, checked clean', async () => {
    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    await page.getByText('New rule from a template').click();
    await page.getByLabel('Family of the new rule').selectOption('code-compatibility');
    await page.getByLabel('Rule id').fill('Bad Id');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.locator('#wb-new-error').innerText()).resolves.toMatch(/lower-case words joined by dashes/);
    await page.getByLabel('Rule id').fill('modifier-59-on-em');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.locator('#wb-editing').innerText()).resolves.toBe('code-compatibility/modifier-59-on-em.yaml (new file)');
    await expect(page.locator('#wb-editor .cm-content').innerText()).resolves.toContain('id: modifier-59-on-em');
    await page.locator('#wb-tests[data-failed="0"]').waitFor();
    await expect(page.locator('#wb-check-status').innerText()).resolves.toBe('No problems in the changed files.');
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Reason for the change').fill('A warning for modifier 59 on office visits');
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(false);
    expect(errors).toEqual([]);
  });

  it('labels every control, the editor too, and fits a phone screen', async () => {
    const { page, errors } = await openPage('compliance', { width: 390, height: 800 });
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('#view-workbench input, #view-workbench select, #view-workbench textarea')]
        .filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.id || control.outerHTML),
    );
    expect(unlabeled).toEqual([]);
    await expect(page.getByRole('textbox', { name: 'Rule file text' }).count()).resolves.toBe(1);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    expect(errors).toEqual([]);
  });

  it('is not there for a biller or a trainee', async () => {
    for (const role of ['biller', 'trainee']) {
      const { page } = await openPage(role);
      expect(await page.locator('.tab[data-view="workbench"]').count()).toBe(0);
      expect(await page.locator('#view-workbench').count()).toBe(0);
      // and the editor is never loaded for them
      expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/dist/editor.js')))).toBe(false);
    }
  });
  it('finds a code in the loaded HCPCS table and adds it to a named list, and says how to load a code set that is missing', async () => {
    await importTable(service.dataDir, 'hcpcs', FIXTURE_FILES.hcpcsCsv);
    const compliance = await service.cookieFor('compliance');
    await waitFor('the HCPCS table in force', async () => {
      const res = await uncheckedFetch(`${service.base}/api/codes/procedure?q=G0402`, { headers: { cookie: compliance } });
      return res.status === 200 ? true : undefined;
    });
    const { page, errors } = await openPage('compliance');
    await page.getByRole('button', { name: 'Rules workbench' }).click();
    const form = page.locator('#wb-list-form');
    await form.locator('#wb-list-file option[value="lists/em-services.yaml"]').waitFor({ state: 'attached' });
    await form.getByLabel('List', { exact: true }).selectOption('lists/em-services.yaml');
    await form.locator('#wb-list-codes li', { hasText: '99202-99499' }).waitFor();

    await form.getByLabel('Code set').selectOption('procedure');
    await form.getByLabel('Code or words').fill('initial preventive');
    await form.getByRole('button', { name: 'Search' }).click();
    const result = form.locator('#wb-code-results li', { hasText: 'G0402' });
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/Initial preventive physical examination/);
    await expect(form.locator('#wb-code-status').innerText()).resolves.toBe('1 found.');
    await form.getByRole('button', { name: 'Add G0402 to the list' }).click();
    await form.locator('#wb-list-codes li', { hasText: 'G0402' }).waitFor();
    await page.locator('#wb-tests[data-failed="0"]').waitFor();

    await form.getByLabel('Code set').selectOption('pos');
    await form.getByLabel('Code or words').fill('office');
    await form.getByRole('button', { name: 'Search' }).click();
    await form.locator('#wb-code-status', { hasText: 'scrubjay data import pos' }).waitFor();
    // the refused search is logged by the browser itself; nothing else may go wrong
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
