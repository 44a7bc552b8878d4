/**
 * The rule set a running service reads on every request. Compliance staff edit the YAML
 * files while it runs; each settled burst of saves is read again, linted and tested with
 * the rules' own test cases, and only a set that passes everything replaces the one in
 * force. A set that fails is refused as a whole: the service keeps the old one and says
 * what is wrong (`file:line:col message`, and each failing test by rule id and case).
 */
import { join, relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import { prepareRuleSet, type PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim } from '../engine/scrub.js';
import { ScrubjayError } from '../errors.js';
import { BASE_CLAIM_FILE, loadRuleSet } from '../rules/load.js';
import { isRuleProblemCode, ruleProblem, type RuleProblem } from '../rules/problems.js';
import type { RuleSet } from '../rules/rule.js';
import { SerialRunner, StatusBoard, watchFolder, type FolderWatch } from '../watch/folder.js';
import { RuleSetError } from './load-prepared.js';
import { caseOptions, runRuleTests, type ClaimScrubber, type OutOfTime } from './test-runner.js';

/** A problem in a rule file, placed for an editor. */
export interface RulesStatusProblem {
  /** the kind of problem, an `SJ_RULES_*` code of the error catalog */
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
  /** the rule it belongs to, when it belongs to one */
  ruleId?: string;
}

/** A rule test case written in a rule file that did not come out as it says. */
export interface FailedRuleTest {
  ruleId: string;
  /** the test case's `name` */
  case: string;
  /** where the case is written */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What `GET /api/rules/status` answers and what listeners are told. Plain JSON. */
export interface RulesStatus {
  /** `rejected` when the files as they are now were refused and an older set is still in force */
  state: 'ok' | 'rejected';
  /** version of the set in force, `YYYY-MM-DD.N`; with a history, one version always names the same files, across restarts */
  version: string;
  /** SHA-256 (hex) of the rule files of the set in force: what results carry as `rulesetHash` */
  hash: string;
  /** who put the set in force: the person who published or restored it, or "file system" for files read from the folder */
  by: string;
  /** why: the reason given at a publish or restore, "changed on disk", or "loaded at start-up" */
  reason: string;
  /** rules in the set in force */
  rules: number;
  /** ISO time the set in force was swapped in */
  loadedAt: string;
  /** ISO time the files were last read */
  lastCheckedAt: string;
  /** how many times the files have been read since start-up */
  checks: number;
  /** why the files as they are now were refused (empty when `ok`) */
  problems: RulesStatusProblem[];
  /** rule test cases that failed in the files as they are now (empty when `ok`) */
  failedTests: FailedRuleTest[];
  /** ids of the rules the set in force has and the set before it did not (empty for the set loaded at start-up) */
  addedRules: string[];
  /** ids of the rules the set before had and the set in force does not: rules a reload took out of service */
  removedRules: string[];
  /** what the swap that put the set in force changed, in words, e.g. "2 rules removed (a, b); 1 rule added (c)" */
  change: string;
}

export type RulesStatusListener = (status: RulesStatus) => void;

export interface LiveRuleSet {
  /** the set in force; read it once per request so a swap never splits one scrub */
  current(): PreparedRuleSet;
  status(): RulesStatus;
  /** calls `listener` whenever the status changes (new version, refused edit, fixed edit); returns the unsubscribe */
  onChange(listener: RulesStatusListener): () => void;
  /** reads the files now, without waiting for the watcher */
  reloadNow(): Promise<RulesStatus>;
  /** stops watching; `current()` keeps answering with the last set */
  close(): Promise<void>;
  /**
   * Puts in force a set already checked (lint and every rule test) whose files are those in the folder now, at once,
   * without reading the folder again. Call it inside the keeper's `exclusive`, so no reload runs meanwhile.
   */
  install(prepared: PreparedRuleSet, origin: SetOrigin): RulesStatus;
}

/** Who put a set in force and why, as the status reports it. */
export interface SetOrigin {
  by: string;
  reason: string;
}

/**
 * What names and records the sets a live rule set accepts (the rules history). A reload
 * runs inside `exclusive`, so it never interleaves with a publish or restore, and each set
 * read from the folder that passes is handed to `accepted`, which answers its version id.
 */
export interface VersionKeeper {
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** a set read from the folder passed lint and its tests: answers its version id, recording it when its content is new */
  accepted(ruleSet: RuleSet, atStartUp: boolean): Promise<string>;
}

export interface LiveRuleSetOptions {
  /** watch the folder for saves (default true); without it only `reloadNow()` reads it again */
  watch?: boolean;
  /** quiet time that ends a burst of saves (default 250 ms) */
  debounceMs?: number;
  /** a stream of saves that never goes quiet is read this long after it began (default 3 s) */
  maxWaitMs?: number;
  /**
   * Time the rule files' own test cases may take at a reload, in ms (default 10 s); a set whose tests take longer is
   * refused with `SJ_RULES_TESTS_TOO_SLOW`. Not applied at start-up, where there is no set in force to keep.
   */
  testBudgetMs?: number;
  /** where reloads, refusals and watcher failures are logged */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** names and records each accepted set; without one, versions are `<today>.<n>` counted from start-up */
  keeper?: VersionKeeper;
}

/** The author of every set read from the folder rather than published: a hand edit, or the files found at start-up. */
export const FILE_SYSTEM = 'file system';
export const CHANGED_ON_DISK = 'changed on disk';

const DEFAULT_DEBOUNCE_MS = 250;
const DEFAULT_MAX_WAIT_MS = 3000;
const DEFAULT_TEST_BUDGET_MS = 10_000;
/** Reads that race an editor's rename (a file listed, then gone) are tried again this often. */
const UNSETTLED_RETRIES = 3;
/** Rule tests scrub hundreds of claims; yielding every so often keeps requests flowing meanwhile. */
const TESTS_PER_YIELD = 16;

type CheckOutcome =
  | { kind: 'accepted'; prepared: PreparedRuleSet; origin?: SetOrigin }
  | { kind: 'unchanged' }
  | { kind: 'rejected'; problems: RuleProblem[]; failedTests: FailedRuleTest[] };

/**
 * Loads, tests and starts watching a rules folder. The first load must pass (lint and
 * every rule test), or this throws a `RuleSetError` naming each problem and failing case:
 * a service never starts on a broken set.
 */
export async function openLiveRuleSet(dir: string, options: LiveRuleSetOptions = {}): Promise<LiveRuleSet> {
  const rulesDir = resolve(dir);
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  // Watching starts before the first read, so a save made during start-up is read again after it.
  let live: WatchedRuleSet | undefined;
  let savedDuringStart = false;
  const watcher =
    options.watch === false
      ? undefined
      : await watchFolder(rulesDir, {
          relevant: (path, isDirectory) => isDirectory !== false || /\.ya?ml$/i.test(path),
          debounceMs,
          maxWaitMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
          onSettled: () => {
            if (live) live.reloadSoon();
            else savedDuringStart = true;
          },
          onError: (error) => options.logger?.warn({ error: error.message, dir: rulesDir }, 'watching the rules folder failed; use a manual reload'),
        });
  const keeper = options.keeper;
  let first: CheckOutcome;
  try {
    const firstCheck = () => checkRules(rulesDir, 1, undefined, debounceMs, undefined, keeper, true);
    first = await (keeper ? keeper.exclusive(firstCheck) : firstCheck());
  } catch (error) {
    await watcher?.close();
    throw error;
  }
  if (first.kind !== 'accepted') {
    await watcher?.close();
    const problems = first.kind === 'rejected' ? [...first.problems, ...first.failedTests.map(testAsProblem)] : [];
    throw new RuleSetError(rulesDir, problems);
  }
  live = new WatchedRuleSet(rulesDir, first.prepared, watcher, debounceMs, options.testBudgetMs ?? DEFAULT_TEST_BUDGET_MS, options.logger, keeper);
  if (savedDuringStart) live.reloadSoon();
  return live;
}

class WatchedRuleSet implements LiveRuleSet {
  private prepared: PreparedRuleSet;
  private generation = 1;
  private readonly board: StatusBoard<RulesStatus>;
  private readonly runner = new SerialRunner(() => this.check());
  private closed = false;

  constructor(
    private readonly dir: string,
    prepared: PreparedRuleSet,
    private readonly watcher: FolderWatch | undefined,
    private readonly debounceMs: number,
    private readonly testBudgetMs: number,
    private readonly logger: Pick<Logger, 'info' | 'warn'> | undefined,
    private readonly keeper: VersionKeeper | undefined,
  ) {
    this.prepared = prepared;
    const now = new Date().toISOString();
    const initial: RulesStatus = {
      state: 'ok',
      version: prepared.ruleSet.version,
      hash: prepared.ruleSet.hash,
      by: FILE_SYSTEM,
      reason: 'loaded at start-up',
      rules: prepared.ruleSet.rules.length,
      loadedAt: now,
      lastCheckedAt: now,
      checks: 1,
      problems: [],
      failedTests: [],
      addedRules: [],
      removedRules: [],
      change: `${countOf(prepared.ruleSet.rules.length, 'rule')} loaded at start-up`,
    };
    this.board = new StatusBoard(initial, (error) => this.logger?.warn({ error: String(error) }, 'a rules status listener failed'));
  }

  /** A burst of saves has settled: read the folder (after any read already running). */
  reloadSoon(): void {
    void this.runner.run();
  }

  current(): PreparedRuleSet {
    return this.prepared;
  }

  status(): RulesStatus {
    return this.board.read();
  }

  onChange(listener: RulesStatusListener): () => void {
    return this.board.onChange(listener);
  }

  async reloadNow(): Promise<RulesStatus> {
    if (!this.closed) {
      this.watcher?.cancelPending();
      await this.runner.run();
    }
    return this.status();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.watcher?.close();
    await this.runner.idle();
    this.board.clearListeners();
  }

  install(prepared: PreparedRuleSet, origin: SetOrigin): RulesStatus {
    this.apply({ kind: 'accepted', prepared, origin });
    return this.status();
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    await (this.keeper ? this.keeper.exclusive(() => this.checkAlone()) : this.checkAlone());
  }

  private async checkAlone(): Promise<void> {
    if (this.closed) return;
    let outcome: CheckOutcome;
    try {
      outcome = await checkRules(this.dir, this.generation + 1, this.prepared.ruleSet.hash, this.debounceMs, this.testBudgetMs, this.keeper, false);
    } catch (error) {
      // the folder itself gone or unreadable: refused like any broken edit, the set in force stays
      const file = error instanceof ScrubjayError ? (error.location.file ?? this.dir) : this.dir;
      const message = error instanceof ScrubjayError ? error.message : `the rules could not be checked: ${(error as Error).message}`;
      const code = error instanceof ScrubjayError && isRuleProblemCode(error.code) ? error.code : 'SJ_RULES_UNREADABLE';
      outcome = { kind: 'rejected', problems: [ruleProblem(code, { file, line: 1, column: 1 }, message)], failedTests: [] };
    }
    this.apply(outcome);
  }

  private apply(outcome: CheckOutcome): void {
    const before = this.board.peek();
    const now = new Date().toISOString();
    const next: RulesStatus = { ...before, lastCheckedAt: now, checks: before.checks + 1, state: 'ok', problems: [], failedTests: [] };
    if (outcome.kind === 'accepted') {
      const { added, removed } = ruleIdChanges(this.prepared, outcome.prepared);
      // one assignment: a scrub that already read current() finishes on the set it read
      this.prepared = outcome.prepared;
      this.generation++;
      next.version = outcome.prepared.ruleSet.version;
      next.hash = outcome.prepared.ruleSet.hash;
      next.by = outcome.origin?.by ?? FILE_SYSTEM;
      next.reason = outcome.origin?.reason ?? CHANGED_ON_DISK;
      next.rules = outcome.prepared.ruleSet.rules.length;
      next.loadedAt = now;
      next.addedRules = added;
      next.removedRules = removed;
      next.change = describeChange(added, removed);
      const logged = { version: next.version, hash: next.hash, by: next.by, reason: next.reason, rules: next.rules, addedRules: added, removedRules: removed };
      // rules taken out of service stop findings being raised: worth more than an info line
      if (removed.length > 0) this.logger?.warn(logged, `rules reloaded: ${next.change}`);
      else this.logger?.info(logged, 'rules reloaded');
    } else if (outcome.kind === 'rejected') {
      next.state = 'rejected';
      next.problems = outcome.problems.map(toStatusProblem);
      next.failedTests = outcome.failedTests;
      this.logger?.warn(
        { version: before.version, problems: outcome.problems.length, failedTests: outcome.failedTests.length },
        'rules edit refused; the set in force is unchanged',
      );
    }
    this.board.publish(next, !this.closed && changedForListeners(before, next));
  }
}

/** Only what a reader acts on counts as a change; the check counter and clock do not. */
function changedForListeners(a: RulesStatus, b: RulesStatus): boolean {
  return (
    a.state !== b.state ||
    a.version !== b.version ||
    a.hash !== b.hash ||
    JSON.stringify([a.problems, a.failedTests]) !== JSON.stringify([b.problems, b.failedTests])
  );
}

/**
 * Reads the folder as it is now and decides: a new set that lints clean and passes every
 * rule test, the same files as the set in force, or a refusal with its reasons.
 */
async function checkRules(
  dir: string,
  generation: number,
  hashInForce: string | undefined,
  retryDelayMs: number,
  testBudgetMs: number | undefined,
  keeper: VersionKeeper | undefined,
  atStartUp: boolean,
): Promise<CheckOutcome> {
  const ruleSet = await loadSettled(dir, generation, retryDelayMs);
  if (!('rules' in ruleSet)) return { kind: 'rejected', problems: ruleSet.problems, failedTests: [] };
  if (ruleSet.hash === hashInForce) return { kind: 'unchanged' };
  const prepared = prepareRuleSet(ruleSet);
  const { failed, tooSlow } = await failingTests(ruleSet, prepared, testBudgetMs);
  if (tooSlow) return { kind: 'rejected', problems: [tooSlow], failedTests: failed };
  if (failed.length > 0) return { kind: 'rejected', problems: [], failedTests: failed };
  if (keeper) ruleSet.version = await keeper.accepted(ruleSet, atStartUp);
  return { kind: 'accepted', prepared };
}

/**
 * Loads the folder; a file that vanished between listing and reading means an editor was
 * mid-save, so the read is tried again shortly rather than refused. A missing folder
 * throws (`SJ_RULES_DIR_MISSING`), as it does at start-up.
 */
async function loadSettled(dir: string, generation: number, retryDelayMs: number): Promise<RuleSet | { problems: RuleProblem[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { ruleSet, problems } = loadRuleSet(dir, { generation });
      return ruleSet ?? { problems };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || attempt >= UNSETTLED_RETRIES) throw error;
      await new Promise((r) => setTimeout(r, retryDelayMs));
    }
  }
}

