/**
 * Whose conversation is whose. A stored scrub's transcript belongs to the user who made the
 * scrub; anyone else allowed to open that scrub (a biller working a trainee's claim) talks
 * about it in a transcript of their own, so nobody reads or adds to another user's chat.
 */
import type { User } from '../access/index.js';
import type { ScrubRecord } from '../store/store.js';

export function conversationIdFor(record: Pick<ScrubRecord, 'id' | 'owner'>, user: User): string {
  return record.owner === user.username ? record.id : `${record.id}~${user.username}`;
}

/** Whether this user may open this scrub: every scrub with `history:all`, else only their own. */
export function maySee(record: Pick<ScrubRecord, 'owner'>, user: User, seesAll: boolean): boolean {
  return seesAll || record.owner === user.username;
}
