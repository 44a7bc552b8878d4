/**
 * What the service keeps between runs: scrubbed claims with their results, chat transcripts
 * and an audit log. The service talks to this interface only, so a server database can
 * replace the embedded one without touching the rest; for the same reason every read and
 * write answers with a promise, even where the embedded store has the answer in memory.
 */
import type { ClaimHistory } from '../engine/history.js';
import type { ClaimStatus, ScrubResult } from '../engine/finding.js';
import type { ClaimInput } from '../contract/claim.js';
import type { ClaimState } from '../contract/remit.js';
import type { PracticeAttempt, PracticeAttemptInput } from '../contract/training.js';

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
  /** the username of who asked for the scrub; null when nobody was signed in (and in records written before accounts) */
  owner: string | null;
  /** for a replacement or void claim made from a stored one: that scrub's id */
  correctionOf?: string;
}

export type ScrubSummary = Pick<ScrubRecord, 'id' | 'claimId' | 'status' | 'scrubbedAt' | 'rulesetVersion' | 'owner'> & {
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

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'setup'
  | 'scrub'
  | 'chat'
  | 'history-read'
  | 'batch'
  | 'rules-reload'
  | 'rules-rejected'
  | 'rules-publish'
  | 'rules-restore'
  | 'ack-read'
  | 'claim-export'
  | 'remit-read'
  | 'claim-state'
  | 'appeal-draft'
  | 'report-read'
  | 'data-import'
  | 'data-reload'
  | 'user-change'
  | 'access-denied';

/** Who is acting: the signed-in user and role (null before sign-in or for the service itself), and the client address. */
export interface Actor {
  username: string | null;
  role: string | null;
  address: string | null;
}

/** What a caller audits; the log adds the time, the place in the chain and the hashes. */
export interface AuditInput {
  user: string | null;
  role: string | null;
  action: AuditAction;
  /** the ids concerned: a scrub id and claim id, a username, a rule set version */
  target?: string[];
  address?: string | null;
  /** never claim contents: counts, versions, an origin */
  detail?: string;
}

/**
 * One line of the audit log. `hash` is the SHA-256 (hex) of the entry's canonical JSON
 * without `hash`, `prev` the hash of the entry before it (64 zeros for the first), so an
 * edited, removed or reordered entry breaks the chain where it happened.
 */
export interface AuditEntry {
  /** 1 for the first entry ever written, one more for each after it */
  seq: number;
  /** ISO timestamp */
  at: string;
  user: string | null;
  role: string | null;
  action: AuditAction;
  target: string[];
  address: string | null;
  detail?: string;
  prev: string;
  hash: string;
}

export interface AuditQuery {
  user?: string;
  action?: AuditAction;
  /** entries at or after this ISO date or timestamp */
  since?: string;
  /** default 100, at most 1000 */
  limit?: number;
}

export interface AuditPage {
  /** entries in the live log matching the query (archived ones are not counted) */
  total: number;
  /** newest first */
  items: AuditEntry[];
}

export interface HistoryQuery {
  /** a claim id, or part of one, case-insensitive (the history page's search box) */
  claimId?: string;
  /** only the scrubs this username asked for */
  owner?: string;
  limit?: number;
  offset?: number;
}

/** One page of the history, and how many scrubs match in all. */
export interface HistoryPage {
  total: number;
  items: ScrubSummary[];
}

export interface RecordsQuery {
  /** at most this many, the newest; all when left out */
  limit?: number;
}

export interface ClaimScrubsQuery {
  /** default 50, at most 500 */
  limit?: number;
}

/** Something found while opening the store that an operator should hear about; nothing was lost. */
export interface StoreWarning {
  kind: 'lock-taken-over' | 'modes-tightened' | 'database-moved-aside' | 'journal-moved-aside' | 'journal-missing' | 'audit-moved-aside' | 'audit-tail-cut' | 'audit-archived';
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

/** Who or what moved a claim to a state: a biller, a remittance, an acknowledgment, an export. */
export type StateSource = 'user' | 'remit' | 'ack' | 'export';

/** One step in a sent claim's life, kept in order: the latest is where the claim stands. */
export interface ClaimStateChange {
  scrubId: string;
  state: ClaimState;
  note?: string;
  /** the username, or null for the service itself */
  by: string | null;
  /** ISO timestamp */
  at: string;
  source: StateSource;
}

/** What the worklist needs of a remittance, kept beside the whole object so it is never read back for a listing. */
export interface RemitSummary {
  /** CLP02 */
  statusCode: string;
  /** where the remittance left the claim */
  state: ClaimState;
  charged: number;
  paid: number;
  /** every adjustment CARC, claim and line level */
  carcs: string[];
  appealBy: string | null;
  remitDate: string | null;
  /** CLP07, the payer's own number for the claim; absent in summaries kept before it was */
  payerClaimNumber?: string | null;
}

/** A remittance as kept: the explained object, which file it came in, who posted it and when. */
export interface StoredRemit {
  id: string;
  /** the stored scrub it was matched to; null when none was */
  scrubId: string | null;
  claimId: string;
  file: string;
  by: string | null;
  /** ISO timestamp of the posting */
  at: string;
  summary: RemitSummary;
  remit: Record<string, unknown>;
}

export interface RemitInput {
  remit: Record<string, unknown>;
  summary: RemitSummary;
  scrubId: string | null;
  claimId: string;
  file: string;
}

/** What the worklist needs of a kept claim, taken from it when it was kept. */
export interface ClaimFacts {
  payerId: string | null;
  payerName: string | null;
  payerKind: string | null;
  /** the claim's total charge (its lines' charges when it gives none) */
  charged: number;
  /** the earliest date of service, YYYY-MM-DD: the filing limit runs from it */
  firstServiceDate: string | null;
}

/** The newest scrub of one claim id with where it stands after it was sent. */
export interface FollowUpEntry {
  scrub: ScrubSummary;
  /**
   * What the worklist needs of the claim; absent for a scrub kept before the store held
   * these (its record is then read for them).
   */
  claim?: ClaimFacts;
  /** the latest state change of this scrub, or null: still as scrubbed */
  state: ClaimStateChange | null;
  /** its remittances, oldest first */
  remits: ReadonlyArray<{ id: string; at: string; summary: RemitSummary }>;
}

export interface ClaimStore {
  /** Problems found and handled while opening (a stale lock taken over, an unreadable file moved aside). */
  readonly warnings: readonly StoreWarning[];
  /**
   * Keeps a scrub, owned by `by.username`, and writes its `scrub` audit entry (target: the
   * scrub id, then the claim id when there is one; origin as detail); resolves once both are
   * durable on disk. Callers do not audit scrubs separately.
   */
  recordScrub(entry: { claim: ClaimInput; result: ScrubResult; origin: ScrubOrigin; by: Actor; correctionOf?: string }): Promise<ScrubRecord>;
  /** Newest first. */
  history(query?: HistoryQuery): Promise<HistoryPage>;
  /**
   * The scrubs of exactly this claim id (case and all: "C-1001" is not "c-1001" nor "C-10011"),
   * newest first; answered from an index of claim ids, however many scrubs the store keeps.
   */
  scrubsOfClaim(claimId: string, query?: ClaimScrubsQuery): Promise<ScrubSummary[]>;
  /** The whole record of the newest scrub of exactly this claim id. */
  latestScrubOfClaim(claimId: string): Promise<ScrubRecord | undefined>;
  /**
   * `latestScrubOfClaim` for many claim ids at once (undefined where none is kept), in their
   * order: a remittance's claims are looked up together, their records read in few pieces.
   */
  latestScrubsOfClaims(claimIds: readonly string[]): Promise<Array<ScrubRecord | undefined>>;
  /** The whole record (claim and result). */
  scrub(id: string): Promise<ScrubRecord | undefined>;
  /**
   * The whole records, newest first, read a few hundred at a time: a pass over the history
   * (a rule change's preview, rule statistics) holds one batch, not the history. A scrub
   * dropped by retention while the pass runs is passed over.
   */
  records(query?: RecordsQuery): AsyncIterable<ScrubRecord>;
  /** Appends turns to the conversation of a scrub record (or of a free-standing conversation id); resolves once durable. */
  appendChat(conversationId: string, turns: ChatTurn[]): Promise<void>;
  /** The turns kept, oldest first; empty for an unknown conversation. */
  chat(conversationId: string): Promise<ChatTurn[]>;
  /** Appends to the audit chain; resolves with the entry as written once it is durable. */
  audit(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first. */
  auditQuery(query?: AuditQuery): Promise<AuditPage>;
  /**
   * How many scrubs are kept against the count ceiling, and since when. Scrubs go by age
   * only; over the ceiling the store keeps them and says so here (and logs a warning once).
   */
  retention(): Promise<RetentionStatus>;
  /** Keeps remittances, posted by `by`; resolves once they are durable on disk. */
  recordRemits(entries: readonly RemitInput[], by: string | null): Promise<StoredRemit[]>;
  /** Keeps state changes (the store stamps them with the time); resolves once they are durable on disk. Rejects with SJ_ARGUMENT_INVALID, keeping none, when a scrub id is not kept. */
  recordStateChanges(changes: ReadonlyArray<Omit<ClaimStateChange, 'at'>>): Promise<ClaimStateChange[]>;
  /** The remittances matched to a scrub, oldest first. */
  remitsOfScrub(scrubId: string): Promise<StoredRemit[]>;
  /**
   * Every remittance kept, matched to a scrub or not, oldest first, read a few hundred at a
   * time: a report over all of them holds one batch. Those posted after the pass began are not in it.
   */
  remits(): AsyncIterable<StoredRemit>;
  /** The state changes of a scrub, oldest first. */
  stateChanges(scrubId: string): Promise<ClaimStateChange[]>;
  /**
   * The newest scrub of each claim id (older scrubs of a claim are superseded by it), with its
   * latest state and its remittances' summaries; answered from memory.
   */
  followUp(): Promise<FollowUpEntry[]>;
  /**
   * The patients' claim history for history edits: the newest scrub of every kept claim id.
   * Built from the kept records on first use (a large store takes a while, once), then
   * kept up to date by recordScrub.
   */
  claimHistory(): Promise<ClaimHistory>;
  /** Keeps one answered practice exercise (the store stamps the time); resolves once it is durable on disk. */
  recordPractice(attempt: PracticeAttemptInput): Promise<PracticeAttempt>;
  /** The practice exercises one user answered, oldest first; every user's, grouped by username, when none is named. */
  practiceAttempts(username?: string): Promise<PracticeAttempt[]>;
  /** Writes whatever is pending and releases the data folder. */
  close(): Promise<void>;
}
