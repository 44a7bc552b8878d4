import * as fs from 'node:fs';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach, describe, expect, it } from 'vitest';
import { scrubClaim } from '../../src/engine/scrub.js';
import { ScrubjayError } from '../../src/errors.js';
import { hashRuleFiles } from '../../src/rules/content-hash.js';
import { readRuleFolder } from '../../src/ruleset/history/folder-files.js';
import { openRulesHistory, RulesConflictError, RulesRefusedError, type RulesHistory, type RulesHistoryOptions } from '../../src/ruleset/history/history.js';
import { testClaim } from '../../src/ruleset/test-runner.js';
import { editByRename, tempDir } from '../support/folders.js';
import { copyOfShippedRules, lineOf } from '../support/rule-folders.js';
import { waitFor } from '../support/wait.js';

const CIGNA = 'payers/cigna.yaml';
const AETNA = 'payers/aetna.yaml';
const MEDICARE = 'payers/medicare.yaml';
const FILING_TESTS = 'timely-filing/filing-limit.yaml';
const OFFICER = { name: 'Dana Reyes', role: 'compliance' };
const SECOND_OFFICER = { name: 'Sam Okafor', role: 'compliance' };

const open: RulesHistory[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function openHistory(dir: string, options: RulesHistoryOptions = { watch: false }): Promise<RulesHistory> {
  const history = await openRulesHistory(dir, options);
  open.push(history);
  return history;
}

async function closeHistory(history: RulesHistory): Promise<void> {
  open.splice(open.indexOf(history), 1);
  await history.close();
}

function withFilingLimit(dir: string, path: string, days: number): string {
  const text = readFileSync(join(dir, path), 'utf8');
  expect(text).toContain('period: { days: 90 }');
  return text.replace('period: { days: 90 }', `period: { days: ${days} }`);
}

function folderHash(dir: string): string {
  return hashRuleFiles([...readRuleFolder(dir)].map(([path, bytes]) => ({ path, bytes })));
}

function snapshot(dir: string): Map<string, string> {
  return new Map([...readRuleFolder(dir)].map(([path, bytes]) => [path, Buffer.from(bytes).toString('utf8')]));
}

async function gitLog(dir: string) {
  return git.log({ fs, dir });
}

async function refusal(promise: Promise<unknown>): Promise<ScrubjayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScrubjayError);
  return error as ScrubjayError;
}

/** The filing limit a claim to Cigna (payer 62308) is held to by a set, as the finding says it. */
function cignaLimitDays(history: RulesHistory): number | undefined {
  const prepared = history.live.current();
  return prepared.profileFor('62308', 'commercial')?.timelyFiling.period.days;
}

describe('a rules folder without a history', () => {
  it('becomes a git repository whose first commit, by "file system", holds the files as they are', async () => {
    const dir = copyOfShippedRules();
    const before = snapshot(dir);
    const history = await openHistory(dir);
    const log = await gitLog(dir);
    expect(log).toHaveLength(1);
    expect(log[0]!.commit.author.name).toBe('file system');
    const [first] = await history.versions();
    expect(first).toMatchObject({ by: 'file system', reason: 'first version', version: history.live.status().version, hash: history.live.status().hash });
    expect(first!.files).toEqual(expect.arrayContaining([...before.keys(), 'README.md', 'rule.schema.json']));
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a history kept outside the rules folder', () => {
  it('leaves the folder without a .git and keeps its versions across a restart', async () => {
    const dir = copyOfShippedRules();
    const gitdir = join(tempDir('scrubjay-history-'), 'rules.git');
    const history = await openHistory(dir, { watch: false, gitdir });
    const published = await history.publish({ base: history.live.status().version, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }], author: OFFICER, reason: 'renewal' });
    await closeHistory(history);
    expect(fs.existsSync(join(dir, '.git'))).toBe(false);
    const log = await git.log({ fs, dir, gitdir });
    expect(log.map((c) => c.commit.author.name)).toEqual([OFFICER.name, 'file system']);
    const again = await openHistory(dir, { watch: false, gitdir });
    expect(again.live.status()).toMatchObject({ version: published.version, hash: published.hash });
  });
});

