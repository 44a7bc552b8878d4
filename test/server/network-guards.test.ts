/**
 * What stands between the network and the API before any route runs: only the host names
 * the server is known by are answered (DNS rebinding), a write from a page must come from
 * this very origin (scheme included), allowances are per user, and one user's sockets are
 * capped.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, signIn, startTestServer, type TestServer } from './support.js';

interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A request with headers `fetch` will not send as given (Host). */
function raw(base: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let service: TestServer;
let port: string;

beforeAll(async () => {
  service = await startTestServer({ rateLimitPerMinute: 40, socketsPerUser: 2 });
  port = new URL(service.base).port;
});

afterAll(async () => {
  await service.close();
});

describe('host names', () => {
  it('answers 421 with no body to a host it is not known by, signed in or not', async () => {
    for (const path of ['/', '/api/health', '/api/history']) {
      const answer = await raw(service.base, path, { host: `rebind.attacker.example:${port}`, cookie: service.cookie! });
      expect(answer.status).toBe(421);
      expect(answer.body).toBe('');
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'LOCALHOST']) {
      expect((await raw(service.base, '/api/health', { host })).status).toBe(200);
    }
  });

  it('refuses a socket that names another host', async () => {
    const socket = connect(service.base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { host: `rebind.attacker.example:${port}`, cookie: service.cookie! } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.disconnect();
    expect(outcome).toBe('refused');
  });

  it('answers only the names it is given with --allowed-hosts', async () => {
    const named = await startTestServer({ allowedHosts: ['scrubjay.clinic.test'], signedInAs: null });
    try {
      const namedPort = new URL(named.base).port;
      expect((await raw(named.base, '/api/health', { host: `scrubjay.clinic.test:${namedPort}` })).status).toBe(200);
      expect((await raw(named.base, '/api/health', { host: `127.0.0.1:${namedPort}` })).status).toBe(421);
    } finally {
      await named.close();
    }
  });
});

describe('origins', () => {
  it('takes a write only from its own whole origin: another scheme on the same host and port is another site', async () => {
    const body = JSON.stringify(EXAMPLE_CLAIMS[0]);
    const same = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, origin: service.base }, body });
    expect(same.status).toBe(200);
    const https = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, origin: service.base.replace('http:', 'https:') }, body });
    expect(https.status).toBe(403);
    expect(await https.json()).toMatchObject({ code: 'SJ_HTTP_CROSS_SITE', field: 'origin' });
    await expect(connectClient(service.base, { origin: service.base.replace('http:', 'https:') })).rejects.toThrow();
  });
});

describe('allowances', () => {
  it('counts requests per user, so users behind one address do not share one allowance', async () => {
    const biller = await signIn(service.base, 'biller');
    const trainee = await signIn(service.base, 'trainee');
    let status = 0;
    for (let i = 0; i < 45 && status !== 429; i++) status = (await fetch(`${service.base}/api/rules/status`, { headers: { cookie: biller } })).status;
    expect(status).toBe(429);
    expect((await fetch(`${service.base}/api/rules/status`, { headers: { cookie: trainee } })).status).toBe(200);
  });

  it('caps the sockets one user may hold open', async () => {
    const cookie = await signIn(service.base, 'compliance');
    const first = await connectClient(service.base, { cookie });
    const second = await connectClient(service.base, { cookie });
    await expect(connectClient(service.base, { cookie })).rejects.toThrow(/too many connections/);
    // another user is not held by this one's sockets
    const other = await connectClient(service.base, { cookie: await signIn(service.base, 'admin') });
    first.disconnect();
    other.disconnect();
    second.disconnect();
  });
});

describe('behind a proxy', () => {
  it('marks the cookie Secure and takes the client address from the proxy only when told to', async () => {
    const proxied = await startTestServer({ trustProxy: true, signedInAs: null });
    try {
      const signin = await raw(proxied.base, '/api/session', { host: `127.0.0.1:${new URL(proxied.base).port}`, 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, 'POST', JSON.stringify({ username: 'x', password: 'y' }));
      expect(signin.status).toBe(401);
      const failed = await proxied.server.store.auditQuery({ action: 'sign-in-failed' });
      expect(failed.items[0]).toMatchObject({ user: 'x', address: '203.0.113.9' });
      const secure = await startTestServer({ secureCookies: true });
      try {
        const res = await fetch(`${secure.base}/api/session`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: '' }, body: JSON.stringify({ username: 'biller', password: 'correct horse battery staple' }) });
        expect(res.headers.getSetCookie().find((c) => c.startsWith('scrubjay_session='))).toMatch(/;\s*Secure/i);
      } finally {
        await secure.close();
      }
    } finally {
      await proxied.close();
    }
  });
});
