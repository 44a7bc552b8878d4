/**
 * Remittances and claim state changes kept by the embedded store: durable when answered,
 * read back after the store is closed and opened again, and listed for the worklist over
 * the newest scrub of each claim id only.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles, type EmbeddedClaimStore, type RemitInput } from '../../src/store/index.js';
import { removeTempDataDirs, scrubbedClaims, tempDataDir, withClaimId, type Scrubbed } from './helpers.js';

let claims: Scrubbed[];
beforeAll(() => {
  claims = scrubbedClaims(3);
});
afterAll(removeTempDataDirs);

const by = { username: 'avery', role: 'biller', address: '203.0.113.9' };
const record = (scrubbed: Scrubbed) => ({ ...scrubbed, by, origin: 'rest' as const });

function remitFor(scrubId: string | null, claimId: string, paid: number): RemitInput {
  return {
    remit: { claimId, status: { code: '1', meaning: 'Processed as primary' }, charged: 100, paid },
    summary: { statusCode: '1', state: paid < 100 ? 'partly-paid' : 'paid', charged: 100, paid, carcs: paid < 100 ? ['97'] : [], appealBy: null, remitDate: '2026-12-01' },
    scrubId,
    claimId,
    file: 'era.835',
  };
}

function followUpLines(dataDir: string): Array<Record<string, unknown>> {
  return readFileSync(storeFiles(dataDir).followUp, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('remittances and claim states in the embedded store', () => {
  it('has them on disk by the time it answers, and reads them back after a reopen', async () => {
    const dataDir = tempDataDir();
    let store: EmbeddedClaimStore = await openClaimStore(dataDir);
    const scrub = await store.recordScrub(record(withClaimId(claims[0]!, 'F-1')));
    const [remit] = await store.recordRemits([remitFor(scrub.id, 'F-1', 60)], 'avery');
    expect(followUpLines(dataDir).some((line) => line.kind === 'remit' && line.id === remit!.id)).toBe(true);
    const [change] = await store.recordStateChanges([{ scrubId: scrub.id, state: 'partly-paid', note: 'remittance', by: 'avery', source: 'remit' }]);
    expect(followUpLines(dataDir).some((line) => line.kind === 'state' && line.state === 'partly-paid')).toBe(true);
    expect(change).toMatchObject({ scrubId: scrub.id, state: 'partly-paid', note: 'remittance', by: 'avery', source: 'remit' });
    expect(Date.parse(change!.at)).not.toBeNaN();
    await store.close();

    store = await openClaimStore(dataDir);
    try {
      expect(await store.remitsOfScrub(scrub.id)).toEqual([remit]);
      expect(await store.stateChanges(scrub.id)).toEqual([change]);
      const [entry] = await store.followUp();
      expect(entry!.scrub.id).toBe(scrub.id);
      expect(entry!.state).toEqual(change);
      expect(entry!.remits.map((r) => r.summary)).toEqual([remit!.summary]);
    } finally {
      await store.close();
    }
  });

  it('lists only the newest scrub of a claim id, and keeps the states in order', async () => {
    const dataDir = tempDataDir();
    const store = await openClaimStore(dataDir);
    try {
      const first = await store.recordScrub(record(withClaimId(claims[0]!, 'F-2')));
      await store.recordStateChanges([{ scrubId: first.id, state: 'rejected', by: null, source: 'ack' }]);
      const corrected = await store.recordScrub(record(withClaimId(claims[1]!, 'F-2')));
      const other = await store.recordScrub(record(withClaimId(claims[2]!, 'F-3')));
      await store.recordStateChanges([
        { scrubId: corrected.id, state: 'sent', by: 'avery', source: 'user' },
        { scrubId: corrected.id, state: 'denied', by: null, source: 'remit' },
      ]);
      const listed = await store.followUp();
      expect(listed.map((e) => e.scrub.id).sort()).toEqual([corrected.id, other.id].sort());
      expect(listed.find((e) => e.scrub.id === corrected.id)!.state!.state).toBe('denied');
      expect(listed.find((e) => e.scrub.id === other.id)!.state).toBeNull();
      expect((await store.stateChanges(corrected.id)).map((c) => c.state)).toEqual(['sent', 'denied']);
      // an unmatched remittance is kept, though no scrub lists it
      await store.recordRemits([remitFor(null, 'F-404', 100)], 'avery');
      expect(followUpLines(dataDir).some((line) => line.kind === 'remit' && line.claimId === 'F-404')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses a state change for a scrub it does not keep', async () => {
    const store = await openClaimStore(tempDataDir());
    try {
      await expect(store.recordStateChanges([{ scrubId: 'no-such-scrub', state: 'sent', by: 'avery', source: 'user' }])).rejects.toMatchObject({ code: 'SJ_ARGUMENT_INVALID' });
    } finally {
      await store.close();
    }
  });

  it('drops a last line a crash cut short, and keeps every acknowledged one', async () => {
    const dataDir = tempDataDir();
    let store = await openClaimStore(dataDir);
    const scrub = await store.recordScrub(record(withClaimId(claims[0]!, 'F-4')));
    await store.recordStateChanges([{ scrubId: scrub.id, state: 'sent', by: 'avery', source: 'user' }]);
    await store.close();
    appendFileSync(storeFiles(dataDir).followUp, '{"kind":"state","scrubId":"');
    store = await openClaimStore(dataDir);
    try {
      expect((await store.stateChanges(scrub.id)).map((c) => c.state)).toEqual(['sent']);
      await store.recordStateChanges([{ scrubId: scrub.id, state: 'paid', by: null, source: 'remit' }]);
      expect(followUpLines(dataDir).map((line) => line.state)).toEqual(['sent', 'paid']);
    } finally {
      await store.close();
    }
  });
});
