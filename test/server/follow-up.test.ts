/**
 * After a claim is sent, over HTTP: a clearinghouse's 277CA read into one answer per claim,
 * and a kept claim written as an 837P file that our own reader reads back as the same claim.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

const fixture = (name: string): Buffer => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '277ca', name));

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller' });
});

afterAll(async () => {
  await service.close();
});

const postAck = (body: Buffer | string, name?: string) =>
  fetch(`${service.base}/api/acks${name ? `?name=${encodeURIComponent(name)}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: typeof body === 'string' ? body : new Uint8Array(body) });

describe('POST /api/acks', () => {
  it('answers one object per claim: accepted or not, with each status in plain words', async () => {
    const res = await postAck(fixture('rejected.277'));
    expect(res.status).toBe(200);
    const acks = (await res.json()) as Array<{ level: string; claimId: string | null; accepted: boolean; statuses: Array<{ category: string; code: string; entity?: string; meaning: string }>; at: string }>;
    const claims = acks.filter((a) => a.level === 'claim');
    expect(claims.find((a) => a.claimId === 'C-2001')).toMatchObject({ accepted: false, at: '2026-12-03', statuses: [{ category: 'A7', code: '562', entity: '85' }] });
    expect(claims.find((a) => a.claimId === 'C-2001')!.statuses[0]!.meaning).toMatch(/NPI/);
    expect(claims.find((a) => a.claimId === 'C-2003')).toMatchObject({ accepted: true });
  });

  it('refuses a 277 that is not an acknowledgment, and a file that is not X12, naming what it found', async () => {
    const x212 = await postAck(fixture('status-response-x212.277'), 'status.277');
    expect(x212.status).toBe(400);
    const body = (await x212.json()) as { code: string; error: string };
    expect(body.code).toBe('SJ_X12_NOT_AN_ACKNOWLEDGMENT');
    expect(body.error).toContain('status.277');
    const prose = await postAck('Dear billing office, all your claims were fine.', 'letter.txt');
    expect(prose.status).toBe(400);
    expect(((await prose.json()) as { error: string }).error).toContain('letter.txt');
  });
});

describe('GET /api/history/:id/837', () => {
  it('writes a kept claim as an 837P interchange that reads back as the same claim', async () => {
    const scrubbed = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
    const { scrubId } = (await scrubbed.json()) as { scrubId: string };
    const res = await fetch(`${service.base}/api/history/${scrubId}/837`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/edi-x12/);
    expect(res.headers.get('content-disposition')).toContain('C-1001.837');
    const text = await res.text();
    expect(text.startsWith('ISA*')).toBe(true);
    const [read] = readX12Text(text, 'export.837');
    expect(read!.claim).toMatchObject({ claimId: 'C-1001', totalCharge: EXAMPLE_CLAIMS[0]!.totalCharge, lines: [{ procedureCode: (EXAMPLE_CLAIMS[0]!.lines as Array<{ procedureCode: string }>)[0]!.procedureCode }] });
    const audit = await fetch(`${service.base}/api/audit?action=claim-export`, { headers: { cookie: await service.cookieFor('admin') } });
    expect(((await audit.json()) as { items: Array<{ user: string; target: string[] }> }).items[0]).toMatchObject({ user: 'biller', target: [scrubId, 'C-1001'] });
  });

  it('is 404 for a scrub the history does not hold', async () => {
    expect((await fetch(`${service.base}/api/history/no-such-scrub/837`)).status).toBe(404);
  });
});
