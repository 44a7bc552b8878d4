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
import { matchScrub, matchScrubs, type ScrubLookup, type StoredMatch } from './match.js';
import type { InputProblem } from '../claim/source.js';
import { readRemittanceText } from './stream.js';
import type { ClaimPayment, ExplainedRemit } from './types.js';

export interface RemitContext {
  catalog: CodeCatalog;
  profiles: readonly PayerProfile[];
  /** the history to match against; none: every `scrub` is null */
  store?: ScrubLookup | null;
}

/** Payments looked up in the store at once: their records are read from disk in few pieces. */
const BATCH = 256;

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
 * Every payment of a stream explained and matched, in order. Payments are looked up in the
 * store a batch at a time, the next batch's lookup running while the last one is explained,
 * so a long remittance is neither read one disk read at a time nor held in memory.
 */
export async function* explainRemits(payments: AsyncIterable<ClaimPayment> | Iterable<ClaimPayment>, context: RemitContext): AsyncGenerator<ExplainedRemit> {
  const store = context.store;
  if (!store) {
    for await (const payment of payments) yield finish(payment, null, context);
    return;
  }
  let batch: ClaimPayment[] = [];
  let ahead: { payments: ClaimPayment[]; matches: Promise<Array<StoredMatch | null>> } | null = null;
  const start = (list: ClaimPayment[]): { payments: ClaimPayment[]; matches: Promise<Array<StoredMatch | null>> } => {
    const matches = matchScrubs(list, store);
    // a lookup that fails while the batch before it is explained is reported when its turn comes, not as an unhandled rejection
    matches.catch(() => undefined);
    return { payments: list, matches };
  };
  for await (const payment of payments) {
    batch.push(payment);
    if (batch.length < BATCH) continue;
    const previous = ahead;
    ahead = start(batch);
    batch = [];
    if (previous !== null) yield* finished(previous, context);
  }
  if (ahead !== null) yield* finished(ahead, context);
  if (batch.length > 0) yield* finished(start(batch), context);
}

async function* finished(batch: { payments: ClaimPayment[]; matches: Promise<Array<StoredMatch | null>> }, context: RemitContext): AsyncGenerator<ExplainedRemit> {
  const matches = await batch.matches;
  for (let i = 0; i < batch.payments.length; i++) yield finish(batch.payments[i]!, matches[i] ?? null, context);
}

/**
 * A whole 835 text (a request body) → its remittance objects and the file's problems. A text
 * that is not an 835 at all throws the reader's `ScrubjayError`; errors among the problems
 * mean some payment was not read or is misread.
 */
export async function remitsFromText(text: string, file: string, context: RemitContext): Promise<{ remits: ExplainedRemit[]; problems: InputProblem[] }> {
  const { payments, problems } = readRemittanceText(text, file);
  const remits: ExplainedRemit[] = [];
  for await (const remit of explainRemits(payments, context)) remits.push(remit);
  return { remits, problems };
}
