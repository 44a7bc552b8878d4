/**
 * The whole access matrix against the real server: every route of the route table, and the
 * chat's socket event, for no session, each role, an expired session and a disabled
 * account, with the status each must get. The table and the OpenAPI description must name
 * the same routes, so a route cannot be added without a row here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts, ROLES, can, type Role } from '../../src/access/index.js';
import { openApiDocument } from '../../src/contract/openapi.js';
import { ROUTE_ACCESS, type RouteRow } from '../../src/server/route-access.js';
import { packageVersion } from '../../src/server/routes/openapi.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, signIn, startTestServer, TEST_PASSWORD, type TestServer } from './support.js';

type Identity = 'none' | Role | 'expired' | 'disabled';
const IDENTITIES: readonly Identity[] = ['none', ...ROLES, 'expired', 'disabled'];

let service: TestServer;
let cookies: Record<Identity, string>;
/** a scrub of each role's own, for `/api/history/:id` */
const ownScrub: Partial<Record<Role, string>> = {};
let accountSeq = 0;
/** the place-of-service table, as CMS publishes it (an excerpt) */
const POS_UPLOAD = readFileSync(FIXTURE_FILES.pos);
/** a clearinghouse's 277CA, of our own */
const ACK_FILE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '277ca', 'accepted.277'));
const REMIT_FILE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'paid.835'));
/** a scrub with a remittance denying part of it, for the appeal letter */
let remittedScrub = '';
let someRuleId = '';
/** a draft that changes nothing, and the version in force: a publish or restore of them writes no file */
let emptyDraft = '';
let inForce = '';

/** the sessions' clock: moved forward past the idle time to leave one session expired */
let clockOffsetMs = 0;
const IDLE_MS = 30 * 60_000;

beforeAll(async () => {
  service = await startTestServer({ rulesDir: copyOfShippedRules(), accessClock: () => new Date(Date.now() + clockOffsetMs) });
  const accounts = new Accounts(service.dataDir);
  await accounts.add({ username: 'leaver', role: 'admin', password: TEST_PASSWORD });
  await accounts.add({ username: 'idler', role: 'admin', password: TEST_PASSWORD });
  const idler = await signIn(service.base, 'idler');
  const leaver = await signIn(service.base, 'leaver');
  await accounts.disable('leaver');
  cookies = { none: '', expired: idler, disabled: leaver } as Record<Identity, string>;
  clockOffsetMs = IDLE_MS + 60_000;
  // every session so far is idle past the limit now: the roles sign in again, the idler does not
  for (const role of ROLES) cookies[role] = await signIn(service.base, role);
  for (const role of ROLES) {
    await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: cookies[role] }, body: JSON.stringify(EXAMPLE_CLAIMS[1]) });
    // one at a time, so the newest scrub is the one just made
    const listed = await fetch(`${service.base}/api/history?limit=1`, { headers: { cookie: cookies[role] } });
    const page = (await listed.json()) as { items: Array<{ id: string }> };
    if (!page.items) throw new Error(`history answered ${listed.status} ${JSON.stringify(page)}`);
    ownScrub[role] = page.items[0]!.id;
  }
  const partial = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'partial-c1002.835'));
  const posted = await fetch(`${service.base}/api/remits`, { method: 'POST', headers: { 'content-type': 'application/edi-x12', cookie: cookies.admin }, body: partial });
  remittedScrub = ((await posted.json()) as Array<{ scrub: { scrubId: string } }>)[0]!.scrub.scrubId;
  const rules = (await (await fetch(`${service.base}/api/rules`, { headers: { cookie: cookies.admin } })).json()) as { rules: Array<{ id: string }> };
  someRuleId = rules.rules[0]!.id;
  inForce = ((await (await fetch(`${service.base}/api/rules/status`, { headers: { cookie: cookies.admin } })).json()) as { version: string }).version;
  const draft = await fetch(`${service.base}/api/rules/drafts`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: cookies.admin }, body: JSON.stringify({ base: inForce, changes: [] }) });
  emptyDraft = ((await draft.json()) as { draftId: string }).draftId;
});

afterAll(async () => {
  await service.close();
});

