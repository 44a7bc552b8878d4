/**
 * Single sign-on against a real OpenID Connect provider on a loopback port: the whole
 * browser flow (the service's redirect, the provider's sign-in, the callback) with a small
 * cookie jar, as a browser would follow it. Nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/access/index.js';
import { startIdentityProvider, type TestIdentityProvider } from './identity-provider.js';
import { TEST_PASSWORD, expectErrorBody, fetch, signIn, startTestServer, type TestServer } from './support.js';

const CLIENT = { clientId: 'scrubjay', clientSecret: 'the test client secret, long enough for the provider' };
const CALLBACK = '/api/session/sso/callback';
const ROLE_MAP = { 'scrubjay-billers': 'biller', 'scrubjay-compliance': 'compliance', 'scrubjay-admins': 'admin' } as const;

/** A browser: cookies by host, redirects followed one at a time. The service's answers are checked against its OpenAPI description. */
class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  constructor(private readonly serviceOrigin: string) {}

  cookieHeader(url: URL): string {
    return [...(this.#cookies.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: URL): Promise<Response> {
    const init: RequestInit = { redirect: 'manual', headers: { cookie: this.cookieHeader(url) } };
    const res = url.origin === this.serviceOrigin ? await fetch(url, init) : await globalThis.fetch(url, init);
    const jar = this.#cookies.get(url.host) ?? new Map<string, string>();
    this.#cookies.set(url.host, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((a) => /^max-age=(0|-)/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `start` until one leads to an address `stop` picks (returned, not visited). */
  async walk(start: URL, stop: (url: URL) => boolean): Promise<URL> {
    let url = start;
    for (let hop = 0; hop < 20; hop++) {
      if (hop > 0 && stop(url)) return url;
      const res = await this.get(url);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) throw new Error(`${url.href} answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }
}

let idp: TestIdentityProvider;
let service: TestServer;

beforeAll(async () => {
  idp = await startIdentityProvider();
  // the service first: the provider's client needs the service's callback address
  service = await startTestServer({ signedInAs: null, sso: { issuer: idp.issuer, ...CLIENT, roleMap: ROLE_MAP, label: 'Sign in with Clinic ID' } });
  idp.users.set('u-pat', { preferred_username: 'Pat.Lee', roles: ['scrubjay-billers', 'unrelated-group'] });
  idp.users.set('u-sam', { preferred_username: 'sam', roles: ['somebody-else'] });
  idp.users.set('u-kim', { email: 'kim@clinic.example', roles: 'scrubjay-billers' });
  idp.users.set('u-lou', { preferred_username: 'lou', roles: ['scrubjay-billers'] });
});

afterAll(async () => {
  await service?.close();
  await idp?.close();
});

function serviceUrl(path: string): URL {
  return new URL(path, `${service.base}/`);
}

/** The whole flow for one user in a new browser: where the service sends the browser at the end, and the browser. */
async function signOn(subject: string): Promise<{ landing: URL; browser: Browser }> {
  idp.signInAs = subject;
  const browser = new Browser(new URL(service.base).origin);
  const callback = await browser.walk(serviceUrl('/api/session/sso'), (url) => url.origin === new URL(service.base).origin && url.pathname === CALLBACK);
  const landing = await browser.walk(callback, (url) => !url.pathname.startsWith('/api/'));
  return { landing, browser };
}

async function sessionOf(browser: Browser): Promise<Response> {
  const url = serviceUrl('/api/session');
  return fetch(url, { headers: { cookie: browser.cookieHeader(url) } });
}

async function auditEntries(): Promise<Array<Record<string, unknown>>> {
  return (await service.server.store.auditQuery({ limit: 500 })).items as unknown as Array<Record<string, unknown>>;
}

function account(username: string) {
  return new Accounts(service.dataDir).list().find((a) => a.username === username);
}

describe('single sign-on through the identity provider', () => {
  it('reads the provider only at the first sign-on, and tries again after a failure', async () => {
    // the provider is not up yet: the service started regardless, and the browser is sent back to the page
    const browser = new Browser(new URL(service.base).origin);
    const early = await browser.get(serviceUrl('/api/session/sso'));
    expect(early.status).toBe(302);
    expect(early.headers.get('location')).toBe('/?signin=sso-failed&reason=provider');

    idp.start({ ...CLIENT, redirectUri: `${service.base}${CALLBACK}` });
    const res = await browser.get(serviceUrl('/api/session/sso'));
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe(`${service.base}${CALLBACK}`);
    for (const param of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const stateCookie = res.headers.getSetCookie().find((c) => c.startsWith('scrubjay_sso='))!;
    expect(stateCookie).toMatch(/HttpOnly/i);
    // Lax: a Strict cookie would not come back on the provider's redirect to the callback
    expect(stateCookie).toMatch(/SameSite=Lax/i);
    expect(stateCookie).toContain(`scrubjay_sso=${to.searchParams.get('state')}`);
  });

  it('says the page offers it, with the button text', async () => {
    const res = await fetch(serviceUrl('/api/session/sso/available'), { headers: { cookie: '' } });
    expect(await res.json()).toEqual({ available: true, label: 'Sign in with Clinic ID' });
  });

  it('signs a mapped user in, making their account with the mapped role', async () => {
    const { landing, browser } = await signOn('u-pat');
    expect(landing.pathname + landing.search).toBe('/');
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ username: 'pat.lee', role: 'biller' });
    expect(account('pat.lee')).toMatchObject({ role: 'biller', state: 'active', sso: true });
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ user: 'pat.lee', action: 'sign-in', detail: 'sso' }));
    // a user with a session may use what the role allows
    const batch = await fetch(serviceUrl('/api/history'), { headers: { cookie: browser.cookieHeader(serviceUrl('/api/history')) } });
    expect(batch.status).toBe(200);
  });

  it('takes the role from the provider again at every sign-on', async () => {
    await signOn('u-pat');
    idp.users.set('u-pat', { preferred_username: 'Pat.Lee', roles: ['scrubjay-compliance'] });
    const { landing, browser } = await signOn('u-pat');
    expect(landing.pathname).toBe('/');
    expect(await (await sessionOf(browser)).json()).toMatchObject({ username: 'pat.lee', role: 'compliance' });
    expect(account('pat.lee')?.role).toBe('compliance');
    // one account, however often the user signs on
    expect(new Accounts(service.dataDir).list().filter((a) => a.username.startsWith('pat'))).toHaveLength(1);
  });

  it('refuses a user none of whose groups is mapped, and audits it', async () => {
    const { landing, browser } = await signOn('u-sam');
    expect(landing.pathname).toBe('/');
    expect(landing.searchParams.get('signin')).toBe('sso-failed');
    expect(landing.searchParams.get('reason')).toBe('no-role');
    expect((await sessionOf(browser)).status).toBe(401);
    expect(account('sam')).toBeUndefined();
    const refused = (await auditEntries()).find((e) => e.action === 'sign-in-failed' && e.user === 'sam');
    expect(refused?.detail).toMatch(/no role is mapped for claim "roles".*somebody-else/);
  });

  it('takes the user name from the email when there is no preferred_username', async () => {
    const { browser } = await signOn('u-kim');
    expect(await (await sessionOf(browser)).json()).toMatchObject({ username: 'kim@clinic.example', role: 'biller' });
  });

  it('refuses rather than joins an account of the same name that the provider does not vouch for', async () => {
    await new Accounts(service.dataDir).add({ username: 'lou', role: 'admin', password: TEST_PASSWORD });
    const { landing, browser } = await signOn('u-lou');
    expect(landing.searchParams.get('reason')).toBe('name-taken');
    expect((await sessionOf(browser)).status).toBe(401);
    expect(account('lou')).toMatchObject({ role: 'admin', sso: false });
    expect(await signIn(service.base, 'lou')).toMatch(/^scrubjay_session=/);
  });

  it('refuses a disabled account', async () => {
    idp.users.set('u-dee', { preferred_username: 'dee', roles: ['scrubjay-billers'] });
    await signOn('u-dee');
    await new Accounts(service.dataDir).disable('dee');
    const { landing, browser } = await signOn('u-dee');
    expect(landing.searchParams.get('reason')).toBe('disabled');
    expect((await sessionOf(browser)).status).toBe(401);
  });

  it('refuses an answer whose state was changed, or that another browser brings', async () => {
    idp.signInAs = 'u-pat';
    const browser = new Browser(new URL(service.base).origin);
    const callback = await browser.walk(serviceUrl('/api/session/sso'), (url) => url.pathname === CALLBACK);

    const stranger = new Browser(new URL(service.base).origin);
    const carried = await stranger.walk(callback, (url) => !url.pathname.startsWith('/api/'));
    expect(carried.searchParams.get('reason')).toBe('state');
    expect((await sessionOf(stranger)).status).toBe(401);

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const landing = await browser.walk(tampered, (url) => !url.pathname.startsWith('/api/'));
    expect(landing.searchParams.get('signin')).toBe('sso-failed');
    expect(landing.searchParams.get('reason')).toBe('state');
    expect((await sessionOf(browser)).status).toBe(401);
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ action: 'sign-in-failed', detail: 'sso: the answer is not for a sign-on this browser began' }));
  });

  it('refuses an answer the provider marks as an error, without an error page', async () => {
    const browser = new Browser(new URL(service.base).origin);
    const res = await browser.get(serviceUrl(`${CALLBACK}?error=access_denied&state=whatever`));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?signin=sso-failed&reason=provider');
  });
});

describe('without single sign-on configured', () => {
  let plain: TestServer;

  beforeAll(async () => {
    plain = await startTestServer({ signedInAs: null });
  });

  afterAll(async () => {
    await plain?.close();
  });

  it('answers 404 at both addresses and says it is not offered', async () => {
    for (const path of ['/api/session/sso', `${CALLBACK}?code=abc&state=def`]) {
      const res = await fetch(`${plain.base}${path}`, { redirect: 'manual', headers: { cookie: '' } });
      expect(res.status).toBe(404);
      const body = await res.json();
      expectErrorBody(body);
      expect(body).toMatchObject({ code: 'SJ_HTTP_NOT_FOUND' });
    }
    const available = await fetch(`${plain.base}/api/session/sso/available`, { headers: { cookie: '' } });
    expect(await available.json()).toEqual({ available: false, label: '' });
  });
});
