/**
 * A trainee sees only their own scrubs, and a scrub or conversation is reached only by a
 * user allowed to see it: a guessed history id or claim id opens nothing, and nobody reads
 * or adds to another user's conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, problemWith, startTestServer, type TestServer } from './support.js';

let service: TestServer;
let trainee: string;
let biller: string;
let billerScrub: { id: string; claimId: string };

beforeAll(async () => {
  service = await startTestServer();
  trainee = await service.cookieFor('trainee');
  biller = await service.cookieFor('biller');
  const socket = await connectClient(service.base, { cookie: biller });
  const reply = await ask(socket, { text: 'why would this claim be denied?', claim: { ...EXAMPLE_CLAIMS[1], claimId: 'BILLERS-OWN-1' } });
  socket.disconnect();
  billerScrub = { id: reply.scrubId!, claimId: 'BILLERS-OWN-1' };
});

afterAll(async () => {
  await service.close();
});

describe('history', () => {
  it("lists only a trainee's own scrubs, and the clinic's to a biller", async () => {
    await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: trainee }, body: JSON.stringify({ ...EXAMPLE_CLAIMS[0], claimId: 'TRAINEES-OWN-1' }) });
    const own = (await (await fetch(`${service.base}/api/history`, { headers: { cookie: trainee } })).json()) as { total: number; items: Array<{ claimId: string; owner: string }> };
    expect(own.items.map((i) => i.claimId)).toEqual(['TRAINEES-OWN-1']);
    expect(own.total).toBe(1);
    const all = (await (await fetch(`${service.base}/api/history`, { headers: { cookie: biller } })).json()) as { items: Array<{ claimId: string; owner: string }> };
    expect(all.items.map((i) => [i.claimId, i.owner])).toEqual(expect.arrayContaining([['TRAINEES-OWN-1', 'trainee'], ['BILLERS-OWN-1', 'biller']]));
    const searched = (await (await fetch(`${service.base}/api/history?claimId=BILLERS`, { headers: { cookie: trainee } })).json()) as { total: number };
    expect(searched.total).toBe(0);
  });

  it("answers another user's scrub to a trainee exactly as one that does not exist", async () => {
    const other = await fetch(`${service.base}/api/history/${billerScrub.id}`, { headers: { cookie: trainee } });
    const none = await fetch(`${service.base}/api/history/no-such-scrub`, { headers: { cookie: trainee } });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await none.json());
    expect((await fetch(`${service.base}/api/history/${billerScrub.id}`, { headers: { cookie: biller } })).status).toBe(200);
  });
});

describe('conversations', () => {
  it("does not open another user's scrub for a trainee by its claim id or history id", async () => {
    const socket = await connectClient(service.base, { cookie: trainee });
    try {
      for (const claimId of [billerScrub.claimId, billerScrub.id]) {
        const problem = await problemWith(socket, { text: 'why would this claim be denied?', claimId });
        expect(problem).toMatchObject({ code: 'SJ_SOCKET_UNKNOWN_CLAIM', field: 'claimId' });
      }
    } finally {
      socket.disconnect();
    }
    const record = (await (await fetch(`${service.base}/api/history/${billerScrub.id}`, { headers: { cookie: biller } })).json()) as { chat: Array<{ text: string }> };
    expect(record.chat.map((t) => t.text)).toEqual([expect.stringContaining('why would this claim be denied'), expect.any(String)]);
  });

  it("gives a user who may open another's scrub a conversation of their own about it", async () => {
    const admin = await service.cookieFor('admin');
    const socket = await connectClient(service.base, { cookie: admin });
    try {
      const reply = await ask(socket, { text: 'how do I fix it?', claimId: billerScrub.claimId });
      expect(reply.scrubId).toBe(billerScrub.id);
    } finally {
      socket.disconnect();
    }
    const billers = (await (await fetch(`${service.base}/api/history/${billerScrub.id}`, { headers: { cookie: biller } })).json()) as { chat: Array<{ text: string }> };
    expect(billers.chat.map((t) => t.text)).not.toContain('how do I fix it?');
    const admins = (await (await fetch(`${service.base}/api/history/${billerScrub.id}`, { headers: { cookie: admin } })).json()) as { chat: Array<{ text: string }> };
    expect(admins.chat[0]?.text).toBe('how do I fix it?');
  });
});
