import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { ScrubjayError } from '../../src/errors.js';
import { openLiveRuleSet, type LiveRuleSet, type RulesStatus } from '../../src/ruleset/live.js';
import { formatProblem } from '../../src/rules/problems.js';
import { testClaim } from '../../src/ruleset/test-runner.js';
import { editByRename, saveByRename, tempDir } from '../support/folders.js';
import { copyOfShippedRules, lineOf } from '../support/rule-folders.js';
import { waitFor } from '../support/wait.js';

const MODIFIER_25 = 'modifier-25-on-non-em-code';
const MODIFIER_25_FILE = join('code-compatibility', 'modifier-25.yaml');
const SHIPPED_MESSAGE = 'Modifier 25 is on {{line.procedureCode}} (line {{line.number}}), which is not an E/M service.';

const open: LiveRuleSet[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((live) => live.close()));
});

async function openLive(dir: string, options: Parameters<typeof openLiveRuleSet>[1] = {}): Promise<LiveRuleSet> {
  const live = await openLiveRuleSet(dir, options);
  open.push(live);
  return live;
}

/** Every status the set reports to its listeners, in order. */
function record(live: LiveRuleSet): RulesStatus[] {
  const seen: RulesStatus[] = [];
  live.onChange((status) => seen.push(status));
  return seen;
}

/** What a biller would see for modifier 25 on a surgical code, scrubbed with `prepared`. */
function modifier25Message(prepared: PreparedRuleSet): string | undefined {
  const { claim, asOf } = testClaim(prepared.ruleSet, { name: 'probe', expect: 'fire', claim: { lines: [{ procedureCode: '11042', modifiers: ['25'] }] } });
  return scrubClaim(claim, prepared, { asOf }).findings.find((f) => f.ruleId === MODIFIER_25)?.message;
}

function versionNumber(version: string): number {
  const match = /^\d{4}-\d{2}-\d{2}\.(\d+)$/.exec(version);
  if (!match) throw new Error(`not a rule-set version: ${version}`);
  return Number(match[1]);
}

/** Waits until the set in force has moved past `version`, and returns the new status. */
function nextVersion(live: LiveRuleSet, version: string): Promise<RulesStatus> {
  return waitFor(
    `a version after ${version}`,
    () => {
      const status = live.status();
      return status.version !== version ? status : undefined;
    },
    () => live.status(),
  );
}

function rejection(live: LiveRuleSet): Promise<RulesStatus> {
  return waitFor(
    'the edit to be refused',
    () => {
      const status = live.status();
      return status.state === 'rejected' ? status : undefined;
    },
    () => live.status(),
  );
}

