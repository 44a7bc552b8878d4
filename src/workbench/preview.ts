/**
 * What a draft of the rules would change, measured on the claims the clinic really sent:
 * the newest stored scrubs are scrubbed again with the set in force and with the draft,
 * each as of the date it was first scrubbed, and the claims whose status or rules differ
 * are listed. Both sides are scrubbed now rather than the stored result taken as "before",
 * so a change in the code tables or the engine since then is not blamed on the draft.
 */
import type { ClaimHistory } from '../engine/history.js';
import type { ClaimInput } from '../contract/claim.js';
import type { ClaimStatus } from '../engine/finding.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import { ScrubjayError } from '../errors.js';
import { Intake } from '../intake/index.js';
import type { ReferenceData } from '../reference/types.js';
import type { ClaimStore } from '../store/store.js';
import { pauseEvery } from './pause.js';

export const DEFAULT_PREVIEW_LIMIT = 5000;
/** the claims listed in full; the rest are counted in `changedTotal`, so the answer stays small */
export const PREVIEW_CHANGED_LISTED = 500;
/** claims scrubbed (twice) between turns of the event loop: a running service keeps answering meanwhile */
const CLAIMS_PER_TURN = 100;

export interface PreviewOptions {
  store: ClaimStore;
  inForce: PreparedRuleSet;
  draft: PreparedRuleSet;
  reference: ReferenceData;
  /** the newest this many stored scrubs (default 5,000) */
  limit?: number;
  /** at the start, after every hundred claims and at the end; `total` is how many stored scrubs the pass reads */
  onProgress?: (done: number, total: number) => void;
  /** stops the pass: the promise rejects with the signal's reason */
  signal?: AbortSignal;
}

/** A claim whose result the draft changes. */
export interface ChangedClaim {
  scrubId: string;
  claimId: string | null;
  before: ClaimStatus;
  after: ClaimStatus;
  /** rules that fire with the draft and not with the set in force, sorted */
  added: string[];
  /** rules that fire with the set in force and not with the draft, sorted */
  removed: string[];
}

export interface Preview {
  /** stored scrubs read (the skipped ones included) */
  scrubs: number;
  /** of those, the ones not compared: not a professional claim, or a claim that cannot be scrubbed */
  skipped: number;
  /** the first PREVIEW_CHANGED_LISTED changed claims, newest first */
  changed: ChangedClaim[];
  /** every changed claim, listed or not */
  changedTotal: number;
  /** changed claims whose status changes (not only which rules fire) */
  statusChanged: number;
  /** per rule: on how many claims it newly fires (`added`) and no longer fires (`removed`) */
  byRule: Record<string, { added: number; removed: number }>;
}

/** Both rule sets over the newest stored scrubs; see the file's comment. */
export async function previewImpact(options: PreviewOptions): Promise<Preview> {
  const { store, signal, onProgress } = options;
  const limit = previewLimit(options.limit);
  signal?.throwIfAborted();
  const total = Math.min(limit, (await store.history({ limit: 1 })).total);
  // the stored scrubs were judged with their patients' history: so are both sides here
  const intakes = new IntakesByDate(options, await options.store.claimHistory());
  const pause = pauseEvery(CLAIMS_PER_TURN);
  // without a prototype: a rule id is a key like any other, "__proto__" included
  const byRule = Object.create(null) as Preview['byRule'];
  const preview: Preview = { scrubs: 0, skipped: 0, changed: [], changedTotal: 0, statusChanged: 0, byRule };
  onProgress?.(0, total);
  for await (const record of store.records({ limit })) {
    signal?.throwIfAborted();
    preview.scrubs++;
    const compared = compare(record.claim, intakes.at(record.result.asOf));
    if (compared === null) preview.skipped++;
    else if (compared.changed) addChange(preview, { scrubId: record.id, claimId: record.claimId, ...compared.change });
    if (await pause()) {
      signal?.throwIfAborted();
      onProgress?.(preview.scrubs, total);
    }
  }
  // records dropped by retention during the pass make the count smaller than announced
  onProgress?.(preview.scrubs, preview.scrubs);
  return preview;
}

function previewLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PREVIEW_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `the preview's limit must be a whole number of scrubs, at least 1 (got ${String(limit)})`, { path: 'limit' });
  return limit;
}

interface Sides {
  inForce: Intake;
  draft: Intake;
}

/** One intake per side and scrub date: stored scrubs come from a handful of dates, each scrubbed as of its own. */
class IntakesByDate {
  readonly #made = new Map<string, Sides>();

  constructor(
    private readonly options: PreviewOptions,
    private readonly history: ClaimHistory,
  ) {}

  at(asOf: string): Sides {
    let sides = this.#made.get(asOf);
    if (sides === undefined) {
      const { inForce, draft, reference } = this.options;
      const history = this.history;
      sides = { inForce: new Intake({ rules: inForce, reference, asOf, history }), draft: new Intake({ rules: draft, reference, asOf, history }) };
      this.#made.set(asOf, sides);
    }
    return sides;
  }
}

type Change = Omit<ChangedClaim, 'scrubId' | 'claimId'>;

/** The two results of one claim told apart; null when the claim is not one the rules check. */
function compare(claim: ClaimInput, sides: Sides): { changed: boolean; change: Change } | null {
  if (!isProfessionalClaim(claim)) return null;
  let before, after;
  try {
    before = scrubbed(sides.inForce, claim);
    after = scrubbed(sides.draft, claim);
  } catch {
    // a record kept by an older version in a shape the rules no longer read: nothing to compare
    return null;
  }
  const added = [...after.rules].filter((id) => !before.rules.has(id)).sort();
  const removed = [...before.rules].filter((id) => !after.rules.has(id)).sort();
  const changed = before.status !== after.status || added.length > 0 || removed.length > 0;
  return { changed, change: { before: before.status, after: after.status, added, removed } };
}

/** The service's intake scrubs with the fast evaluator, which answers at once. */
function scrubbed(intake: Intake, claim: ClaimInput): { status: ClaimStatus; rules: Set<string> } {
  const taken = intake.claim(claim, 'stored scrub');
  if (taken instanceof Promise) throw new Error('the preview scrubs with the fast evaluator only');
  // a rule counts once per claim, however many of its lines it fires on
  return { status: taken.result.status, rules: new Set(taken.result.findings.map((f) => f.ruleId)) };
}

/** Institutional claims are kept from the professional rules, so neither side would say anything of them. */
function isProfessionalClaim(claim: unknown): claim is ClaimInput {
  if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) return false;
  const { type, lines } = claim as { type?: unknown; lines?: unknown };
  return type !== 'institutional' && Array.isArray(lines);
}

function addChange(preview: Preview, change: ChangedClaim): void {
  preview.changedTotal++;
  if (change.before !== change.after) preview.statusChanged++;
  if (preview.changed.length < PREVIEW_CHANGED_LISTED) preview.changed.push(change);
  for (const ruleId of change.added) ruleCount(preview, ruleId).added++;
  for (const ruleId of change.removed) ruleCount(preview, ruleId).removed++;
}

function ruleCount(preview: Preview, ruleId: string): { added: number; removed: number } {
  if (!Object.hasOwn(preview.byRule, ruleId)) preview.byRule[ruleId] = { added: 0, removed: 0 };
  return preview.byRule[ruleId]!;
}
