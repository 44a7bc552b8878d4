/**
 * What the store forgets, oldest first, so its files stay small. Pure functions over the
 * in-memory data; the caller writes the result.
 */
import type { Conversation, StoreData } from './database.js';
import type { ChatTurn, ScrubRecord } from './store.js';

export interface RetentionLimits {
  maxScrubs: number;
  maxAgeDays: number;
  maxChatTurns: number;
  maxConversations: number;
}

const DAY_MS = 86_400_000;

/** Drops what is over a limit; returns the scrub records dropped (the caller forgets their index entries). */
export function applyRetention(data: StoreData, limits: RetentionLimits, now: Date): ScrubRecord[] {
  const cutoff = now.getTime() - limits.maxAgeDays * DAY_MS;
  // records are kept in the order they were stored, which is their time order
  let drop = Math.max(0, data.scrubs.length - limits.maxScrubs);
  while (drop < data.scrubs.length && olderThan(data.scrubs[drop]!.scrubbedAt, cutoff)) drop++;
  const dropped = data.scrubs.splice(0, drop);
  // a scrub's conversation goes with it
  for (const record of dropped) data.conversations.delete(record.id);
  pruneConversations(data.conversations, limits.maxConversations, cutoff);
  return dropped;
}

/** Conversations are in order of last activity (an append moves one to the end). */
function pruneConversations(conversations: Map<string, Conversation>, max: number, cutoff: number): void {
  let excess = conversations.size - max;
  for (const [id, conversation] of conversations) {
    if (excess <= 0 && !olderThan(conversation.updatedAt, cutoff)) break;
    conversations.delete(id);
    excess--;
  }
}

/** Appends turns, keeping the newest `maxTurns`; returns a new conversation object (stored ones never change). */
export function withTurns(previous: Conversation | undefined, id: string, turns: readonly ChatTurn[], maxTurns: number, at: string): Conversation {
  const all = [...(previous?.turns ?? []), ...turns];
  return { id, updatedAt: at, turns: all.slice(Math.max(0, all.length - maxTurns)) };
}

function olderThan(timestamp: string, cutoff: number): boolean {
  return Date.parse(timestamp) < cutoff;
}
