/**
 * What the journal holds, one JSON object a line: each scrub kept (the claim with its
 * result), and each group of chat turns appended to a conversation. Both are written once
 * and never changed, which is why they live in an append-only file rather than in the
 * database that is rewritten.
 */
import { z } from 'zod';
import type { ChatTurn, ScrubRecord, ScrubSummary } from './store.js';

export type JournalRecord =
  | { kind: 'scrub'; record: ScrubRecord }
  | { kind: 'chat'; conversation: string; at: string; turns: ChatTurn[] };

export const isoTimestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a timestamp');
const status = z.enum(['reject', 'warn', 'clean']);
const referenceData = z.array(z.looseObject({ kind: z.string(), version: z.string(), effective: z.string() }));

export const scrubRecordSchema = z.looseObject({
  id: z.string().min(1),
  claimId: z.string().nullable(),
  status,
  scrubbedAt: isoTimestamp,
  rulesetVersion: z.string(),
  referenceData,
  claim: z.record(z.string(), z.unknown()),
  result: z.looseObject({
    claimId: z.string().nullable(),
    status,
    asOf: z.string(),
    rulesetVersion: z.string(),
    findings: z.array(z.looseObject({ ruleId: z.string(), severity: z.enum(['error', 'warning', 'info']) })),
    referenceData,
  }),
  origin: z.enum(['rest', 'socket', 'page', 'batch']).optional(),
  owner: z.string().nullable().optional(),
  correctionOf: z.string().min(1).optional(),
});

export const chatTurnSchema = z.looseObject({
  at: isoTimestamp,
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  suggestions: z.array(z.string()).optional(),
});

const journalRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scrub'), record: scrubRecordSchema }),
  z.object({ kind: z.literal('chat'), conversation: z.string().min(1), at: isoTimestamp, turns: z.array(chatTurnSchema).min(1) }),
]);

/** The journal line of a scrub, from the record's JSON. */
export function scrubLine(recordJson: string): string {
  return `{"kind":"scrub","record":${recordJson}}\n`;
}

export function chatLine(conversation: string, at: string, turns: readonly ChatTurn[]): string {
  return `${JSON.stringify({ kind: 'chat', conversation, at, turns })}\n`;
}

/** A journal line checked in full (at start-up, for the lines the database does not know yet); null when it is not one. */
export function parseJournalRecord(line: string): JournalRecord | null {
  try {
    const parsed = journalRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as JournalRecord) : null;
  } catch {
    return null;
  }
}

/**
 * A line this store wrote and read back from where the database says it is: only its kind
 * and owner are checked, which is enough to notice a position gone wrong.
 */
export function readScrubLine(line: string, id: string): ScrubRecord | null {
  const parsed = safeJson(line) as { kind?: unknown; record?: { id?: unknown } } | null;
  if (parsed?.kind !== 'scrub' || parsed.record?.id !== id) return null;
  return withOwner(parsed.record as ScrubRecord);
}

/** Records kept before scrubs had owners read as nobody's. */
export function withOwner(record: ScrubRecord): ScrubRecord {
  return record.owner === undefined ? { ...record, owner: null } : record;
}

export function readChatLine(line: string, conversation: string): ChatTurn[] | null {
  const parsed = safeJson(line) as { kind?: unknown; conversation?: unknown; turns?: unknown } | null;
  return parsed?.kind === 'chat' && parsed.conversation === conversation && Array.isArray(parsed.turns) ? (parsed.turns as ChatTurn[]) : null;
}

/** What the history lists for a scrub, counted from its result. */
export function summarise(record: ScrubRecord): ScrubSummary {
  let errors = 0;
  let warnings = 0;
  for (const finding of record.result.findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  return { id: record.id, claimId: record.claimId, status: record.status, scrubbedAt: record.scrubbedAt, rulesetVersion: record.rulesetVersion, owner: record.owner ?? null, errors, warnings };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