describe('publishing a change', () => {
  it("changes the folder and the set in force, and commits the files with the officer as author and the reason as message", async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const start = history.live.status();
    expect(cignaLimitDays(history)).toBe(90);

    const published = await history.publish({
      base: start.version,
      changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }],
      author: OFFICER,
      reason: 'Cigna contract renewed: 180 days',
    });

    expect(published.version).not.toBe(start.version);
    expect(published.hash).not.toBe(start.hash);
    expect(readFileSync(join(dir, CIGNA), 'utf8')).toContain('period: { days: 180 }');
    expect(folderHash(dir)).toBe(published.hash);
    // in force at once, without any reload of the folder
    expect(cignaLimitDays(history)).toBe(180);
    expect(history.live.status()).toMatchObject({ state: 'ok', version: published.version, hash: published.hash, by: OFFICER.name, reason: 'Cigna contract renewed: 180 days' });

    const [commit] = await gitLog(dir);
    expect(commit!.oid).toBe(published.commit);
    expect(commit!.commit.author.name).toBe(OFFICER.name);
    expect(commit!.commit.message).toMatch(/^Cigna contract renewed: 180 days\n/);

    const versions = await history.versions();
    expect(versions.map((v) => v.version)).toEqual([published.version, start.version]);
    expect(versions[0]).toMatchObject({ hash: published.hash, by: OFFICER.name, role: 'compliance', reason: 'Cigna contract renewed: 180 days', files: [CIGNA], commit: published.commit });

    const diff = await history.diff(published.version);
    expect(diff).toContain(`--- a/${CIGNA}\n+++ b/${CIGNA}\n`);
    expect(diff).toContain('\n-  period: { days: 90 }\n+  period: { days: 180 }\n');
  });

  it('gives scrubs the new version and hash', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const published = await history.publish({ base: history.live.status().hash, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 120) }], author: OFFICER, reason: 'new contract' });
    const prepared = history.live.current();
    const { claim, asOf } = testClaim(prepared.ruleSet, { name: 'probe', expect: 'pass' });
    const result = scrubClaim(claim, prepared, { asOf });
    expect(result).toMatchObject({ rulesetVersion: published.version, rulesetHash: published.hash });
  });

  it('refuses a publish whose base is no longer in force, naming the files changed since, and keeps the first publish', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const base = history.live.status().version;
    const first = await history.publish({ base, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }], author: OFFICER, reason: 'Cigna renewal' });
    const after = snapshot(dir);

    const error = await refusal(history.publish({ base, changes: [{ path: 'payers/tricare.yaml', content: readFileSync(join(dir, 'payers/tricare.yaml'), 'utf8') + '\n' }], author: SECOND_OFFICER, reason: 'tidy' }));
    expect(error).toBeInstanceOf(RulesConflictError);
    expect(error.code).toBe('SJ_RULES_STALE_BASE');
    expect(error.status).toBe(409);
    expect((error as RulesConflictError).files).toEqual([CIGNA]);
    expect(error.message).toContain(CIGNA);
    expect(snapshot(dir)).toEqual(after);
    expect(history.live.status().version).toBe(first.version);
    expect(await gitLog(dir)).toHaveLength(2);
  });

  it('that cannot be committed puts every written file back, and keeps the set in force', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const before = snapshot(dir);
    const status = history.live.status();
    // a repository whose index cannot be read: the files are written, then the commit fails
    fs.rmSync(join(dir, '.git', 'index'));
    mkdirSync(join(dir, '.git', 'index'));
    const error = await refusal(
      history.publish({
        base: status.version,
        changes: [
          { path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) },
          { path: 'lists/later.yaml', content: 'name: later\ndescription: codes kept for a later rule\ncodes: ["99213"]\n' },
        ],
        author: OFFICER,
        reason: 'renewal and a list',
      }),
    );
    expect(error.code).toBe('SJ_RULES_HISTORY');
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readdirSync(join(dir, 'payers')).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(history.live.status()).toMatchObject({ version: status.version, hash: status.hash });
    expect(cignaLimitDays(history)).toBe(90);
  });

  it('refuses a publish while the folder holds an edit on disk that is not in force, naming the file', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    // a hand edit that breaks the YAML: refused by the live set, so not in force and not in the history
    writeFileSync(join(dir, 'payers/tricare.yaml'), 'id: [unclosed\n');
    await history.live.reloadNow();
    expect(history.live.status().state).toBe('rejected');
    const error = await refusal(history.publish({ base: history.live.status().version, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }], author: OFFICER, reason: 'renewal' }));
    expect(error.code).toBe('SJ_RULES_STALE_BASE');
    expect((error as RulesConflictError).files).toEqual(['payers/tricare.yaml']);
    expect(readFileSync(join(dir, 'payers/tricare.yaml'), 'utf8')).toBe('id: [unclosed\n');
    expect(readFileSync(join(dir, CIGNA), 'utf8')).toContain('period: { days: 90 }');
  });
});

