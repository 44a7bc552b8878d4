/**
 * The cap on the claims one request may hold is applied before any claim is scrubbed: a
 * megabyte array of 76,923 empty claims is refused at once, not after its first hundred
 * have been scrubbed. Through the server, both scrub endpoints answer 413.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import { Intake } from '../../src/intake/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { RULES_DIR } from '../support/paths.js';
import { fetch, JSON_HEADERS, startTestServer, type TestServer } from '../server/support.js';

const CAP = 100;
const EMPTY_CLAIMS = 76_923;
const body = `[${Array.from({ length: EMPTY_CLAIMS }, () => '{"lines":[]}').join(',')}]`;
const prepared = loadPreparedRuleSet(RULES_DIR);
const intake = (): Intake => new Intake({ rules: prepared, asOf: '2026-11-27', maxClaims: CAP });

function expectTooMany(error: unknown): void {
  expect(error).toBeInstanceOf(ScrubjayError);
  expect((error as ScrubjayError).code).toBe('SJ_INPUT_TOO_LARGE');
  expect((error as ScrubjayError).message).toContain(`more than ${CAP} claims`);
}

describe('the cap on claims per request', () => {
  it('refuses a JSON file of too many claims before its first result comes out', async () => {
    const results = intake().file(Buffer.from(body), 'request body');
    const first = await results.next().then(
      () => null,
      (error: unknown) => error,
    );
    expectTooMany(first);
  });

  it('refuses a parsed array of too many claims before reading any of them', () => {
    let thrown: unknown;
    try {
      void intake().json(JSON.parse(body), 'request body');
    } catch (error) {
      thrown = error;
    }
    expectTooMany(thrown);
  });

  describe('through the server', () => {
    let service: TestServer;
    beforeAll(async () => {
      service = await startTestServer();
    });
    afterAll(async () => {
      await service.close();
    });

    it('answers 413 on both scrub endpoints and keeps nothing', async () => {
      expect(body.length).toBeLessThan(1024 * 1024);
      for (const [path, type] of [['/api/scrub', 'application/json'], ['/api/scrub/text', 'text/plain']] as const) {
        const res = await fetch(`${service.base}${path}`, { method: 'POST', headers: { ...JSON_HEADERS, 'content-type': type }, body });
        expect(res.status, path).toBe(413);
        expect(((await res.json()) as { code: string }).code).toBe('SJ_INPUT_TOO_LARGE');
      }
      expect(((await (await fetch(`${service.base}/api/history`)).json()) as { total: number }).total).toBe(0);
    });
  });
});