/** The rule tests of a set, run on `prepared`: each failing case placed where it is written, and a refusal when they ran past `budgetMs`. */
export async function failingTests(ruleSet: RuleSet, prepared: PreparedRuleSet, budgetMs: number | undefined): Promise<{ passed: number; failed: FailedRuleTest[]; tooSlow?: RuleProblem }> {
  let scrubbed = 0;
  const scrubber: ClaimScrubber = async (claim, asOf, reference, history) => {
    if (++scrubbed % TESTS_PER_YIELD === 0) await new Promise((r) => setImmediate(r));
    return scrubClaim(claim, prepared, caseOptions(asOf, reference, history));
  };
  const report = await runRuleTests(ruleSet, scrubber, undefined, budgetMs === undefined ? {} : { budgetMs });
  const failed: FailedRuleTest[] = report.baseClaimFindings.map((finding) => ({
    ruleId: finding.ruleId,
    case: 'base claim',
    file: baseClaimFile(ruleSet),
    line: 1,
    column: 1,
    message: `the base claim every test builds on must scrub clean, but this rule fired: ${finding.message}`,
  }));
  for (const outcome of report.outcomes) {
    if (outcome.passed) continue;
    failed.push({ ruleId: outcome.ruleId, case: outcome.test, ...outcome.source, message: outcome.reason ?? 'failed' });
  }
  return report.outOfTime ? { passed: report.passed, failed, tooSlow: tooSlowProblem(report.outOfTime) } : { passed: report.passed, failed };
}

