import { join } from 'node:path';

/**
 * Where the store keeps its files: one folder of its own inside the data folder, beside
 * `reference/` (the official tables), so neither side ever reads or cleans the other's files.
 *   store/journal.ndjson  each scrubbed claim with its result, and each chat exchange: one
 *                         JSON object a line, appended to, now and then rewritten without
 *                         the lines retention has dropped
 *   store/claims.json     the lowdb database: the index of scrubs and conversations, and
 *                         where each is in the journal (small, rewritten at most once a second)
 *   store/follow-up.ndjson  each remittance posted and each change of a claim's state
 *   store/practice.ndjson  each practice exercise answered: per rule family, found and missed
 *                         (sent, denied, appealed...): one JSON object a line, only appended to
 *   store/audit.ndjson    who did what, one hash-chained JSON object a line, only ever
 *                         appended to (by the server and by the account commands alike)
 *   store/audit.ndjson.lock  held by whichever process is appending to the audit log
 *   store/audit-archive/  audit entries past the audit retention age, moved out of the log
 *                         whole and in order: audit-until-YYYY-MM-DD.ndjson
 *   store/server.lock     which process holds the folder
 */
export interface StoreFiles {
  dir: string;
  journal: string;
  database: string;
  followUp: string;
  practice: string;
  audit: string;
  auditLock: string;
  auditArchive: string;
  lock: string;
}

export function storeFiles(dataDir: string): StoreFiles {
  const dir = join(dataDir, 'store');
  return {
    dir,
    journal: join(dir, 'journal.ndjson'),
    database: join(dir, 'claims.json'),
    followUp: join(dir, 'follow-up.ndjson'),
    practice: join(dir, 'practice.ndjson'),
    audit: join(dir, 'audit.ndjson'),
    auditLock: join(dir, 'audit.ndjson.lock'),
    auditArchive: join(dir, 'audit-archive'),
    lock: join(dir, 'server.lock'),
  };
}
