/**
 * Every door scrubs a claim the same way: the same claims, in every format Scrubjay reads,
 * sent through `check`, `POST /api/scrub`, `POST /api/scrub/text`, a batch upload, a chat
 * message and a what-if the chat applies, give identical results. The doors differ only in
 * what they call the input (a file name, "request body"), which is written out before the
 * results are compared.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/claim/dates.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { write837 } from '../support/x12-writer.js';
import { ask, connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, problemWith, startTestServer, type TestServer } from '../server/support.js';

type Json = Record<string, any>;

// the chat has no as-of parameter: it scrubs as of today, so every door does here
const AS_OF = todayIso();
const FHIR_CLAIM = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'well-child-visit.fhir.json'), 'utf8')) as Json;
const FHIR_EOB: Json = { ...FHIR_CLAIM, resourceType: 'ExplanationOfBenefit', id: 'well-child-5521-eob', outcome: 'complete' };
const FHIR_BUNDLE: Json = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: FHIR_CLAIM }, { resource: { ...FHIR_CLAIM, id: 'well-child-5522' } }] };
const [CLEAN, REJECTED, WARNED] = EXAMPLE_CLAIMS as unknown as [Json, Json, Json];
const INSTITUTIONAL_JSON: Json = { ...REJECTED, claimId: 'I-7001', type: 'institutional' };
const X12P = readFileSync(join(REPO_ROOT, 'examples', 'office-visit.837'), 'utf8');
const X12I = write837([{ ...CLEAN, claimId: 'I-7002' }], { version: '005010X223A2' });
const BROKEN_NDJSON = [JSON.stringify(CLEAN), '{"claimId": "C-BROKEN", "lines": [', JSON.stringify(WARNED)].join('\n');

/** An input, as a file's text, and as the JSON value a JSON door takes when it is JSON. */
interface Input {
  name: string;
  text: string;
  json?: unknown;
}

const INPUTS: Input[] = [
  { name: 'claims.json', text: JSON.stringify(EXAMPLE_CLAIMS), json: EXAMPLE_CLAIMS },
  { name: 'office-visit.837', text: X12P },
  { name: 'inpatient.837', text: X12I },
  { name: 'institutional.json', text: JSON.stringify(INSTITUTIONAL_JSON), json: INSTITUTIONAL_JSON },
  { name: 'claim.fhir.json', text: JSON.stringify(FHIR_CLAIM), json: FHIR_CLAIM },
  { name: 'eob.fhir.json', text: JSON.stringify(FHIR_EOB), json: FHIR_EOB },
  { name: 'bundle.fhir.json', text: JSON.stringify(FHIR_BUNDLE), json: FHIR_BUNDLE },
  { name: 'broken.ndjson', text: BROKEN_NDJSON },
];

/** A result with the door's name for its input written out, and the place in the file kept. */
function comparable(result: Json, name: string): Json {
  return JSON.parse(JSON.stringify(result).replaceAll(name, '<input>')) as Json;
}

let service: TestServer;
let socket: Socket;
let folder: string;

beforeAll(async () => {
  service = await startTestServer();
  socket = await connectClient(service.base);
  folder = tempDir('scrubjay-doors-');
  mkdirSync(folder, { recursive: true });
  for (const input of INPUTS) writeFileSync(join(folder, input.name), input.text);
});

afterAll(async () => {
  socket.disconnect();
  await service.close();
});

async function viaCheck(input: Input): Promise<Json[]> {
  const run = await runCli(['check', input.name, '--format', 'json', '--as-of', AS_OF, '--no-progress', '--data', join(folder, 'data')], { cwd: folder });
  expect(run.code, run.stderr).not.toBeNull();
  return (JSON.parse(run.stdout) as Json[]).map((r) => comparable(r, input.name));
}

