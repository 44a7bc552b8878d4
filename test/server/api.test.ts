/**
 * The REST API beyond the contract's scrub: the history every scrub is kept in, rule
 * status, code meanings, the page's examples, scrubbing text in any format, and batch
 * upload with live progress — all against the real server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { openApiDocument } from '../../src/contract/openapi.js';
import { packageVersion } from '../../src/server/routes/openapi.js';
import { write837 } from '../support/x12-writer.js';
import { generateClaims } from '../support/claim-generator.js';
import { resultSchema } from '../support/contract.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { waitFor } from '../support/wait.js';
import { ErrorBodySchema } from '../../src/contract/problem.js';
import { connectClient, EXAMPLE_CLAIMS, fetch, JSON_HEADERS, problemWith, startTestServer, type TestServer } from './support.js';

let service: TestServer;
let base: string;

beforeAll(async () => {
  service = await startTestServer({ limits: { batchBytes: 2 * 1024 * 1024 } });
  base = service.base;
});

afterAll(async () => {
  await service.close();
});

async function getJson(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.json() };
}

async function postText(path: string, text: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
  return { status: res.status, body: await res.json() };
}

describe('history', () => {
  it('keeps every REST scrub, searchable by part of the claim id, newest first, paged', async () => {
    const before = (await getJson('/api/history')).body.total as number;
    const res = await fetch(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS) });
    expect(res.status).toBe(200);
    const results = (await res.json()) as Array<{ status: string }>;
    expect(results.map((r) => r.status)).toEqual(['clean', 'reject', 'warn']);

    const all = await getJson('/api/history');
    expect(all.body.total).toBe(before + 3);
    expect(all.body.items.slice(0, 3).map((i: { claimId: string }) => i.claimId)).toEqual(['C-1003', 'C-1002', 'C-1001']);
    expect(all.body.items[1]).toMatchObject({ status: 'reject', errors: 11, warnings: 0, rulesetVersion: expect.any(String) });

    const search = await getJson('/api/history?claimId=c-1002');
    expect(search.body.items.length).toBeGreaterThan(0);
    expect(search.body.items.every((i: { claimId: string }) => i.claimId === 'C-1002')).toBe(true);
    const paged = await getJson('/api/history?limit=1&offset=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.items[0].id).toBe(all.body.items[1].id);

    const one = await getJson(`/api/history/${all.body.items[1].id}`);
    expect(one.body.record).toMatchObject({ claimId: 'C-1002', origin: 'rest', claim: { claimId: 'C-1002' } });
    expect(resultSchema.safeParse(one.body.record.result).success).toBe(true);
    expect(one.body.chat).toEqual([]);

    // each scrub is audited in the user's name, and so is the opening of a stored one
    const scrubs = (await service.server.store.auditQuery({ action: 'scrub', limit: 3 })).items;
    expect(scrubs).toHaveLength(3);
    expect(scrubs.every((entry) => entry.user === 'admin' && entry.role === 'admin' && /127\.0\.0\.1/.test(entry.address ?? ''))).toBe(true);
    expect(scrubs.map((entry) => entry.target[1])).toEqual(['C-1003', 'C-1002', 'C-1001']);
    const opened = (await service.server.store.auditQuery({ action: 'history-read', limit: 1 })).items[0];
    expect(opened).toMatchObject({ user: 'admin', target: [all.body.items[1].id, 'C-1002'] });
  });

  it('answers bad parameters and unknown ids with the field at fault', async () => {
    expect(await getJson('/api/history?limit=abc')).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await getJson('/api/history?limit=0')).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await getJson('/api/history?offset=-1')).toMatchObject({ status: 400, body: { field: 'offset' } });
    expect(await getJson('/api/history/no-such-id')).toMatchObject({ status: 404, body: { field: 'id' } });
    const badDate = await fetch(`${base}/api/scrub?asOf=27-11-2026`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ field: 'asOf', error: expect.stringContaining('YYYY-MM-DD') });
  });

  it('names bad parameters, unknown ids and cross-site writes by their catalog code', async () => {
    const badLimit = await getJson('/api/history?limit=abc');
    expect(ErrorBodySchema.parse(badLimit.body)).toMatchObject({ code: 'SJ_ARGUMENT_INVALID', field: 'limit' });
    const unknown = await getJson('/api/history/no-such-id');
    expect(ErrorBodySchema.parse(unknown.body)).toMatchObject({ code: 'SJ_HTTP_NOT_FOUND', field: 'id' });
    const noCode = await getJson('/api/codes/carc/XYZ');
    expect(noCode).toMatchObject({ status: 404, body: { code: 'SJ_HTTP_NOT_FOUND', field: 'code' } });
    const crossSite = await fetch(`${base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, origin: 'http://attacker.example' }, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
    expect(ErrorBodySchema.parse(await crossSite.json())).toMatchObject({ code: 'SJ_HTTP_CROSS_SITE', field: 'origin' });
  });

  it('answers a socket payload that does not fit with the error body and its code beside the event', async () => {
    const socket = await connectClient(base);
    try {
      const problem = await problemWith(socket, { text: 42 });
      expect(problem).toMatchObject({ event: 'chat:message', code: 'SJ_SOCKET_PAYLOAD', field: 'text' });
      expect(ErrorBodySchema.parse(problem)).toMatchObject({ error: problem.message });
    } finally {
      socket.disconnect();
    }
  });

  it('refuses scrubs posted from another site', async () => {
    const res = await fetch(`${base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, origin: 'http://attacker.example' }, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ field: 'origin' });
    const same = await fetch(`${base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, origin: base }, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
    expect(same.status).toBe(200);
  });
});

describe('the description of the interface', () => {
  it('serves its OpenAPI 3.1 document, the one every answer in these tests is checked against', async () => {
    const { status, body } = await getJson('/api/openapi.json');
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument(packageVersion()))));
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/api/scrub');
  });
});

describe('what the page reads', () => {
  it('reports the rule set in force and what is loaded in the data folder', async () => {
    const { body } = await getJson('/api/rules/status');
    expect(body).toMatchObject({ state: 'ok', version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\.\d+$/), rules: expect.any(Number), problems: [], failedTests: [] });
    const health = await getJson('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', rulesetVersion: body.version, rules: body.rules, rulesState: 'ok' });
    const data = await getJson('/api/data/status');
    expect(data.body).toMatchObject({ tables: [] });
  });

  it('gives the meaning of a CARC or RARC', async () => {
    const all = await getJson('/api/codes/carc');
    expect(all.body.codes).toEqual(expect.arrayContaining([{ code: '97', meaning: expect.stringMatching(/bundled|part of another/i) }]));
    expect((await getJson('/api/codes/carc/CO-97')).body).toMatchObject({ code: '97', meaning: expect.any(String) });
    expect((await getJson('/api/codes/rarc/n257')).body).toMatchObject({ code: 'N257', meaning: expect.stringMatching(/NPI|identifier/i) });
    expect(await getJson('/api/codes/carc/999')).toMatchObject({ status: 404, body: { field: 'code' } });
  });

  it('offers example claims that scrub as they say', async () => {
    const { body } = await getJson('/api/examples');
    const examples = body.examples as Array<{ id: string; title: string; about: string; text: string }>;
    expect(examples.length).toBeGreaterThanOrEqual(7);
    const statuses: Record<string, string> = {};
    for (const example of examples) {
      expect(example.title.length).toBeGreaterThan(0);
      const scrubbed = await postText(`/api/scrub/text?asOf=2026-11-27&name=${example.id}`, example.text);
      expect(scrubbed.status, example.id).toBe(200);
      statuses[example.id] = scrubbed.body.items[0].result.status;
    }
    expect(statuses).toMatchObject({
      'clean-medicare-visit': 'clean',
      'commercial-many-errors': 'reject',
      'medicaid-deadline-near': 'warn',
      'preventive-visit-wrong-age': 'reject',
      'medicare-filed-late': 'reject',
      'x12-knee-injections': 'reject',
      'fhir-well-child-visit': 'reject',
    });
  });
});

describe('scrubbing text as pasted', () => {
  it('reads NDJSON and answers each claim as read, with its result and history id', async () => {
    const ndjson = EXAMPLE_CLAIMS.map((claim) => JSON.stringify(claim)).join('\n');
    const { status, body } = await postText('/api/scrub/text?asOf=2026-11-27&name=three.ndjson', ndjson);
    expect(status).toBe(200);
    expect(body.format).toBe('ndjson');
    expect(body.items.map((i: { result: { status: string } }) => i.result.status)).toEqual(['clean', 'reject', 'warn']);
    for (const item of body.items) {
      expect(resultSchema.safeParse(item.result).success).toBe(true);
      expect(item.claim.claimId).toBe(item.result.claimId);
      const stored = await getJson(`/api/history/${item.scrubId}`);
      expect(stored.body.record).toMatchObject({ claimId: item.result.claimId, origin: 'page' });
    }
  });

  it('reads an X12 837P file and says in which segment each finding sits', async () => {
    const x12 = readFileSync(join(REPO_ROOT, 'examples', 'office-visit.837'), 'utf8');
    const { status, body } = await postText('/api/scrub/text?asOf=2026-11-27&name=office-visit.837', x12);
    expect(status).toBe(200);
    expect(body.format).toBe('x12');
    const [item] = body.items;
    expect(item.claim).toMatchObject({ claimId: 'C-4410', payer: { kind: 'medicare' } });
    const duplicate = item.result.findings.find((f: { ruleId: string }) => f.ruleId === 'duplicate-service-line');
    expect(duplicate).toMatchObject({ line: 3, carc: '18', location: expect.stringMatching(/^SV1 in loop 2400, segment \d+$/) });
    expect((await getJson(`/api/history/${item.scrubId}`)).body.record.claim.claimId).toBe('C-4410');
  });

  it('reads a FHIR R4 Claim', async () => {
    const fhir = readFileSync(join(REPO_ROOT, 'examples', 'well-child-visit.fhir.json'), 'utf8');
    const { status, body } = await postText('/api/scrub/text?asOf=2026-11-27', fhir);
    expect(status).toBe(200);
    expect(body.format).toBe('fhir');
    expect(body.items[0].result.findings[0]).toMatchObject({ carc: '6', location: 'Claim.item[0].productOrService' });
  });

  it('scrubs a FHIR R4 resource posted to the contract endpoint as it is: one result for a resource, a list for a Bundle', async () => {
    const eob = readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_ProfessionalEOBExample1.json'), 'utf8');
    const post = (body: string) => fetch(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body });
    const one = await post(eob);
    expect(one.status).toBe(200);
    const result = await one.json();
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ claimId: 'ProfessionalEOBExample1', asOf: '2026-11-27' });
    expect(result.findings.length).toBeGreaterThan(0);

    const bundle = await post(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: JSON.parse(eob) }] }));
    expect(bundle.status).toBe(200);
    const results = await bundle.json();
    expect(results).toHaveLength(1);
    expect(results[0].findings).toEqual(result.findings);

    const patient = await post(readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'Patient_ExamplePatient1.json'), 'utf8'));
    expect(patient.status).toBe(400);
    expect((await patient.json()).error).toMatch(/Patient\/ExamplePatient1 resource, not a claim/);
  });

  it('reads a body that is not JSON (an 837 as text/plain or application/edi-x12) as a file, answering a result per claim', async () => {
    const claims = generateClaims(3, 41);
    const file = write837(claims);
    for (const type of ['text/plain', 'application/edi-x12']) {
      const res = await fetch(`${base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': type }, body: file });
      expect(res.status, type).toBe(200);
      const results = await res.json();
      expect(results).toHaveLength(3);
      expect(results.map((r: { claimId: string }) => r.claimId)).toEqual(claims.map((c) => c.claimId));
      for (const result of results) expect(resultSchema.safeParse(result).success).toBe(true);
    }
    const garbage = await fetch(`${base}/api/scrub`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'no claims here' });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error).toMatch(/request body: not a claims file/);
  });

  it('names the line and column of a JSON syntax error, and refuses empty text', async () => {
    const broken = await postText('/api/scrub/text?name=claim.json', '{\n  "claimId": "C-1",\n  "lines": [\n}');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/^claim\.json:4:1/);
    expect(broken.body).toMatchObject({ line: 4, column: 1 });
    const empty = await postText('/api/scrub/text', '  \n');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/empty/);
  });

  it('sends inputs of more than 100 claims to the batch upload', async () => {
    const many = generateClaims(101, 7).map((claim) => JSON.stringify(claim)).join('\n');
    const { status, body } = await postText('/api/scrub/text?name=many.ndjson', many);
    expect(status).toBe(413);
    expect(body.error).toMatch(/more than 100 claims.*\/api\/batch/);
  });

  it('caps the claims one contract request may hold at 100, naming the cap, and keeps none of a refused request', async () => {
    const before = (await getJson('/api/history?limit=1')).body.total as number;
    const res = await fetch(`${base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(generateClaims(101, 8)) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/more than 100 claims/);
    const hundred = await fetch(`${base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(generateClaims(100, 8)) });
    expect(hundred.status).toBe(200);
    expect((await hundred.json()) as unknown[]).toHaveLength(100);
    const total = await waitFor('the 100 scrubs kept', async () => {
      const now = (await getJson('/api/history?limit=1')).body.total as number;
      return now >= before + 100 ? now : undefined;
    });
    expect(total).toBe(before + 100);
  });
});

describe('batch upload', () => {
  let socket: Socket;
  beforeAll(async () => {
    socket = await connectClient(base);
  });
  afterAll(() => {
    socket.disconnect();
  });

  it('scrubs a whole NDJSON file, reports progress to the uploading socket and answers the summary', async () => {
    const claims = generateClaims(600, 11);
    const file = claims.map((claim) => JSON.stringify(claim)).join('\n');
    const progress: Array<{ batchId: string; claims: number; bytes: number; totalBytes: number }> = [];
    socket.on('batch:progress', (event) => progress.push(event));
    const res = await fetch(`${base}/api/batch?name=clinic.ndjson&batchId=b-test-1`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-socket-id': socket.id! }, body: file });
    expect(res.status).toBe(200);
    const answer = await res.json();
    const { summary } = answer;
    expect(answer).toMatchObject({ batchId: 'b-test-1', name: 'clinic.ndjson', format: 'ndjson', storedLimit: 100 });
    expect(summary.claims).toBe(600);
    expect(summary.rejected + summary.warned + summary.clean).toBe(600);
    expect(summary.rejected).toBeGreaterThan(0);
    expect(summary.topRules.length).toBeGreaterThan(0);
    expect(summary.topRules[0]).toMatchObject({ ruleId: expect.any(String), count: expect.any(Number) });
    expect(summary.carcs.length).toBeGreaterThan(0);

    // the same counts as scrubbing the claims one by one
    // (in pages: one request holds at most 100 claims)
    const oneByOne: Array<{ status: string }> = [];
    for (let start = 0; start < claims.length; start += 100) {
      const page = await fetch(`${base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claims.slice(start, start + 100)) });
      oneByOne.push(...((await page.json()) as Array<{ status: string }>));
    }
    expect(oneByOne).toHaveLength(600);
    expect(summary.rejected).toBe(oneByOne.filter((r) => r.status === 'reject').length);
    expect(summary.clean).toBe(oneByOne.filter((r) => r.status === 'clean').length);

    const last = progress.at(-1)!;
    expect(last).toMatchObject({ batchId: 'b-test-1', claims: 600, bytes: Buffer.byteLength(file), totalBytes: Buffer.byteLength(file) });
    expect(answer.stored).toHaveLength(100);
    const opened = await getJson(`/api/history/${answer.stored[0].scrubId}`);
    expect(opened.body.record).toMatchObject({ origin: 'batch', status: answer.stored[0].status });
    expect(answer.stored.every((s: { status: string }) => s.status !== 'clean')).toBe(true);
  });

  it('scrubs an X12 837P file as it streams in', async () => {
    const claims = generateClaims(300, 21);
    const file = write837(claims);
    const res = await fetch(`${base}/api/batch?name=clinic.837`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.format).toBe('x12');
    expect(answer.summary.claims).toBe(300);
    expect(answer.summary.rejected + answer.summary.warned + answer.summary.clean).toBe(300);
  });

  it('scrubs two uploads at once and asks a third to wait (429) until one has finished', async () => {
    // the first part is more than the reader looks at to tell the format, so the scrub starts on it
    const lines = generateClaims(120, 31).map((claim) => `${JSON.stringify(claim)}\n`);
    const started = new Set<string>();
    const onProgress = (event: { batchId: string }): void => void started.add(event.batchId);
    socket.on('batch:progress', onProgress);
    // an upload whose first claims have arrived and whose rest is held back until `finish` is called
    const openUpload = async (batchId: string): Promise<{ finish: () => void; answer: Promise<Response> }> => {
      let finish = (): void => undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(lines.slice(0, 100).join('')));
          finish = () => {
            controller.enqueue(new TextEncoder().encode(lines.slice(100).join('')));
            controller.close();
          };
        },
      });
      const init = { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-socket-id': socket.id! }, body, duplex: 'half' } as RequestInit;
      const answer = fetch(`${base}/api/batch?name=slow.ndjson&batchId=${batchId}`, init);
      await waitFor(`${batchId} to start`, () => (started.has(batchId) ? true : undefined));
      return { finish: () => finish(), answer };
    };
    try {
      const first = await openUpload('b-slow-1');
      const second = await openUpload('b-slow-2');
      const third = await fetch(`${base}/api/batch?name=third.ndjson`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: lines.join('') });
      expect(third.status).toBe(429);
      expect((await third.json()).error).toMatch(/2 files are being scrubbed already/);

      first.finish();
      const firstAnswer = await first.answer;
      expect(firstAnswer.status).toBe(200);
      expect((await firstAnswer.json()).summary.claims).toBe(120);
      const again = await fetch(`${base}/api/batch?name=third.ndjson`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: lines.join('') });
      expect(again.status).toBe(200);
      expect((await again.json()).summary.claims).toBe(120);
      second.finish();
      expect((await (await second.answer).json()).summary.claims).toBe(120);
    } finally {
      socket.off('batch:progress', onProgress);
    }
  });

  it('refuses a file over the upload limit and one in no known format, and keeps serving', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const tooBig = await fetch(`${base}/api/batch?name=huge.txt`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: huge });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: expect.stringContaining('larger than') });
    const garbage = await fetch(`${base}/api/batch?name=notes.txt`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'these are not claims\n' });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error).toMatch(/notes\.txt/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
