/**
 * A scrub answered over REST is a kept scrub. The real server runs in a child process, takes
 * a burst of concurrent POST /api/scrub and is killed with SIGKILL in the middle of it; every
 * scrub it had answered 200 must be in the store when it is opened again on the same folder.
 * And a scrub that cannot be kept is answered with the store's error, never with a result.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore } from '../../src/store/index.js';
import { finished, lineMatching, removeTempDataDirs, spawnScript, tempDataDir } from '../store/helpers.js';
import { EXAMPLE_CLAIMS, expectErrorBody, fetch, JSON_HEADERS, signIn, startTestServer, uncheckedFetch } from './support.js';

afterAll(removeTempDataDirs);

const IN_FLIGHT = 24;

interface Answered {
  claimId: string;
  scrubId: string | undefined;
}

/** Starts the server, keeps IN_FLIGHT scrubs going, and kills it once `killAfter` have been answered; returns those answered. */
async function burstAndKill(dataDir: string, round: number, killAfter: number): Promise<Answered[]> {
  const child = spawnScript('../server/serve-child.ts', [dataDir]);
  const output = finished(child);
  const url = (await lineMatching(child, /^listening /)).slice('listening '.length).replace(/\/$/, '');
  const cookie = await signIn(url, 'biller');
  const answered: Answered[] = [];
  let killed = false;
  let next = 0;
  const sendOne = async (): Promise<void> => {
    while (!killed) {
      const claimId = `K${round}-${next++}`;
      let res: Response;
      try {
        res = await uncheckedFetch(`${url}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify({ ...EXAMPLE_CLAIMS[1]!, claimId }) });
        if (res.status !== 200) throw new Error(`answered ${res.status}`);
        const body = (await res.json()) as { scrubId?: string };
        // an answer read after the kill was still answered: it counts
        answered.push({ claimId, scrubId: body.scrubId });
      } catch (error) {
        if (killed) return;
        throw error;
      }
      if (answered.length >= killAfter && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sendOne));
  const { signal } = await output;
  expect(signal, `round ${round}`).toBe('SIGKILL');
  return answered;
}

describe('answered scrubs', () => {
  it('are all in the store after the server is killed mid-burst, round after round', async () => {
    const dataDir = tempDataDir();
    const all: Answered[] = [];
    for (let round = 0; round < 3; round++) {
      const answered = await burstAndKill(dataDir, round, 40 + Math.floor(Math.random() * 80));
      all.push(...answered);
      const store = await openClaimStore(dataDir);
      try {
        const lostClaims: string[] = [];
        for (const { claimId } of all) if ((await store.scrubsOfClaim(claimId)).length === 0) lostClaims.push(claimId);
        expect(lostClaims, `round ${round}: answered 200 but not kept`).toEqual([]);
        for (const { claimId, scrubId } of all) {
          expect(scrubId, `${claimId}: the answer names its history record`).toBeDefined();
          expect((await store.scrub(scrubId!))?.claimId, `${claimId}: its record reads back`).toBe(claimId);
        }
      } finally {
        await store.close();
      }
    }
    expect(all.length).toBeGreaterThan(100);
  });

  it('answer with the history id of the kept scrub, one for each claim', async () => {
    const service = await startTestServer();
    try {
      const claims = EXAMPLE_CLAIMS.slice(0, 3);
      const res = await fetch(`${service.base}/api/scrub?asOf=2026-11-27`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(claims) });
      expect(res.status).toBe(200);
      const results = (await res.json()) as Array<{ claimId: string; scrubId: string }>;
      expect(results).toHaveLength(3);
      for (const result of results) {
        const kept = await fetch(`${service.base}/api/history/${result.scrubId}`);
        expect(((await kept.json()) as { record: { claimId: string } }).record.claimId).toBe(result.claimId);
      }
    } finally {
      await service.close();
    }
  });

  it('are refused with a store error (503) when the scrub cannot be kept', async () => {
    const service = await startTestServer();
    try {
      // the store closes under the server: a real store that can no longer write
      await service.server.store.close();
      for (const [path, body, type] of [['/api/scrub', JSON.stringify(EXAMPLE_CLAIMS[1]), 'application/json'], ['/api/scrub/text', JSON.stringify(EXAMPLE_CLAIMS[1]), 'text/plain']] as const) {
        const res = await fetch(`${service.base}${path}?asOf=2026-11-27`, { method: 'POST', headers: { 'content-type': type }, body });
        expect(res.status, path).toBe(503);
        const answer = (await res.json()) as { code: string; error: string };
        expectErrorBody(answer);
        expect(answer.code, path).toMatch(/^SJ_STORE_/);
        expect(answer.error).not.toContain(service.dataDir);
      }
    } finally {
      await service.close();
    }
  });
});
