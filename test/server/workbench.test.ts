/**
 * The rules workbench over HTTP, as compliance staff use it, on a real server, a real copy of
 * the rules folder and its real git history: draft a change and see it checked, preview it
 * on the stored scrubs, publish it with a reason, see it in the versions with its diff and in
 * the audit trail, be refused on a stale base, and restore the version before.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { ScrubResult } from '../../src/contract/result.js';
import { RULES_GIT_DIR } from '../../src/server/rules-git.js';
import { tempDir } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { waitFor } from '../support/wait.js';
import { connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

let service: TestServer;
let rulesDir: string;
let dataDir: string;
let officer: string;
let biller: string;

interface DraftReport {
  draftId: string;
  base: string;
  hash: string;
  problems: Array<{ file: string; line: number; column: number; message: string; code: string }>;
  tests: { passed: number; failed: Array<{ ruleId: string; case: string; message: string; file: string; line: number }> };
}

const as = (cookie: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...JSON_HEADERS, ...(init.headers as Record<string, string> | undefined), cookie } });
const post = (path: string, body: unknown, cookie = officer) => fetch(`${service.base}${path}`, as(cookie, { method: 'POST', body: JSON.stringify(body) }));
const getJson = async <T>(path: string, cookie = officer): Promise<T> => {
  const res = await fetch(`${service.base}${path}`, as(cookie));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const inForce = () => getJson<{ version: string; hash: string; by: string; reason: string }>('/api/rules/status');

async function scrubAsBiller(claim: unknown): Promise<ScrubResult> {
  const res = await post('/api/scrub', claim, biller);
  expect(res.status).toBe(200);
  return (await res.json()) as ScrubResult;
}

/** A rule that fires as a warning on one of the example claims, and where it is written. */
let warningRule: { id: string; file: string };
let warned: ScrubResult[];

