/**
 * Signing in and out as the access contract has it: the session cookie's attributes, one
 * answer for an unknown user, a wrong password and a disabled account, the throttle, the
 * inactivity expiry, and account changes from the shell counting at the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/access/index.js';
import { runCli } from '../support/cli.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectClient, EXAMPLE_CLAIMS, JSON_HEADERS, TEST_PASSWORD, fetch, sessionCookieOf, signIn, startTestServer, type TestServer } from './support.js';

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer({ signInThrottle: { perAccount: 3, perAddress: 1000 } });
});

afterAll(async () => {
  await service.close();
});

const signInBody = (username: string, password: string): RequestInit => ({ method: 'POST', headers: { ...JSON_HEADERS, cookie: '' }, body: JSON.stringify({ username, password }) });

describe('sign-in', () => {
  it('answers the user and role with an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await fetch(`${service.base}/api/session`, signInBody('biller', TEST_PASSWORD));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'biller', role: 'biller' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('scrubjay_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await fetch(`${service.base}/api/session`, { headers: { cookie: sessionCookieOf(res) } });
    expect(await me.json()).toMatchObject({ username: 'biller', role: 'biller' });
  });

  it('gives one answer for an unknown user, a wrong password and a disabled account', async () => {
    const accounts = new Accounts(service.dataDir);
    await accounts.add({ username: 'gone', role: 'biller', password: TEST_PASSWORD });
    await accounts.disable('gone');
    const answers = await Promise.all([
      fetch(`${service.base}/api/session`, signInBody('nobody-by-this-name', TEST_PASSWORD)),
      fetch(`${service.base}/api/session`, signInBody('trainee', 'not the right password')),
      fetch(`${service.base}/api/session`, signInBody('gone', TEST_PASSWORD)),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toMatchObject({ code: 'SJ_AUTH_FAILED' });
  });

  it('holds an account after repeated failures, even for the right password', async () => {
    await new Accounts(service.dataDir).add({ username: 'guessed', role: 'trainee', password: TEST_PASSWORD });
    for (let i = 0; i < 3; i++) expect((await fetch(`${service.base}/api/session`, signInBody('guessed', `wrong ${i}`))).status).toBe(401);
    const held = await fetch(`${service.base}/api/session`, signInBody('guessed', TEST_PASSWORD));
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await held.json()).toMatchObject({ code: 'SJ_AUTH_THROTTLED' });
    // another account from the same address is not held
    expect((await fetch(`${service.base}/api/session`, signInBody('trainee', TEST_PASSWORD))).status).toBe(200);
  });

  it('ends the session on sign-out', async () => {
    const cookie = await signIn(service.base, 'compliance');
    expect((await fetch(`${service.base}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    const after = await fetch(`${service.base}/api/history`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'SJ_AUTH_REQUIRED' });
  });
});

describe('account changes from the shell while the server runs', () => {
  it('counts a new role and a disabled account from the next request', async () => {
    await new Accounts(service.dataDir).add({ username: 'pat', role: 'trainee', password: TEST_PASSWORD });
    const cookie = await signIn(service.base, 'pat');
    expect((await fetch(`${service.base}/api/batch`, { method: 'POST', headers: { cookie }, body: '[]' })).status).toBe(403);

    const promoted = await runCli(['users', 'set-role', 'pat', 'biller', '--data', service.dataDir]);
    expect(promoted.code).toBe(0);
    expect(await (await fetch(`${service.base}/api/session`, { headers: { cookie } })).json()).toMatchObject({ role: 'biller' });

    expect((await runCli(['users', 'disable', 'pat', '--data', service.dataDir])).code).toBe(0);
    expect((await fetch(`${service.base}/api/history`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('inactivity', () => {
  it('ends a session left unused for longer than the idle time', async () => {
    const quick = await startTestServer({ sessions: { idleMs: 400 } });
    try {
      const cookie = await signIn(quick.base, 'biller');
      expect((await fetch(`${quick.base}/api/history`, { headers: { cookie } })).status).toBe(200);
      // any request would count as activity, so the wait is a plain one, past the idle time
      await sleep(700);
      expect((await fetch(`${quick.base}/api/session`, { headers: { cookie } })).status).toBe(401);
      const res = await fetch(`${quick.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
      expect(res.status).toBe(401);
    } finally {
      await quick.close();
    }
  });
});

describe('an accounts file that cannot be read', () => {
  it('lets nobody in and keeps the server up, without naming the file to the client', async () => {
    const broken = await startTestServer();
    try {
      const cookie = await signIn(broken.base, 'biller');
      const socket = await connectClient(broken.base, { cookie });
      writeFileSync(join(broken.dataDir, 'access', 'accounts.json'), '{ "version": 1, "accounts": [ ');
      const res = await fetch(`${broken.base}/api/history`, { headers: { cookie } });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { code: string; error: string };
      expect(body.code).toBe('SJ_ACCOUNT_FILE');
      expect(body.error).not.toContain(broken.dataDir);
      const signin = await fetch(`${broken.base}/api/session`, signInBody('biller', TEST_PASSWORD));
      expect(signin.status).toBe(503);
      // the open socket is ended within the sweep
      await new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      expect((await fetch(`${broken.base}/api/health`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
