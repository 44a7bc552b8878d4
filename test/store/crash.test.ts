/**
 * A server killed with SIGKILL while it writes: every scrub it acknowledged must be there
 * after the restart, and the files must read cleanly. The kills fall at random moments:
 * inside journal appends, between an append and the database write that takes it in,
 * during database writes and (with a small retention) during journal compactions.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles, type ClaimStore } from '../../src/store/index.js';
import { auditLines, finished, lineMatching, removeTempDataDirs, spawnScript, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

/** Runs the recording child until a random moment after its first acknowledgement, kills it, and returns what it acknowledged. */
async function killMidWrite(dataDir: string, round: number, keep: number, maxDelayMs: number): Promise<{ acks: string[]; delay: number }> {
  const child = spawnScript('record-loop-child.ts', [dataDir, String(round), String(keep)]);
  const output = finished(child);
  await lineMatching(child, /^ack /);
  const delay = Math.floor(Math.random() * maxDelayMs);
  await new Promise((resolve) => setTimeout(resolve, delay));
  child.kill('SIGKILL');
  const { signal, stdout } = await output;
  expect(signal, `round ${round}`).toBe('SIGKILL');
  const acks = stdout.split('\n').filter((line) => line.startsWith('ack ')).map((line) => line.slice(4));
  expect(acks.length).toBeGreaterThan(0);
  return { acks, delay };
}

function expectFilesRead(dataDir: string, round: number): void {
  const { database, journal, audit } = storeFiles(dataDir);
  expect(() => JSON.parse(readFileSync(database, 'utf8')), `round ${round}: database parses`).not.toThrow();
  expect(readFileSync(audit, 'utf8').endsWith('\n')).toBe(true);
  expect(readFileSync(journal, 'utf8').endsWith('\n'), `round ${round}: journal ends with a whole line`).toBe(true);
}

describe('crash safety', () => {
  it('keeps every acknowledged scrub when the process is killed mid-write, round after round', async () => {
    const dataDir = tempDataDir();
    const acknowledged = new Set<string>();
    const killedAfterMs: number[] = [];
    for (let round = 0; round < 6; round++) {
      // the database is written a second after the first change: some kills come before it, some after
      const { acks, delay } = await killMidWrite(dataDir, round, 1_000_000, 1_500);
      killedAfterMs.push(delay);
      for (const id of acks) acknowledged.add(id);

      const store = await openClaimStore(dataDir, { maxScrubs: 1_000_000 });
      expect(store.warnings.map((w) => w.kind), `round ${round} (killed after ${delay} ms)`).toEqual(['lock-taken-over']);
      const kept = await keptIds(store);
      const missing = [...acknowledged].filter((id) => !kept.has(id));
      expect(missing, `round ${round}: acknowledged but lost (kills after ${killedAfterMs.join(', ')} ms)`).toEqual([]);
      for (const id of acks.slice(-3)) expect((await store.scrub(id))?.id, `round ${round}: ${id} reads back`).toBe(id);
      const audited = new Set(auditLines(dataDir).map((entry) => (entry.target as string[])[0]));
      expect([...acknowledged].filter((id) => !audited.has(id)), `round ${round}: audit entries lost`).toEqual([]);
      await store.close();
      expectFilesRead(dataDir, round);
    }
    expect(acknowledged.size).toBeGreaterThan(6);
  });

  it('keeps the newest scrubs readable when killed while the journal is being compacted', async () => {
    const dataDir = tempDataDir();
    const keep = 20;
    for (let round = 0; round < 4; round++) {
      // compactions start with the database writes, a second apart, once enough lines have aged out
      const { acks, delay } = await killMidWrite(dataDir, round, keep, 2_500);
      const store = await openClaimStore(dataDir, { maxScrubs: keep });
      expect(store.warnings.map((w) => w.kind), `round ${round} (killed after ${delay} ms)`).toEqual(['lock-taken-over']);
      const { items } = await store.history({ limit: keep });
      // at most 16 scrubs were in flight after the last acknowledgement: it is among the newest 20
      expect(items.map((item) => item.id), `round ${round}: the last acknowledged scrub is kept`).toContain(acks.at(-1));
      for (const item of items) {
        const back = await store.scrub(item.id);
        expect(back?.claimId, `round ${round}: ${item.id} reads back whole`).toBe(item.claimId);
      }
      await store.close();
      expectFilesRead(dataDir, round);
    }
  });
});

/** Every scrub id the store lists, page by page. */
async function keptIds(store: ClaimStore): Promise<Set<string>> {
  const ids = new Set<string>();
  const { total } = await store.history({ limit: 1 });
  for (let offset = 0; offset < total; offset += 500) {
    for (const item of (await store.history({ limit: 500, offset })).items) ids.add(item.id);
  }
  return ids;
}