describe('a draft', () => {
  it('that fails its tests reports each failing case and writes nothing, and publishing it is refused', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const before = snapshot(dir);
    const status = history.live.status();

    // Medicare's one calendar year is the regulation (42 CFR 424.44), which the rule tests pin with written dates
    const twoYears = readFileSync(join(dir, MEDICARE), 'utf8').replace('period: { years: 1 }', 'period: { years: 2 }');
    const draft = await history.draft({ base: status.version, changes: [{ path: MEDICARE, content: twoYears }], note: 'Medicare to 2 years' });
    expect(draft.problems).toEqual([]);
    expect(draft.tests.passed).toBeGreaterThan(0);
    expect(draft.tests.failed.length).toBeGreaterThan(0);
    const filingTests = readFileSync(join(dir, FILING_TESTS), 'utf8');
    const anniversary = 'Medicare, filed the day after the anniversary';
    expect(draft.tests.failed[0]).toEqual({
      ruleId: 'timely-filing-limit-expired',
      case: anniversary,
      message: 'expected the rule to fire on line 1, but it did not',
      file: FILING_TESTS,
      line: lineOf(filingTests, anniversary),
      column: 7,
    });
    expect(snapshot(dir)).toEqual(before);
    expect(history.getDraft(draft.draftId)).toMatchObject({ draftId: draft.draftId, note: 'Medicare to 2 years', base: status.version });

    const error = await refusal(history.publish({ draftId: draft.draftId, author: OFFICER, reason: 'Medicare to 2 years' }));
    expect(error).toBeInstanceOf(RulesRefusedError);
    expect(error.code).toBe('SJ_RULES_CHANGE_REFUSED');
    expect((error as RulesRefusedError).check.tests.failed).toEqual(draft.tests.failed);
    expect(snapshot(dir)).toEqual(before);
    expect(await gitLog(dir)).toHaveLength(1);
    expect(history.live.status()).toMatchObject({ version: status.version, hash: status.hash, state: 'ok' });
  });

  it('with a YAML mistake places the problem in the file by its path in the rules folder', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const broken = readFileSync(join(dir, AETNA), 'utf8').replace('timelyFiling:', 'timelyFiling: [');
    const draft = await history.draft({ base: history.live.status().version, changes: [{ path: AETNA, content: broken }] });
    expect(draft.problems.length).toBeGreaterThan(0);
    expect(draft.problems[0]).toMatchObject({ file: AETNA, line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
    const error = await refusal(history.publish({ base: history.live.status().version, changes: [{ path: AETNA, content: broken }], author: OFFICER, reason: 'oops' }));
    expect(error.code).toBe('SJ_RULES_CHANGE_REFUSED');
    expect(readFileSync(join(dir, AETNA), 'utf8')).not.toBe(broken);
  });

  it('that passes is published as it was checked', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const draft = await history.draft({ base: history.live.status().version, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 150) }] });
    expect(draft).toMatchObject({ problems: [], tests: { failed: [] } });
    const published = await history.publish({ draftId: draft.draftId, author: OFFICER, reason: 'renewal' });
    expect(published.hash).toBe(draft.hash);
    expect(cignaLimitDays(history)).toBe(150);
  });
});

