/**
 * Claim payments → the contract's remittance objects: each matched to its stored scrub (when
 * a store is given), explained with the code catalog, and given its appeal deadline under
 * the payer profile chosen as a scrub chooses one (payer id, else kind, else the default).
 * The payer's kind is known from the stored claim; without one, only the payer id can pick.
 */
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import { codeCatalogFor, type CodeCatalog } from '../rules/codes.js';
import { loadRuleSet } from '../rules/load.js';
import { ScrubjayError } from '../errors.js';
import { explainPayment } from './explain.js';
import { matchScrub, type ScrubLookup, type StoredMatch } from './match.js';
import type { ClaimPayment, ExplainedRemit } from './types.js';

export interface RemitContext {
  catalog: CodeCatalog;
  profiles: readonly PayerProfile[];
  /** the history to match against; none: every `scrub` is null */
  store?: ScrubLookup | null;
}

/** Lookups kept in flight at once: the store reads each stored scrub from disk. */
const IN_FLIGHT = 64;

/** The code catalog and payer profiles of a rules folder. */
export function remitContextFor(rulesDir: string, store: ScrubLookup | null = null): RemitContext {
  const outcome = loadRuleSet(rulesDir);
  if (outcome.ruleSet === undefined) {
    const first = outcome.problems[0];
    throw new ScrubjayError('SJ_RULES_INVALID', `the rules in ${rulesDir} cannot be loaded${first ? `: ${first.message}` : ''}`, { file: rulesDir });
  }
  return { catalog: codeCatalogFor(rulesDir), profiles: outcome.ruleSet.payers, store };
}

/** One payment explained and matched. */
export async function explainRemit(payment: ClaimPayment, context: RemitContext): Promise<ExplainedRemit> {
  const match = context.store ? await matchScrub(payment, context.store) : null;
  return finish(payment, match, context);
}

function finish(payment: ClaimPayment, match: StoredMatch | null, context: RemitContext): ExplainedRemit {
  const payerId = match?.payer.id ?? payment.payer.id;
  const profile = selectProfile(context.profiles, payerId, match?.payer.kind ?? null);
  const explained = explainPayment(payment, { catalog: context.catalog, profile });
  if (match !== null) explained.scrub = { scrubId: match.scrubId, predicted: match.predicted, missed: match.missed };
  return explained;
}

/**
 * Every payment of a stream explained and matched, in order, with a few store lookups in
 * flight at once so that a long remittance is not read one disk read at a time.
 */
export async function* explainRemits(payments: AsyncIterable<ClaimPayment> | Iterable<ClaimPayment>, context: RemitContext): AsyncGenerator<ExplainedRemit> {
  const store = context.store;
  if (!store) {
    for await (const payment of payments) yield finish(payment, null, context);
    return;
  }
  const pending: Array<{ payment: ClaimPayment; match: Promise<StoredMatch | null> }> = [];
  for await (const payment of payments) {
    const match = matchScrub(payment, store);
    // a lookup that fails while an earlier one is awaited is reported when its turn comes, not as an unhandled rejection
    match.catch(() => undefined);
    pending.push({ payment, match });
    if (pending.length >= IN_FLIGHT) {
      const next = pending.shift()!;
      yield finish(next.payment, await next.match, context);
    }
  }
  while (pending.length > 0) {
    const next = pending.shift()!;
    yield finish(next.payment, await next.match, context);
  }
}
