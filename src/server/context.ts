/**
 * What the HTTP routes and the socket handlers work with: the live rule set, the official
 * tables, the claim store, the chat assistant and the code catalog. The server opens these
 * once; the handlers only read them, so every request sees the rule set in force when it
 * arrived.
 */
import type { Logger } from 'pino';
import type { Access } from '../access/index.js';
import type { Assistant } from '../assistant/assistant.js';
import type { Intake } from '../intake/index.js';
import type { ReferenceData } from '../reference/index.js';
import type { ReferenceStatus } from '../reference/live.js';
import type { CodeCatalog } from '../rules/codes.js';
import type { RulesHistory } from '../ruleset/history/history.js';
import type { LiveRuleSet } from '../ruleset/live.js';
import type { ClaimStore } from '../store/store.js';
import type { PageExample } from './examples.js';
import type { CheckedSsoSettings } from './sso/settings.js';

export interface ServiceContext {
  rules: Pick<LiveRuleSet, 'current' | 'status'>;
  /** the rules folder's history: drafts, publishing, versions and restore (the workbench) */
  history: RulesHistory;
  reference: ReferenceData;
  /** what is loaded in the data folder, as `scrubjay data list` shows it */
  referenceStatus(): ReferenceStatus;
  store: ClaimStore;
  /** the one way a claim reaches the rules: on the rule set in force and the loaded tables, as of `asOf` (default today) */
  intake(options?: { asOf?: string; maxClaims?: number }): Intake;
  assistant: Assistant;
  /** the CARC/RARC meanings of the rules folder in use (re-read when its files change) */
  codes(): CodeCatalog;
  examples: readonly PageExample[];
  logger: Logger;
  /** the date a scrub runs as when the caller gives none: today, where the server runs */
  today(): string;
  limits: ServiceLimits;
  /** accounts, sessions and sign-in */
  access: Access;
  http: HttpSettings;
  /** the identity provider for single sign-on; absent when it is not offered */
  sso?: CheckedSsoSettings;
}

/** How the service meets the network: which names it answers to, and what the proxy in front (if any) vouches for. */
export interface HttpSettings {
  /** host names (without port) the service answers to; others get 421 */
  allowedHosts: ReadonlySet<string>;
  /** believe X-Forwarded-For and X-Forwarded-Proto from the proxy in front */
  trustProxy: boolean;
  /** mark the session cookie Secure even on plain HTTP (TLS ends at a proxy that is not trusted for headers) */
  secureCookies: boolean;
  /** allow the first account to be made from another machine (default: from this machine only) */
  remoteSetup: boolean;
  /** open sockets one user may hold; more are refused */
  socketsPerUser: number;
}

export interface ServiceLimits {
  /** bytes in one JSON or text request body, and in one socket message */
  bodyBytes: number;
  /** bytes in one batch upload */
  batchBytes: number;
  /** batch uploads scrubbed at the same time; more are answered 429 */
  concurrentBatches: number;
  /** milliseconds a batch upload may go without sending a byte before it is stopped (408) and its slot freed */
  uploadIdleMs: number;
  /** claims of one batch kept in the history (those with findings, first come) */
  storedPerBatch: number;
  /** claims one text request may hold; larger inputs belong in a batch upload */
  claimsPerText: number;
  /** chat messages a socket may send: a burst of `burst`, then `perSecond` */
  chat: { burst: number; perSecond: number };
}

export const DEFAULT_LIMITS: ServiceLimits = {
  bodyBytes: 1024 * 1024,
  batchBytes: 512 * 1024 * 1024,
  concurrentBatches: 2,
  uploadIdleMs: 30_000,
  storedPerBatch: 100,
  claimsPerText: 100,
  chat: { burst: 20, perSecond: 5 },
};
