/**
 * The missed-denials report over HTTP: claims scrubbed and kept, 835s posted as a biller
 * posts them, and the report read back by compliance, as JSON and as CSV. Billers and
 * trainees may not read it: it is for the people who write the rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

const remitFile = (name: string): string => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', name), 'utf8');

interface Posted {
  claimId: string;
  scrub: { scrubId: string; predicted: string[]; missed: string[] } | null;
}

interface Group {
  carc: string;
  payer: { id: string | null; name: string | null };
  denials: number;
  predicted: number;
  missed: number;
  unmatched: number;
  amount: number;
  examples: Array<{ scrubId: string; claimId: string; line: number | null; procedureCode: string | null; rarcs: string[] }>;
  ruleFamily: { family: string; suggestion: string } | null;
}

interface Report {
  payments: number;
  totals: { denials: number; predicted: number; missed: number; unmatched: number };
  groups: Group[];
}

let service: TestServer;
const posted: Posted[] = [];

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'compliance' });
  const biller = await service.cookieFor('biller');
  for (const claim of EXAMPLE_CLAIMS) {
    const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: biller }, body: JSON.stringify(claim) });
    expect(res.status).toBe(200);
  }
  for (const name of ['denied.835', 'partial-c1002.835', 'remarks.835']) {
    const res = await fetch(`${service.base}/api/remits?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/edi-x12', cookie: biller }, body: remitFile(name) });
    expect(res.status).toBe(200);
    posted.push(...((await res.json()) as Posted[]));
  }
});

afterAll(async () => {
  await service.close();
});

const report = async (query = ''): Promise<Report> => {
  const res = await fetch(`${service.base}/api/reports/missed-denials${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
};

describe('GET /api/reports/missed-denials', () => {
  it('counts each denial as the matching of its posted remittance decided: predicted, missed, or unmatched', async () => {
    const { groups, totals, payments } = await report();
    expect(payments).toBe(4);
    const predicted = posted.flatMap((p) => p.scrub?.predicted ?? []).length;
    const missed = posted.flatMap((p) => p.scrub?.missed ?? []).length;
    expect(missed).toBeGreaterThan(0);
    expect(totals).toMatchObject({ predicted, missed, unmatched: 1, denials: predicted + missed + 1 });
    // C-5001 has no stored scrub
    expect(groups.find((g) => g.carc === '16')).toMatchObject({ payer: { id: '00431' }, unmatched: 1, examples: [] });
    for (const p of posted.filter((r) => r.scrub !== null)) {
      for (const carc of p.scrub!.missed) {
        const group = groups.find((g) => g.carc === carc && g.examples.some((e) => e.claimId === p.claimId));
        expect(group, `CARC ${carc} of ${p.claimId}`).toBeDefined();
        expect(group!.examples.find((e) => e.claimId === p.claimId)!.scrubId).toBe(p.scrub!.scrubId);
      }
    }
  });

  it("gives examples that open the stored claim in the history, with the rule family of the denial's CARC", async () => {
    const bundled = (await report()).groups.find((g) => g.carc === '97' && g.payer.id === '60054');
    expect(bundled).toMatchObject({ payer: { name: 'AETNA' }, missed: 1, amount: 15, ruleFamily: { family: 'reference-data/ncci-edits' } });
    const [example] = bundled!.examples;
    expect(example).toMatchObject({ claimId: 'C-1002', line: 2, procedureCode: '36415', rarcs: ['M15'] });
    const stored = await fetch(`${service.base}/api/history/${example!.scrubId}`);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { record: { claimId: string } }).record.claimId).toBe('C-1002');
  });

  it('takes in the remittance dates and payer asked for', async () => {
    expect((await report('?from=2026-12-02')).groups.map((g) => g.payer.id)).toEqual(['60054']);
    expect((await report('?to=2026-12-01')).groups.every((g) => g.payer.id === '00431')).toBe(true);
    expect((await report('?payer=aetna')).payments).toBe(1);
    expect((await report('?from=2027-01-01')).groups).toEqual([]);
  });

  it('answers CSV with a header row and a row per CARC and payer', async () => {
    const res = await fetch(`${service.base}/api/reports/missed-denials?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('missed-denials.csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['carc', 'meaning', 'payerId', 'payerName']);
    expect(lines.length - 1).toBe((await report()).groups.length);
  });

  it('refuses a date that is not one, and a range that ends before it starts', async () => {
    for (const query of ['?from=12/01/2026', '?from=2026-12-05&to=2026-12-01']) {
      const res = await fetch(`${service.base}/api/reports/missed-denials${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('SJ_ARGUMENT_INVALID');
    }
  });

  it('is for compliance and admins: billers and trainees are refused', async () => {
    for (const [role, status] of [['admin', 200], ['biller', 403], ['trainee', 403]] as const) {
      const res = await fetch(`${service.base}/api/reports/missed-denials`, { headers: { cookie: await service.cookieFor(role) } });
      expect(res.status, role).toBe(status);
    }
  });

  it('audits each reading', async () => {
    await report('?payer=00431');
    const audit = await fetch(`${service.base}/api/audit?action=report-read`);
    const [latest] = ((await audit.json()) as { items: Array<{ user: string; target: string[]; detail?: string }> }).items;
    expect(latest).toMatchObject({ user: 'compliance', target: ['missed-denials'] });
    expect(latest!.detail).toContain('one payer');
  });
});
