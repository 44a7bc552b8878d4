/**
 * The history's two lists compliance staff look at first, "rules that never fired in 90
 * days" and "rules that fire on more than half the claims", and each rule's count, read
 * from the stored results over a window of days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import type { ReferenceData } from '../../src/reference/index.js';
import type { EmbeddedClaimStore } from '../../src/store/index.js';
import type { ScrubRecord } from '../../src/store/store.js';
import { firesOnMoreThanHalf, neverFired, ruleFiring, ruleStats } from '../../src/workbench/index.js';
import { noTables, openTempStore, realClaims, shippedRules, storeScrubs } from './history.js';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-08-01T12:00:00.000Z');
/** the day the statistics are asked for: 120 days after the first scrub */
const NOW = new Date(START + 120 * DAY_MS);

let rules: PreparedRuleSet;
let reference: ReferenceData;
let store: EmbeddedClaimStore;
/** scrubbed 100 days before NOW: outside a 90-day window */
let old: ScrubRecord[];
/** scrubbed 10 days before NOW */
let recent: ScrubRecord[];

/** On how many of `records` each rule fired, once per scrub, counted here from the findings. */
function counted(records: readonly ScrubRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) for (const id of new Set(record.result.findings.map((f) => f.ruleId))) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  rules = shippedRules();
  reference = noTables();
  let at = START;
  // the store's clock: the test moves it to when each scrub is made
  store = await openTempStore({ now: () => new Date(at), maxAgeDays: 365 });
  at = NOW.getTime() - 100 * DAY_MS;
  old = await storeScrubs(store, realClaims(60, 3), rules, reference);
  at = NOW.getTime() - 10 * DAY_MS;
  recent = await storeScrubs(store, realClaims(121, 4), rules, reference);
});

afterAll(async () => {
  await store?.close();
});

describe('ruleStats', () => {
  it('counts, for each rule, the stored scrubs of the window it fired on, once per scrub', async () => {
    const stats = await ruleStats(store, { now: NOW, days: 90 });
    expect(stats.scrubs).toBe(recent.length);
    expect(stats.days).toBe(90);
    expect(stats.since).toBe(new Date(NOW.getTime() - 90 * DAY_MS).toISOString());
    expect(new Map(Object.entries(stats.fired))).toEqual(counted(recent));

    const wider = await ruleStats(store, { now: NOW, days: 120 });
    expect(wider.scrubs).toBe(old.length + recent.length);
    expect(new Map(Object.entries(wider.fired))).toEqual(counted([...old, ...recent]));
  });

  it("gives each rule of the set its count and share, the rules that did not fire included", async () => {
    const stats = await ruleStats(store, { now: NOW, days: 30 });
    const counts = counted(recent);
    const firing = ruleFiring(rules.ruleSet, stats);
    expect(firing.map((r) => r.ruleId)).toEqual(rules.ruleSet.rules.map((r) => r.id));
    for (const rule of firing) expect(rule, rule.ruleId).toEqual({ ruleId: rule.ruleId, scrubs: counts.get(rule.ruleId) ?? 0, share: (counts.get(rule.ruleId) ?? 0) / recent.length });
    expect(firing.some((r) => r.scrubs > 0)).toBe(true);
  });

  it('lists the rules that never fired in 90 days, though they fired before', async () => {
    const stats = await ruleStats(store, { now: NOW, days: 90 });
    const firedRecently = counted(recent);
    const expected = rules.ruleSet.rules.map((r) => r.id).filter((id) => !firedRecently.has(id));
    expect(neverFired(rules.ruleSet, stats)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rules.ruleSet.rules.length);

    // a window with no scrubs at all says nothing of any rule
    const empty = await ruleStats(store, { now: new Date(START), days: 90 });
    expect(empty).toMatchObject({ scrubs: 0, fired: {} });
    expect(neverFired(rules.ruleSet, empty)).toEqual([]);
  });

  it('lists the rules that fire on more than half the claims of the window, most often first', async () => {
    const stats = await ruleStats(store, { now: NOW, days: 90 });
    const counts = counted(recent);
    const expected = rules.ruleSet.rules
      .map((r) => ({ ruleId: r.id, scrubs: counts.get(r.id) ?? 0, share: (counts.get(r.id) ?? 0) / recent.length }))
      .filter((r) => r.scrubs > recent.length / 2)
      .sort((a, b) => b.scrubs - a.scrubs || a.ruleId.localeCompare(b.ruleId));
    expect(firesOnMoreThanHalf(rules.ruleSet, stats)).toEqual(expected);

    // a rule that fires on every claim of the window is listed first, whatever the stored results held before
    const always = { ...stats, fired: { ...stats.fired, 'every-claim': stats.scrubs } };
    const withAlways = { rules: [...rules.ruleSet.rules, { id: 'every-claim' }] };
    expect(firesOnMoreThanHalf(withAlways, always)[0]).toEqual({ ruleId: 'every-claim', scrubs: recent.length, share: 1 });
    // exactly half is not more than half
    expect(stats.scrubs % 2).toBe(0);
    const half = { ...stats, fired: { 'half-the-claims': stats.scrubs / 2 } };
    expect(firesOnMoreThanHalf({ rules: [{ id: 'half-the-claims' }] }, half)).toEqual([]);
  });

  it('refuses a window that is not a positive number of days', async () => {
    await expect(ruleStats(store, { now: NOW, days: 0 })).rejects.toMatchObject({ code: 'SJ_ARGUMENT_INVALID' });
  });
});
