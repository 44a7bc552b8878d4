/**
 * What an admin is told that nobody else is: a history grown past its count ceiling (kept,
 * not evicted), and every request a role was refused, in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer({ store: { maxScrubs: 3 } });
});

afterAll(async () => {
  await service.close();
});

describe('GET /api/store/retention', () => {
  it('tells an admin the history is past its ceiling, with every young scrub still kept', async () => {
    const claims = [0, 1, 2, 0, 1].map((i, n) => ({ ...EXAMPLE_CLAIMS[i]!, claimId: `R-${n}` }));
    expect((await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claims) })).status).toBe(200);
    const status = (await (await fetch(`${service.base}/api/store/retention`)).json()) as { scrubs: number; ceiling: number; overCeiling: boolean };
    expect(status).toMatchObject({ scrubs: 5, ceiling: 3, overCeiling: true, maxAgeDays: 90 });
    const history = (await (await fetch(`${service.base}/api/history`)).json()) as { total: number };
    expect(history.total).toBe(5);
  });
});

describe('refusals', () => {
  it('audits a request refused for the role, naming the user and the route', async () => {
    const trainee = await service.cookieFor('trainee');
    expect((await fetch(`${service.base}/api/store/retention`, { headers: { cookie: trainee } })).status).toBe(403);
    const denied = await service.server.store.auditQuery({ action: 'access-denied', limit: 1 });
    expect(denied.items[0]).toMatchObject({ user: 'trainee', role: 'trainee', target: ['GET /api/store/retention'] });
  });
});
