/**
 * How often each rule fired in the stored history, read from the stored results (nothing is
 * scrubbed again): what compliance staff look at first, the rules that never fire and the
 * ones that fire on most claims, both candidates for a closer look.
 */
import { ScrubjayError } from '../errors.js';
import type { ClaimStore } from '../store/store.js';
import { pauseEvery } from './pause.js';

const DAY_MS = 86_400_000;
/** records counted between turns of the event loop */
const RECORDS_PER_TURN = 500;

export interface RuleStatsOptions {
  /** the end of the window (the service's clock) */
  now: Date;
  /** the window: scrubs stored in the `days` days up to `now` */
  days: number;
  signal?: AbortSignal;
}

export interface RuleStats {
  /** ISO timestamp of the window's start; the window ends at `now` */
  since: string;
  days: number;
  /** stored scrubs in the window */
  scrubs: number;
  /** per rule id that fired in the window (rules no longer in the set included): the scrubs it fired on */
  fired: Record<string, number>;
}

/** One rule's firing over the window. */
export interface RuleFiring {
  ruleId: string;
  /** stored scrubs it fired on (once per scrub, however many lines) */
  scrubs: number;
  /** of the scrubs in the window, 0 when there were none */
  share: number;
}

/** What the rule lists need of a rule set: its rules' ids (a loaded `RuleSet` or a prepared one's `ruleSet`). */
export interface RuleIds {
  rules: readonly { id: string }[];
}

/**
 * Counts, over the scrubs stored in the last `days` days, on how many each rule fired. The
 * store keeps scrubs in the order they were made (and retention drops them by age from the
 * oldest), so the pass stops at the first scrub older than the window.
 */
export async function ruleStats(store: ClaimStore, options: RuleStatsOptions): Promise<RuleStats> {
  const { now, days, signal } = options;
  if (!Number.isFinite(days) || days <= 0) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `the window must be a positive number of days (got ${String(days)})`, { path: 'days' });
  const since = now.getTime() - days * DAY_MS;
  const fired = Object.create(null) as Record<string, number>;
  const pause = pauseEvery(RECORDS_PER_TURN);
  let scrubs = 0;
  signal?.throwIfAborted();
  for await (const record of store.records()) {
    const at = Date.parse(record.scrubbedAt);
    if (at < since) break;
    // a scrub stamped after `now` (a clock set back) is outside the window, but older ones may still follow
    if (at > now.getTime()) continue;
    scrubs++;
    for (const ruleId of new Set(record.result.findings.map((f) => f.ruleId))) fired[ruleId] = (fired[ruleId] ?? 0) + 1;
    if (await pause()) signal?.throwIfAborted();
  }
  return { since: new Date(since).toISOString(), days, scrubs, fired };
}

/** Each rule of the set, in the set's order, with how often it fired in the window. */
export function ruleFiring(ruleSet: RuleIds, stats: RuleStats): RuleFiring[] {
  return ruleSet.rules.map(({ id }) => {
    const scrubs = Object.hasOwn(stats.fired, id) ? stats.fired[id]! : 0;
    return { ruleId: id, scrubs, share: stats.scrubs === 0 ? 0 : scrubs / stats.scrubs };
  });
}

/**
 * The rules of the set that fired on no stored scrub in the window (the list looks at
 * 90 days: pass stats over 90 days). Empty when the window holds no scrubs: an empty history
 * says nothing of any rule.
 */
export function neverFired(ruleSet: RuleIds, stats: RuleStats): string[] {
  if (stats.scrubs === 0) return [];
  return ruleFiring(ruleSet, stats)
    .filter((rule) => rule.scrubs === 0)
    .map((rule) => rule.ruleId);
}

/** The rules of the set that fired on more than half the stored scrubs in the window, most often first. */
export function firesOnMoreThanHalf(ruleSet: RuleIds, stats: RuleStats): RuleFiring[] {
  return ruleFiring(ruleSet, stats)
    .filter((rule) => rule.scrubs * 2 > stats.scrubs)
    .sort((a, b) => b.scrubs - a.scrubs || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
