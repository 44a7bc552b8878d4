/**
 * Keeping scrubs in the store. A scrub answered over REST is answered once it is durable:
 * a client that has its result can rely on finding it in the history, even if the server
 * is killed the moment after. When a record cannot be written the request fails with the
 * store's code (503) rather than answering a result that is not kept; the failure is
 * logged by code, never with the claim.
 */
import type { Logger } from 'pino';
import type { User } from '../access/index.js';
import type { ScrubResult } from '../engine/finding.js';
import { ScrubjayError } from '../errors.js';
import type { Actor, ClaimStore, ScrubOrigin, ScrubRecord } from '../store/store.js';
import type { ClaimInput } from '../contract/claim.js';

export interface ScrubToKeep {
  claim: ClaimInput;
  result: ScrubResult;
  /** who asked */
  by: Actor;
  origin: ScrubOrigin;
  /** the stored scrub a replacement or void claim corrects */
  correctionOf?: string;
}

/**
 * Records each scrub (all at once, so they share the store's flushes) and resolves once every
 * one is durable; if any cannot be kept, rejects with a store error a client may be shown.
 */
export async function keepAll(store: ClaimStore, logger: Logger, scrubs: readonly ScrubToKeep[]): Promise<ScrubRecord[]> {
  const settled = await Promise.allSettled(scrubs.map((scrub) => store.recordScrub(scrub)));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed === undefined) return settled.map((outcome) => (outcome as PromiseFulfilledResult<ScrubRecord>).value);
  const error: unknown = failed.reason;
  logStoreFailure(logger, error, 'a scrub could not be kept in the history');
  // the store's own words name its files: the client gets its code and a plain sentence
  const code = error instanceof ScrubjayError && error.code.startsWith('SJ_STORE_') ? error.code : 'SJ_STORE_IO';
  throw new ScrubjayError(code, 'the scrub could not be kept in the history, so no result is answered; try again');
}

export function logStoreFailure(logger: Logger, error: unknown, message: string): void {
  const failure = error as { code?: unknown; message?: unknown } | null;
  logger.error({ error: { code: typeof failure?.code === 'string' ? failure.code : 'SJ_STORE_IO', message: typeof failure?.message === 'string' ? failure.message : String(error) } }, message);
}

/** Who asked, for the record's owner and the audit log: the signed-in user and their address, never anything from the claim. */
export function actorOf(user: User, address: string | undefined): Actor {
  return { username: user.username, role: user.role, address: address && address.length > 0 ? address.slice(0, 64) : null };
}
