/**
 * A batch upload that stops sending is stopped: real slow clients (node http requests that
 * write a few bytes, then nothing) hold both batch slots only until the idle limit, are
 * answered 408 with the code, nothing of the cut-off file is kept, and other uploads get
 * their slot again.
 */
import { readFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { expectErrorBody, fetch, startTestServer, type TestServer } from './support.js';

const IDLE_MS = 400;
const office837 = readFileSync(join(REPO_ROOT, 'examples', 'office-visit.837'), 'utf8');
/** the 837 cut off after its claim's first service line: read to its end, it would pass for a claim of one line */
const cutOff837 = office837.slice(0, office837.indexOf('LX*2~'));

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer({ limits: { uploadIdleMs: IDLE_MS, concurrentBatches: 2 } });
});

afterAll(async () => {
  await service.close();
});

interface SlowUpload {
  req: ClientRequest;
  answer: Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Starts a chunked upload, writes `first`, and then sends nothing more. */
function slowUpload(name: string, first: string): SlowUpload {
  const url = new URL(`${service.base}/api/batch?name=${encodeURIComponent(name)}&asOf=2026-11-27`);
  const req = request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked', cookie: service.cookie! } });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    // only a watchdog: a server that never stops the upload fails the test instead of hanging it
    const watchdog = setTimeout(() => reject(new Error(`${name}: no answer within 15 s`)), 15_000);
    req.on('response', (res) => {
      // the server closes the connection behind its answer
      res.on('error', () => undefined);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        clearTimeout(watchdog);
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
  });
  req.flushHeaders();
  req.write(first);
  return { req, answer };
}

describe('a batch upload that stops sending', () => {
  it('is answered 408 once nothing has arrived for the idle limit, and its slot is free again', async () => {
    // two stalled uploads take both slots
    const stalled = [slowUpload('smith-a.837', office837.slice(0, 200)), slowUpload('smith-b.837', cutOff837)];
    for (const { answer } of stalled) {
      const { status, body } = await answer;
      expect(status).toBe(408);
      expectErrorBody(body);
      expect(body.code).toBe('SJ_HTTP_UPLOAD_IDLE');
      expect(body.error).toMatch(/nothing arrived for 400 ms/);
    }
    for (const { req } of stalled) req.destroy();

    // both slots are free: two uploads at once are scrubbed
    const uploads = await Promise.all(
      ['one.837', 'two.837'].map((name) => fetch(`${service.base}/api/batch?name=${name}&asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: office837 })),
    );
    for (const upload of uploads) {
      expect(upload.status).toBe(200);
      expect(((await upload.json()) as { summary: { claims: number } }).summary.claims).toBe(1);
    }
  });

  it('keeps nothing of the file that was cut off', async () => {
    const { answer, req } = slowUpload('cut.837', cutOff837);
    expect((await answer).status).toBe(408);
    req.destroy();
    const history = await fetch(`${service.base}/api/history?claimId=C-4410`);
    const { items } = (await history.json()) as { items: Array<{ id: string }> };
    // what is kept of C-4410 is the two whole files of the test before; never the claim of one line
    for (const item of items) {
      const record = await fetch(`${service.base}/api/history/${item.id}`);
      const { record: kept } = (await record.json()) as { record: { claim: { lines: unknown[] } } };
      expect(kept.claim.lines).toHaveLength(4);
    }
  });

  it('is not stopped while bytes keep coming, however slowly the whole file arrives', async () => {
    const url = new URL(`${service.base}/api/batch?name=trickle.837&asOf=2026-11-27`);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked', cookie: service.cookie! } });
    const answer = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    const pieces = office837.match(/[^]{1,80}/g)!;
    // each piece well within the idle limit of the one before, the whole over twice the limit
    for (const piece of pieces) {
      req.write(piece);
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 4));
    }
    req.end();
    expect(pieces.length).toBeGreaterThan(8);
    expect(await answer).toBe(200);
  });
});
