/** Official tables uploaded from the page by an admin: imported as `scrubjay data import` does, then in force. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { waitFor } from '../support/wait.js';
import { fetch, startTestServer, type TestServer } from './support.js';

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer();
});

afterAll(async () => {
  await service.close();
});

const upload = (query: string, body: Buffer | string, cookie?: string) =>
  fetch(`${service.base}/api/data/import?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...(cookie ? { cookie } : {}) }, body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]) });

describe('POST /api/data/import', () => {
  it('imports a table an admin uploads, puts it in force and audits it', async () => {
    const res = await upload('kind=pos&effective=2026-01-01&name=place_of_service.csv', readFileSync(FIXTURE_FILES.pos));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: 'pos', effective: '2026-01-01', source: 'place_of_service.csv', rows: expect.any(Number) });
    await waitFor('the uploaded table in force', async () => {
      const status = (await (await fetch(`${service.base}/api/data/status`)).json()) as { tables: Array<{ kind: string }> };
      return status.tables.some((t) => t.kind === 'pos') ? true : undefined;
    });
    const audit = await service.server.store.auditQuery({ action: 'data-import' });
    expect(audit.items[0]).toMatchObject({ user: 'admin', role: 'admin', target: ['pos', '2026-01-01'] });
    // the upload is not left behind
    expect(readdirSync(join(service.dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses a file that is not the table it claims to be, naming what is wrong, and keeps nothing', async () => {
    const res = await upload('kind=mue', 'this is not an MUE table\n');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'SJ_REFERENCE_FORMAT' });
    const status = (await (await fetch(`${service.base}/api/data/status`)).json()) as { tables: Array<{ kind: string }> };
    expect(status.tables.some((t) => t.kind === 'mue')).toBe(false);
  });

  it('is for admins only', async () => {
    const res = await upload('kind=pos', readFileSync(FIXTURE_FILES.pos), await service.cookieFor('compliance'));
    expect(res.status).toBe(403);
  });
});
