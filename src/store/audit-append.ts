/**
 * Appending to the audit log from a process that does not open the store: the account
 * commands run from a shell while the server runs. Both append under the log's lock, so the
 * chain stays whole whichever writes first.
 */
import { resolve } from 'node:path';
import { makePrivateDir } from '../config/private-files.js';
import { ScrubjayError } from '../errors.js';
import { moveAsideIfUnchained } from './audit-legacy.js';
import { appendEntries, type AuditPaths } from './audit-writer.js';
import { storeFiles, type StoreFiles } from './layout.js';
import type { AuditEntry, AuditInput } from './store.js';

export function auditPaths(files: StoreFiles): AuditPaths {
  return { log: files.audit, lock: files.auditLock, archiveDir: files.auditArchive };
}

/** Appends one entry to the audit log of `dataDir`; resolves with it once it is on disk. */
export async function appendAudit(dataDir: string, input: AuditInput, at: Date = new Date()): Promise<AuditEntry> {
  const files = storeFiles(resolve(dataDir));
  try {
    makePrivateDir(files.dir);
    const { entries } = await appendEntries(auditPaths(files), [{ input, at: at.toISOString() }], null, undefined, (paths) => moveAsideIfUnchained(paths.log, at, []));
    return entries[0]!;
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    throw new ScrubjayError('SJ_STORE_IO', `Could not append to the audit log ${files.audit} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file: files.audit });
  }
}
