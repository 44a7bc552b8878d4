/**
 * The missed-denials report over a real store: real scrubs kept, real 835s read, matched and
 * kept as the service keeps them, and the report read back by CARC and payer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { missedDenialsReport, missedReportCsv, remitContextFor, remitsFromText } from '../../src/remit/index.js';
import { remitSummary } from '../../src/remit/remit-state.js';
import { openClaimStore, type EmbeddedClaimStore } from '../../src/store/index.js';
import { exampleClaims, noTables, openTempStore, shippedRules, storeScrubs } from '../workbench/history.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';

const DIR = join(FIXTURES_DIR, 'x12', '835');
let store: EmbeddedClaimStore | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** The example Medicare claim C-1001 (99213 and 93000), served late enough that its scrub raises CARC 29. */
function lateC1001(): ClaimInput {
  const claim = structuredClone(exampleClaims()[0]!) as ClaimInput & { lines: Array<Record<string, unknown>> };
  const line = claim.lines[0]!;
  claim.claimId = 'C-1001';
  claim.lines = [
    { ...line, serviceDate: '2025-09-01' },
    { ...line, serviceDate: '2025-09-01', procedureCode: '93000', charge: 115 },
  ];
  (claim as Record<string, unknown>).totalCharge = 240;
  return claim;
}

/** The example Aetna claim C-1002, as the partial-c1002.835 fixture pays it. */
function c1002(): ClaimInput {
  const claim = exampleClaims().find((c) => c.claimId === 'C-1002');
  if (claim === undefined) throw new Error('examples/claims.json has no C-1002');
  return structuredClone(claim);
}

/** Reads, matches and keeps an 835 as `POST /api/remits` does. */
async function post(name: string, edit: (text: string) => string = (t) => t): Promise<void> {
  const context = remitContextFor(RULES_DIR, store!);
  const { remits } = await remitsFromText(edit(readFileSync(join(DIR, name), 'utf8')), name, context);
  await store!.recordRemits(
    remits.map((remit) => ({ remit: remit as unknown as Record<string, unknown>, summary: remitSummary(remit), scrubId: remit.scrub?.scrubId ?? null, claimId: remit.claimId, file: name })),
    'avery',
  );
}

async function history(): Promise<string[]> {
  store ??= await openTempStore();
  return (await storeScrubs(store, [{ claim: lateC1001() }, { claim: c1002() }], shippedRules(), noTables())).map((r) => r.id);
}

describe('the missed-denials report', () => {
  it('counts each denial CARC of a payment as predicted, missed or unmatched, by CARC and payer, with its money', async () => {
    const [c1001Scrub, c1002Scrub] = await history();
    await post('denied.835');
    await post('partial-c1002.835');
    // C-5001 has no stored scrub: its CO-16 cannot be compared; C-5002's CO-45 is pricing, not a denial
    await post('remarks.835');

    const report = await missedDenialsReport(store!);
    expect(report.payments).toBe(4);
    expect(report.totals).toEqual({ denials: 4, predicted: 1, missed: 2, unmatched: 1, amount: 345, missedAmount: 140, predictedShare: 0.333 });
    const row = (carc: string, payerId: string) => report.groups.find((g) => g.carc === carc && g.payer.id === payerId);

    expect(row('29', '00431')).toMatchObject({ denials: 1, predicted: 1, missed: 0, unmatched: 0, amount: 115, predictedShare: 1, examples: [] });
    expect(row('97', '00431')).toMatchObject({
      payer: { id: '00431', name: 'MEDICARE PART B EXAMPLE CONTRACTOR' },
      denials: 1,
      missed: 1,
      amount: 125,
      predictedShare: 0,
      ruleFamily: { family: 'reference-data/ncci-edits' },
      examples: [{ scrubId: c1001Scrub, claimId: 'C-1001', line: 1, procedureCode: '99213', modifiers: [], rarcs: ['M15'], amount: 125, remitDate: '2026-12-01' }],
    });
    expect(row('97', '60054')).toMatchObject({
      payer: { id: '60054', name: 'AETNA' },
      missed: 1,
      amount: 15,
      examples: [{ scrubId: c1002Scrub, claimId: 'C-1002', line: 2, procedureCode: '36415', modifiers: ['25'], rarcs: ['M15'] }],
    });
    expect(row('16', '00431')).toMatchObject({ denials: 1, unmatched: 1, missed: 0, amount: 90, predictedShare: null, examples: [], ruleFamily: { family: 'missing-information' } });
    // neither the fee schedule (45) nor the patient's copay (3) is a denial
    expect(report.groups.map((g) => g.carc).sort()).toEqual(['16', '29', '97', '97']);
    // most missed money first
    expect(report.groups[0]).toMatchObject({ carc: '97', payer: { id: '00431' } });
  });

  it('counts a remittance posted twice once', async () => {
    await history();
    await post('denied.835');
    await post('denied.835');
    const report = await missedDenialsReport(store!);
    expect(report.payments).toBe(1);
    expect(report.totals).toMatchObject({ denials: 2, predicted: 1, missed: 1 });
  });

  it('takes in only the remittance dates and payer asked for', async () => {
    await history();
    await post('denied.835'); // Medicare, 2026-12-01
    await post('partial-c1002.835'); // Aetna, 2026-12-05
    const carcsOf = async (query: Parameters<typeof missedDenialsReport>[1]) => (await missedDenialsReport(store!, query)).groups.map((g) => `${g.carc}/${g.payer.id}`).sort();
    expect(await carcsOf({ from: '2026-12-02' })).toEqual(['97/60054']);
    expect(await carcsOf({ to: '2026-12-01' })).toEqual(['29/00431', '97/00431']);
    expect(await carcsOf({ from: '2026-12-01', to: '2026-12-05' })).toEqual(['29/00431', '97/00431', '97/60054']);
    expect(await carcsOf({ payer: 'aetna' })).toEqual(['97/60054']);
    expect(await carcsOf({ payer: '00431' })).toEqual(['29/00431', '97/00431']);
    expect(await carcsOf({ payer: 'cigna' })).toEqual([]);
  });

  it('keeps at most the examples asked for in each missed group', async () => {
    await history();
    // the same denial on three more payments of C-1001 (payer claim numbers of their own)
    for (const icn of ['1', '2', '3']) await post('denied.835', (t) => t.replace('22123456789', `2212345678${icn}`));
    const report = await missedDenialsReport(store!, { examples: 2 });
    const bundled = report.groups.find((g) => g.carc === '97')!;
    expect(bundled.missed).toBe(3);
    expect(bundled.examples).toHaveLength(2);
  });

  it('reads the remittances kept by an earlier run of the store, matched or not', async () => {
    await history();
    await post('denied.835');
    await post('remarks.835');
    const before = await missedDenialsReport(store!);
    const dir = store!.files.dir;
    await store!.close();
    store = await openClaimStore(join(dir, '..'));
    expect(await missedDenialsReport(store)).toEqual(before);
  });

  it('answers CSV with one row per CARC and payer', async () => {
    await history();
    await post('denied.835');
    const csv = missedReportCsv(await missedDenialsReport(store!));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('carc,meaning,payerId,payerName,denials,predicted,missed,unmatched,amount,missedAmount,predictedShare,ruleFamily,exampleClaims');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith('97,'))).toMatch(/,00431,MEDICARE PART B EXAMPLE CONTRACTOR,1,0,1,0,125\.00,125\.00,0,reference-data\/ncci-edits,C-1001$/);
  });
});