/** The rule file's text with the rule's keys set as given, comments and layout kept. */
function withRuleKeys(text: string, ruleId: string, keys: Record<string, string>): string {
  const doc = parseDocument(text);
  const rules = doc.contents as unknown as { items: Array<{ get(key: string): unknown; set(key: string, value: unknown): void }> };
  const rule = rules.items.find((item) => item.get('id') === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in the file`);
  for (const [key, value] of Object.entries(keys)) rule.set(key, value);
  return doc.toString();
}

beforeAll(async () => {
  rulesDir = copyOfShippedRules();
  dataDir = tempDir('scrubjay-workbench-data-');
  service = await startTestServer({ rulesDir, dataDir, signedInAs: 'compliance' });
  officer = service.cookie!;
  biller = await service.cookieFor('biller');
  const results = await Promise.all(EXAMPLE_CLAIMS.map((claim) => scrubAsBiller(claim)));
  // a claim with warnings only: turning one of its warnings into an error changes its status
  const warning = results.find((r) => r.status === 'warn')?.findings.find((f) => f.severity === 'warning');
  if (!warning) throw new Error('no example claim has only warnings');
  // the Medicaid example is near its filing deadline; as an error the rule returns CARC 29
  expect(warning.ruleId).toBe('timely-filing-deadline-near');
  const files = await getJson<Array<{ path: string; rules: string[] }>>('/api/rules/files');
  warningRule = { id: warning.ruleId, file: files.find((f) => f.rules.includes(warning.ruleId))!.path };
  warned = results.filter((r) => r.status === 'warn' && r.findings.some((f) => f.ruleId === warning.ruleId));
  expect(warned.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await service.close();
});

describe('the rule files', () => {
  it('lists every rule file with its hash and rules, and serves its text', async () => {
    const files = await getJson<Array<{ path: string; sha256: string; rules: string[] }>>('/api/rules/files');
    const aetna = files.find((f) => f.path === 'payers/aetna.yaml');
    expect(aetna?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(files.find((f) => f.path === warningRule.file)?.rules).toContain(warningRule.id);
    const res = await fetch(`${service.base}/api/rules/files/payers/aetna.yaml`, as(officer));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(join(rulesDir, 'payers', 'aetna.yaml'), 'utf8'));
  });

  it('refuses a path outside the rules folder, and says when a file is not there', async () => {
    const { version } = await inForce();
    const outside = await post('/api/rules/drafts', { base: version, changes: [{ path: '../escape.yaml', content: 'x: 1\n' }] });
    expect(outside.status).toBe(400);
    expect((await outside.json()) as { code: string }).toMatchObject({ code: 'SJ_RULES_PATH_REFUSED' });
    const missing = await fetch(`${service.base}/api/rules/files/payers/nobody.yaml`, as(officer));
    expect(missing.status).toBe(404);
  });
});

describe('a draft', () => {
  it('names each problem at file:line:column and each failing test with its rule and case', async () => {
    const { version } = await inForce();
    const broken = 'id: aetna\nname: [unclosed\n';
    const res = await post('/api/rules/drafts', { base: version, changes: [{ path: 'payers/aetna.yaml', content: broken }] });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as DraftReport;
    expect(draft.problems.length).toBeGreaterThan(0);
    // the parser finds the flow sequence unclosed at the end of the text
    expect(draft.problems[0]).toMatchObject({ file: 'payers/aetna.yaml', line: 3, column: 1, code: 'SJ_RULES_YAML' });
    const publish = await post(`/api/rules/drafts/${draft.draftId}/publish`, { reason: 'should not go through' });
    expect(publish.status).toBe(409);
    expect(((await publish.json()) as { code: string }).code).toBe('SJ_RULES_CHANGE_REFUSED');
    expect(readFileSync(join(rulesDir, 'payers', 'aetna.yaml'), 'utf8')).not.toContain('[unclosed');
  });

  it('runs every embedded test on the drafted files', async () => {
    const { version } = await inForce();
    const path = 'timely-filing/filing-limit.yaml';
    const text = readFileSync(join(rulesDir, path), 'utf8');
    // the first test of the file now expects the opposite of what the rule does
    const wrong = text.replace('      expect: pass\n', '      expect: fire\n      line: 1\n');
    const draft = (await (await post('/api/rules/drafts', { base: version, changes: [{ path, content: wrong }] })).json()) as DraftReport;
    expect(draft.problems).toEqual([]);
    expect(draft.tests.failed).toHaveLength(1);
    expect(draft.tests.failed[0]).toMatchObject({ ruleId: 'timely-filing-limit-expired', file: path });
    expect(draft.tests.passed).toBeGreaterThan(100);
  });

  it('needs a reason to be published', async () => {
    const { version } = await inForce();
    const draft = (await (await post('/api/rules/drafts', { base: version, changes: [] })).json()) as DraftReport;
    for (const body of [{}, { reason: 7 }]) {
      const res = await post(`/api/rules/drafts/${draft.draftId}/publish`, body);
      expect(res.status).toBe(400);
    }
    const blank = await post(`/api/rules/drafts/${draft.draftId}/publish`, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { error: string }).error).toMatch(/reason/);
  });
});

describe('preview, publish, history and restore', () => {
  let before: { version: string; hash: string };
  let published: { version: string; hash: string };
  let draftId: string;

  it('previews the draft on the stored scrubs, with progress on the socket', async () => {
    before = await inForce();
    const text = readFileSync(join(rulesDir, warningRule.file), 'utf8');
    const draft = (await (await post('/api/rules/drafts', { base: before.version, changes: [{ path: warningRule.file, content: withRuleKeys(text, warningRule.id, { severity: 'error', carc: '29' }) }] })).json()) as DraftReport;
    expect(draft.problems).toEqual([]);
    expect(draft.tests.failed).toEqual([]);
    expect(draft.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([]);
    draftId = draft.draftId;
    const socket = await connectClient(service.base, { cookie: officer });
    const progress: Array<{ draftId: string; done: number; total: number }> = [];
    socket.on('workbench:preview-progress', (event: { draftId: string; done: number; total: number }) => progress.push(event));
    try {
      const res = await post(`/api/rules/drafts/${draftId}/preview`, {});
      expect(res.status).toBe(200);
      const preview = (await res.json()) as { scrubs: number; statusChanged: number; changed: Array<{ scrubId: string; before: string; after: string }> };
      expect(preview.scrubs).toBeGreaterThanOrEqual(EXAMPLE_CLAIMS.length);
      expect(preview.statusChanged).toBe(warned.length);
      for (const change of preview.changed) expect(change).toMatchObject({ before: 'warn', after: 'reject' });
      await waitFor('the last progress event', () => progress.some((p) => p.draftId === draftId && p.done === p.total && p.total > 0) || undefined);
    } finally {
      socket.disconnect();
    }
  });

  it('publishes with a reason: the files, the service, the next scrub, the versions, the diff and the audit agree', async () => {
    const res = await post(`/api/rules/drafts/${draftId}/publish`, { reason: 'payer now denies these outright' });
    expect(res.status).toBe(200);
    published = (await res.json()) as { version: string; hash: string };
    expect(published.version).not.toBe(before.version);
    expect(published.hash).not.toBe(before.hash);
    expect(await inForce()).toMatchObject({ ...published, by: 'compliance', reason: 'payer now denies these outright' });

    const onDisk = parseDocument(readFileSync(join(rulesDir, warningRule.file), 'utf8')).toJS() as Array<{ id: string; severity: string }>;
    expect(onDisk.find((r) => r.id === warningRule.id)?.severity).toBe('error');

    const next = await scrubAsBiller(warned[0]!.claimId === null ? EXAMPLE_CLAIMS[0] : EXAMPLE_CLAIMS.find((c) => (c as { claimId?: string }).claimId === warned[0]!.claimId));
    expect(next).toMatchObject({ rulesetVersion: published.version, rulesetHash: published.hash, status: 'reject' });

    const versions = await getJson<Array<{ version: string; hash: string; by: string; reason: string; files: string[] }>>('/api/rules/versions');
    expect(versions[0]).toMatchObject({ version: published.version, hash: published.hash, by: 'compliance', reason: 'payer now denies these outright', files: [warningRule.file] });
    const diff = await (await fetch(`${service.base}/api/rules/versions/${published.version}/diff`, as(officer))).text();
    expect(diff).toContain(`+++ b/${warningRule.file}`);
    expect(diff).toMatch(/^\+\s+severity: error$/m);

    const audit = await getJson<{ items: Array<{ user: string; action: string; target: string[] }> }>('/api/audit?action=rules-publish');
    expect(audit.items[0]).toMatchObject({ user: 'compliance', action: 'rules-publish', target: [published.version, published.hash] });

    // the history is a git repository the clinic's own tools read
    const log = execFileSync('git', ['--git-dir', join(dataDir, RULES_GIT_DIR), 'log', '-1', '--format=%an%n%s'], { encoding: 'utf8' });
    expect(log).toBe('compliance\npayer now denies these outright\n');
  });

  it('refuses a publish whose base is no longer in force, naming the files changed since', async () => {
    const draft = (await (await post('/api/rules/drafts', { base: before.version, changes: [{ path: 'payers/aetna.yaml', content: readFileSync(join(rulesDir, 'payers', 'aetna.yaml'), 'utf8') + '\n' }] })).json()) as DraftReport;
    const res = await post(`/api/rules/drafts/${draft.draftId}/publish`, { reason: 'a second officer, working from the old set' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { code: string; files: string[]; error: string };
    expect(body.code).toBe('SJ_RULES_STALE_BASE');
    expect(body.files).toEqual([warningRule.file]);
    expect(body.error).toContain(published.version);
    expect((await inForce()).version).toBe(published.version);
  });

  it('restores the version before: its files, its id and its hash again, as a new entry by whoever restored it', async () => {
    const res = await post(`/api/rules/versions/${before.version}/restore`, { reason: 'the payer changed its mind' });
    expect(res.status).toBe(200);
    expect((await res.json()) as object).toEqual({ version: before.version, hash: before.hash });
    const next = await scrubAsBiller(EXAMPLE_CLAIMS.find((c) => (c as { claimId?: string }).claimId === warned[0]!.claimId) ?? EXAMPLE_CLAIMS[0]);
    expect(next).toMatchObject({ rulesetVersion: before.version, rulesetHash: before.hash });
    const versions = await getJson<Array<{ version: string; by: string; reason: string }>>('/api/rules/versions');
    expect(versions[0]).toMatchObject({ version: before.version, by: 'compliance', reason: 'the payer changed its mind' });
    const audit = await getJson<{ items: Array<{ action: string; user: string }> }>('/api/audit?action=rules-restore');
    expect(audit.items[0]).toMatchObject({ action: 'rules-restore', user: 'compliance' });
  });

  it('records an edit made on disk as a version by "file system"', async () => {
    const path = join(rulesDir, 'payers', 'aetna.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('summary: 90 days', 'summary: ninety days'));
    await waitFor('the edit on disk in force', async () => ((await inForce()).by === 'file system' ? true : undefined));
    const versions = await getJson<Array<{ by: string; reason: string; files: string[] }>>('/api/rules/versions');
    expect(versions[0]).toMatchObject({ by: 'file system', reason: 'changed on disk', files: ['payers/aetna.yaml'] });
    const reload = await waitFor('the reload in the audit trail', async () => (await getJson<{ items: Array<{ user: string; target: string[]; detail?: string }> }>('/api/audit?action=rules-reload')).items[0]);
    expect(reload.user).toBe('file system');
    expect(reload.target).toContain('file:payers/aetna.yaml');
    // the publish and the restore were audited under the officer, not as reloads by the file system
    const reloads = (await getJson<{ items: Array<{ target: string[] }> }>('/api/audit?action=rules-reload')).items;
    expect(reloads).toHaveLength(1);
  });
});

describe('browsing', () => {
  it('lists each rule with where it is written, its lists and tests, and how often it fired', async () => {
    const view = await getJson<{ rulesetVersion: string; scrubs: number; rules: Array<{ id: string; source: { file: string; line: number }; lists: string[]; tests: string[]; fired: number; share: number }> }>('/api/workbench/rules');
    expect(view.scrubs).toBeGreaterThanOrEqual(EXAMPLE_CLAIMS.length);
    const rule = view.rules.find((r) => r.id === warningRule.id)!;
    expect(rule.source.file).toBe(warningRule.file);
    expect(rule.fired).toBeGreaterThanOrEqual(warned.length);
    expect(rule.share).toBeGreaterThan(0);
    expect(rule.tests.length).toBeGreaterThan(0);
    const sexRule = view.rules.find((r) => r.lists.includes('female-only-procedures'));
    expect(sexRule?.source.file).toBe('code-compatibility/procedure-sex.yaml');
  });

  it('lists the rules that never fired and those that fire on more than half the claims', async () => {
    const insights = await getJson<{ scrubs: number; neverFired: Array<{ ruleId: string }>; overHalf: Array<{ ruleId: string; share: number }> }>('/api/workbench/insights');
    expect(insights.scrubs).toBeGreaterThan(0);
    expect(insights.neverFired.map((r) => r.ruleId)).not.toContain(warningRule.id);
    expect(insights.neverFired.length).toBeGreaterThan(10);
    for (const rule of insights.overHalf) expect(rule.share).toBeGreaterThan(0.5);
    const bad = await fetch(`${service.base}/api/workbench/insights?days=0`, as(officer));
    expect(bad.status).toBe(400);
  });
});