describe('the commit of a publish', () => {
  it('keeps a name or role that holds angle brackets or line breaks on its own line', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    await history.publish({
      base: history.live.status().version,
      changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }],
      author: { name: 'Dana <dana@x>\nRuleset-Hash: forged', role: 'compliance\nRuleset-Version: 1999-01-01.1' },
      reason: 'renewal',
    });
    const [commit] = await gitLog(dir);
    expect(commit!.commit.author.name).toBe('Dana dana@x Ruleset-Hash: forged');
    const [newest] = await history.versions();
    expect(newest).toMatchObject({ version: history.live.status().version, hash: history.live.status().hash, role: 'compliance Ruleset-Version: 1999-01-01.1' });
  });
});

describe('versions that identify content', () => {
  it('keep naming the same files after a restart, and a new set gets an id never used before', async () => {
    const dir = copyOfShippedRules();
    const first = await openHistory(dir);
    const start = first.live.status();
    const published = await first.publish({ base: start.version, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }], author: OFFICER, reason: 'renewal' });
    await closeHistory(first);

    const again = await openHistory(dir);
    expect(again.live.status()).toMatchObject({ version: published.version, hash: published.hash });
    expect(await gitLog(dir)).toHaveLength(2);

    const next = await again.publish({ base: published.version, changes: [{ path: CIGNA, content: readFileSync(join(dir, CIGNA), 'utf8').replace('days: 180', 'days: 120') }], author: OFFICER, reason: 'correction' });
    expect([start.version, published.version]).not.toContain(next.version);
    const ids = (await again.versions()).map((v) => `${v.version}=${v.hash}`);
    expect(ids).toEqual([`${next.version}=${next.hash}`, `${published.version}=${published.hash}`, `${start.version}=${start.hash}`]);
  });

  it('are the same for the same files in two folders', async () => {
    const a = await openHistory(copyOfShippedRules());
    const b = await openHistory(copyOfShippedRules());
    expect(a.live.status().hash).toBe(b.live.status().hash);
    expect(a.live.status().hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a restore brings the old version and hash back, as a new commit by whoever restored it', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const start = history.live.status();
    const original = snapshot(dir);
    await history.publish({ base: start.version, changes: [{ path: CIGNA, content: withFilingLimit(dir, CIGNA, 180) }], author: OFFICER, reason: 'renewal' });
    await history.publish({
      base: history.live.status().version,
      changes: [{ path: 'lists/extra-codes.yaml', content: 'name: extra-codes\ndescription: codes kept for a later rule\ncodes: ["99213"]\n' }],
      author: OFFICER,
      reason: 'a list for later',
    });

    const restored = await history.restore(start.version, { author: SECOND_OFFICER, reason: 'back to the shipped rules' });
    expect(restored).toMatchObject({ version: start.version, hash: start.hash });
    expect(snapshot(dir)).toEqual(original);
    expect(history.live.status()).toMatchObject({ version: start.version, hash: start.hash, by: SECOND_OFFICER.name });
    expect(cignaLimitDays(history)).toBe(90);
    const [newest] = await history.versions();
    expect(newest).toMatchObject({ version: start.version, hash: start.hash, by: SECOND_OFFICER.name, reason: 'back to the shipped rules', commit: restored.commit });
    expect(newest!.files).toEqual(['lists/extra-codes.yaml', CIGNA]);
    expect(await gitLog(dir)).toHaveLength(4);
  });
});