/** The page's endpoint answers each claim with its history id: null when nothing of it could be read to keep. */
async function viaTextItems(input: Input): Promise<Array<{ scrubId: string | null; result: Json }>> {
  const res = await fetch(`${service.base}/api/scrub/text?asOf=${AS_OF}&name=${encodeURIComponent(input.name)}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: input.text });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Json[] }).items.map((item) => ({ scrubId: item.scrubId as string | null, result: comparable(item.result, input.name) }));
}

async function viaText(input: Input): Promise<Json[]> {
  return (await viaTextItems(input)).map((item) => item.result);
}

/** The contract's endpoint: JSON posted as JSON, everything else as the file's text. */
async function viaScrub(input: Input): Promise<Json[]> {
  const asJson = input.json !== undefined;
  const res = await fetch(`${service.base}/api/scrub?asOf=${AS_OF}`, {
    method: 'POST',
    headers: asJson ? JSON_HEADERS : { 'content-type': 'text/plain' },
    body: asJson ? JSON.stringify(input.json) : input.text,
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Json | Json[];
  // the history id the answer carries is this door's own: the result is compared without it
  return (Array.isArray(body) ? body : [body]).map(({ scrubId, ...result }: Json) => {
    if (scrubId !== undefined) expect(typeof scrubId).toBe('string');
    return comparable(result, 'request body');
  });
}

/** A batch upload keeps the claims with findings; their stored results are the batch's. */
async function viaBatch(input: Input): Promise<Json[]> {
  const res = await fetch(`${service.base}/api/batch?asOf=${AS_OF}&name=${encodeURIComponent(input.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: input.text });
  expect(res.status).toBe(200);
  const { stored, summary } = (await res.json()) as { stored: Array<{ scrubId: string }>; summary: Json };
  const results: Json[] = [];
  batchSummaries.set(input.name, summary);
  for (const { scrubId } of stored) {
    const record = (await (await fetch(`${service.base}/api/history/${scrubId}`)).json()) as { record: { result: Json } };
    results.push(comparable(record.record.result, input.name));
  }
  return results;
}

const CHAT_NAME = 'the claim sent with the message';
const batchSummaries = new Map<string, Json>();


describe('one intake behind every door', () => {
  for (const input of INPUTS) {
    it(`gives ${input.name} the same results through check, /api/scrub, /api/scrub/text and a batch upload`, async () => {
      const fromCheck = await viaCheck(input);
      expect(fromCheck.length).toBeGreaterThan(0);
      const fromText = await viaTextItems(input);
      expect(fromText.map((item) => item.result)).toEqual(fromCheck);
      expect(await viaScrub(input)).toEqual(fromCheck);
      // the batch keeps the claims that could be read and have findings, in file order, and counts every claim
      const keepable = fromCheck.filter((r, index) => r.status !== 'clean' && fromText[index]!.scrubId !== null);
      expect(await viaBatch(input)).toEqual(keepable);
      const count = (status: string): number => fromCheck.filter((r) => r.status === status).length;
      expect(batchSummaries.get(input.name)).toMatchObject({ claims: fromCheck.length, rejected: count('reject'), warned: count('warn'), clean: count('clean') });
    });
  }

  it('never passes an institutional claim as clean, whichever door it came through', async () => {
    for (const input of INPUTS.filter((i) => i.name.startsWith('in'))) {
      for (const results of [await viaCheck(input), await viaScrub(input), await viaText(input)]) {
        expect(results).toHaveLength(1);
        expect(results[0]).toMatchObject({ status: 'reject' });
        expect(results[0]!.findings.map((f: Json) => f.ruleId)).toContain(input.name.endsWith('.837') ? 'x12-institutional' : 'claim-type-not-supported');
      }
    }
  });

  it('gives a claim sent with a chat message the result every other door gives it, input problems and places in the file included', async () => {
    for (const input of INPUTS) {
      const fromCheck = await viaCheck(input);
      if (fromCheck.length !== 1) continue;
      const claim = input.json ?? input.text;
      if (fromCheck[0]!.findings.some((f: Json) => f.ruleId === 'x12-institutional')) {
        // nothing of an 837I claim is read, so there is no claim to talk about: the chat says why
        const problem = await problemWith(socket, { text: 'why would this be denied?', claim });
        expect(problem.message).toMatch(/institutional claim/);
        continue;
      }
      const reply = await ask(socket, { text: 'why would this be denied?', claim });
      expect(comparable(reply.result as Json, CHAT_NAME), input.name).toEqual(fromCheck[0]);
    }
  });

  it('keeps the finding locations of an 837 sent to the chat', async () => {
    const reply = await ask(socket, { text: 'why would this be denied?', claim: X12P });
    const located = (reply.result as Json).findings.filter((f: Json) => typeof f.location === 'string');
    expect(located.length).toBeGreaterThan(0);
    expect(located[0].location).toMatch(/segment \d+/);
  });

  it('scrubs a change the chat applies as the contract endpoint scrubs the changed claim', async () => {
    await ask(socket, { text: 'why would this be denied?', claim: REJECTED });
    await ask(socket, { text: 'what if I remove line 3?' });
    const applied = await ask(socket, { text: 'apply that' });
    expect(applied.scrubId).toBeDefined();
    const kept = (await (await fetch(`${service.base}/api/history/${applied.scrubId}`)).json()) as { record: { claim: Json; result: Json } };
    expect((kept.record.claim.lines as unknown[]).length).toBe((REJECTED.lines as unknown[]).length - 1);
    const [again] = await viaScrub({ name: 'changed.json', text: '', json: kept.record.claim });
    expect(comparable(applied.result as Json, 'the changed claim')).toEqual(again);
  });
});
