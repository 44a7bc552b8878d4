/**
 * A shell command's appends to the audit log (as `scrubjay users ...` makes them) while
 * others append too: COUNT entries by USER, a few at a time, then `done`.
 */
import { appendAudit } from '../../src/store/index.js';

const [dataDir, user, count = '50'] = process.argv.slice(2);
if (dataDir === undefined || user === undefined) throw new Error('usage: audit-append-child.ts DATA_DIR USER [COUNT]');

const IN_FLIGHT = 4;
let next = 0;
async function worker(): Promise<void> {
  while (next < Number(count)) {
    const n = next++;
    await appendAudit(dataDir!, { user: user!, role: 'admin', action: 'user-change', target: [`${user}-${n}`], address: null });
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
console.log('done');