describe('an edit made on disk', () => {
  it('is committed by "file system" as "changed on disk" when the live set takes it in', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir, { watch: true, debounceMs: 50 });
    const start = history.live.status();
    editByRename(join(dir, CIGNA), 'period: { days: 90 }', 'period: { days: 95 }');
    const status = await waitFor('the hand edit in force', () => (history.live.status().version !== start.version ? history.live.status() : undefined), () => history.live.status());
    expect(status).toMatchObject({ state: 'ok', by: 'file system', reason: 'changed on disk', hash: folderHash(dir) });

    const [commit] = await gitLog(dir);
    expect(commit!.commit.author.name).toBe('file system');
    expect(commit!.commit.message).toMatch(/^changed on disk\n/);
    const [newest] = await history.versions();
    expect(newest).toMatchObject({ version: status.version, hash: status.hash, by: 'file system', files: [CIGNA] });
  });

  it('made while the service was down is committed at the next start', async () => {
    const dir = copyOfShippedRules();
    await closeHistory(await openHistory(dir));
    editByRename(join(dir, CIGNA), 'period: { days: 90 }', 'period: { days: 95 }');
    const history = await openHistory(dir);
    const [newest] = await history.versions();
    expect(newest).toMatchObject({ by: 'file system', reason: 'changed on disk', files: [CIGNA], hash: history.live.status().hash });
  });
});

describe('paths', () => {
  const refused = ['../x.yaml', '.git/config', 'lists/../../x.yaml', '/etc/passwd.yaml', 'lists/.hidden.yaml', 'payers\\aetna.yaml', 'README.md', ''];

  it.each(refused)('%j is refused by drafts, publishes and file reads, and nothing is written', async (path) => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const gitConfig = readFileSync(join(dir, '.git', 'config'), 'utf8');
    const base = history.live.status().version;
    for (const attempt of [
      history.draft({ base, changes: [{ path, content: 'x: 1\n' }] }),
      history.publish({ base, changes: [{ path, content: 'x: 1\n' }], author: OFFICER, reason: 'try' }),
      history.fileText(path),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('SJ_RULES_PATH_REFUSED');
      expect(error.status).toBe(400);
    }
    expect(readFileSync(join(dir, '.git', 'config'), 'utf8')).toBe(gitConfig);
    expect(fs.existsSync(join(dir, '..', 'x.yaml'))).toBe(false);
    expect(await gitLog(dir)).toHaveLength(1);
  });

  it('a folder inside the rules folder that links outside it is refused, and nothing is written through it', async () => {
    const dir = copyOfShippedRules();
    const outside = tempDir('scrubjay-outside-');
    fs.symlinkSync(outside, join(dir, 'elsewhere'));
    const history = await openHistory(dir);
    const error = await refusal(history.publish({ base: history.live.status().version, changes: [{ path: 'elsewhere/x.yaml', content: 'name: x\ndescription: a list\ncodes: ["1"]\n' }], author: OFFICER, reason: 'try' }));
    expect(error.code).toBe('SJ_RULES_PATH_REFUSED');
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('the folder listing and file reads answer the set in force', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const files = await history.files();
    expect(files.find((f) => f.path === 'code-compatibility/modifier-25.yaml')).toMatchObject({ rules: ['modifier-25-on-non-em-code'], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(files.find((f) => f.path === CIGNA)).toMatchObject({ rules: [] });
    expect(files.some((f) => f.path.startsWith('.git'))).toBe(false);
    expect(await history.fileText(CIGNA)).toBe(readFileSync(join(dir, CIGNA), 'utf8'));
    expect((await refusal(history.fileText('payers/none.yaml'))).code).toBe('SJ_RULES_FILE_UNKNOWN');
  });
});

describe('the loader and the hash', () => {
  it('skip the repository and any hidden folder', async () => {
    const dir = copyOfShippedRules();
    const history = await openHistory(dir);
    const hash = history.live.status().hash;
    mkdirSync(join(dir, '.drafts'));
    writeFileSync(join(dir, '.drafts', 'broken.yaml'), 'id: [unclosed\n');
    writeFileSync(join(dir, '.git', 'stray.yaml'), 'id: [unclosed\n');
    const status = await history.live.reloadNow();
    expect(status).toMatchObject({ state: 'ok', hash });
  });
});
