import { join } from 'node:path';

/**
 * Where the store keeps its files: one folder of its own inside the data folder, beside
 * `reference/` (the official tables), so neither side ever reads or cleans the other's files.
 *   store/claims.json    scrubs and chat transcripts (the lowdb database, rewritten whole)
 *   store/audit.ndjson   who scrubbed what, one JSON object a line, only ever appended to
 *   store/server.lock    which process holds the folder
 */
export interface StoreFiles {
  dir: string;
  database: string;
  audit: string;
  lock: string;
}

export function storeFiles(dataDir: string): StoreFiles {
  const dir = join(dataDir, 'store');
  return {
    dir,
    database: join(dir, 'claims.json'),
    audit: join(dir, 'audit.ndjson'),
    lock: join(dir, 'server.lock'),
  };
}
