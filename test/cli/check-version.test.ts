/**
 * A result from the shell names the rule set as the service does: the version id the rules
 * history gave those files, never an id the service gave other files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

async function versionServed(rulesDir: string, dataDir: string): Promise<{ version: string; hash: string }> {
  const server = await startServer({ port: 0, host: '127.0.0.1', rulesDir, dataDir, logLevel: 'silent', watch: false });
  try {
    const { version, hash } = server.rules.current().ruleSet;
    return { version, hash };
  } finally {
    await server.close();
  }
}

describe('scrubjay check beside a service', () => {
  it("gives the version id the service's history gave the same files", async () => {
    const rulesDir = copyOfShippedRules();
    const dataDir = tempDir('scrubjay-check-version-');
    const first = await versionServed(rulesDir, dataDir);
    const profile = join(rulesDir, 'payers', 'aetna.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('summary: 90 days', 'summary: ninety days'));
    const second = await versionServed(rulesDir, dataDir);
    expect(second.version).not.toBe(first.version);

    const run = await runCli(['check', join(REPO_ROOT, 'examples', 'claims.json'), '--format', 'json', '--rules', rulesDir, '--data', dataDir]);
    const results = JSON.parse(run.stdout) as Array<{ rulesetVersion: string; rulesetHash: string }>;
    for (const result of results) expect(result).toMatchObject({ rulesetVersion: second.version, rulesetHash: second.hash });
  });
});
