/**
 * Keeping scrubs in the store. A scrub answered over the contract's REST endpoint is
 * recorded after the answer has gone; when the record cannot be written the client still
 * has its result, so the failure is logged (by code, never with the claim) rather than
 * turned into a failed scrub.
 */
import type { Logger } from 'pino';
import type { ScrubResult } from '../engine/finding.js';
import type { Actor, ClaimStore, ScrubOrigin } from '../store/store.js';
import type { ClaimInput } from '../contract/claim.js';

export interface ScrubToKeep {
  claim: ClaimInput;
  result: ScrubResult;
  /** who asked */
  by: Actor;
  origin: ScrubOrigin;
}

/** Records a scrub without making the caller wait for the disk. */
export function keepInBackground(store: ClaimStore, logger: Logger, scrub: ScrubToKeep): void {
  store.recordScrub(scrub).catch((error: unknown) => logStoreFailure(logger, error, 'a scrub could not be kept in the history'));
}

export function logStoreFailure(logger: Logger, error: unknown, message: string): void {
  const failure = error as { code?: unknown; message?: unknown } | null;
  logger.error({ error: { code: typeof failure?.code === 'string' ? failure.code : 'SJ_STORE_IO', message: typeof failure?.message === 'string' ? failure.message : String(error) } }, message);
}

/** Who asked, for the audit log: the client's address, never anything from the claim; no user until one signs in. */
export function actorOf(address: string | undefined): Actor {
  return { username: null, role: null, address: address && address.length > 0 ? address.slice(0, 64) : null };
}
