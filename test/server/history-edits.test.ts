/**
 * The service checks each claim against the patient's earlier claims in its store: a
 * wellness visit too soon after the last one, a service already billed on another claim.
 * The history is the store's, so it survives a restart; a claim scrubbed again is not its
 * own history.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RULES_DIR } from '../support/paths.js';
import { fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

const BASE = parse(readFileSync(`${RULES_DIR}/base-claim.yaml`, 'utf8')) as Record<string, unknown>;
const baseLine = (BASE.lines as Array<Record<string, unknown>>)[0]!;

function claim(claimId: string, procedureCode: string, serviceDate: string, submissionDate: string): Record<string, unknown> {
  return { ...BASE, claimId, submissionDate, lines: [{ ...baseLine, procedureCode, serviceDate }] };
}

async function scrub(server: TestServer, body: Record<string, unknown>): Promise<{ ruleIds: string[]; messages: string[] }> {
  const res = await fetch(`${server.base}/api/scrub?asOf=${String(body.submissionDate)}`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: server.cookie! }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const result = (await res.json()) as { findings: Array<{ ruleId: string; message: string }> };
  return { ruleIds: result.findings.map((f) => f.ruleId), messages: result.findings.map((f) => f.message) };
}

describe("history edits against the store's claims", () => {
  it('flags a wellness visit within 11 full months of the last, after a restart too, and not a claim against itself', async () => {
    const first = await startTestServer({ signedInAs: 'biller' });
    const earlier = await scrub(first, claim('AWV-2025', 'G0439', '2025-03-31', '2025-04-02'));
    expect(earlier.ruleIds).not.toContain('wellness-visit-within-a-year');
    // the same claim scrubbed again is not its own history
    expect((await scrub(first, claim('AWV-2025', 'G0439', '2025-03-31', '2025-04-02'))).ruleIds).not.toContain('wellness-visit-within-a-year');
    await first.server.close();

    const second = await startTestServer({ signedInAs: 'biller', dataDir: first.dataDir });
    try {
      const onTime = await scrub(second, claim('AWV-2026B', 'G0439', '2026-03-01', '2026-03-03'));
      expect(onTime.ruleIds).not.toContain('wellness-visit-within-a-year');
      // judged on the services on or before its own date: the March visit kept just now is later
      const tooSoon = await scrub(second, claim('AWV-2026', 'G0439', '2026-02-01', '2026-02-03'));
      expect(tooSoon.ruleIds).toContain('wellness-visit-within-a-year');
    } finally {
      await second.server.close();
    }
  });

  it('flags a service already billed on another claim of the patient, naming that claim', async () => {
    const server = await startTestServer({ signedInAs: 'biller' });
    try {
      expect((await scrub(server, claim('DUP-1', '99213', '2026-02-20', '2026-03-02'))).ruleIds).not.toContain('service-billed-on-earlier-claim');
      const again = await scrub(server, claim('DUP-2', '99213', '2026-02-20', '2026-03-02'));
      expect(again.ruleIds).toContain('service-billed-on-earlier-claim');
      expect(again.messages.join('\n')).toContain('claim DUP-1 line 1');
      // a replacement of the first claim is what a changed claim should be
      const replacement = await scrub(server, { ...claim('DUP-3', '99213', '2026-02-20', '2026-03-02'), frequency: '7', originalClaimId: '22123456789' });
      expect(replacement.ruleIds).not.toContain('service-billed-on-earlier-claim');
    } finally {
      await server.server.close();
    }
  });
});
