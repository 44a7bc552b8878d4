/**
 * Claim ids are patient account numbers and uploaded file names are often patients' names:
 * the real server, driven through every door with both, writes neither into any log line,
 * while the lines still say which route, what status and which rules.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, problemWith, startTestServer, type TestServer } from './support.js';

const ACCOUNT = 'ACCT-88123001';
const FILE_NAME = 'smith-john-2026.x12';
const claim = { ...EXAMPLE_CLAIMS[1]!, claimId: ACCOUNT };

let service: TestServer;
let socket: Socket;

beforeAll(async () => {
  service = await startTestServer();
  socket = await connectClient(service.base);
});

afterAll(async () => {
  socket.disconnect();
  await service.close();
});

/** the request lines are written when a response finishes, which may be just after the client has read it */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('the logs', () => {
  it('hold no claim id and no file name, whichever door they came through', async () => {
    const scrub = await fetch(`${service.base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
    expect(scrub.status).toBe(200);
    const { scrubId, findings } = (await scrub.json()) as { scrubId: string; findings: Array<{ ruleId: string }> };
    const name = encodeURIComponent(FILE_NAME);
    const text = await fetch(`${service.base}/api/scrub/text?name=${name}&asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(claim) });
    expect(text.status).toBe(200);
    // refusals name the file and the claim to the client; the log must not
    const brokenText = await fetch(`${service.base}/api/scrub/text?name=${name}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"claimId": "x", ' });
    expect(brokenText.status).toBe(400);
    expect(((await brokenText.json()) as { error: string }).error).toContain(FILE_NAME);
    const batch = await fetch(`${service.base}/api/batch?name=${name}&asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify([claim, claim]) });
    expect(batch.status).toBe(200);
    const brokenBatch = await fetch(`${service.base}/api/batch?name=${name}`, { method: 'POST', headers: JSON_HEADERS, body: '[{"lines": [' });
    expect(brokenBatch.status).toBe(400);
    expect((await fetch(`${service.base}/api/history/${scrubId}`)).status).toBe(200);
    expect((await fetch(`${service.base}/api/history/${ACCOUNT}`)).status).toBe(404);
    expect((await fetch(`${service.base}/api/history?claimId=${ACCOUNT}`)).status).toBe(200);
    const reply = await ask(socket, { text: 'why was this rejected?', claim });
    expect(reply.claimId).toBe(ACCOUNT);
    await ask(socket, { text: 'and the first line?', claimId: ACCOUNT });
    const unknown = await problemWith(socket, { text: 'and this one?', claimId: `${ACCOUNT}-9` });
    expect(unknown.code).toBe('SJ_SOCKET_UNKNOWN_CLAIM');
    await settled();

    const logText = service.logText();
    expect(logText).not.toContain(ACCOUNT);
    expect(logText).not.toContain(FILE_NAME);
    expect(logText).not.toContain('smith');

    // what a log line is for is still there: the route, the status, the rules found
    const lines = service.logs().filter((line) => line.msg === 'request');
    const paths = lines.map((line) => line.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/scrub', '/api/scrub/text', '/api/batch', '/api/history/:id', '/api/history']));
    expect(lines.find((line) => line.path === '/api/history/:id' && line.status === 404)).toBeDefined();
    const scrubLine = lines.find((line) => line.path === '/api/scrub');
    expect(scrubLine).toMatchObject({ method: 'POST', status: 200, claims: 1 });
    expect((scrubLine!.scrub as Array<{ ruleIds: string[] }>)[0]!.ruleIds).toContain(findings[0]!.ruleId);
    const refused = lines.find((line) => line.path === '/api/scrub/text' && line.status === 400);
    expect(refused).toMatchObject({ error: { code: 'SJ_INPUT_NOT_JSON', line: 1 } });
    expect(service.logs().find((line) => line.msg === 'chat')).toMatchObject({ scrubId: expect.any(String) });
  });
});
