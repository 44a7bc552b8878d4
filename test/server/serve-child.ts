/**
 * The real service in a process of its own, for tests that kill it: serves on an ephemeral
 * port with the shipped rules and the data folder given, prints `listening <url>`, and runs
 * until it is killed.
 */
import { startServer } from '../../src/server/server.js';
import { RULES_DIR } from '../support/paths.js';
import { addRoleAccounts } from '../support/accounts.js';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: serve-child.ts DATA_DIR');

// the accounts of the test servers, so the parent can sign in
await addRoleAccounts(dataDir);
const server = await startServer({ port: 0, host: '127.0.0.1', rulesDir: RULES_DIR, dataDir, logLevel: 'silent', watch: false, rateLimitPerMinute: 1_000_000 });
console.log(`listening ${server.url}`);
