import { join } from 'node:path';

/**
 * Where the store keeps its files: one folder of its own inside the data folder, beside
 * `reference/` (the official tables), so neither side ever reads or cleans the other's files.
 *   store/journal.ndjson  each scrubbed claim with its result, and each chat exchange: one
 *                         JSON object a line, appended to, now and then rewritten without
 *                         the lines retention has dropped
 *   store/claims.json     the lowdb database: the index of scrubs and conversations, and
 *                         where each is in the journal (small, rewritten at most once a second)
 *   store/audit.ndjson    who scrubbed what, one JSON object a line, only ever appended to
 *   store/server.lock     which process holds the folder
 */
export interface StoreFiles {
  dir: string;
  journal: string;
  database: string;
  audit: string;
  lock: string;
}

export function storeFiles(dataDir: string): StoreFiles {
  const dir = join(dataDir, 'store');
  return {
    dir,
    journal: join(dir, 'journal.ndjson'),
    database: join(dir, 'claims.json'),
    audit: join(dir, 'audit.ndjson'),
    lock: join(dir, 'server.lock'),
  };
}
