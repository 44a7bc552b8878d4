/**
 * Appeal letters on a real server: a claim scrubbed and kept, the payer's 835 denying it
 * posted to /api/remits, then the claim's remittances and state changes read back, and a
 * letter drafted for the denial as JSON and as a page to print, audited; unknown claims and
 * remittances are 404 with their codes, and a trainee may not draft one.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, uncheckedFetch, type TestServer } from './support.js';

const DENIED = new Uint8Array(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'denied.835')));

const dataDir = tempDir('scrubjay-appeal-');
let service: TestServer;
let scrubId = '';

interface Letter {
  text: string;
  sections: Array<{ id: string; title: string; paragraphs: string[] }>;
  gaps: string[];
  appealBy: string | null;
  recommendation: string;
  reason: string;
}

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', dataDir });
  const scrubbed = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[0]) });
  scrubId = ((await scrubbed.json()) as { scrubId: string }).scrubId;
  const posted = await fetch(`${service.base}/api/remits?name=denied.835`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: DENIED });
  expect(posted.status).toBe(200);
});

afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a stored claim's follow-up", () => {
  it('lists the remittances posted for it, as they were explained', async () => {
    const res = await fetch(`${service.base}/api/history/${scrubId}/remits`);
    expect(res.status).toBe(200);
    const remits = (await res.json()) as Array<{ file: string; by: string; remit: { claimId: string; payerClaimControlNumber: string; status: { code: string } } }>;
    expect(remits).toHaveLength(1);
    expect(remits[0]).toMatchObject({ file: 'denied.835', by: 'biller', remit: { claimId: 'C-1001', payerClaimControlNumber: '22123456789', status: { code: '4' } } });
  });

  it('lists its state changes: who, when, which state and the note', async () => {
    const changes = (await (await fetch(`${service.base}/api/history/${scrubId}/states`)).json()) as Array<{ state: string; by: string; at: string; source: string; note?: string }>;
    expect(changes.map((c) => [c.state, c.by, c.source])).toEqual([['denied', 'biller', 'remit']]);
    expect(Date.parse(changes[0]!.at)).not.toBeNaN();
  });
});

describe('GET /api/history/:id/appeal', () => {
  it('drafts the letter for the denial named by its payer claim control number, and audits it', async () => {
    const res = await fetch(`${service.base}/api/history/${scrubId}/appeal?remit=22123456789`);
    expect(res.status).toBe(200);
    const letter = (await res.json()) as Letter;
    expect(letter.sections.map((s) => s.id)).toEqual(['addressee', 'claim', 'denied', 'grounds', 'level', 'enclosures', 'recommendation']);
    expect(letter.appealBy).toBe('2027-04-05');
    expect(letter.text).toContain('Payer claim control number (CLP07): 22123456789');
    expect(letter.text).toContain('Member id: 1EG4TE5MK73');
    expect(letter.text).toContain('the whole claim: CO-29, $115.00. CARC 29: The payer\'s time limit for filing the claim has passed.');
    expect(letter.text).toContain('line 1, 99213 on 2026-10-01 (billed $125.00, paid $0.00): CO-97, $125.00.');
    expect(letter.text).toContain('Last day to file this appeal: 2027-04-05.');
    expect(letter.text).toContain('42 CFR 405.942(a)');
    expect(letter.gaps).toContainEqual(expect.stringMatching(/^proof of timely filing/));
    expect(letter.gaps.every((g) => letter.text.includes(`[[GAP: ${g}]]`))).toBe(true);
    // timely filing is appealed only with proof; the bundled line could be corrected instead
    expect(letter.recommendation).toBe('either');
    expect(letter.reason).toContain('appeal only with proof the claim was filed in time');

    const compliance = await service.cookieFor('compliance');
    const audit = (await (await fetch(`${service.base}/api/audit?action=appeal-draft`, { headers: { cookie: compliance } })).json()) as { items: Array<{ user: string; target: string[] }> };
    expect(audit.items[0]).toMatchObject({ user: 'biller', target: [scrubId, 'C-1001'] });
  });

  it('finds the remittance by its index too, and the newest denial by default', async () => {
    const named = (await (await fetch(`${service.base}/api/history/${scrubId}/appeal?remit=22123456789`)).json()) as Letter;
    for (const query of ['?remit=0', '']) {
      const letter = (await (await fetch(`${service.base}/api/history/${scrubId}/appeal${query}`)).json()) as Letter;
      expect(letter.text).toBe(named.text);
    }
  });

  it('serves a standalone page to print, everything escaped, no script on it', async () => {
    const res = await fetch(`${service.base}/api/history/${scrubId}/appeal?remit=22123456789&format=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Appeal request, claim C-1001</h1>');
    expect(html).toContain('<link rel="stylesheet" href="/appeal-letter.css">');
    expect(html).toContain('<mark class="gap">[[GAP: proof of timely filing');
    expect(html).toContain('MEDICARE PART B EXAMPLE CONTRACTOR (payer id 00431)');
    expect(html).toContain('The payer&#39;s time limit for filing the claim has passed.');
    expect(html).not.toMatch(/<script/i);
    const css = await uncheckedFetch(`${service.base}/appeal-letter.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('@media print');
  });

  it('answers 404 with a code for an unknown claim or remittance', async () => {
    const noRemit = await fetch(`${service.base}/api/history/${scrubId}/appeal?remit=99999`);
    expect(noRemit.status).toBe(404);
    expect(await noRemit.json()).toMatchObject({ code: 'SJ_REMIT_NOT_FOUND', field: 'remit' });
    for (const path of ['appeal', 'remits', 'states']) {
      const noScrub = await fetch(`${service.base}/api/history/no-such-scrub/${path}`);
      expect(noScrub.status).toBe(404);
      expect(await noScrub.json()).toMatchObject({ code: 'SJ_HTTP_NOT_FOUND' });
    }
    const other = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(EXAMPLE_CLAIMS[2]) });
    const unremitted = ((await other.json()) as { scrubId: string }).scrubId;
    const none = await fetch(`${service.base}/api/history/${unremitted}/appeal`);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: 'SJ_REMIT_NOT_FOUND' });
  });

  it('refuses a trainee', async () => {
    const trainee = await service.cookieFor('trainee');
    for (const path of ['appeal', 'appeal?format=html', 'remits', 'states']) {
      const res = await fetch(`${service.base}/api/history/${scrubId}/${path}`, { headers: { cookie: trainee } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('SJ_AUTH_FORBIDDEN');
    }
  });
});