describe('the live rule set', () => {
  it('serves a rule message edited by a rename-save under a new version, while a scrub already under way keeps the old set', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const seen = record(live);
    const before = live.status();
    const inFlight = live.current();
    expect(before).toMatchObject({ state: 'ok', problems: [], failedTests: [] });
    expect(versionNumber(before.version)).toBe(1);
    expect(modifier25Message(inFlight)).toBe('Modifier 25 is on 11042 (line 1), which is not an E/M service.');

    editByRename(join(dir, MODIFIER_25_FILE), SHIPPED_MESSAGE, 'Take modifier 25 off {{line.procedureCode}} on line {{line.number}}: it is not an E/M code.');
    const after = await nextVersion(live, before.version);

    expect(after).toMatchObject({ state: 'ok', rules: before.rules, problems: [], failedTests: [] });
    expect(after.version).toBe(`${before.version.slice(0, 10)}.2`);
    expect(modifier25Message(live.current())).toBe('Take modifier 25 off 11042 on line 1: it is not an E/M code.');
    expect(live.current().ruleSet.version).toBe(after.version);
    // the set a scrub had already read is untouched by the swap
    expect(modifier25Message(inFlight)).toBe('Modifier 25 is on 11042 (line 1), which is not an E/M service.');
    expect(seen.map((s) => s.version)).toEqual([after.version]);
  });

  it('keeps the old set when a file has a YAML syntax error, names it as file:line:col, and takes the fixed file', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const seen = record(live);
    const before = live.status();
    const file = join(dir, MODIFIER_25_FILE);
    const shipped = readFileSync(file, 'utf8');

    // the same key twice: the YAML reader refuses the file at the second one
    const broken = shipped.replace('severity: error\n', 'severity: error\nseverity: warning\n');
    saveByRename(file, broken);
    const refused = await rejection(live);

    expect(refused.version).toBe(before.version);
    expect(refused.rules).toBe(before.rules);
    expect(refused.failedTests).toEqual([]);
    expect(refused.problems).toEqual([{ code: 'SJ_RULES_YAML', file, line: lineOf(broken, 'severity: warning'), column: 1, message: 'YAML: Map keys must be unique' }]);
    // still serving the set in force
    expect(live.current().ruleSet.version).toBe(before.version);
    expect(modifier25Message(live.current())).toBe('Modifier 25 is on 11042 (line 1), which is not an E/M service.');

    saveByRename(file, shipped.replace(SHIPPED_MESSAGE, 'Modifier 25 does not belong on {{line.procedureCode}} (line {{line.number}}).'));
    const fixed = await nextVersion(live, before.version);
    expect(fixed).toMatchObject({ state: 'ok', problems: [], failedTests: [] });
    expect(versionNumber(fixed.version)).toBe(2);
    expect(modifier25Message(live.current())).toBe('Modifier 25 does not belong on 11042 (line 1).');
    expect(seen.map((s) => s.state)).toEqual(['rejected', 'ok']);
    expect(seen[0]!.problems).toEqual(refused.problems);
  });

  it('refuses a set whose embedded rule test fails, naming the rule and the case, and accepts the corrected test', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const before = live.status();
    const file = join(dir, MODIFIER_25_FILE);
    const wrongCase = [
      '  - name: modifier 25 on a lab code',
      '    claim: { lines: [{ procedureCode: "36415", modifiers: ["25"] }] }',
      '    expect: pass',
      '',
    ].join('\n');
    const saved = `${readFileSync(file, 'utf8')}${wrongCase}`;
    saveByRename(file, saved);
    const refused = await rejection(live);

    expect(refused.problems).toEqual([]);
    expect(refused.failedTests).toEqual([
      {
        ruleId: MODIFIER_25,
        case: 'modifier 25 on a lab code',
        file: expect.stringMatching(/modifier-25\.yaml$/) as unknown as string,
        line: lineOf(saved, wrongCase.split('\n')[0]!),
        column: 5,
        message: expect.stringMatching(/^expected the rule to pass, but it fired: Modifier 25 is on 36415/) as unknown as string,
      },
    ]);
    expect(refused.version).toBe(before.version);
    expect(live.current().ruleSet.rules.find((r) => r.id === MODIFIER_25)?.tests.map((t) => t.name)).not.toContain('modifier 25 on a lab code');

    editByRename(file, wrongCase, wrongCase.replace('expect: pass', 'expect: fire\n    line: 1'));
    const accepted = await nextVersion(live, before.version);
    expect(accepted).toMatchObject({ state: 'ok', problems: [], failedTests: [] });
    expect(live.current().ruleSet.rules.find((r) => r.id === MODIFIER_25)?.tests.map((t) => t.name)).toContain('modifier 25 on a lab code');
  });

  it('reads a burst of saves to several files once, with all of them in the new version', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const seen = record(live);
    const before = live.status();
    const files = [MODIFIER_25_FILE, join('code-compatibility', 'duplicate-lines.yaml'), join('code-validity', 'procedure-format.yaml')].map((name) => join(dir, name));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      saveByRename(file, text.replace(/^title: (.*)$/m, 'title: $1 (edited in a burst)'));
    }
    const after = await nextVersion(live, before.version);
    expect(versionNumber(after.version)).toBe(2);
    const edited = live.current().ruleSet.rules.filter((r) => r.title.endsWith('(edited in a burst)'));
    expect(edited.map((r) => r.source.file.split(/[\\/]/).pop()).sort()).toEqual(['duplicate-lines.yaml', 'modifier-25.yaml', 'procedure-format.yaml']);

    // One more, separate save: any extra read the burst had caused would come before it
    editByRename(files[0]!, '(edited in a burst)', '(edited once more)');
    const last = await nextVersion(live, after.version);
    expect(versionNumber(last.version)).toBe(3);
    expect(last.checks - before.checks).toBe(2);
    expect(seen.map((s) => s.version)).toEqual([after.version, last.version]);
  });

  it('ignores the temp, swap and backup files editors leave beside rule files', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const before = live.status();
    const folder = join(dir, 'code-compatibility');
    const garbage = 'id: [this is not a rule\n';
    for (const name of ['.modifier-25.yaml.swp', 'modifier-25.yaml~', '.#modifier-25.yaml', '#modifier-25.yaml#', '4913', 'modifier-25.yaml___jb_tmp___']) {
      writeFileSync(join(folder, name), garbage);
    }
    editByRename(join(folder, 'modifier-25.yaml'), SHIPPED_MESSAGE, 'Modifier 25 cannot go on {{line.procedureCode}}.');
    const after = await nextVersion(live, before.version);
    expect(after).toMatchObject({ state: 'ok', problems: [], failedTests: [], checks: before.checks + 1 });
    expect(modifier25Message(live.current())).toBe('Modifier 25 cannot go on 11042.');
  });

  it('takes a new rule file and drops the rules of a deleted one', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const before = live.status();
    const added = join(dir, 'code-compatibility', 'modifier-25-copy.yaml');
    // written in place, as `cp` or a script would
    writeFileSync(added, readFileSync(join(dir, MODIFIER_25_FILE), 'utf8').replace(`id: ${MODIFIER_25}`, 'id: modifier-25-second-opinion'));
    const withNew = await nextVersion(live, before.version);
    expect(withNew).toMatchObject({ state: 'ok', rules: before.rules + 1, addedRules: ['modifier-25-second-opinion'], removedRules: [], change: '1 rule added (modifier-25-second-opinion)' });
    expect(live.current().byId.has('modifier-25-second-opinion')).toBe(true);

    const inDeleted = live.current().ruleSet.rules.filter((r) => r.source.file.endsWith('duplicate-lines.yaml')).length;
    expect(inDeleted).toBe(1); // duplicate-service-line
    const seen = record(live);
    rmSync(join(dir, 'code-compatibility', 'duplicate-lines.yaml'));
    const withoutDeleted = await nextVersion(live, withNew.version);
    expect(withoutDeleted.state).toBe('ok');
    // a shrinking set is said, to whoever reads the status and to whoever listens
    expect(withoutDeleted).toMatchObject({ addedRules: [], removedRules: ['duplicate-service-line'], change: '1 rule removed (duplicate-service-line)' });
    expect(seen.map((s) => s.removedRules)).toEqual([['duplicate-service-line']]);
    expect(live.current().byId.has('modifier-25-second-opinion')).toBe(true);
    expect([...live.current().byId.keys()].some((id) => id.startsWith('duplicate'))).toBe(false);
    expect(withoutDeleted.rules).toBe(withNew.rules - inDeleted);
    expect(versionNumber(withoutDeleted.version)).toBe(3);
  });

  it('says which rules a reload took out and put in, and keeps saying it while later edits are refused', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir, { watch: false });
    const before = live.status();
    expect(before).toMatchObject({ addedRules: [], removedRules: [], change: `${before.rules} rules loaded at start-up` });

    const file = join(dir, MODIFIER_25_FILE);
    const shipped = readFileSync(file, 'utf8');
    saveByRename(file, shipped.replace(`id: ${MODIFIER_25}`, 'id: modifier-25-outside-em'));
    rmSync(join(dir, 'code-compatibility', 'duplicate-lines.yaml'));
    const renamed = await live.reloadNow();
    expect(renamed).toMatchObject({
      state: 'ok',
      rules: before.rules - 1,
      addedRules: ['modifier-25-outside-em'],
      removedRules: expect.arrayContaining([MODIFIER_25, 'duplicate-service-line']),
    });
    expect(renamed.removedRules).toHaveLength(2);
    expect(renamed.change).toMatch(/^2 rules removed \((modifier-25-on-non-em-code, duplicate-service-line|duplicate-service-line, modifier-25-on-non-em-code)\); 1 rule added \(modifier-25-outside-em\)$/);

    // a refused edit changes nothing in force, so what the last swap changed still stands
    saveByRename(file, shipped.replace('severity: error', 'severity: fatal'));
    const refused = await live.reloadNow();
    expect(refused).toMatchObject({ state: 'rejected', version: renamed.version, addedRules: renamed.addedRules, removedRules: renamed.removedRules, change: renamed.change });

    saveByRename(file, shipped.replace(`id: ${MODIFIER_25}`, 'id: modifier-25-outside-em').replace(SHIPPED_MESSAGE, 'Modifier 25 is for E/M codes only.'));
    expect(await live.reloadNow()).toMatchObject({ state: 'ok', addedRules: [], removedRules: [], change: 'the same rules, edited' });
  });

  it('refuses a reload whose rule tests take longer than the time allowed, naming the rule they were on, and keeps the set in force', async () => {
    const dir = copyOfShippedRules();
    // the shipped set has hundreds of test cases: far more than a millisecond's work
    const live = await openLive(dir, { watch: false, testBudgetMs: 1 });
    const before = live.status();
    const inForce = live.current();
    editByRename(join(dir, MODIFIER_25_FILE), SHIPPED_MESSAGE, 'Modifier 25 belongs on E/M codes, not {{line.procedureCode}}.');

    const refused = await live.reloadNow();

    expect(refused).toMatchObject({ state: 'rejected', version: before.version, rules: before.rules, failedTests: [] });
    expect(refused.problems).toHaveLength(1);
    const [problem] = refused.problems;
    expect(problem!.code).toBe('SJ_RULES_TESTS_TOO_SLOW');
    const rule = inForce.ruleSet.rules.find((r) => r.id === problem!.ruleId);
    expect(rule, `a rule of the set: ${problem!.ruleId}`).toBeDefined();
    expect(problem!.file).toBe(rule!.source.file);
    expect(problem!.line).toBeGreaterThan(rule!.source.line);
    expect(problem!.message).toMatch(new RegExp(`^rule "${problem!.ruleId}": the rule tests took [0-9.]+ s, more than the 0\\.001 s a reload may take; they stopped after test ".+" of this rule \\(\\d+ of \\d+ cases run\\), and the set in force stays$`));
    expect(live.current()).toBe(inForce);
    expect(modifier25Message(live.current())).toBe('Modifier 25 is on 11042 (line 1), which is not an E/M service.');
  });

  it('reloads on request without a watcher, and reports a removed folder without dropping the set in force', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir, { watch: false });
    const before = live.status();
    editByRename(join(dir, MODIFIER_25_FILE), SHIPPED_MESSAGE, 'Modifier 25 is for E/M codes, not {{line.procedureCode}}.');
    const after = await live.reloadNow();
    expect(after).toMatchObject({ state: 'ok', checks: before.checks + 1 });
    expect(versionNumber(after.version)).toBe(2);
    expect(modifier25Message(live.current())).toBe('Modifier 25 is for E/M codes, not 11042.');

    // unchanged files: read again, same version
    expect(await live.reloadNow()).toMatchObject({ state: 'ok', version: after.version, checks: before.checks + 2 });

    rmSync(dir, { recursive: true });
    const gone = await live.reloadNow();
    expect(gone.state).toBe('rejected');
    expect(gone.problems[0]?.message).toMatch(/rules folder not found/);
    expect(gone.version).toBe(after.version);
    expect(modifier25Message(live.current())).toBe('Modifier 25 is for E/M codes, not 11042.');
  });
});

