/** The accounts every test server has: one of each role, named after it. Free of vitest, so child processes can use it. */
import { Accounts, ROLES } from '../../src/access/index.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Adds one account of each role (named as the role) to a data folder. */
export async function addRoleAccounts(dataDir: string): Promise<void> {
  const accounts = new Accounts(dataDir);
  const existing = new Set(accounts.list().map((a) => a.username));
  for (const role of ROLES) if (!existing.has(role)) await accounts.add({ username: role, role, password: TEST_PASSWORD });
}
