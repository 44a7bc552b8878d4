/**
 * Claim payments matched to real scrubs kept in a real store (a temp folder): the newest
 * scrub of exactly the claim id, lines paired, and each denial code predicted or missed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { explainRemits, matchScrub, pairLines, readRemittanceText, remitContextFor, remitsFromText, type ClaimPayment, type ExplainedRemit } from '../../src/remit/index.js';
import type { EmbeddedClaimStore } from '../../src/store/index.js';
import { exampleClaims, noTables, openTempStore, shippedRules, storeScrubs } from '../workbench/history.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';

const DIR = join(FIXTURES_DIR, 'x12', '835');
let store: EmbeddedClaimStore | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** The example Medicare claim C-1001 with two lines, 99213 and 93000, served on the dates given. */
function claim(claimId: string, dates: [string, string], extra: Array<Record<string, unknown>> = [{}, {}]): ClaimInput {
  const base = structuredClone(exampleClaims()[0]!) as ClaimInput & { lines: Array<Record<string, unknown>> };
  const line = base.lines[0]!;
  base.claimId = claimId;
  base.lines = [
    { ...line, serviceDate: dates[0], ...extra[0] },
    { ...line, serviceDate: dates[1], procedureCode: '93000', charge: 115, ...extra[1] },
  ];
  (base as Record<string, unknown>).totalCharge = 240;
  return base;
}

/** denied.835 with its dates of service moved: C-1001 denied CO-29 (claim) and CO-97 (line 1). */
function denied(date = '20250901'): ClaimPayment {
  const text = readFileSync(join(DIR, 'denied.835'), 'utf8').replaceAll('DTM*472*20261001', `DTM*472*${date}`);
  return readRemittanceText(text, 'denied.835').payments[0]!;
}

async function keep(...claims: ClaimInput[]): Promise<string[]> {
  store ??= await openTempStore();
  return (await storeScrubs(store, claims.map((c) => ({ claim: c })), shippedRules(), noTables())).map((r) => r.id);
}

describe('matching a claim payment to a stored scrub', () => {
  it('takes the newest scrub of exactly that claim id, and says which denial codes it predicted and which it missed', async () => {
    // the older scrub was in time; the newer one, filed over a year after the service, raised CARC 29; C-10011 is another claim
    const [, newer] = await keep(claim('C-1001', ['2026-10-01', '2026-10-01']), claim('C-1001', ['2025-09-01', '2025-09-01']), claim('C-10011', ['2025-09-01', '2025-09-01']));
    const match = await matchScrub(denied(), store!);
    expect(match).toMatchObject({ scrubId: newer, predicted: ['29'], missed: ['97'], lines: [1, 2], payer: { id: '00431', kind: 'medicare' } });
  });

  it('matches nothing when no scrub of that exact claim id is kept', async () => {
    await keep(claim('C-10011', ['2025-09-01', '2025-09-01']), claim('c-1001', ['2025-09-01', '2025-09-01']));
    expect(await matchScrub(denied(), store!)).toBeNull();
  });

  it('counts a line denial as predicted only when the scrub raised its CARC on the line it pairs with', async () => {
    // only line 1 (99213) was filed late; the payer denies line 2 (93000) for timely filing
    const [id] = await keep(claim('C-1001', ['2025-09-01', '2026-10-01']));
    const payment = denied('20250901');
    payment.lines[1]!.serviceDate = '2026-10-01';
    payment.lines[1]!.adjustments = [{ group: 'CO', carc: '29', rarc: [], amount: 115, quantity: null, line: 2 }];
    payment.adjustments = [];
    expect(await matchScrub(payment, store!)).toMatchObject({ scrubId: id, predicted: [], missed: ['97', '29'], lines: [1, 2] });
    // the same denial on line 1, which the scrub did flag
    payment.lines[1]!.adjustments = [];
    payment.lines[0]!.adjustments.push({ group: 'CO', carc: '29', rarc: [], amount: 125, quantity: null, line: 1 });
    expect(await matchScrub(payment, store!)).toMatchObject({ predicted: ['29'], missed: ['97'] });
  });

  it('pairs lines by the line control number (REF*6R) when the stored claim has one, else by code, modifiers and date', () => {
    const stored = claim('C-1001', ['2026-10-01', '2026-10-01'], [{ controlNumber: 'LN-A' }, { controlNumber: 'LN-B' }]) as unknown as Record<string, unknown>;
    const payment = denied('20261001');
    payment.lines[0]!.controlNumber = 'LN-B';
    payment.lines[1]!.controlNumber = 'LN-A';
    // by control number even where the codes would pair otherwise
    expect(pairLines(payment.lines, stored)).toEqual([2, 1]);
    const plain = claim('C-1001', ['2026-10-01', '2026-10-01']) as unknown as Record<string, unknown>;
    expect(pairLines(payment.lines, plain)).toEqual([1, 2]);
    // a modifier or a date that differs pairs with nothing
    payment.lines[0]!.modifiers = ['25'];
    payment.lines[1]!.serviceDate = '2026-10-02';
    expect(pairLines(payment.lines, plain)).toEqual([null, null]);
  });

  it('chooses the payer profile by the stored claim\'s payer, as its scrub did: Medicare gives the appeal deadline', async () => {
    await keep(claim('C-1001', ['2025-09-01', '2025-09-01']));
    const explained = async (withStore: boolean): Promise<ExplainedRemit> => {
      const out: ExplainedRemit[] = [];
      for await (const remit of explainRemits([denied()], remitContextFor(RULES_DIR, withStore ? store! : null))) out.push(remit);
      return out[0]!;
    };
    const matched = await explained(true);
    expect(matched.appealBy).toBe('2027-04-05');
    expect(matched.scrub).toEqual({ scrubId: expect.any(String), predicted: ['29'], missed: ['97'] });
    // without the history the payer id alone names no profile with an appeal period
    const alone = await explained(false);
    expect(alone.scrub).toBeNull();
    expect(alone.appealBy).toBeNull();
  });

  it('reads a whole body, explains and matches each payment, and hands back the file\'s problems', async () => {
    const [id] = await keep(claim('C-1001', ['2026-10-01', '2026-10-01']));
    const text = readFileSync(join(DIR, 'denied.835'), 'utf8').replace('SE*21*', 'SE*20*');
    const { remits, problems } = await remitsFromText(text, 'request body', remitContextFor(RULES_DIR, store!));
    expect(remits.map((r) => [r.claimId, r.scrub])).toEqual([['C-1001', { scrubId: id, predicted: [], missed: ['29', '97'] }]]);
    expect(problems.map((p) => [p.code, p.where?.location])).toEqual([['x12-control-count', 'SE, segment 23']]);
  });

  it('keeps the order of a long remittance, looked up a batch at a time', async () => {
    const ids = await keep(...Array.from({ length: 600 }, (_, i) => claim(`C-${i}`, ['2025-09-01', '2025-09-01'])));
    const base = denied();
    const payments = Array.from({ length: 600 }, (_, i) => ({ ...base, claimId: `C-${599 - i}` }));
    const out: Array<string | null> = [];
    for await (const remit of explainRemits(payments, remitContextFor(RULES_DIR, store!))) out.push(remit.scrub?.scrubId ?? null);
    expect(out).toEqual([...ids].reverse());
  });
});
