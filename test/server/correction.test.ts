/**
 * Corrected and void claims on a real server: a stored claim denied by an 835 is replaced
 * (frequency 7) or voided (frequency 8) with the payer's claim control number from that
 * remittance, scrubbed again, kept linked to the claim it corrects, and exported as an 837P
 * that our own 837 reader reads back with CLM05-3 and REF*F8 as they should be.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12Text } from '../../src/claim/x12/index.js';
import { openClaimStore } from '../../src/store/index.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_CLAIMS, fetch, JSON_HEADERS, startTestServer, type TestServer } from './support.js';

interface Correction {
  scrubId: string;
  correctionOf: string;
  result: { claimId: string | null; status: string; scrubId: string; findings: Array<{ ruleId: string; severity: string }> };
}

/** the payer's denial of C-1001 (CLP02 4, CLP07 22123456789), rewritten for another claim id and payer claim number */
const DENIAL = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', 'denied.835'), 'utf8');
const denialOf = (claimId: string, payerClaimNumber: string): string => DENIAL.replace('CLP*C-1001*4*240*0*0*MB*22123456789*', `CLP*${claimId}*4*240*0*0*MB*${payerClaimNumber}*`);

const dataDir = tempDir('scrubjay-correction-');
let service: TestServer;

async function scrub(claim: unknown): Promise<string> {
  const res = await fetch(`${service.base}/api/scrub`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claim) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { scrubId: string }).scrubId;
}

async function deny(claimId: string, payerClaimNumber: string): Promise<void> {
  const res = await fetch(`${service.base}/api/remits?name=denied.835`, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: denialOf(claimId, payerClaimNumber) });
  expect(res.status).toBe(200);
  const [remit] = (await res.json()) as Array<{ status: { code: string }; scrub: unknown }>;
  expect(remit).toMatchObject({ status: { code: '4' } });
  expect(remit!.scrub).not.toBeNull();
}

const correct = (scrubId: string, body: unknown, cookie?: string) =>
  fetch(`${service.base}/api/history/${scrubId}/correction`, { method: 'POST', headers: { ...JSON_HEADERS, ...(cookie === undefined ? {} : { cookie }) }, body: JSON.stringify(body) });

async function exported(scrubId: string): Promise<{ text: string; claim: Record<string, unknown> }> {
  const res = await fetch(`${service.base}/api/history/${scrubId}/837`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const [read, ...more] = readX12Text(text, `${scrubId}.837`);
  expect(more).toEqual([]);
  return { text, claim: read!.claim as Record<string, unknown> };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'biller', dataDir });
  ids.denied = await scrub(EXAMPLE_CLAIMS[0]);
  await deny('C-1001', '22123456789');
  ids.voided = await scrub({ ...EXAMPLE_CLAIMS[0], claimId: 'C-3001' });
  await deny('C-3001', '22000111222');
  ids.unanswered = await scrub({ ...EXAMPLE_CLAIMS[0], claimId: 'C-3002' });
});

afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /api/history/:id/correction', () => {
  it('replaces a denied claim with the edit given, names the payer claim number from the remittance, and exports it as frequency 7 with REF*F8', async () => {
    const edited = { ...EXAMPLE_CLAIMS[0], lines: [{ ...EXAMPLE_CLAIMS[0]!.lines[0], modifiers: ['25'] }] };
    const res = await correct(ids.denied!, { kind: 'replace', claim: edited });
    expect(res.status).toBe(200);
    const correction = (await res.json()) as Correction;
    expect(correction.correctionOf).toBe(ids.denied);
    expect(correction.scrubId).not.toBe(ids.denied);
    expect(correction.result).toMatchObject({ claimId: 'C-1001', scrubId: correction.scrubId });
    expect(correction.result.findings.filter((f) => f.ruleId === 'replacement-without-original-claim-id')).toEqual([]);
    ids.replacement = correction.scrubId;

    const { text, claim } = await exported(correction.scrubId);
    expect(claim).toMatchObject({ claimId: 'C-1001', frequency: '7', originalClaimId: '22123456789' });
    expect((claim.lines as Array<{ modifiers: string[] }>)[0]!.modifiers).toEqual(['25']);
    expect(text).toMatch(/CLM\*C-1001\*125\*\*\*11:B:7\*/);
    expect(text).toContain('REF*F8*22123456789~');

    const kept = (await (await fetch(`${service.base}/api/history/${correction.scrubId}`)).json()) as { record: { correctionOf?: string } };
    expect(kept.record.correctionOf).toBe(ids.denied);
  });

  it('lists the replacement in the worklist as corrected, and audits the change of the denied claim', async () => {
    const page = (await (await fetch(`${service.base}/api/worklist?payer=00431&state=corrected`)).json()) as { items: Array<{ claimId: string; scrubId: string; payerClaimNumber: string | null }> };
    expect(page.items.find((i) => i.claimId === 'C-1001')).toMatchObject({ scrubId: ids.replacement, payerClaimNumber: null });
    // a claim still denied shows the payer's number a correction of it will name
    const denied = (await (await fetch(`${service.base}/api/worklist?state=denied`)).json()) as { items: Array<{ claimId: string; payerClaimNumber: string | null }> };
    expect(denied.items).toEqual([expect.objectContaining({ claimId: 'C-3001', payerClaimNumber: '22000111222' })]);
    const compliance = await service.cookieFor('compliance');
    const audit = (await (await fetch(`${service.base}/api/audit?action=claim-state`, { headers: { cookie: compliance } })).json()) as { items: Array<{ user: string; target: string[]; detail?: string }> };
    expect(audit.items.find((e) => e.target[0] === ids.denied)).toMatchObject({ user: 'biller', target: [ids.denied, 'C-1001', ids.replacement], detail: 'corrected (replace)' });
  });

  it('voids a denied claim with the lines as sent, whatever lines the edit holds', async () => {
    const edited = { ...EXAMPLE_CLAIMS[0], claimId: 'C-3001', lines: [{ ...EXAMPLE_CLAIMS[0]!.lines[0], procedureCode: '99214', charge: 180 }], totalCharge: 180 };
    const res = await correct(ids.voided!, { kind: 'void', claim: edited });
    expect(res.status).toBe(200);
    const correction = (await res.json()) as Correction;
    const { text, claim } = await exported(correction.scrubId);
    expect(claim).toMatchObject({ claimId: 'C-3001', frequency: '8', originalClaimId: '22000111222', totalCharge: 125 });
    expect((claim.lines as Array<{ procedureCode: string }>).map((l) => l.procedureCode)).toEqual(['99213']);
    expect(text).toContain('REF*F8*22000111222~');
  });

  it('corrects the stored claim as it is when no edit is given: a replacement corrected again keeps the payer claim it names', async () => {
    const res = await correct(ids.replacement!, { kind: 'replace' });
    expect(res.status).toBe(200);
    const correction = (await res.json()) as Correction;
    expect(correction.correctionOf).toBe(ids.replacement);
    const { claim } = await exported(correction.scrubId);
    expect(claim).toMatchObject({ claimId: 'C-1001', frequency: '7', originalClaimId: '22123456789' });
    expect((claim.lines as Array<{ modifiers: string[] }>)[0]!.modifiers).toEqual(['25']);
  });

  it('refuses (409) a claim no remittance gave a payer claim number for, unless the biller gives one', async () => {
    const refused = await correct(ids.unanswered!, { kind: 'replace' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'SJ_CORRECTION_NO_ORIGINAL', field: 'claim.originalClaimId' });
    const given = await correct(ids.unanswered!, { kind: 'void', claim: { ...EXAMPLE_CLAIMS[0], claimId: 'C-3002', originalClaimId: 'PAYER-77' } });
    expect(given.status).toBe(200);
    const { claim } = await exported(((await given.json()) as Correction).scrubId);
    expect(claim).toMatchObject({ frequency: '8', originalClaimId: 'PAYER-77' });
  });

  it('refuses a trainee (403), an unknown kind (400) and an unknown scrub (404)', async () => {
    const trainee = await service.cookieFor('trainee');
    const forbidden = await correct(ids.denied!, { kind: 'replace' }, trainee);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'SJ_AUTH_FORBIDDEN' });
    expect((await correct(ids.denied!, { kind: 'rebill' })).status).toBe(400);
    expect((await correct('no-such-scrub', { kind: 'replace' })).status).toBe(404);
  });
});

describe('what is kept', () => {
  it('marks the denied claim corrected by the biller, after the remittance that denied it', async () => {
    await service.close();
    const store = await openClaimStore(dataDir);
    try {
      const states = await store.stateChanges(ids.denied!);
      expect(states.map((s) => [s.state, s.source, s.by])).toEqual([
        ['denied', 'remit', 'biller'],
        ['corrected', 'user', 'biller'],
      ]);
      expect(states[1]!.note).toBe(`replaced by ${ids.replacement}`);
      expect((await store.scrub(ids.replacement!))?.correctionOf).toBe(ids.denied);
    } finally {
      await store.close();
    }
    service = await startTestServer({ signedInAs: 'biller', dataDir });
  });
});
