/**
 * Audit logs written before entries were chained (no sequence numbers, no hashes) cannot be
 * continued: whichever process appends first moves such a log aside, kept as it was, and a
 * new chain begins.
 */
import { open } from 'node:fs/promises';
import { readFirstLine } from './audit-file.js';
import { moveAside } from './durable-file.js';
import type { StoreWarning } from './store.js';

/** A log written before entries were chained: every line an object with `actor` and no `seq`. */
export async function moveAsideIfUnchained(path: string, now: Date, warnings: StoreWarning[]): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let first: string | null;
  try {
    first = await readFirstLine(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
  if (first === null || !isUnchainedLine(first)) return;
  const aside = await moveAside(path, now);
  warnings.push({
    kind: 'audit-moved-aside',
    message: `The audit log ${path} is in the format before entries were chained; it was moved to ${aside}, kept as it was, and a new chained log begins.`,
    file: aside,
  });
}

function isUnchainedLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as Record<string, unknown> | null;
    return typeof value === 'object' && value !== null && 'actor' in value && !('seq' in value) && !('hash' in value);
  } catch {
    return false;
  }
}
