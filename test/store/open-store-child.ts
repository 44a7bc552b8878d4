/**
 * A second server's start-up, in a process of its own: opens the store in the data folder
 * given and reports what happened as one JSON line.
 *   try   open, report, close
 *   hold  open, report, then stay until killed
 *   exit  open, report, then exit without closing
 */
import { openClaimStore } from '../../src/store/index.js';
import { ScrubjayError } from '../../src/errors.js';

const [dataDir, mode = 'try'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: open-store-child.ts DATA_DIR [try|hold|exit]');

try {
  const store = await openClaimStore(dataDir);
  console.log(JSON.stringify({ opened: true, pid: process.pid, warnings: store.warnings }));
  if (mode === 'try') await store.close();
  else if (mode === 'exit') process.exit(0);
  else setInterval(() => undefined, 60_000);
} catch (error) {
  if (!(error instanceof ScrubjayError)) throw error;
  console.log(JSON.stringify({ opened: false, code: error.code, message: error.message }));
  process.exitCode = 3;
}
