/**
 * JSON nested far deeper than any claim (a hundred thousand brackets) is refused as bad
 * input at every door, with the depth named, and nothing of it is kept; a claim that
 * nests as deeply as is allowed is still scrubbed.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/claim/json-depth.js';
import { connectClient, EXAMPLE_CLAIMS, expectErrorBody, fetch, JSON_HEADERS, problemWith, startTestServer, type TestServer } from './support.js';

const DEPTH = 100_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
/** a claim that would pass as one, carrying the deep value in a field of its own */
const claimText = JSON.stringify(EXAMPLE_CLAIMS[1]!);
const claimWith = (deep: string): string => `${claimText.slice(0, -1)},"extra":${deep}}`;
/** nested to `depth` levels in all: the claim object is the first */
const nestedTo = (depth: number): string => claimWith('['.repeat(depth - 1) + ']'.repeat(depth - 1));

/** each body, and how deep it nests in all */
const bodies: Array<[string, string, number]> = [
  ['an array of arrays', deepArray, DEPTH],
  ['an object of objects', deepObject, DEPTH],
  ['a claim with a deep field', claimWith(deepArray), DEPTH + 1],
];
/** the socket.io client itself walks what it sends by recursion, so the chat's deep claims are shallower */
const SOCKET_DEPTH = 3_000;
const socketBodies: Array<[string, unknown, number]> = [
  ['an array of arrays', JSON.parse('['.repeat(SOCKET_DEPTH) + ']'.repeat(SOCKET_DEPTH)), SOCKET_DEPTH],
  ['a claim with a deep field', JSON.parse(claimWith('{"a":'.repeat(SOCKET_DEPTH) + '1' + '}'.repeat(SOCKET_DEPTH))), SOCKET_DEPTH + 1],
];

let service: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  service = await startTestServer();
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  await service.close();
});

async function refused(path: string, body: string, depth: number, contentType = 'application/json'): Promise<Record<string, unknown>> {
  const res = await fetch(`${service.base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const answer = (await res.json()) as Record<string, unknown>;
  expect(res.status, `${path}: ${JSON.stringify(answer).slice(0, 200)}`).toBe(400);
  expectErrorBody(answer);
  expect(answer.code).toBe('SJ_INPUT_TOO_DEEP');
  expect(answer.error).toContain(`nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are allowed`);
  return answer;
}

async function keptScrubs(): Promise<number> {
  const res = await fetch(`${service.base}/api/history`);
  return ((await res.json()) as { total: number }).total;
}

describe('JSON nested too deeply to be a claim', () => {
  it.each(bodies)('is refused by POST /api/scrub, and nothing is kept: %s', async (_what, body, depth) => {
    const before = await keptScrubs();
    await refused('/api/scrub', body, depth);
    expect(await keptScrubs()).toBe(before);
  });

  it('names the claim and the field the deep value is in', async () => {
    const answer = await refused('/api/scrub', `[${claimText},${claimWith(deepArray)}]`, DEPTH + 2);
    expect(answer).toMatchObject({ claimIndex: 1, field: 'extra[0]' });
  });

  it.each(bodies)('is refused by POST /api/scrub/text with the line it goes too deep on: %s', async (_what, body, depth) => {
    const before = await keptScrubs();
    const answer = await refused('/api/scrub/text', body, depth, 'text/plain');
    expect(answer.line).toBe(1);
    expect(await keptScrubs()).toBe(before);
  });

  it.each(bodies)('is refused by POST /api/batch: %s', async (_what, body, depth) => {
    await refused('/api/batch?name=deep.json', body, depth);
  });

  it('is refused in an NDJSON upload, naming its line', async () => {
    const ndjson = `${claimText}\n${claimText}\n${claimWith(deepObject)}\n`;
    const answer = await refused('/api/batch?name=deep.ndjson', ndjson, DEPTH + 1, 'application/x-ndjson');
    expect(answer.line).toBe(3);
  });

  it.each(socketBodies)('is answered with an error event when sent with a chat message: %s', async (_what, claim, depth) => {
    const socket = await connectClient(service.base);
    sockets.push(socket);
    const problem = await problemWith(socket, { text: 'what is wrong with this claim?', claim });
    expect(problem).toMatchObject({ event: 'chat:message', code: 'SJ_INPUT_TOO_DEEP' });
    expect(problem.message).toContain(`nested ${depth} levels deep`);
    expect(problem.field === 'claim' || problem.field?.startsWith('claim.')).toBe(true);
  });

  it('leaves a claim nested as deeply as is allowed to be scrubbed and kept', async () => {
    const before = await keptScrubs();
    const scrub = await fetch(`${service.base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body: nestedTo(MAX_JSON_DEPTH) });
    expect(scrub.status).toBe(200);
    const text = await fetch(`${service.base}/api/scrub/text?asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: nestedTo(MAX_JSON_DEPTH) });
    expect(text.status).toBe(200);
    expect(((await text.json()) as { items: Array<{ scrubId: string | null }> }).items[0]!.scrubId).not.toBeNull();
    // one level more is refused
    await refused('/api/scrub', nestedTo(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH + 1);
    expect(await keptScrubs()).toBe(before + 2);
  });
});
