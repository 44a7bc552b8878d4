/** A refused rule edit, as each role sees it: the rule owners get the problems, everyone else that the set in force stands. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveByRename } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { connectClient, fetch, nextEvent, startTestServer, type TestServer } from './support.js';

let service: TestServer;

beforeAll(async () => {
  service = await startTestServer({ rulesDir: copyOfShippedRules() });
});

afterAll(async () => {
  await service.close();
});

interface Status {
  state: string;
  version: string;
  problems: unknown[];
}

describe('a refused edit', () => {
  it('shows its problems to compliance and admin only', async () => {
    const biller = await service.cookieFor('biller');
    const compliance = await service.cookieFor('compliance');
    const billerSocket = await connectClient(service.base, { cookie: biller });
    const complianceSocket = await connectClient(service.base, { cookie: compliance });
    try {
      const toBiller = nextEvent<Status>(billerSocket, 'rules:status');
      const toCompliance = nextEvent<Status>(complianceSocket, 'rules:status');
      const file = join(service.rulesDir, 'code-compatibility', 'duplicate-lines.yaml');
      saveByRename(file, `${readFileSync(file, 'utf8')}\n  broken: [unclosed\n`);
      const [seenByBiller, seenByCompliance] = await Promise.all([toBiller, toCompliance]);
      expect(seenByCompliance.state).toBe('rejected');
      expect(seenByCompliance.problems.length).toBeGreaterThan(0);
      expect(seenByBiller).toMatchObject({ state: 'rejected', version: seenByCompliance.version, problems: [] });

      const rest = async (cookie: string): Promise<Status> => (await (await fetch(`${service.base}/api/rules/status`, { headers: { cookie } })).json()) as Status;
      expect((await rest(biller)).problems).toEqual([]);
      expect((await rest(compliance)).problems.length).toBeGreaterThan(0);
    } finally {
      billerSocket.disconnect();
      complianceSocket.disconnect();
    }
  });
});