describe('a rules folder replaced as a whole', () => {
  it('is watched again after it is moved away and copied back, and keeps the set in force while it is gone', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const before = live.status();
    const inForce = live.current();

    renameSync(dir, `${dir}.old`);
    const gone = await rejection(live);
    expect(gone.problems.map((p) => p.code)).toEqual(['SJ_RULES_DIR_MISSING']);
    expect(gone).toMatchObject({ version: before.version, rules: before.rules });
    expect(live.current()).toBe(inForce);

    cpSync(`${dir}.old`, dir, { recursive: true });
    // the same files as the set in force: nothing to swap, and the refusal is over
    await waitFor('the copied folder to be read', () => (live.status().state === 'ok' ? live.status() : undefined), () => live.status());
    expect(live.current()).toBe(inForce);

    editByRename(join(dir, MODIFIER_25_FILE), SHIPPED_MESSAGE, 'Modifier 25 stays off {{line.procedureCode}}: it is no E/M code.');
    const edited = await nextVersion(live, before.version);
    expect(edited).toMatchObject({ state: 'ok', rules: before.rules });
    expect(modifier25Message(live.current())).toBe('Modifier 25 stays off 11042: it is no E/M code.');
  });

  it('is watched again after it is moved away and back', async () => {
    const dir = copyOfShippedRules();
    const live = await openLive(dir);
    const before = live.status();

    renameSync(dir, `${dir}.away`);
    renameSync(`${dir}.away`, dir);
    // the folder may be seen gone for a moment; wait until the reads that follow have settled on it being back
    await waitFor('the folder to be read back', () => (live.status().state === 'ok' && live.status().checks > before.checks ? live.status() : undefined), () => live.status());

    editByRename(join(dir, MODIFIER_25_FILE), SHIPPED_MESSAGE, 'Modifier 25 does not go on {{line.procedureCode}}.');
    await nextVersion(live, before.version);
    expect(modifier25Message(live.current())).toBe('Modifier 25 does not go on 11042.');
  });
});

