import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../src/contract/problem.js';
import type { ServerOptions } from '../../src/server/server.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';
import { expectErrorBody, fetch, startTestServer, uncheckedFetch, type TestServer } from './support.js';

const claims = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, unknown>>;
const json = { 'content-type': 'application/json' };

let dataDir: string;
const running: TestServer[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-hardening-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(extra: Partial<ServerOptions> = {}): Promise<{ base: string; logs: string[] }> {
  const logs: string[] = [];
  const service = await startTestServer({
    rulesDir: RULES_DIR,
    dataDir,
    logLevel: 'silent',
    logDestination: { write: (line: string) => void logs.push(line) },
    ...extra,
  });
  running.push(service);
  return { base: service.base, logs };
}

/** the request lines are written when the response finishes, which may be just after the client has read it */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('security headers', () => {
  it('sends helmet headers and a CSP that the page satisfies without inline styles', async () => {
    const { base } = await start();
    // the page and its files are not part of the REST interface the description covers
    const page = await uncheckedFetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<style|style=/);
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const css = await uncheckedFetch(`${base}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('font:');

    const health = await fetch(`${base}/api/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown routes and wrong methods with a 404 JSON error', async () => {
    const { base } = await start();
    // none of these is in the OpenAPI description, so they are fetched unchecked and their body checked alone
    for (const [method, path] of [['GET', '/nope'], ['GET', '/api/nope'], ['DELETE', '/api/health'], ['GET', '/api/scrub']] as const) {
      const res = await uncheckedFetch(`${base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body: unknown = await res.json();
      expect(body).toEqual({ error: 'not found', code: 'SJ_HTTP_NOT_FOUND', field: null });
      expectErrorBody(body);
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with a JSON error once the configured limit is spent, and leaves the page alone', async () => {
    const { base } = await start({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const limited = await fetch(`${base}/api/rules`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await limited.json();
    expect(body).toEqual({ error: expect.stringContaining('too many requests'), code: 'SJ_HTTP_RATE_LIMITED', field: null });
    const scrub = await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: JSON.stringify(claims[0]) });
    expect(scrub.status).toBe(429);
    expect((await uncheckedFetch(`${base}/`)).status).toBe(200);
    expect((await uncheckedFetch(`${base}/app.css`)).status).toBe(200);
  });

  it('is generous by default', async () => {
    const { base } = await start();
    const statuses = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/api/health`).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('refuses a limit below one', async () => {
    await expect(start({ rateLimitPerMinute: 0 })).rejects.toThrow(/rate limit/);
  });
});

describe('request logging', () => {
  const member = {
    memberId: 'ZQ58XK3301',
    firstName: 'Philippa',
    lastName: 'Quarterman',
    birthDate: '1981-07-02',
  };
  const secrets = [member.memberId, member.firstName, member.lastName, member.birthDate];

  it('logs a scrub with its rule ids and none of the claim contents, nor its claim id', async () => {
    const { base, logs } = await start({ logLevel: 'info' });
    const base1002 = claims[1]!;
    const claim = { ...base1002, claimId: 'C-LOG-7', subscriber: { ...(base1002.subscriber as object), ...member } };
    const res = await fetch(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: json, body: JSON.stringify(claim) });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { findings: Array<{ ruleId: string }> };
    expect(result.findings.length).toBeGreaterThan(0);
    await settle();

    const text = logs.join('');
    for (const secret of [...secrets, 'C-LOG-7']) expect(text).not.toContain(secret);
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const scrubLine = lines.find((line) => line.path === '/api/scrub');
    expect(scrubLine).toMatchObject({ method: 'POST', status: 200, claims: 1, scrub: [{ status: 'reject' }] });
    expect((scrubLine!.scrub as Array<Record<string, unknown>>)[0]).not.toHaveProperty('claimId');
    expect(typeof scrubLine!.durationMs).toBe('number');
    const loggedRules = (scrubLine!.scrub as Array<{ ruleIds: string[] }>)[0]!.ruleIds;
    expect(loggedRules).toContain(result.findings[0]!.ruleId);
    expect(text).toContain(result.findings[0]!.ruleId);
  });

  it('logs rejected bodies by error code, without the body', async () => {
    const { base, logs } = await start({ logLevel: 'info' });
    // unquoted, so that the parser's own message quotes the member id
    const broken = `{"claimId": "C-BAD", "subscriber": {"memberId": ${member.memberId}, "firstName": "${member.firstName}"}}`;
    const notJson = await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: broken });
    expect(notJson.status).toBe(400);
    const noLines = await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: JSON.stringify({ claimId: 'C-NOLINES', subscriber: member }) });
    expect(await noLines.json()).toMatchObject({ field: 'lines', claimIndex: 0 });
    await settle();

    const text = logs.join('');
    for (const secret of secrets) expect(text).not.toContain(secret);
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.path === '/api/scrub');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ status: 400, error: { code: 'SJ_HTTP_NOT_JSON' } });
    expect(lines[1]).toMatchObject({ status: 400, error: { code: 'SJ_INPUT_NOT_A_CLAIM', field: 'lines', claimIndex: 0 } });
    expect(logs.join('')).not.toContain('C-NOLINES');
  });

  it('writes nothing at level silent', async () => {
    const { base, logs } = await start({ logLevel: 'silent' });
    await fetch(`${base}/api/health`);
    await settle();
    expect(logs).toEqual([]);
  });
});

