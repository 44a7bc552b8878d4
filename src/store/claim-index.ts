/**
 * Which scrubs each claim id has, so "the newest scrub of C-1001" is one look-up rather than
 * a walk through the history. Claim ids are compared exactly, as the payer will: "C-1001"
 * is neither "c-1001" nor "C-10011".
 *
 * It holds scrub ids, not the database's entries: a compaction replaces every entry (their
 * positions move) but no id changes. It is built from the database's list of scrubs when the
 * store opens, so it keeps what the list keeps, across restarts and compactions alike.
 */
export class ClaimIdIndex {
  /** scrub ids per claim id, oldest first (the order they were stored in) */
  readonly #scrubs = new Map<string, string[]>();

  /** A scrub stored after every scrub already in the index. */
  add(claimId: string | null, scrubId: string): void {
    if (claimId === null) return;
    const ids = this.#scrubs.get(claimId);
    if (ids === undefined) this.#scrubs.set(claimId, [scrubId]);
    else ids.push(scrubId);
  }

  remove(claimId: string | null, scrubId: string): void {
    if (claimId === null) return;
    const ids = this.#scrubs.get(claimId);
    if (ids === undefined) return;
    // retention drops the oldest scrubs, so the one going is nearly always its claim's first
    const at = ids[0] === scrubId ? 0 : ids.indexOf(scrubId);
    if (at === -1) return;
    ids.splice(at, 1);
    if (ids.length === 0) this.#scrubs.delete(claimId);
  }

  /** The newest `limit` scrub ids of the claim id, newest first. */
  newest(claimId: string, limit: number): string[] {
    const ids = this.#scrubs.get(claimId);
    if (ids === undefined || limit <= 0) return [];
    return ids.slice(Math.max(0, ids.length - limit)).reverse();
  }

  /** The newest scrub id of every claim id. */
  *newestOfEach(): IterableIterator<string> {
    for (const ids of this.#scrubs.values()) yield ids[ids.length - 1]!;
  }
}
