/**
 * A server killed with SIGKILL while it writes: every scrub it acknowledged must be there
 * after the restart, and the files must read cleanly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles } from '../../src/store/index.js';
import { finished, lineMatching, removeTempDataDirs, spawnScript, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

const ROUNDS = 6;

describe('crash safety', () => {
  it('keeps every acknowledged scrub when the process is killed mid-write, round after round', async () => {
    const dataDir = tempDataDir();
    const acknowledged = new Set<string>();
    const killedAfterMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawnScript('record-loop-child.ts', [dataDir, String(round)]);
      const output = finished(child);
      await lineMatching(child, /^ack /);
      // a random moment: the child keeps up to 16 scrubs in flight, so most moments fall inside a write
      const delay = Math.floor(Math.random() * 400);
      killedAfterMs.push(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      const { signal, stdout } = await output;
      expect(signal, `round ${round}`).toBe('SIGKILL');
      const acks = stdout.split('\n').filter((line) => line.startsWith('ack ')).map((line) => line.slice(4));
      expect(acks.length).toBeGreaterThan(0);
      for (const id of acks) acknowledged.add(id);

      const { database, audit } = storeFiles(dataDir);
      expect(() => JSON.parse(readFileSync(database, 'utf8')), `round ${round}: database parses`).not.toThrow();
      const store = await openClaimStore(dataDir, { maxScrubs: 1_000_000, maxAuditEntries: 1_000_000 });
      expect(store.warnings.map((w) => w.kind), `round ${round} (killed after ${delay} ms)`).toEqual(['lock-taken-over']);
      const missing = [...acknowledged].filter((id) => store.scrub(id) === undefined);
      expect(missing, `round ${round}: acknowledged but lost (kills after ${killedAfterMs.join(', ')} ms)`).toEqual([]);
      const audited = new Set(store.auditLog(Number.MAX_SAFE_INTEGER).map((entry) => entry.scrubId));
      expect([...acknowledged].filter((id) => !audited.has(id)), `round ${round}: audit entries lost`).toEqual([]);
      expect(readFileSync(audit, 'utf8').endsWith('\n')).toBe(true);
      await store.close();
    }
    expect(acknowledged.size).toBeGreaterThan(ROUNDS);
  });
});
