/**
 * What the store forgets: scrubs and conversations older than the age limit, oldest first,
 * so its files stay small. Counts never make it forget: a burst of junk scrubs must not push
 * real records out of the history, so past the count ceilings everything young is kept and
 * the store says it is over them (see `retentionStatus`). Pure functions over the in-memory
 * index; the caller writes the result, and the journal lines nothing points at any more go
 * at its next compaction.
 */
import type { ChatPart, Conversation, ScrubEntry, StoreIndex } from './database.js';
import type { RetentionStatus } from './store.js';

export interface RetentionLimits {
  /** a ceiling to warn at, not a limit to evict by */
  maxScrubs: number;
  maxAgeDays: number;
  maxChatTurns: number;
  /** a ceiling to warn at, not a limit to evict by */
  maxConversations: number;
}

const DAY_MS = 86_400_000;

/** Drops what is older than the age limit; returns the scrub entries dropped (the caller forgets them elsewhere too). */
export function applyRetention(data: StoreIndex, limits: RetentionLimits, now: Date): ScrubEntry[] {
  const cutoff = now.getTime() - limits.maxAgeDays * DAY_MS;
  // entries are kept in the order they were stored, which is their time order
  let drop = 0;
  while (drop < data.scrubs.length && olderThan(data.scrubs[drop]!.scrubbedAt, cutoff)) drop++;
  const dropped = drop === 0 ? [] : data.scrubs.splice(0, drop);
  // a scrub's conversation goes with it
  for (const entry of dropped) data.conversations.delete(entry.id);
  pruneConversations(data.conversations, cutoff);
  return dropped;
}

export function retentionStatus(data: StoreIndex, limits: RetentionLimits): RetentionStatus {
  return {
    scrubs: data.scrubs.length,
    ceiling: limits.maxScrubs,
    overCeiling: data.scrubs.length > limits.maxScrubs,
    oldestAt: data.scrubs[0]?.scrubbedAt ?? null,
    maxAgeDays: limits.maxAgeDays,
  };
}

/** Conversations are in order of last activity (an append moves one to the end). */
function pruneConversations(conversations: Map<string, Conversation>, cutoff: number): void {
  for (const [id, conversation] of conversations) {
    if (!olderThan(conversation.updatedAt, cutoff)) break;
    conversations.delete(id);
  }
}

/**
 * Adds a part (the turns of one append) and keeps the newest `maxTurns` turns: whole parts
 * that fall out are dropped, and `skip` hides the older turns of the first one kept.
 * Returns a new conversation object (stored ones never change).
 */
export function withPart(previous: Conversation | undefined, id: string, part: ChatPart, maxTurns: number, at: string): Conversation {
  const parts = [...(previous?.parts ?? []), part];
  let skip = previous?.skip ?? 0;
  let turns = parts.reduce((sum, p) => sum + p.turns, 0) - skip;
  if (turns > maxTurns) {
    skip += turns - maxTurns;
    turns = maxTurns;
  }
  while (parts.length > 0 && parts[0]!.turns <= skip) skip -= parts.shift()!.turns;
  return { id, updatedAt: at, skip, parts };
}

/** Every journal line the index still points at. */
export function liveSpans(data: StoreIndex): Array<{ offset: number; length: number }> {
  const spans: Array<{ offset: number; length: number }> = [...data.scrubs];
  for (const conversation of data.conversations.values()) spans.push(...conversation.parts);
  return spans;
}

function olderThan(timestamp: string, cutoff: number): boolean {
  return Date.parse(timestamp) < cutoff;
}