function tooSlowProblem(stop: OutOfTime): RuleProblem {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s`;
  return ruleProblem(
    'SJ_RULES_TESTS_TOO_SLOW',
    stop.source,
    `rule "${stop.ruleId}": the rule tests took ${seconds(stop.elapsedMs)}, more than the ${seconds(stop.budgetMs)} a reload may take; ` +
      `they stopped after test "${stop.test}" of this rule (${stop.ran} of ${stop.total} cases run), and the set in force stays`,
    stop.ruleId,
  );
}

/** Rule ids in `after` but not `before`, and the other way round, each in the order its set lists them. */
function ruleIdChanges(before: PreparedRuleSet, after: PreparedRuleSet): { added: string[]; removed: string[] } {
  const had = new Set(before.ruleSet.rules.map((r) => r.id));
  const has = new Set(after.ruleSet.rules.map((r) => r.id));
  return { added: [...has].filter((id) => !had.has(id)), removed: [...had].filter((id) => !has.has(id)) };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeChange(added: readonly string[], removed: readonly string[]): string {
  const parts: string[] = [];
  if (removed.length > 0) parts.push(`${countOf(removed.length, 'rule')} removed (${removed.join(', ')})`);
  if (added.length > 0) parts.push(`${countOf(added.length, 'rule')} added (${added.join(', ')})`);
  return parts.length > 0 ? parts.join('; ') : 'the same rules, edited';
}

/** The base claim's file, named the way the loader names files (relative to where the service runs, when inside it). */
function baseClaimFile(ruleSet: RuleSet): string {
  const file = join(ruleSet.dir, BASE_CLAIM_FILE);
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function toStatusProblem(problem: RuleProblem): RulesStatusProblem {
  const { file, line, column } = problem.where;
  return { code: problem.code, file, line, column, message: problem.message, ...(problem.ruleId ? { ruleId: problem.ruleId } : {}) };
}

/** A failing case as a start-up problem, so the refusal lists it like any other `file:line:col`. */
function testAsProblem(test: FailedRuleTest): RuleProblem {
  return ruleProblem('SJ_RULES_TEST_FAILED', test, `rule "${test.ruleId}": test "${test.case}" failed: ${test.message}`, test.ruleId);
}
