/**
 * The chat over socket.io against the real server: answers grounded in the claim's
 * findings, conversations kept and continued by id, bad payloads answered with an `error`
 * naming the field, one client's flood not holding up another, and rule status pushed live.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, nextEvent, problemWith, startTestServer, type TestServer,
} from './support.js';
import { saveByRename } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { waitFor } from '../support/wait.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { write837 } from '../support/x12-writer.js';

const C1002 = EXAMPLE_CLAIMS[1]!;
const C1003 = EXAMPLE_CLAIMS[2]!;
const C1002_LINES = (C1002.lines as unknown[]).length;
let service: TestServer;
const sockets: Socket[] = [];

async function client(): Promise<Socket> {
  const socket = await connectClient(service.base);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  service = await startTestServer();
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  await service.close();
});

describe('chat about a claim', () => {
  it('answers "why" from the claim sent with the question, naming its CARCs, and keeps the claim for follow-ups', async () => {
    const socket = await client();
    const reply = await ask(socket, { text: 'Why would this claim be denied?', claim: C1002 });
    expect(reply.text).toContain('C-1002');
    expect(reply.text).toMatch(/CARC 16/);
    expect(reply.text).toMatch(/CARC 18/);
    expect(reply.scrubId).toEqual(expect.any(String));
    expect(reply.claimId).toBe('C-1002');
    expect(reply.result).toMatchObject({ claimId: 'C-1002', status: 'reject' });
    expect(reply.findings?.map((f) => f.ruleId)).toContain('billing-provider-npi-invalid');
    expect(reply.suggestions?.length).toBeGreaterThanOrEqual(2);

    // no claim and no id: the follow-up is about the same claim
    const followUp = await ask(socket, { text: 'explain the finding on line 3' });
    expect(followUp.scrubId).toBe(reply.scrubId);
    expect(followUp.text).toMatch(/line 3/i);
    expect(followUp.text).toContain('duplicate-service-line');
    expect(followUp.result).toBeUndefined();

    // a suggestion chip is a question like any other
    const chip = await ask(socket, { text: reply.suggestions![0]! });
    expect(chip.text.length).toBeGreaterThan(0);

    const stored = (await (await fetch(`${service.base}/api/history/${reply.scrubId}`)).json()) as { record: { claimId: string; origin: string }; chat: Array<{ role: string; text: string }> };
    expect(stored.record).toMatchObject({ claimId: 'C-1002', origin: 'socket' });
    expect(stored.chat.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    expect(stored.chat[0]!.text).toBe('Why would this claim be denied?');
    expect(stored.chat[1]!.text).toBe(reply.text);
  });

  it('remembers what the last answer was about, so "how do I fix it?" means that line', async () => {
    const socket = await client();
    await ask(socket, { text: 'why would this claim be denied?', claim: C1002 });
    const explained = await ask(socket, { text: 'explain the finding on line 3' });
    expect(explained.text).toContain('duplicate-service-line');
    const fix = await ask(socket, { text: 'how do I fix it?' });
    expect(fix.text).toMatch(/line 3/i);
    expect(fix.findings?.map((f) => f.line)).toEqual(expect.arrayContaining([3]));
    expect(fix.findings?.every((f) => f.line === 3)).toBe(true);
  });

  it('continues a stored conversation from another connection by its history id, or by the claim id', async () => {
    const first = await client();
    const opening = await ask(first, { text: 'why would this claim be denied?', claim: C1002 });
    first.disconnect();

    const later = await client();
    const resumed = await ask(later, { text: 'how do I fix line 3?', claimId: opening.scrubId });
    expect(resumed.scrubId).toBe(opening.scrubId);
    expect(resumed.text).toMatch(/line 3/i);
    const stored = (await (await fetch(`${service.base}/api/history/${opening.scrubId}`)).json()) as { chat: Array<{ role: string; text: string }> };
    expect(stored.chat.map((t) => t.text)).toEqual([
      'why would this claim be denied?', opening.text,
      'how do I fix line 3?', resumed.text,
    ]);

    // the biller's claim id picks the newest scrub of that claim, here one made over REST
    await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(C1003) });
    const other = await client();
    const byClaimId = await ask(other, { text: 'what is the filing deadline for this claim?', claimId: 'C-1003' });
    expect(byClaimId.claimId).toBe('C-1003');
    expect(byClaimId.text).toMatch(/deadline|filing/i);
    // exactly that claim id: part of it, or the same letters in another case, is another claim
    for (const near of ['C-100', 'c-1003']) expect((await problemWith(other, { text: 'why?', claimId: near })).message).toMatch(/no scrubbed claim/);
  });

  it('"apply that" keeps the what-if change as a new stored claim, leaves the old one as it was, and talks about the new one', async () => {
    const socket = await client();
    const opening = await ask(socket, { text: 'why would this claim be denied?', claim: C1002 });
    expect(opening.result?.findings.map((f) => f.ruleId)).toContain('duplicate-service-line');
    const whatIf = await ask(socket, { text: 'what if I remove line 3?' });
    expect(whatIf.text).toMatch(/^If you remove line 3/);
    expect(whatIf.result).toBeUndefined();

    const applied = await ask(socket, { text: 'apply that' });
    expect(applied.text).toMatch(/^Done: I made the change \(remove line 3/);
    expect(applied.scrubId).toEqual(expect.any(String));
    expect(applied.scrubId).not.toBe(opening.scrubId);
    expect(applied.claimId).toBe('C-1002');
    expect(applied.result?.findings.map((f) => f.ruleId)).not.toContain('duplicate-service-line');

    type Stored = { record: { claim: { lines: unknown[] }; origin: string }; chat: Array<{ text: string }> };
    const stored = (await (await fetch(`${service.base}/api/history/${applied.scrubId}`)).json()) as Stored;
    expect(stored.record.claim.lines).toHaveLength(C1002_LINES - 1);
    expect(stored.record.origin).toBe('socket');
    expect(stored.chat.map((t) => t.text)).toEqual(['apply that', applied.text]);
    const before = (await (await fetch(`${service.base}/api/history/${opening.scrubId}`)).json()) as Stored;
    expect(before.record.claim.lines).toHaveLength(C1002_LINES);

    // the conversation is now about the changed claim
    const why = await ask(socket, { text: 'why would this claim be denied?' });
    expect(why.scrubId).toBe(applied.scrubId);
    expect(why.text).toContain('C-1002');
    expect(why.findings?.map((f) => f.ruleId)).not.toContain('duplicate-service-line');
  });

  it('talks about a claim sent as a FHIR ExplanationOfBenefit or as the text of an 837, and says plainly what it cannot read', async () => {
    const socket = await client();
    const eob = JSON.parse(readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_ProfessionalEOBExample1.json'), 'utf8')) as unknown;
    const fromFhir = await ask(socket, { text: 'why would this claim be denied?', claim: eob });
    expect(fromFhir.claimId).toBe('ProfessionalEOBExample1');
    expect(fromFhir.result?.findings.length).toBeGreaterThan(0);
    expect(fromFhir.text).toContain('ProfessionalEOBExample1');

    const fromX12 = await ask(socket, { text: 'why would this claim be denied?', claim: write837([C1002]) });
    expect(fromX12.claimId).toBe('C-1002');
    expect(fromX12.result?.findings.map((f) => f.ruleId)).toContain('duplicate-service-line');

    const patient = JSON.parse(readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'Patient_ExamplePatient1.json'), 'utf8')) as unknown;
    const problem = await problemWith(socket, { text: 'why?', claim: patient });
    expect(problem).toMatchObject({ event: 'chat:message', field: 'claim' });
    expect(problem.message).toMatch(/Patient\/ExamplePatient1 resource, not a claim/);
    const two = await problemWith(socket, { text: 'why?', claim: write837([C1002, C1003]) });
    expect(two.message).toMatch(/holds 2 claims; send one at a time/);
  });

  it('answers general questions without a claim', async () => {
    const socket = await client();
    const reply = await ask(socket, { text: 'what does CARC 97 mean?' });
    expect(reply.text).toMatch(/97/);
    expect(reply.text).toMatch(/bundled|part of another/i);
    expect(reply.scrubId).toBeUndefined();
  });
});

describe('bad payloads', () => {
  it('answers each with an error naming the field, and the socket stays usable', async () => {
    const socket = await client();
    const cases: Array<[unknown, string | null, RegExp, string]> = [
      ['just a string', null, /needs an object/, 'SJ_SOCKET_PAYLOAD'],
      [{}, 'text', /text/, 'SJ_SOCKET_PAYLOAD'],
      [{ text: 42 }, 'text', /string/, 'SJ_SOCKET_PAYLOAD'],
      [{ text: '   ' }, 'text', /empty/, 'SJ_SOCKET_PAYLOAD'],
      [{ text: 'x'.repeat(2001) }, 'text', /longer than 2000/, 'SJ_SOCKET_PAYLOAD'],
      [{ text: 'why?', claimId: 7 }, 'claimId', /string/, 'SJ_SOCKET_PAYLOAD'],
      [{ text: 'why?', claimId: 'no-such-scrub' }, 'claimId', /no scrubbed claim/, 'SJ_SOCKET_UNKNOWN_CLAIM'],
      [{ text: 'why?', claim: 'not a claim' }, 'claim', /not a claim object/, 'SJ_INPUT_NOT_A_CLAIM'],
      [{ text: 'why?', claim: { claimId: 'C-NOLINES' } }, 'claim.lines', /lines/, 'SJ_INPUT_NOT_A_CLAIM'],
    ];
    for (const [payload, field, message, code] of cases) {
      const problem = await problemWith(socket, payload);
      expect(problem.event, JSON.stringify(payload).slice(0, 60)).toBe('chat:message');
      expect(problem.field, JSON.stringify(payload).slice(0, 60)).toBe(field);
      expect(problem.message).toMatch(message);
      // the one error body of every boundary: `error` says what `message` says, `code` is the catalog's
      expect(problem, JSON.stringify(payload).slice(0, 60)).toMatchObject({ code, error: problem.message });
    }
    const reply = await ask(socket, { text: 'what can you do?' });
    expect(reply.text.length).toBeGreaterThan(0);
    expect(socket.connected).toBe(true);
  });

  it('closes a socket whose message is over the size limit, and serves the others', async () => {
    const big = await client();
    const other = await client();
    const closed = nextEvent(big, 'disconnect');
    big.emit('chat:message', { text: 'why?', claim: { ...C1002, pad: 'x'.repeat(1_200_000) } });
    await closed;
    const reply = await ask(other, { text: 'why would this claim be denied?', claim: C1002 });
    expect(reply.text).toContain('C-1002');
  });

  it('turns away a flood from one client while another is answered', async () => {
    const flooder = await client();
    const polite = await client();
    const toldOff = nextEvent<{ message: string; code: string }>(flooder, 'error');
    const cutOff = nextEvent(flooder, 'disconnect');
    for (let i = 0; i < 1000; i++) flooder.emit('chat:message', { text: `why would this claim be denied? ${i}`, claim: C1002 });
    const reply = await ask(polite, { text: 'why would this claim be denied?', claim: C1002 });
    expect(reply.text).toContain('C-1002');
    expect(await toldOff).toMatchObject({ message: expect.stringMatching(/too many messages/), code: 'SJ_SOCKET_FLOOD' });
    await cutOff;
    expect(flooder.connected).toBe(false);
    const again = await ask(polite, { text: 'explain the finding on line 2' });
    expect(again.text).toMatch(/line 2/i);
  });

  it('refuses a socket opened from another site', async () => {
    await expect(connectClient(service.base, { origin: 'http://attacker.example' })).rejects.toThrow();
    const sameSite = await connectClient(service.base, { origin: service.base });
    sockets.push(sameSite);
    expect(sameSite.connected).toBe(true);
  });
});

describe('logs', () => {
  it('carry the history id and rule ids, never the claim id, the question, the answer or the claim contents', async () => {
    const socket = await client();
    const claim = { ...C1002, claimId: 'C-LOGCHAT', subscriber: { ...(C1002.subscriber as object), memberId: 'QX77LOGSECRET', firstName: 'Philippa', lastName: 'Quarterman' } };
    const reply = await ask(socket, { text: 'Why would Philippa Quarterman be denied?', claim });
    await waitFor('the chat log line', () => service.logs().find((line) => line.event === 'chat' && line.scrubId === reply.scrubId));
    const text = service.logText();
    for (const secret of ['C-LOGCHAT', 'QX77LOGSECRET', 'Philippa', 'Quarterman', reply.text.slice(0, 40)]) expect(text).not.toContain(secret);
    const line = service.logs().find((l) => l.event === 'chat' && l.scrubId === reply.scrubId)!;
    expect(line).toMatchObject({ scrubId: reply.scrubId, intent: expect.any(String), ruleIds: expect.arrayContaining(['billing-provider-npi-invalid']) });
  });
});

describe('rule status pushed to pages', () => {
  it('pushes a rejected edit with file:line:col, then the fixed set and its new version', async () => {
    const rulesDir = copyOfShippedRules();
    const live = await startTestServer({ rulesDir });
    try {
      const socket = await connectClient(live.base);
      sockets.push(socket);
      const file = join(rulesDir, 'code-compatibility', 'duplicate-lines.yaml');
      const original = readFileSync(file, 'utf8');
      const firstVersion = (await (await fetch(`${live.base}/api/rules/status`)).json()) as { version: string; state: string };
      expect(firstVersion.state).toBe('ok');

      const rejected = nextEvent<{ state: string; version: string; problems: Array<{ file: string; line: number; column: number; message: string }> }>(socket, 'rules:status');
      saveByRename(file, `${original}\n  broken: [unclosed\n`);
      const status = await rejected;
      expect(status.state).toBe('rejected');
      expect(status.version).toBe(firstVersion.version);
      expect(status.problems[0]).toMatchObject({ file: expect.stringContaining('duplicate-lines.yaml'), line: expect.any(Number), column: expect.any(Number) });
      expect(await (await fetch(`${live.base}/api/rules/status`)).json()).toMatchObject({ state: 'rejected' });

      const fixed = nextEvent<{ state: string; version: string }>(socket, 'rules:status');
      saveByRename(file, original.replace('repeats line', 'duplicates line'));
      const accepted = await fixed;
      expect(accepted.state).toBe('ok');
      expect(accepted.version).not.toBe(firstVersion.version);
      // the reload's entry names the files the new version changed, read from the history after the swap
      const audit = await waitFor('the reload in the audit trail', async () => {
        const actions = (await live.server.store.auditQuery({ limit: 10 })).items.map((entry) => entry.action);
        return actions.includes('rules-reload') ? actions : undefined;
      });
      expect(audit).toEqual(expect.arrayContaining(['rules-rejected', 'rules-reload']));
    } finally {
      await live.close();
    }
  });
});