describe('starting the live rule set', () => {
  it('refuses to start on a file with a problem, naming file:line:col', async () => {
    const dir = copyOfShippedRules();
    editByRename(join(dir, MODIFIER_25_FILE), 'severity: error', 'severity: fatal');
    const error = await openLiveRuleSet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleSetError);
    expect((error as RuleSetError).code).toBe('SJ_RULES_INVALID');
    expect((error as RuleSetError).problems.map(formatProblem)).toEqual([`${join(dir, MODIFIER_25_FILE)}:4:11 "severity" must be one of error, warning, info`]);
  });

  it('refuses to start when a rule test fails, naming the rule and the case', async () => {
    const dir = copyOfShippedRules();
    editByRename(join(dir, MODIFIER_25_FILE), 'name: no modifier 25\n    claim: { lines: [{ procedureCode: "11042" }] }\n    expect: pass', 'name: no modifier 25\n    claim: { lines: [{ procedureCode: "11042" }] }\n    expect: fire');
    const error = await openLiveRuleSet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleSetError);
    expect((error as RuleSetError).message).toMatch(/modifier-25\.yaml:\d+:5 rule "modifier-25-on-non-em-code": test "no modifier 25" failed: expected the rule to fire/);
  });

  it('refuses to start on a missing folder', async () => {
    const error = await openLiveRuleSet(join(tempDir('scrubjay-live-'), 'no-rules-here')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).code).toBe('SJ_RULES_DIR_MISSING');
  });
});
