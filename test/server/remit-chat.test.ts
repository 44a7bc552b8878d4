/**
 * The chat about a claim the payer has answered, on a real server with a real socket.io
 * client: a scrub kept, an 835 denying it posted, and the questions a biller asks next —
 * why it was denied, why a line was not paid, by when to appeal, appeal or correct, when
 * to follow up — answered from that remittance, citing its CARCs and appeal deadline.
 * A trainee's chat about the same claim has none of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../support/paths.js';
import { ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

/** C-1001 billed as denied.835 answers it: 99213 and 93000 on 2026-10-01, $240. */
const BASE = EXAMPLE_CLAIMS[0]! as Record<string, unknown> & { lines: Array<Record<string, unknown>> };
const C1001 = { ...BASE, lines: [BASE.lines[0], { ...BASE.lines[0], procedureCode: '93000', charge: 115 }], totalCharge: 240 };
const DENIED_835 = new Uint8Array(readFileSync(join(FIXTURES_DIR, 'x12', '835', 'denied.835')));

let service: TestServer;
let scrubId: string;
const sockets: Socket[] = [];

async function client(cookie?: string): Promise<Socket> {
  const socket = await connectClient(service.base, cookie === undefined ? {} : { cookie });
  sockets.push(socket);
  return socket;
}

async function scrub(claim: unknown, cookie?: string): Promise<string> {
  const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(claim) });
  return ((await res.json()) as { scrubId: string }).scrubId;
}

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller' });
  scrubId = await scrub(C1001);
  const posted = await fetch(`${service.base}/api/remits?name=denied.835`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: DENIED_835 });
  expect(((await posted.json()) as Array<{ scrub: { scrubId: string } | null }>)[0]?.scrub?.scrubId).toBe(scrubId);
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  await service.close();
});

describe('the chat about a denied claim', () => {
  it('says why the payer denied it from the remittance, citing each CARC, its group, amount and line, and the appeal deadline', async () => {
    const socket = await client();
    const reply = await ask(socket, { text: 'Why was this claim denied?', claimId: scrubId });
    expect(reply.scrubId).toBe(scrubId);
    expect(reply.text).toContain('Denied (CLP02 4)');
    expect(reply.text).toMatch(/Claim: CO-29 \$115\.00 — CARC 29: The payer's time limit for filing/);
    expect(reply.text).toMatch(/Line 1 \(99213\): CO-97 \$125\.00 — CARC 97: .*RARC M15/);
    expect(reply.text).toContain("Scrubjay's scrub did not predict it");
    expect(reply.text).toContain('Appeal by 2027-04-05');
    expect(reply.suggestions).toContain('Should I appeal or correct this?');
  });

  it('answers "why wasn\'t line 2 paid?" and then "and line 1?" line by line', async () => {
    const socket = await client();
    const line2 = await ask(socket, { text: "why wasn't line 2 paid?", claimId: scrubId });
    expect(line2.text).toContain('Line 2 (93000): billed $115.00, paid $0.00, with no adjustment on the line itself.');
    expect(line2.text).toContain('CARC 29');
    expect(line2.text).not.toContain('CARC 97');
    const line1 = await ask(socket, { text: 'and line 1?' });
    expect(line1.text).toContain('Line 1 (99213): billed $125.00, paid $0.00.');
    expect(line1.text).toContain('CO-97 $125.00 — CARC 97');
  });

  it('gives the appeal deadline with the Medicare rule and its sources, and advises appeal or correction per denial', async () => {
    const socket = await client();
    const deadline = await ask(socket, { text: 'How long do I have to appeal?', claimId: scrubId });
    expect(deadline.text).toContain('by 2027-04-05');
    expect(deadline.text).toContain('CARC 29 (CO-29)');
    expect(deadline.text).toContain('Remittance dated 2026-12-01, presumed received 2026-12-06, plus 120 days');
    expect(deadline.text).toContain('42 CFR 405.942(a)');
    expect(deadline.text).toContain('42 CFR 405.901');
    const advice = await ask(socket, { text: 'should I appeal or correct this?' });
    expect(advice.text).toMatch(/Claim CO-29 \$115\.00 \[CARC 29\]: Appeal by 2027-04-05, with proof the claim was filed in time/);
    expect(advice.text).toMatch(/Line 1 \(99213\) CO-97 \$125\.00 \[CARC 97\]: Appeal by 2027-04-05/);
  });

  it('says there is no answer to wait for, with the deadlines still open, when asked when to follow up', async () => {
    const socket = await client();
    const reply = await ask(socket, { text: 'When should I follow up?', claimId: scrubId });
    expect(reply.text).toMatch(/^Claim C-1001 is denied since \d{4}-\d{2}-\d{2}\. The payer answered on the remittance of 2026-12-01/);
    expect(reply.text).toContain('Appeal by 2027-04-05.');
    expect(reply.text).toContain('filed by 2027-10-01');
  });

  it('answers from a remittance posted while the conversation goes on', async () => {
    const socket = await client();
    const claim = { ...C1001, claimId: 'C-1001-LATER' };
    const before = await ask(socket, { text: 'why was this claim denied?', claim });
    expect(before.text).toMatch(/^I have no remittance \(835\) for claim C-1001-LATER/);
    const text = new TextDecoder().decode(DENIED_835).replace('CLP*C-1001*', 'CLP*C-1001-LATER*');
    await fetch(`${service.base}/api/remits`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: new TextEncoder().encode(text) });
    const after = await ask(socket, { text: 'why was this claim denied?' });
    expect(after.text).toMatch(/^Claim C-1001-LATER: Denied \(CLP02 4\)/);
    expect(after.text).toContain('CARC 97');
  });
});

describe('a trainee', () => {
  it('never gets remittance data in the chat, even about a claim of their own that a biller has posted a remittance for', async () => {
    const trainee = await service.cookieFor('trainee');
    const own = await scrub({ ...C1001, claimId: 'C-TRAINEE-1' }, trainee);
    const text = new TextDecoder().decode(DENIED_835).replace('CLP*C-1001*', 'CLP*C-TRAINEE-1*');
    const posted = await fetch(`${service.base}/api/remits`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: new TextEncoder().encode(text) });
    expect(((await posted.json()) as Array<{ scrub: { scrubId: string } | null }>)[0]?.scrub?.scrubId).toBe(own);

    const socket = await client(trainee);
    for (const question of ['Why was this claim denied?', 'How long do I have to appeal?', 'should I appeal or correct this?', 'when should I follow up?', 'what does CO-97 mean?']) {
      const reply = await ask(socket, { text: question, claimId: own });
      expect(reply.scrubId).toBe(own);
      expect(reply.text, question).not.toMatch(/2027-04-05|CLP02|MEDICARE PART B EXAMPLE CONTRACTOR|remittance of 2026-12-01|\$115\.00/);
    }
    const why = await ask(socket, { text: 'Why was this claim denied?' });
    expect(why.text).toMatch(/^I have no remittance \(835\) for claim C-TRAINEE-1, so I can't say what the payer decided\. What the scrub predicts/);
  });
});
