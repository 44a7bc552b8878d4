/**
 * The claim store as the patients' claim history (src/engine/history.ts): every kept
 * scrub's claim, the newest scrub of a claim id standing for the claim. Built once from
 * the kept records, then kept up to date as scrubs are recorded.
 *
 * Two ways in: the running store's (built from its records on first use) and a data
 * folder's journal read as a file (`check --history` from a shell, beside a running
 * server: the journal is only ever appended to, and only complete lines are taken).
 */
import { normalizeClaim } from '../claim/normalize.js';
import type { ClaimInput } from '../contract/claim.js';
import { ClaimsHistory } from '../engine/history.js';
import { readLinesForward } from './audit-file.js';


/** Builds a history from records given newest first (as the store lists them). */
export async function historyFromNewestFirst(claims: AsyncIterable<ClaimInput>): Promise<ClaimsHistory> {
  const all: ClaimInput[] = [];
  for await (const claim of claims) all.push(claim);
  const history = new ClaimsHistory();
  // added oldest first, so a later scrub of a claim id replaces an earlier one
  for (let i = all.length - 1; i >= 0; i--) history.add(normalizeClaim(all[i]!));
  return history;
}

/** The history in a data folder's journal (journal.ndjson), oldest line first; lines that are not scrubs are passed over. */
export async function historyFromJournal(journalPath: string): Promise<{ history: ClaimsHistory; claims: number }> {
  const history = new ClaimsHistory();
  let claims = 0;
  for await (const { line } of readLinesForward(journalPath)) {
    // a scrub line begins so (src/store/records.ts scrubLine); others (chat turns, the header) are not claims
    if (!line.startsWith('{"kind":"scrub"')) continue;
    let claim: unknown;
    try {
      claim = (JSON.parse(line) as { record?: { claim?: unknown } }).record?.claim;
    } catch {
      continue; // a line cut short by a crash: never acknowledged, so never history
    }
    if (claim === null || typeof claim !== 'object') continue;
    history.add(normalizeClaim(claim as ClaimInput));
    claims++;
  }
  return { history, claims };
}