/** A request each row is tried with, and the status it gets when it is let through. */
function sample(row: RouteRow, who: Identity): { path: string; init: RequestInit; allowed: number } {
  const json = (body: unknown): RequestInit => ({ method: row.method, headers: JSON_HEADERS, body: JSON.stringify(body) });
  const role = ROLES.includes(who as Role) ? (who as Role) : 'admin';
  switch (`${row.method} ${row.path}`) {
    case 'POST /api/session':
      // a name of its own for each, so the failures do not add up to the throttle
      return { path: row.path, init: json({ username: `nobody-${who}`, password: 'x' }), allowed: 401 };
    case 'DELETE /api/session':
      return { path: row.path, init: { method: 'DELETE' }, allowed: 204 };
    case 'GET /api/session':
      return { path: row.path, init: {}, allowed: 200 };
    case 'POST /api/setup':
      return { path: row.path, init: json({ token: 'not-the-token', username: 'someone', password: 'long enough password' }), allowed: 403 };
    case 'GET /api/session/sso':
    case 'GET /api/session/sso/callback':
      return { path: row.path, init: {}, allowed: 404 };
    case 'POST /api/scrub':
      return { path: row.path, init: json(EXAMPLE_CLAIMS[0]), allowed: 200 };
    case 'POST /api/scrub/text':
      return { path: row.path, init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(EXAMPLE_CLAIMS[0]) }, allowed: 200 };
    case 'POST /api/batch':
      return { path: row.path, init: { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: JSON.stringify(EXAMPLE_CLAIMS) }, allowed: 200 };
    case 'GET /api/rules/:id':
      return { path: `/api/rules/${someRuleId}`, init: {}, allowed: 200 };
    case 'GET /api/codes/:kind':
      return { path: '/api/codes/carc', init: {}, allowed: 200 };
    case 'GET /api/codes/:kind/:code':
      return { path: '/api/codes/carc/97', init: {}, allowed: 200 };
    case 'GET /api/history/:id':
      return { path: `/api/history/${ownScrub[role] ?? 'none'}`, init: {}, allowed: 200 };
    case 'POST /api/data/import':
      return { path: '/api/data/import?kind=pos&effective=2026-01-01&name=pos.csv', init: { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: POS_UPLOAD }, allowed: 201 };
    case 'POST /api/accounts':
      return { path: row.path, init: json({ username: `made-${++accountSeq}`, role: 'trainee', password: TEST_PASSWORD }), allowed: 201 };
    case 'POST /api/acks':
      return { path: row.path, init: { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: ACK_FILE }, allowed: 200 };
    case 'POST /api/remits':
      return { path: row.path, init: { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: REMIT_FILE }, allowed: 200 };
    case 'POST /api/worklist/:scrubId/state':
      return { path: `/api/worklist/${ownScrub[role] ?? 'none'}/state`, init: json({ state: 'sent', note: 'access check' }), allowed: 200 };
    case 'POST /api/training/exercise/:id/answer':
      // an exercise is answered once, by whoever asked for it: a made-up id is let through to its 404
      return { path: '/api/training/exercise/not-an-exercise/answer', init: json({ marks: [] }), allowed: 404 };
    case 'GET /api/reports/missed-denials':
      return { path: `${row.path}?from=2026-01-01&to=2026-12-31&format=csv`, init: {}, allowed: 200 };
    case 'GET /api/history/:id/837':
      return { path: `/api/history/${ownScrub[role] ?? 'none'}/837`, init: {}, allowed: 200 };
    case 'POST /api/history/:id/correction':
      return { path: `/api/history/${ownScrub[role] ?? 'none'}/correction`, init: json({ kind: 'replace', claim: { ...EXAMPLE_CLAIMS[1], originalClaimId: 'PAYER-ACCESS' } }), allowed: 200 };
    case 'GET /api/history/:id/remits':
      return { path: `/api/history/${remittedScrub}/remits`, init: {}, allowed: 200 };
    case 'GET /api/history/:id/states':
      return { path: `/api/history/${remittedScrub}/states`, init: {}, allowed: 200 };
    case 'GET /api/history/:id/appeal':
      return { path: `/api/history/${remittedScrub}/appeal`, init: {}, allowed: 200 };
    case 'GET /api/rules/files/*path':
      return { path: '/api/rules/files/payers/aetna.yaml', init: {}, allowed: 200 };
    case 'POST /api/rules/drafts':
      return { path: row.path, init: json({ base: inForce, changes: [] }), allowed: 201 };
    case 'POST /api/rules/drafts/:id/preview':
      return { path: `/api/rules/drafts/${emptyDraft}/preview`, init: json({ limit: 10 }), allowed: 200 };
    case 'POST /api/rules/drafts/:id/publish':
      return { path: `/api/rules/drafts/${emptyDraft}/publish`, init: json({ reason: 'access check' }), allowed: 200 };
    case 'GET /api/rules/versions/:version/diff':
      return { path: `/api/rules/versions/${inForce}/diff`, init: {}, allowed: 200 };
    case 'POST /api/rules/versions/:version/restore':
      return { path: `/api/rules/versions/${inForce}/restore`, init: json({ reason: 'access check' }), allowed: 200 };
    case 'PATCH /api/accounts/:username':
      return { path: '/api/accounts/idler', init: { ...json({ role: 'biller' }), method: 'PATCH' }, allowed: 200 };
    default:
      if (row.method !== 'GET') throw new Error(`no sample request for ${row.method} ${row.path}: add one`);
      return { path: row.path, init: {}, allowed: 200 };
  }
}

