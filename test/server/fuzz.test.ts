/**
 * Random bodies and socket payloads at a signed-in session: whatever arrives, the server
 * answers (never a 500), keeps serving, and a refused request leaves the history as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connectClient, EXAMPLE_CLAIMS, fetch, startTestServer, type TestServer } from './support.js';

let service: TestServer;

beforeAll(async () => {
  // generous allowances: the properties send hundreds of requests and messages a minute
  service = await startTestServer({ rateLimitPerMinute: 100_000, limits: { chat: { burst: 10_000, perSecond: 10_000 } } });
});

afterAll(async () => {
  await service.close();
});

async function historyTotal(): Promise<number> {
  return ((await (await fetch(`${service.base}/api/history?limit=1`)).json()) as { total: number }).total;
}

/** Bodies a client might send by mistake or on purpose: JSON of any shape, claims with wrong types, bare text, bytes. */
const claimLike = fc.record(
  {
    claimId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    lines: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
    patient: fc.jsonValue({ maxDepth: 2 }),
    serviceDate: fc.oneof(fc.string(), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString()))),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ type: 'application/json', text: JSON.stringify(v) })),
  claimLike.map((v) => ({ type: 'application/json', text: JSON.stringify(v) })),
  fc.array(claimLike, { maxLength: 5 }).map((v) => ({ type: 'application/json', text: JSON.stringify(v) })),
  fc.string({ maxLength: 400 }).map((text) => ({ type: 'text/plain', text })),
  fc.string({ maxLength: 200 }).map((text) => ({ type: 'application/json', text: `{"claimId": ${text}` })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ type: 'application/octet-stream', text: Buffer.from(bytes).toString('latin1') })),
  fc.constantFrom('ISA*00*', 'ISA', '{"resourceType":"Bundle","entry":[{}]}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]').map((text) => ({ type: 'text/plain', text })),
);

describe('random request bodies', () => {
  for (const route of ['/api/scrub', '/api/scrub/text', '/api/batch', '/api/session', '/api/setup', '/api/accounts']) {
    it(`POST ${route} answers every body without a 500, and a refusal keeps nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(body, async ({ type, text }) => {
          const before = await historyTotal();
          const res = await fetch(`${service.base}${route}`, { method: 'POST', headers: { 'content-type': type }, body: text });
          expect(res.status).toBeLessThan(500);
          await res.arrayBuffer();
          if (res.status >= 400) expect(await historyTotal()).toBe(before);
        }),
        { numRuns: 40 },
      );
      expect((await fetch(`${service.base}/api/health`)).status).toBe(200);
    });
  }

  it('answers random query strings on the readers without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/history', '/api/audit', '/api/codes/carc', '/api/rules'), fc.dictionary(fc.constantFrom('claimId', 'limit', 'offset', 'user', 'action', 'since', 'x'), fc.string({ maxLength: 30 })), async (path, query) => {
        const res = await fetch(`${service.base}${path}?${new URLSearchParams(query).toString()}`);
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 60 },
    );
  });
});

describe('random socket payloads', () => {
  let socket: Socket;

  beforeAll(async () => {
    socket = await connectClient(service.base);
  });

  afterAll(() => {
    socket.disconnect();
  });

  it('answers every chat:message with a reply or an error event, and stays connected', async () => {
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ text: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), claimId: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(null)), claim: fc.oneof(claimLike, fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: ['text'] }),
      fc.constant({ text: 'why would this claim be denied?', claim: EXAMPLE_CLAIMS[1] }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (message) => {
        const before = await historyTotal();
        const answer = await new Promise<'reply' | 'error'>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20_000);
          const done = (kind: 'reply' | 'error'): void => {
            clearTimeout(timer);
            socket.off('chat:reply', onReply);
            socket.off('error', onError);
            resolve(kind);
          };
          const onReply = (): void => done('reply');
          const onError = (): void => done('error');
          socket.on('chat:reply', onReply);
          socket.on('error', onError);
          socket.emit('chat:message', message);
        });
        expect(socket.connected).toBe(true);
        if (answer === 'error') expect(await historyTotal()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses events it does not know, and stays connected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }).filter((e) => !['chat:message', 'connect', 'disconnect', 'error', 'connect_error', 'disconnecting', 'newListener', 'removeListener'].includes(e)), fc.jsonValue({ maxDepth: 2 }), async (event, payload) => {
        const refused = new Promise<{ code: string }>((resolve) => socket.once('error', resolve));
        socket.emit(event, payload);
        expect(await refused).toMatchObject({ code: 'SJ_AUTH_FORBIDDEN' });
        expect(socket.connected).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
