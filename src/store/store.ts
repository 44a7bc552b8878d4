/**
 * What the service keeps between runs: scrubbed claims with their results, chat transcripts
 * and an audit log. The service talks to this interface only, so a server database can
 * replace the embedded one without touching the rest; for the same reason every read and
 * write answers with a promise, even where the embedded store has the answer in memory.
 */
import type { ClaimStatus, ScrubResult } from '../engine/finding.js';
import type { ClaimInput } from '../contract/claim.js';

/** Where a scrub came from, for the audit log. */
export type ScrubOrigin = 'rest' | 'socket' | 'page' | 'batch';

export interface ScrubRecord {
  /** the store's own id for this scrub (a claim id may be scrubbed many times) */
  id: string;
  claimId: string | null;
  status: ClaimStatus;
  /** ISO timestamp */
  scrubbedAt: string;
  rulesetVersion: string;
  referenceData: ScrubResult['referenceData'];
  claim: ClaimInput;
  result: ScrubResult;
  /** where the scrub came from (records written before this field existed lack it) */
  origin?: ScrubOrigin;
}

export type ScrubSummary = Pick<ScrubRecord, 'id' | 'claimId' | 'status' | 'scrubbedAt' | 'rulesetVersion'> & {
  errors: number;
  warnings: number;
};

export interface ChatTurn {
  /** ISO timestamp */
  at: string;
  role: 'user' | 'assistant';
  text: string;
  suggestions?: string[];
}

export interface AuditEntry {
  /** ISO timestamp */
  at: string;
  /** who acted: a client address or socket id, never a person's name from a claim */
  actor: string;
  action: 'scrub' | 'chat' | 'rules-reload' | 'rules-rejected' | 'data-reload';
  /** the scrub record concerned, when there is one */
  scrubId?: string;
  claimId?: string | null;
  detail?: string;
}

export interface HistoryQuery {
  /** a claim id, or part of one, case-insensitive (the history page's search box) */
  claimId?: string;
  limit?: number;
  offset?: number;
}

/** One page of the history, and how many scrubs match in all. */
export interface HistoryPage {
  total: number;
  items: ScrubSummary[];
}

export interface ClaimScrubsQuery {
  /** default 50, at most 500 */
  limit?: number;
}

/** Something found while opening the store that an operator should hear about; nothing was lost. */
export interface StoreWarning {
  kind: 'lock-taken-over' | 'modes-tightened' | 'database-moved-aside' | 'journal-moved-aside' | 'journal-missing' | 'audit-moved-aside';
  message: string;
  /** the file concerned: the lock file, or where an unreadable (or orphaned) file was moved */
  file?: string;
}

/** How the history stands against retention: `ClaimStore.retention()`. */
export interface RetentionStatus {
  scrubs: number;
  /** the count ceiling (SCRUBJAY_KEEP_SCRUBS): past it the store warns, and keeps every scrub younger than the age limit */
  ceiling: number;
  overCeiling: boolean;
  /** ISO timestamp of the oldest scrub kept, or null when none is */
  oldestAt: string | null;
  maxAgeDays: number;
}

export interface ClaimStore {
  /** Problems found and handled while opening (a stale lock taken over, an unreadable file moved aside). */
  readonly warnings: readonly StoreWarning[];
  /**
   * Keeps a scrub and writes its `scrub` audit entry (actor, origin as detail); resolves once
   * both are durable on disk. Callers do not audit scrubs separately.
   */
  recordScrub(entry: { claim: ClaimInput; result: ScrubResult; actor: string; origin: ScrubOrigin }): Promise<ScrubRecord>;
  /** Newest first. */
  history(query?: HistoryQuery): Promise<HistoryPage>;
  /**
   * The scrubs of exactly this claim id (case and all: "C-1001" is not "c-1001" nor "C-10011"),
   * newest first; answered from an index of claim ids, however many scrubs the store keeps.
   */
  scrubsOfClaim(claimId: string, query?: ClaimScrubsQuery): Promise<ScrubSummary[]>;
  /** The whole record of the newest scrub of exactly this claim id. */
  latestScrubOfClaim(claimId: string): Promise<ScrubRecord | undefined>;
  /** The whole record (claim and result). */
  scrub(id: string): Promise<ScrubRecord | undefined>;
  /** Appends turns to the conversation of a scrub record (or of a free-standing conversation id); resolves once durable. */
  appendChat(conversationId: string, turns: ChatTurn[]): Promise<void>;
  /** The turns kept, oldest first; empty for an unknown conversation. */
  chat(conversationId: string): Promise<ChatTurn[]>;
  /** Resolves once the entry is durable. */
  audit(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  /** Newest first. */
  auditLog(limit?: number): Promise<AuditEntry[]>;
  /**
   * How many scrubs are kept against the count ceiling, and since when. Scrubs go by age
   * only; over the ceiling the store keeps them and says so here (and logs a warning once).
   */
  retention(): Promise<RetentionStatus>;
  /** Writes whatever is pending and releases the data folder. */
  close(): Promise<void>;
}
