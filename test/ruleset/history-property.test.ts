import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import { hashRuleFiles } from '../../src/rules/content-hash.js';
import { readRuleFolder } from '../../src/ruleset/history/folder-files.js';
import { openRulesHistory, type RulesHistory } from '../../src/ruleset/history/history.js';
import { saveByRename } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

const OFFICER = { name: 'Dana Reyes', role: 'compliance' };

type Step =
  | { kind: 'draft'; file: 'cigna' | 'aetna'; days: number }
  | { kind: 'publish'; file: 'cigna' | 'aetna'; days: number }
  | { kind: 'publish-draft'; days: number }
  | { kind: 'publish-broken' }
  | { kind: 'publish-on-first' }
  | { kind: 'restore'; pick: number }
  | { kind: 'hand-edit'; days: number };

const days = fc.integer({ min: 30, max: 400 });
const file = fc.constantFrom<'cigna' | 'aetna'>('cigna', 'aetna');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('draft' as const), file, days }),
  fc.record({ kind: fc.constant('publish' as const), file, days }),
  fc.record({ kind: fc.constant('publish-draft' as const), days }),
  fc.record({ kind: fc.constant('publish-broken' as const) }),
  fc.record({ kind: fc.constant('publish-on-first' as const) }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('hand-edit' as const), days }),
);

function folderHash(dir: string): string {
  return hashRuleFiles([...readRuleFolder(dir)].map(([path, bytes]) => ({ path, bytes })));
}

function payerFile(name: 'cigna' | 'aetna'): string {
  return `payers/${name}.yaml`;
}

function withDays(dir: string, name: 'cigna' | 'aetna', n: number): string {
  return readFileSync(join(dir, payerFile(name)), 'utf8').replace(/period: \{ days: \d+ \}/, `period: { days: ${n} }`);
}

/** Refusals are answers a user gets; anything else escaping a step is a failure of the history. */
async function answered(work: Promise<unknown>): Promise<void> {
  await work.catch((error: unknown) => {
    if (!(error instanceof ScrubjayError)) throw error;
    expect(['SJ_RULES_CHANGE_REFUSED', 'SJ_RULES_STALE_BASE']).toContain(error.code);
  });
}

async function run(history: RulesHistory, dir: string, first: string, s: Step): Promise<void> {
  const base = history.live.status().version;
  const reason = `step ${s.kind}`;
  switch (s.kind) {
    case 'draft':
      await history.draft({ base, changes: [{ path: payerFile(s.file), content: withDays(dir, s.file, s.days) }] });
      return;
    case 'publish':
      return answered(history.publish({ base, changes: [{ path: payerFile(s.file), content: withDays(dir, s.file, s.days) }], author: OFFICER, reason }));
    case 'publish-draft': {
      const draft = await history.draft({ base, changes: [{ path: payerFile('cigna'), content: withDays(dir, 'cigna', s.days) }] });
      return answered(history.publish({ draftId: draft.draftId, author: OFFICER, reason }));
    }
    case 'publish-broken':
      return answered(history.publish({ base, changes: [{ path: payerFile('cigna'), content: 'id: [unclosed\n' }], author: OFFICER, reason }));
    case 'publish-on-first':
      return answered(history.publish({ base: first, changes: [{ path: payerFile('cigna'), content: withDays(dir, 'cigna', 77) }], author: OFFICER, reason }));
    case 'restore': {
      const versions = await history.versions();
      return answered(history.restore(versions[s.pick % versions.length]!.version, { author: OFFICER, reason }));
    }
    case 'hand-edit':
      saveByRename(join(dir, payerFile('cigna')), withDays(dir, 'cigna', s.days));
      return;
  }
}

describe('the rules history under any sequence of drafts, publishes and restores', () => {
  it('leaves the folder equal to the version the live set says is in force, and each version naming one hash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const dir = copyOfShippedRules();
        // the watcher is on, as in the service: its reloads of the files a publish writes race the publish itself
        let history = await openRulesHistory(dir, { watch: true, debounceMs: 20 });
        try {
          const first = history.live.status().version;
          for (const s of steps) {
            await run(history, dir, first, s);
            // a hand edit is in force once the folder has been read again; nothing else needs a read
            await history.live.reloadNow();
            expect(folderHash(dir)).toBe(history.live.status().hash);
          }
          const byVersion = new Map<string, string>();
          const byHash = new Map<string, string>();
          for (const v of await history.versions()) {
            expect(byVersion.get(v.version) ?? v.hash).toBe(v.hash);
            expect(byHash.get(v.hash) ?? v.version).toBe(v.version);
            byVersion.set(v.version, v.hash);
            byHash.set(v.hash, v.version);
          }
          const inForce = history.live.status();
          expect(byVersion.get(inForce.version)).toBe(inForce.hash);
          await history.close();
          history = await openRulesHistory(dir, { watch: false });
          expect(history.live.status()).toMatchObject({ version: inForce.version, hash: inForce.hash });
        } finally {
          await history.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 180_000);
});