function expected(row: RouteRow, who: Identity, allowed: number): number {
  // the session routes answer for themselves: who is asking is what they are about
  if (row.method === 'GET' && row.path === '/api/session') return ROLES.includes(who as Role) ? 200 : 401;
  if (row.access === 'public') return allowed;
  if (!ROLES.includes(who as Role)) return 401;
  return can(who as Role, row.access) ? allowed : 403;
}

describe('every route for every identity', () => {
  const rows = ROUTE_ACCESS.filter((row) => !(row.method === 'DELETE' && row.path === '/api/session'));
  for (const row of rows) {
    it(`${row.method} ${row.path} (${row.access})`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of IDENTITIES) {
        const { path, init, allowed } = sample(row, who);
        const headers = new Headers(init.headers);
        headers.set('cookie', cookies[who]);
        const res = await fetch(`${service.base}${path}`, { ...init, headers });
        got[who] = res.status;
        want[who] = expected(row, who, allowed);
        if (res.status === 401 || res.status === 403) {
          const body = (await res.json()) as { code: string };
          expect(body.code).toMatch(res.status === 401 ? /^SJ_AUTH_(REQUIRED|FAILED)$/ : /^SJ_AUTH_(FORBIDDEN|SETUP_CLOSED)$/);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('DELETE /api/session answers 204 for everyone and ends only the session it names', async () => {
    const mine = await signIn(service.base, 'biller');
    const other = await signIn(service.base, 'biller');
    for (const cookie of ['', cookies.expired, cookies.disabled]) expect((await fetch(`${service.base}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${service.base}/api/session`, { method: 'DELETE', headers: { cookie: mine } })).status).toBe(204);
    expect((await fetch(`${service.base}/api/session`, { headers: { cookie: mine } })).status).toBe(401);
    expect((await fetch(`${service.base}/api/session`, { headers: { cookie: other } })).status).toBe(200);
  });
});

describe('the route table', () => {
  it('has a row for exactly the routes the OpenAPI description has', () => {
    const described = Object.entries(openApiDocument(packageVersion()).paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const codeRows = (p: string): string => p.replace(/\/api\/codes\/(carc|rarc|procedure|diagnosis|modifier|pos)/, '/api/codes/:kind').replace(':kind/:code', ':kind/:code').replace('/api/rules/files/:path', '/api/rules/files/*path');
    const table = ROUTE_ACCESS.map((row) => `${row.method} ${row.path}`);
    expect(new Set(described.map(codeRows))).toEqual(new Set(table));
  });
});

describe('the socket', () => {
  for (const who of IDENTITIES) {
    it(`chat:message for ${who}`, async () => {
      if (!ROLES.includes(who as Role)) {
        await expect(connectClient(service.base, { cookie: cookies[who] || null })).rejects.toThrow('unauthorized');
        return;
      }
      const socket = await connectClient(service.base, { cookie: cookies[who] });
      try {
        const reply = await ask(socket, { text: 'what does CARC 97 mean?' });
        expect(reply.text).toMatch(/97/);
      } finally {
        socket.disconnect();
      }
    });
  }

  it('refuses an event nobody may send', async () => {
    const socket = await connectClient(service.base, { cookie: cookies.biller });
    try {
      const problem = new Promise<{ code: string; event: string }>((resolve) => socket.once('error', resolve));
      socket.emit('batch:start', { anything: true });
      expect(await problem).toMatchObject({ code: 'SJ_AUTH_FORBIDDEN', event: 'batch:start' });
    } finally {
      socket.disconnect();
    }
  });
});