describe('oversized bodies', () => {
  it('answers a huge string with 413 and keeps serving', async () => {
    const { base, logs } = await start({ logLevel: 'info' });
    const huge = JSON.stringify({ claimId: 'C-HUGE', lines: [], note: `MEMBERX9${'x'.repeat(3_000_000)}` });
    const res = await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: huge });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringContaining('larger than'), code: 'SJ_HTTP_TOO_LARGE', field: null });
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const scrub = await fetch(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: json, body: JSON.stringify(claims[0]) });
    expect(scrub.status).toBe(200);
    await settle();
    expect(logs.join('')).not.toContain('MEMBERX9');
    expect(logs.some((line) => line.includes('entity.too.large'))).toBe(true);
  });
});

describe('error answers carry their catalog code', () => {
  /** An error answer: its status, and its body read as the one error body of every boundary. */
  async function errorAnswer(res: Response): Promise<{ status: number; body: ReturnType<typeof ErrorBodySchema.parse> }> {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, body: ErrorBodySchema.parse(await res.json()) };
  }

  it('names a body that is not JSON, one too large, and an unknown route by code', async () => {
    const { base } = await start();
    const notJson = await errorAnswer(await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: '{"claimId": ' }));
    expect(notJson).toMatchObject({ status: 400, body: { code: 'SJ_HTTP_NOT_JSON', error: 'request body is not valid JSON' } });
    const tooLarge = await errorAnswer(await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: JSON.stringify({ note: 'x'.repeat(2_000_000) }) }));
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'SJ_HTTP_TOO_LARGE' } });
    // an unknown route is, by definition, not in the description
    const missing = await errorAnswer(await uncheckedFetch(`${base}/api/nope`));
    expect(missing).toMatchObject({ status: 404, body: { code: 'SJ_HTTP_NOT_FOUND' } });
    const noRule = await errorAnswer(await fetch(`${base}/api/rules/no-such-rule`));
    expect(noRule).toMatchObject({ status: 404, body: { code: 'SJ_HTTP_NOT_FOUND', field: 'id' } });
  });

  it('names a cross-site write and a spent rate limit by code', async () => {
    const { base } = await start({ rateLimitPerMinute: 2 });
    const crossSite = await errorAnswer(
      await fetch(`${base}/api/scrub`, { method: 'POST', headers: { ...json, origin: 'http://attacker.example' }, body: JSON.stringify(claims[0]) }),
    );
    expect(crossSite).toMatchObject({ status: 403, body: { code: 'SJ_HTTP_CROSS_SITE', field: 'origin' } });
    await fetch(`${base}/api/health`);
    const limited = await errorAnswer(await fetch(`${base}/api/health`));
    expect(limited).toMatchObject({ status: 429, body: { code: 'SJ_HTTP_RATE_LIMITED' } });
  });

  it('answers input that is not a claim with the reader\'s code, the field and the claim at fault', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/api/scrub`, { method: 'POST', headers: json, body: JSON.stringify([claims[0], { claimId: 'C-NOLINES' }]) });
    expect(await errorAnswer(res)).toMatchObject({ status: 400, body: { code: 'SJ_INPUT_NOT_A_CLAIM', field: 'lines', claimIndex: 1 } });
    const badDate = await fetch(`${base}/api/scrub?asOf=tomorrow`, { method: 'POST', headers: json, body: JSON.stringify(claims[0]) });
    expect(await errorAnswer(badDate)).toMatchObject({ status: 400, body: { code: 'SJ_ARGUMENT_INVALID', field: 'asOf' } });
  });
});
