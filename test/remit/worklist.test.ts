/**
 * The worklist over a real store: a page is the same claims in the same order as the whole
 * list sorted, whichever sort; and a remittance sets its claim's state from CLP02 and the
 * amounts (fee-schedule write-offs leave a claim paid, a reversal reopens it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remitContextFor, remitsFromText } from '../../src/remit/index.js';
import { remitState, remitSummary } from '../../src/remit/remit-state.js';
import { worklist, type WorklistSort } from '../../src/remit/worklist.js';
import { SHIPPED_RULES_DIR } from '../../src/config/paths.js';
import { openClaimStore, type EmbeddedClaimStore } from '../../src/store/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId } from '../store/helpers.js';

const context = remitContextFor(SHIPPED_RULES_DIR);
const remitsOf = async (name: string) => (await remitsFromText(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'x12', '835', name), 'utf8'), name, context)).remits;

describe('the state a remittance leaves its claim in', () => {
  it('paid, partly paid, denied, and a reversal back to sent', async () => {
    expect((await remitsOf('paid.835')).map(remitState)).toEqual(['paid']);
    expect((await remitsOf('partial-c1002.835')).map(remitState)).toEqual(['partly-paid']);
    expect((await remitsOf('denied.835')).map(remitState)).toEqual(['denied']);
    // the reversal takes the payment back; the corrected payment after it pays the claim again
    expect((await remitsOf('reversal.835')).map(remitState)).toEqual(['sent', 'paid']);
  });

  it('summarises every adjustment CARC, claim and line level', async () => {
    const [denied] = await remitsOf('denied.835');
    expect(remitSummary(denied!)).toMatchObject({ statusCode: '4', state: 'denied', paid: 0, remitDate: '2026-12-01' });
    expect(remitSummary(denied!).carcs.sort()).toEqual(['29', '97']);
  });
});

describe('a page of the worklist', () => {
  let store: EmbeddedClaimStore;
  const profiles = (): ReturnType<typeof remitContextFor>['profiles'] => context.profiles;

  beforeAll(async () => {
    store = await openClaimStore(tempDataDir());
    const claims = scrubbedClaims(60, 11);
    const stored = [];
    for (let i = 0; i < claims.length; i++) stored.push(await store.recordScrub({ ...withClaimId(claims[i]!, `P-${i}`), origin: 'rest', by: { username: 'avery', role: 'biller', address: null } }));
    await store.recordStateChanges(stored.filter((_, i) => i % 2 === 0).map((s) => ({ scrubId: s.id, state: 'sent' as const, by: 'avery', source: 'user' as const })));
    await store.recordRemits(
      stored
        .filter((_, i) => i % 3 === 0)
        .map((s, i) => ({
          remit: {},
          summary: { statusCode: '1', state: 'partly-paid' as const, charged: 100, paid: i * 7, carcs: ['97'], appealBy: `2027-0${1 + (i % 9)}-15`, remitDate: '2026-12-01' },
          scrubId: s.id,
          claimId: s.claimId ?? '',
          file: 'era.835',
        })),
      'avery',
    );
  });

  afterAll(async () => {
    await store.close();
    removeTempDataDirs();
  });

  for (const sort of ['money', 'deadline', 'newest'] as WorklistSort[]) {
    it(`holds the same claims as the whole list sorted by ${sort}`, async () => {
      const whole = await worklist(store, profiles(), { sort, limit: 1000 });
      expect(whole.total).toBe(60);
      for (const [offset, limit] of [[0, 1], [0, 5], [4, 3]] as const) {
        const page = await worklist(store, profiles(), { sort, offset, limit });
        expect(page.total).toBe(60);
        expect(page.items).toEqual(whole.items.slice(offset, offset + limit));
      }
    });
  }

  it('sorts by money owed, highest first', async () => {
    const owed = (await worklist(store, profiles(), { limit: 1000 })).items.map((i) => i.charged - i.paid);
    expect(owed).toEqual([...owed].sort((a, b) => b - a));
  });
});
