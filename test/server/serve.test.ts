import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultSchema } from '../support/contract.js';
import { runCli } from '../support/cli.js';
import { CLI, REPO_ROOT } from '../support/paths.js';
import { sessionCookieOf } from './support.js';

let child: ChildProcess;
let base: string;
let dataDir: string;
/** the one-time setup address `serve` printed on its first start */
let setupUrl: string;
/** the session of the first account, made through the setup address */
let cookie = '';
const claims = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as unknown[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-serve-'));
  child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCRUBJAY_LOG_LEVEL: 'silent' } });
  [base, setupUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /serving \d+ rules at (http:\/\/\S+)/.exec(out)?.[1];
      const setup = /(http:\/\/\S+\/setup\?token=\S+)/.exec(out)?.[1];
      if (url && setup) resolve([url.replace(/\/$/, ''), setup]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
});

/** `fetch` with the first account's session. */
function signedIn(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', cookie);
  return fetch(url, { ...init, headers });
}

afterAll(async () => {
  // the server writes its store as it stops: the folder is removed once it has exited, not while it writes
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scrubjay serve (the real server on an ephemeral port)', () => {
  it('prints a one-time setup address on its first start, where the first admin is made', async () => {
    expect(setupUrl.startsWith(`${base}/setup?token=`)).toBe(true);
    const token = new URL(setupUrl).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(24);
    const form = await fetch(setupUrl);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('setup-form');
    // nothing of the API is open before the first account exists
    expect((await fetch(`${base}/api/history`)).status).toBe(401);

    const wrongToken = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(token.length), username: 'first', password: 'long enough password' }) });
    expect(wrongToken.status).toBe(403);
    const short = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'first', password: 'short' }) });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ code: 'SJ_ACCOUNT_PASSWORD_SHORT', field: 'password' });
    const made = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'First', password: 'long enough password' }) });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ username: 'first', role: 'admin' });
    const again = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'second', password: 'long enough password' }) });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ code: 'SJ_AUTH_SETUP_CLOSED' });

    const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'first', password: 'long enough password' }) });
    expect(session.status).toBe(200);
    cookie = sessionCookieOf(session);
    const users = await runCli(['users', 'list', '--format', 'json', '--data', dataDir]);
    expect(JSON.parse(users.stdout)).toEqual([{ username: 'first', role: 'admin', state: 'active', createdAt: expect.any(String), lastSignInAt: expect.any(String) }]);
  });

  it('serves a page and reports health', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Scrubjay');
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok' });
  });

  it('scrubs one claim or an array with POST /api/scrub', async () => {
    const one = await signedIn(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims[0]) });
    const result = await one.json();
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(result.status).toBe('clean');
    const many = await (await signedIn(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) })).json();
    expect(many.map((r: { status: string }) => r.status)).toEqual(['clean', 'reject', 'warn']);
  });

  it('answers bad input with a JSON error naming the field, and keeps serving', async () => {
    const notJson = await signedIn(`${base}/api/scrub`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"claimId": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'request body is not valid JSON' });
    const noLines = await signedIn(`${base}/api/scrub`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claimId: 'X' }) });
    expect(noLines.status).toBe(400);
    expect(await noLines.json()).toMatchObject({ field: 'lines', claimIndex: 0 });
    const tooBig = await signedIn(`${base}/api/scrub`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lines: [], pad: 'x'.repeat(2_000_000) }) });
    expect(tooBig.status).toBe(413);
    expect((await signedIn(`${base}/api/health`)).status).toBe(200);
  });

  it('lists the rules and shows one', async () => {
    const list = await (await signedIn(`${base}/api/rules`)).json();
    expect(list.rules.length).toBeGreaterThan(50);
    const rule = await (await signedIn(`${base}/api/rules/duplicate-service-line`)).json();
    expect(rule).toMatchObject({ id: 'duplicate-service-line', carc: '18', scope: 'pair' });
    expect((await signedIn(`${base}/api/rules/no-such-rule`)).status).toBe(404);
  });

  it('refuses a second server on the same data folder, naming the folder and the process holding it', async () => {
    const second = await runCli(['serve', '--port', '0', '--data', dataDir], { env: { SCRUBJAY_LOG_LEVEL: 'silent' } });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(dataDir);
    expect(second.stderr).toMatch(new RegExp(`in use by another Scrubjay server \\(pid ${child.pid}\\b`));
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('says which environment setting is wrong instead of starting', async () => {
    const run = await runCli(['serve', '--port', '0', '--data', join(dataDir, 'other')], { env: { SCRUBJAY_KEEP_SCRUBS: 'lots' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SCRUBJAY_KEEP_SCRUBS/);
  });
});
