/**
 * The worklist across restarts: what it needs of each claim (payer, charge, dates of
 * service) is kept in the store's index when the claim is kept, so a reopened store lists
 * the same worklist without reading the claims back, whether its index was written by the
 * last run, rebuilt from the journal, or written before the index held those facts.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_RULES_DIR } from '../../src/config/paths.js';
import { remitContextFor } from '../../src/remit/index.js';
import { worklist, type WorklistPage } from '../../src/remit/worklist.js';
import { openClaimStore, storeFiles, type EmbeddedClaimStore } from '../../src/store/index.js';
import { removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId } from '../store/helpers.js';

const profiles = remitContextFor(SHIPPED_RULES_DIR).profiles;
let dataDir: string;
let store: EmbeddedClaimStore | undefined;
let before: WorklistPage;

beforeEach(async () => {
  dataDir = tempDataDir();
  store = await openClaimStore(dataDir);
  const claims = scrubbedClaims(30, 5);
  const stored = [];
  for (let i = 0; i < claims.length; i++) stored.push(await store.recordScrub({ ...withClaimId(claims[i]!, `R-${i}`), origin: 'rest', by: { username: 'avery', role: 'biller', address: null } }));
  // a newer scrub of R-0 supersedes the first one
  stored.push(await store.recordScrub({ ...withClaimId(claims[1]!, 'R-0'), origin: 'rest', by: { username: 'avery', role: 'biller', address: null } }));
  await store.recordStateChanges(stored.filter((_, i) => i % 2 === 0).map((s) => ({ scrubId: s.id, state: 'sent' as const, by: 'avery', source: 'user' as const })));
  await store.recordRemits(
    stored
      .filter((_, i) => i % 4 === 0)
      .map((s, i) => ({
        remit: {},
        summary: { statusCode: '1', state: 'partly-paid' as const, charged: 100, paid: 10 + i, carcs: ['97'], appealBy: '2027-03-01', remitDate: '2026-12-01' },
        scrubId: s.id,
        claimId: s.claimId ?? '',
        file: 'era.835',
      })),
    'avery',
  );
  before = await worklist(store, profiles, { limit: 1000 });
  await store.close();
  store = undefined;
});

afterEach(async () => {
  await store?.close();
  store = undefined;
});

afterAll(removeTempDataDirs);

/** The index file as a version before the facts column wrote it. */
function withoutFacts(): void {
  const { database } = storeFiles(dataDir);
  const file = JSON.parse(readFileSync(database, 'utf8')) as { scrubColumns: string[]; scrubs: unknown[][] };
  file.scrubColumns = file.scrubColumns.filter((column) => column !== 'facts');
  file.scrubs = file.scrubs.map((row) => row.slice(0, -1));
  writeFileSync(database, JSON.stringify(file));
}

describe('the worklist after the store is reopened', () => {
  it('lists the same claims, with the facts of each claim kept in the index rather than read back', async () => {
    expect(before.total).toBe(30);
    store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([]);
    const entries = await store.followUp();
    expect(entries.every((e) => e.claim !== undefined)).toBe(true);
    const r5 = entries.find((e) => e.scrub.claimId === 'R-5')!;
    const listed = before.items.find((i) => i.claimId === 'R-5')!;
    expect(r5.claim).toMatchObject({ payerId: listed.payer.id, payerName: listed.payer.name, charged: listed.charged });
    expect(await worklist(store, profiles, { limit: 1000 })).toEqual(before);
  });

  it('lists the same claims when the index is rebuilt from the journal', async () => {
    rmSync(storeFiles(dataDir).database);
    store = await openClaimStore(dataDir);
    expect((await store.followUp()).every((e) => e.claim !== undefined)).toBe(true);
    expect(await worklist(store, profiles, { limit: 1000 })).toEqual(before);
  });

  it('lists the same claims from an index written before it held the facts, reading those claims instead', async () => {
    withoutFacts();
    store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([]);
    expect((await store.followUp()).some((e) => e.claim !== undefined)).toBe(false);
    expect(await worklist(store, profiles, { limit: 1000 })).toEqual(before);
  });

  it('keeps the facts of scrubs stored after such an index was read', async () => {
    withoutFacts();
    store = await openClaimStore(dataDir);
    const [extra] = scrubbedClaims(1, 9);
    const kept = await store.recordScrub({ ...withClaimId(extra!, 'R-new'), origin: 'rest', by: { username: 'avery', role: 'biller', address: null } });
    await store.close();
    store = await openClaimStore(dataDir);
    expect(store.warnings).toEqual([]);
    const entries = await store.followUp();
    expect(entries.filter((e) => e.claim !== undefined).map((e) => e.scrub.id)).toEqual([kept.id]);
    expect((await worklist(store, profiles, { limit: 1000 })).total).toBe(31);
  });
});
