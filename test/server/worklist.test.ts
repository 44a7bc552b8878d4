/**
 * The follow-up worklist on a real server: scrubbed claims acknowledged (sent or rejected),
 * remittances posted (denied with an appeal deadline, partly paid), the list filtered,
 * sorted and exported, a biller's own state change audited, and all of it still there
 * after the server is started again on the same data folder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, uncheckedFetch, type TestServer } from './support.js';

const fixture = (kind: '835' | '277ca', name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', kind, name)));

interface Item {
  scrubId: string;
  claimId: string;
  payer: { id: string | null; name: string | null };
  state: string;
  charged: number;
  paid: number;
  filingDeadline: string | null;
  appealBy: string | null;
  followUpOn: string | null;
  carcs: string[];
}
interface Page {
  total: number;
  items: Item[];
}

const dataDir = tempDir('scrubjay-worklist-');
let service: TestServer;
const scrubIds: Record<string, string> = {};

function plusDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

async function scrub(claim: unknown): Promise<string> {
  const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
  return ((await res.json()) as { scrubId: string }).scrubId;
}

const post = (path: string, body: Uint8Array<ArrayBuffer>) => fetch(`${service.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body });
const list = async (query = ''): Promise<Page> => (await (await fetch(`${service.base}/api/worklist${query}`)).json()) as Page;
const item = (page: Page, claimId: string): Item | undefined => page.items.find((i) => i.claimId === claimId);

let sentBetween: [string, string];

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', dataDir });
  for (const claim of EXAMPLE_CLAIMS.slice(0, 3)) scrubIds[claim.claimId as string] = await scrub(claim);
  // rejected.277 rejects C-2001: a claim of ours sent under that id
  scrubIds['C-2001'] = await scrub({ ...EXAMPLE_CLAIMS[2], claimId: 'C-2001' });
  const before = todayUtc();
  expect((await post('/api/acks', fixture('277ca', 'accepted.277'))).status).toBe(200);
  sentBetween = [before, todayUtc()];
  expect((await post('/api/acks?name=rejected.277', fixture('277ca', 'rejected.277'))).status).toBe(200);
});

afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('claims acknowledged', () => {
  it('lists every scrubbed claim, and an accepting 277CA marks its claims sent with a follow-up date', async () => {
    const page = await list('?sort=newest');
    expect(page.total).toBe(4);
    const c1001 = item(page, 'C-1001')!;
    expect(c1001).toMatchObject({ scrubId: scrubIds['C-1001'], state: 'sent', payer: { id: '00431', name: 'Medicare Part B' }, charged: 125, paid: 0, appealBy: null, carcs: [] });
    // Medicare: one calendar year after the first date of service, and its 30-day clean-claim payment timeframe
    expect(c1001.filingDeadline).toBe('2027-10-01');
    expect(sentBetween.map((d) => plusDays(d, 30))).toContain(c1001.followUpOn);
    expect(item(page, 'C-1002')!.state).toBe('sent');
    expect(item(page, 'C-2001')).toMatchObject({ state: 'rejected', followUpOn: null });
    expect(item(page, 'C-1003')).toMatchObject({ state: 'scrubbed', followUpOn: null });
  });
});

describe('POST /api/remits', () => {
  it('keeps a denial, links it to the stored scrub and marks the claim denied with its appeal deadline', async () => {
    const res = await post('/api/remits?name=denied.835', fixture('835', 'denied.835'));
    expect(res.status).toBe(200);
    const [remit] = (await res.json()) as Array<{ claimId: string; status: { code: string }; appealBy: string | null; scrub: { scrubId: string } | null }>;
    expect(remit).toMatchObject({ claimId: 'C-1001', status: { code: '4' }, appealBy: '2027-04-05', scrub: { scrubId: scrubIds['C-1001'] } });
    const c1001 = item(await list(), 'C-1001')!;
    expect(c1001).toMatchObject({ state: 'denied', appealBy: '2027-04-05', paid: 0, followUpOn: null });
    expect(c1001.carcs.sort()).toEqual(['29', '97']);
  });

  it('marks a claim paid in part when some of its lines were denied', async () => {
    const res = await post('/api/remits?name=aetna.835', fixture('835', 'partial-c1002.835'));
    const [remit] = (await res.json()) as Array<{ scrub: { scrubId: string } | null }>;
    expect(remit!.scrub!.scrubId).toBe(scrubIds['C-1002']);
    expect(item(await list(), 'C-1002')).toMatchObject({ state: 'partly-paid', paid: 150, followUpOn: null });
  });

  it('answers a remittance for a claim it does not keep with scrub null, and lists nothing new', async () => {
    const res = await post('/api/remits', fixture('835', 'remarks.835'));
    const remits = (await res.json()) as Array<{ claimId: string; scrub: unknown }>;
    expect(remits.map((r) => [r.claimId, r.scrub])).toEqual([
      ['C-5001', null],
      ['C-5002', null],
    ]);
    expect((await list()).total).toBe(4);
  });

  it('leaves a claim the payer has answered as it is when its acknowledgment comes again', async () => {
    expect((await post('/api/acks?name=again.277', fixture('277ca', 'accepted.277'))).status).toBe(200);
    const page = await list();
    expect(item(page, 'C-1001')!.state).toBe('denied');
    expect(item(page, 'C-1002')!.state).toBe('partly-paid');
  });

  it('refuses a file that is not an 835, naming it', async () => {
    const res = await post('/api/remits?name=letter.txt', new TextEncoder().encode('Dear billing office, all your claims were fine.'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('letter.txt');
  });
});

describe('GET /api/worklist', () => {
  it('sorts by money owed first, highest first, and by nearest deadline on request', async () => {
    const byMoney = await list();
    const owed = byMoney.items.map((i) => i.charged - i.paid);
    expect(owed).toEqual([...owed].sort((a, b) => b - a));
    expect(byMoney.items[0]!.claimId).toBe('C-1001');
    const byDeadline = await list('?sort=deadline');
    // C-1003 (Medicaid, served 2025-12-01) is still to be filed: its filing limit is the nearest deadline
    expect(byDeadline.items[0]!.claimId).toBe('C-1003');
    expect(byDeadline.items.at(-1)!.claimId).toBe('C-1002');
  });

  it('filters by state, payer, CARC and deadline, and pages', async () => {
    expect((await list('?state=denied')).items.map((i) => i.claimId)).toEqual(['C-1001']);
    expect((await list('?payer=aetna')).items.map((i) => i.claimId)).toEqual(['C-1002']);
    expect((await list('?payer=00431')).items.map((i) => i.claimId)).toEqual(['C-1001']);
    expect((await list('?carc=97')).items.map((i) => i.claimId).sort()).toEqual(['C-1001', 'C-1002']);
    expect((await list('?carc=29')).items.map((i) => i.claimId)).toEqual(['C-1001']);
    // the denial's appeal deadline is 2027-04-05; the partly paid claim has no appeal period in its profile
    const due = await list('?dueBefore=2027-04-06');
    expect(due.items.map((i) => i.claimId)).toContain('C-1001');
    expect(due.items.map((i) => i.claimId)).not.toContain('C-1002');
    expect((await list('?dueBefore=2027-04-05&state=denied')).total).toBe(0);
    const paged = await list('?limit=2&offset=1');
    expect(paged.total).toBe(4);
    expect(paged.items.map((i) => i.claimId)).toEqual((await list()).items.slice(1, 3).map((i) => i.claimId));
  });

  it('refuses an unknown state or sort', async () => {
    for (const query of ['?state=lost', '?sort=alphabet', '?dueBefore=tomorrow']) {
      const res = await uncheckedFetch(`${service.base}/api/worklist${query}`);
      expect(res.status).toBe(400);
    }
  });

  it('exports the list as CSV with a header row', async () => {
    const res = await fetch(`${service.base}/api/worklist?format=csv&state=denied`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, row, ...rest] = (await res.text()).trimEnd().split('\r\n');
    expect(header).toBe('scrubId,claimId,payerId,payerName,state,charged,paid,filingDeadline,appealBy,followUpOn,carcs');
    expect(row).toBe(`${scrubIds['C-1001']},C-1001,00431,Medicare Part B,denied,125.00,0.00,2027-10-01,2027-04-05,,29 97`);
    expect(rest).toEqual([]);
  });

  it('lists only the newest scrub of a claim: a corrected claim supersedes the one the payer denied', async () => {
    const corrected = await scrub({ ...EXAMPLE_CLAIMS[0], claimId: 'C-1001' });
    const page = await list('?payer=00431');
    expect(page.items.map((i) => i.scrubId)).toEqual([corrected]);
    expect(page.items[0]).toMatchObject({ state: 'scrubbed', appealBy: null, carcs: [] });
    scrubIds['C-1001'] = corrected;
  });
});

describe('POST /api/worklist/:scrubId/state', () => {
  it("records the biller's state change, audited, and lists the claim in it", async () => {
    const res = await fetch(`${service.base}/api/worklist/${scrubIds['C-1003']}/state`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ state: 'sent', note: 'sent through the Medicaid portal' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ scrubId: scrubIds['C-1003'], state: 'sent', note: 'sent through the Medicaid portal', by: 'biller', source: 'user' });
    const c1003 = item(await list(), 'C-1003')!;
    expect(c1003.state).toBe('sent');
    expect(c1003.followUpOn).not.toBeNull();
    const compliance = await service.cookieFor('compliance');
    const audit = (await (await fetch(`${service.base}/api/audit?action=claim-state`, { headers: { cookie: compliance } })).json()) as { items: Array<{ user: string; target: string[]; detail?: string }> };
    expect(audit.items[0]).toMatchObject({ user: 'biller', target: [scrubIds['C-1003'], 'C-1003'], detail: 'sent' });
  });

  it('refuses a state not in the list (400) and an unknown scrub (404)', async () => {
    const bad = await uncheckedFetch(`${service.base}/api/worklist/${scrubIds['C-1003']}/state`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ state: 'forgotten' }) });
    expect(bad.status).toBe(400);
    const unknown = await uncheckedFetch(`${service.base}/api/worklist/no-such-scrub/state`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ state: 'closed' }) });
    expect(unknown.status).toBe(404);
  });

  it('is refused to a trainee, as the whole worklist is', async () => {
    const trainee = await service.cookieFor('trainee');
    const headers = { ...JSON_HEADERS, cookie: trainee };
    expect((await uncheckedFetch(`${service.base}/api/worklist`, { headers })).status).toBe(403);
    expect((await uncheckedFetch(`${service.base}/api/worklist/${scrubIds['C-1003']}/state`, { method: 'POST', headers, body: JSON.stringify({ state: 'closed' }) })).status).toBe(403);
    expect((await uncheckedFetch(`${service.base}/api/remits`, { method: 'POST', headers: { cookie: trainee, 'content-type': 'application/edi-x12' }, body: fixture('835', 'denied.835') })).status).toBe(403);
  });
});

describe('after a restart on the same data folder', () => {
  it('lists the same claims in the same states, with their remittances', async () => {
    const before = await list();
    await service.close();
    service = await startTestServer({ signedInAs: 'biller', dataDir });
    expect(await list()).toEqual(before);
    expect(item(before, 'C-1002')).toMatchObject({ state: 'partly-paid', paid: 150 });
  });
});
