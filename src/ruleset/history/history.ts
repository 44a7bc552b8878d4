/**
 * The rules history: the rules folder is the work tree of a git repository, and every rule
 * set that is put in force is a commit of it, by the person who published or restored it
 * (with the reason as message), or by "file system" when the files were edited on disk.
 * Each version id names one rule-set hash for good (see registry.ts). Changes from the
 * workbench are checked whole (lint and every embedded test) before a file is written,
 * written as one set, committed, and put in force at once.
 *
 * Restoring a version makes the files equal to that version's again, as a new commit; the
 * content is that version's, so it carries that version's id and hash again (an id never
 * names two contents, and one content keeps one id), and the list of versions shows the
 * restore as its own entry, by whoever restored it, with their reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { prepareRuleSet, type PreparedRuleSet } from '../../engine/prepare.js';
import { ScrubjayError } from '../../errors.js';
import { hashRuleFiles, isRuleFilePath } from '../../rules/content-hash.js';
import { loadRuleSet } from '../../rules/load.js';
import type { Problem } from '../../contract/problem.js';
import { FILE_SYSTEM, CHANGED_ON_DISK, openLiveRuleSet, type LiveRuleSet, type LiveRuleSetOptions, type VersionKeeper } from '../live.js';
import { readRuleFolder, refuseLinkOutside, writeFileSet } from './folder-files.js';
import { unifiedFileDiff } from './line-diff.js';
import { checkRulePath } from './paths.js';
import { VersionRegistry, type RegisteredVersion } from './registry.js';
import { changedPaths, headerText, RulesRepo, type CommitInfo } from './repo.js';
import { commitMessage, readCommitMessage } from './trailers.js';
import { checkRuleFiles, prepareRuleFiles, type DraftProblem, type DraftTestFailure, type RuleSetCheck } from './validate.js';

export type { DraftProblem, DraftTestFailure } from './validate.js';

/** The person making a change, as the accounts know them. */
export interface ChangeAuthor {
  name: string;
  role: string;
  /** recorded in the commit when given */
  email?: string;
}

/** One file of a change: its new text, or `null` to delete it. */
export interface FileChange {
  /** relative to the rules folder, `/`-separated, a `.yaml`/`.yml` file */
  path: string;
  content: string | null;
}

export interface PublishRequest {
  /** the changes; or give `draftId` to publish a draft's */
  changes?: readonly FileChange[];
  draftId?: string;
  /** the version id or hash the changes start from (a draft's own base when publishing a draft) */
  base?: string;
  author: ChangeAuthor;
  reason: string;
}

export interface PublishedVersion {
  version: string;
  hash: string;
  /** the commit that records it */
  commit: string;
}

export interface RulesVersion {
  version: string;
  hash: string;
  /** ISO time of the commit */
  at: string;
  /** the author: a person, or "file system" */
  by: string;
  /** the author's role, when a person made it */
  role?: string;
  reason: string;
  /** paths the commit changed */
  files: string[];
  commit: string;
}

export interface RuleFileInfo {
  path: string;
  /** SHA-256 (hex) of the file's bytes */
  sha256: string;
  /** ids of the rules written in the file */
  rules: string[];
}

export interface DraftRequest {
  /** the version id or hash the draft starts from */
  base: string;
  changes: readonly FileChange[];
  note?: string;
}

export interface DraftReport {
  draftId: string;
  /** the version id the draft starts from */
  base: string;
  /** the hash the rule set would have */
  hash: string;
  note?: string;
  problems: DraftProblem[];
  tests: { passed: number; failed: DraftTestFailure[] };
  /** ISO time it was checked */
  at: string;
}

export interface RestoreRequest {
  author: ChangeAuthor;
  reason: string;
}

export interface RulesHistory {
  /** the set in force, its status and its listeners: what the service scrubs with */
  readonly live: LiveRuleSet;
  /** checks the changed set whole, writes the files as one set, commits and puts it in force; see the errors below */
  publish(request: PublishRequest): Promise<PublishedVersion>;
  /** makes the rule files equal to `version`'s (an id, hash or commit) as a new commit, and puts that in force */
  restore(version: string, request: RestoreRequest): Promise<PublishedVersion>;
  /** every commit, newest first */
  versions(): Promise<RulesVersion[]>;
  /** unified diff of a version (id: its newest commit; or a commit id) against the commit before it */
  diff(version: string): Promise<string>;
  /** the rule files of the set in force */
  files(): Promise<RuleFileInfo[]>;
  /** a rule file's text in the set in force */
  fileText(path: string): Promise<string>;
  /** checks a changed set in memory (no file written) and keeps it for a later publish */
  draft(request: DraftRequest): Promise<DraftReport>;
  /** a draft kept from `draft()`, while it is among the newest kept */
  getDraft(draftId: string): DraftReport | undefined;
  /** the rule set a kept draft makes, prepared to scrub with; null when it does not load (its report has the problems) */
  draftRuleSet(draftId: string): Promise<PreparedRuleSet | null>;
  close(): Promise<void>;
}

export interface RulesHistoryOptions extends Omit<LiveRuleSetOptions, 'keeper'> {
  /** drafts kept in memory (default 100); the oldest is dropped past it */
  maxDrafts?: number;
  /**
   * Where the repository is kept (default `<rules folder>/.git`). One outside the folder, with the folder as its work
   * tree, suits a rules folder that already sits inside another repository, such as a checkout of Scrubjay itself.
   */
  gitdir?: string;
}

/** A publish whose base is not the version in force, or whose folder holds edits not in force: names the files. */
export class RulesConflictError extends ScrubjayError {
  constructor(
    message: string,
    readonly files: readonly string[],
    readonly inForce: { version: string; hash: string },
  ) {
    super('SJ_RULES_STALE_BASE', message, {}, files.map((file) => ({ severity: 'error', code: 'SJ_RULES_STALE_BASE', message: `${file} changed`, where: { file } })));
  }
}

/** A publish or restore refused because the changed set has problems or failing tests; nothing was written. */
export class RulesRefusedError extends ScrubjayError {
  constructor(readonly check: RuleSetCheck) {
    const problems: Problem[] = [
      ...check.problems.map((p): Problem => ({ severity: 'error', code: p.code, message: p.message, where: { file: p.file, line: p.line, column: p.column } })),
      ...check.tests.failed.map((t): Problem => ({
        severity: 'error',
        code: 'SJ_RULES_TEST_FAILED',
        message: `rule "${t.ruleId}": test "${t.case}" failed: ${t.message}`,
        where: { file: t.file, line: t.line, column: t.column },
      })),
    ];
    super('SJ_RULES_CHANGE_REFUSED', `the changed rule set was not published: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, {}, problems);
  }
}

const DEFAULT_MAX_DRAFTS = 100;
const FIRST_VERSION = 'first version';

/** Runs one piece of work at a time, in the order asked. */
class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function ruleFilesOf(files: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map([...files].filter(([path]) => isRuleFilePath(path)));
}

function hashOfFiles(files: ReadonlyMap<string, Uint8Array>): string {
  return hashRuleFiles([...ruleFilesOf(files)].map(([path, bytes]) => ({ path, bytes })));
}

function historyError(message: string): ScrubjayError {
  return new ScrubjayError('SJ_RULES_HISTORY', message);
}

/**
 * Opens the history of a rules folder, making the folder a repository (its files committed as the first version, by
 * "file system") when it is not one yet, and opens the live rule set on it. A change made on disk while the service
 * was down is committed at start-up as "changed on disk".
 */
export async function openRulesHistory(dir: string, options: RulesHistoryOptions = {}): Promise<RulesHistory> {
  const rulesDir = resolve(dir);
  if (!existsSync(rulesDir)) throw new ScrubjayError('SJ_RULES_DIR_MISSING', `rules folder not found: ${rulesDir}`, { file: rulesDir });
  const repo = new RulesRepo(rulesDir, options.gitdir === undefined ? undefined : resolve(options.gitdir));
  if (!repo.exists()) await repo.init();
  const history = new GitRulesHistory(rulesDir, repo, options.maxDrafts ?? DEFAULT_MAX_DRAFTS);
  await history.index();
  const { maxDrafts: _maxDrafts, gitdir: _gitdir, ...liveOptions } = options;
  history.attach(await openLiveRuleSet(rulesDir, { ...liveOptions, keeper: history.keeper }));
  return history;
}

interface IndexedCommit extends CommitInfo {
  version: string;
  hash: string;
  role?: string;
  reason: string;
}

class GitRulesHistory implements RulesHistory {
  private liveSet: LiveRuleSet | undefined;
  private readonly turns = new Turns();
  private registry!: VersionRegistry;
  /** the newest commit of each hash: where a version's files are read from */
  private readonly commitOfHash = new Map<string, string>();
  private readonly hashOfCommit = new Map<string, string>();
  private readonly changedInCommit = new Map<string, string[]>();
  private headHash: string | undefined;
  private headCommit: string | undefined;
  private readonly drafts = new Map<string, DraftReport & { changes: Map<string, Uint8Array | null>; check: RuleSetCheck }>();

  readonly keeper: VersionKeeper = {
    exclusive: (work) => this.turns.run(work),
    accepted: (ruleSet, atStartUp) => this.recordFolder(ruleSet.hash, atStartUp),
  };

  constructor(
    private readonly dir: string,
    private readonly repo: RulesRepo,
    private readonly maxDrafts: number,
  ) {}

  get live(): LiveRuleSet {
    if (!this.liveSet) throw historyError('the rules history is not open yet');
    return this.liveSet;
  }

  attach(live: LiveRuleSet): void {
    this.liveSet = live;
  }

  /** Reads every commit's version and hash (from its trailers, or its files when it has none) and opens the registry. */
  async index(): Promise<void> {
    const commits = await this.repo.log();
    const known: RegisteredVersion[] = [];
    // oldest first, so the first commit to carry an id or a hash keeps it
    for (const commit of [...commits].reverse()) {
      const facts = readCommitMessage(commit.message);
      const hash = facts.hash ?? hashOfFiles(await this.repo.filesAt(commit.oid));
      this.hashOfCommit.set(commit.oid, hash);
      this.commitOfHash.set(hash, commit.oid);
      if (facts.version) known.push({ version: facts.version, hash, at: commit.at });
    }
    this.registry = VersionRegistry.open(this.repo.gitdir, known);
    await this.readHead();
  }

  /** The head's files decide what the folder is compared with, whatever its message says; read again when someone committed with other tools. */
  private async readHead(): Promise<void> {
    const head = await this.repo.head();
    if (head === this.headCommit) return;
    this.headCommit = head;
    this.headHash = head === undefined ? undefined : hashOfFiles(await this.repo.filesAt(head));
  }

  /** A set read from the folder passed: its version, with a commit by "file system" when its files are new to the head. */
  private async recordFolder(hash: string, atStartUp: boolean): Promise<string> {
    const version = this.registry.assign(hash);
    await this.readHead();
    if (hash !== this.headHash) {
      const reason = this.headHash === undefined && atStartUp ? FIRST_VERSION : CHANGED_ON_DISK;
      const commit = await this.repo.commitFolder({ name: FILE_SYSTEM }, commitMessage({ reason, version, hash }));
      this.remember(commit, hash);
    }
    return version;
  }

  private remember(commit: string, hash: string): void {
    this.hashOfCommit.set(commit, hash);
    this.commitOfHash.set(hash, commit);
    this.headHash = hash;
    this.headCommit = commit;
  }

  /** The hash a version id, hash or commit id names. */
  private hashOf(version: string): string {
    const hash = this.registry.hashOf(version) ?? (this.commitOfHash.has(version) ? version : this.hashOfCommit.get(version));
    if (hash === undefined) throw new ScrubjayError('SJ_RULES_VERSION_UNKNOWN', `no rule-set version is named ${JSON.stringify(version)}`);
    return hash;
  }

  private async filesOfHash(hash: string): Promise<Map<string, Uint8Array>> {
    const commit = this.commitOfHash.get(hash);
    if (commit === undefined) throw new ScrubjayError('SJ_RULES_VERSION_UNKNOWN', `the history holds no files for the rule set ${hash}`);
    return this.repo.filesAt(commit);
  }

  private inForce(): { version: string; hash: string } {
    const { version, hash } = this.live.current().ruleSet;
    return { version, hash };
  }

  async publish(request: PublishRequest): Promise<PublishedVersion> {
    const reason = requireReason(request.reason);
    let base = request.base;
    let changes: Map<string, Uint8Array | null>;
    let known: RuleSetCheck | undefined;
    if (request.draftId !== undefined) {
      const draft = this.drafts.get(request.draftId);
      if (!draft) throw new ScrubjayError('SJ_RULES_DRAFT_UNKNOWN', `no draft has the id ${JSON.stringify(request.draftId)}`);
      if (!draft.check.ok) throw new RulesRefusedError(draft.check);
      base = draft.base;
      changes = draft.changes;
      known = draft.check;
    } else {
      changes = changeMap(request.changes ?? []);
    }
    if (base === undefined) throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'a publish names the version it starts from (`base`)');
    const from = base;
    return this.turns.run(async () => {
      await this.refuseStaleBase(from);
      return this.putInForce(changes, request.author, reason, known);
    });
  }

  async restore(version: string, request: RestoreRequest): Promise<PublishedVersion> {
    const reason = requireReason(request.reason);
    return this.turns.run(async () => {
      const target = ruleFilesOf(await this.filesOfHash(this.hashOf(version)));
      const current = ruleFilesOf(await this.filesOfHash(this.inForce().hash));
      const changes = new Map<string, Uint8Array | null>();
      for (const path of changedPaths(current, target)) changes.set(path, target.get(path) ?? null);
      return this.putInForce(changes, request.author, reason, undefined);
    });
  }

  private async refuseStaleBase(base: string): Promise<void> {
    const inForce = this.inForce();
    if (base === inForce.version || base === inForce.hash) return;
    const baseHash = this.hashOf(base);
    if (baseHash === inForce.hash) return;
    const files = changedPaths(ruleFilesOf(await this.filesOfHash(baseHash)), ruleFilesOf(await this.filesOfHash(inForce.hash)));
    throw new RulesConflictError(
      `the rule set in force is ${inForce.version}, not ${base}: since then ${files.length === 1 ? 'this file has' : 'these files have'} changed: ${files.join(', ')}`,
      files,
      inForce,
    );
  }

  /** Inside a turn: check the changed set, write it, commit it, put it in force. */
  private async putInForce(changes: ReadonlyMap<string, Uint8Array | null>, author: ChangeAuthor, reason: string, known: RuleSetCheck | undefined): Promise<PublishedVersion> {
    for (const path of changes.keys()) refuseLinkOutside(this.dir, path);
    const inForce = this.inForce();
    const inForceFiles = ruleFilesOf(await this.filesOfHash(inForce.hash));
    const onDisk = readRuleFolder(this.dir);
    const editedOnDisk = changedPaths(inForceFiles, onDisk);
    if (editedOnDisk.length > 0) {
      // an edit on disk that was refused (or not read yet): writing over it would lose it without a word
      throw new RulesConflictError(
        `the rules folder holds edits that are not in force: ${editedOnDisk.join(', ')}; fix or undo them on disk first`,
        editedOnDisk,
        inForce,
      );
    }
    const next = new Map(inForceFiles);
    for (const [path, content] of changes) {
      if (content === null) next.delete(path);
      else next.set(path, content);
    }
    const hash = hashOfFiles(next);
    if (hash === inForce.hash) return { ...inForce, commit: this.commitOfHash.get(hash)! };
    const check = known?.hash === hash ? known : await checkRuleFiles(next);
    if (!check.ok) throw new RulesRefusedError(check);
    const written = new Map([...changes].filter(([path, content]) => content !== null || inForceFiles.has(path)));
    let undo: () => void;
    try {
      undo = writeFileSet(this.dir, written);
    } catch (error) {
      throw historyError(`the rule files could not be written (${(error as Error).message}); the folder is as it was and nothing was published`);
    }
    let commit: string;
    let ruleSet;
    try {
      ruleSet = loadRuleSet(this.dir).ruleSet;
      if (!ruleSet || ruleSet.hash !== hash) throw historyError('the rules folder changed while the new set was being written; nothing was published');
      ruleSet.version = this.registry.assign(hash);
      commit = await this.repo.commitFolder(
        { name: author.name, ...(author.email ? { email: author.email } : {}) },
        commitMessage({ reason, version: ruleSet.version, hash, role: author.role }),
      );
    } catch (error) {
      undo();
      if (error instanceof ScrubjayError) throw error;
      throw historyError(`the change could not be recorded in the rules history (${(error as Error).message}); the folder is as it was and nothing was published`);
    }
    this.remember(commit, hash);
    // named as the commit names them, so the status and the history agree
    this.live.install(prepareRuleSet(ruleSet), { by: headerText(author.name) || 'unknown', reason });
    return { version: ruleSet.version, hash, commit };
  }

  async draft(request: DraftRequest): Promise<DraftReport> {
    const changes = changeMap(request.changes);
    const baseHash = this.hashOf(request.base);
    const files = await this.filesOfDraft(baseHash, changes);
    const check = await checkRuleFiles(files);
    const report: DraftReport = {
      draftId: randomUUID(),
      base: this.registry.versionOf(baseHash) ?? request.base,
      hash: check.hash,
      ...(request.note !== undefined ? { note: request.note } : {}),
      problems: check.problems,
      tests: check.tests,
      at: new Date().toISOString(),
    };
    this.drafts.set(report.draftId, { ...report, changes, check });
    while (this.drafts.size > this.maxDrafts) this.drafts.delete(this.drafts.keys().next().value!);
    return report;
  }

  getDraft(draftId: string): DraftReport | undefined {
    const kept = this.drafts.get(draftId);
    if (!kept) return undefined;
    const { changes: _changes, check: _check, ...report } = kept;
    return report;
  }

  async draftRuleSet(draftId: string): Promise<PreparedRuleSet | null> {
    const kept = this.drafts.get(draftId);
    if (!kept) throw new ScrubjayError('SJ_RULES_DRAFT_UNKNOWN', `no draft has the id ${JSON.stringify(draftId)}`);
    return prepareRuleFiles(await this.filesOfDraft(kept.base, kept.changes));
  }

  /** The base version's rule files with a draft's changes made. */
  private async filesOfDraft(base: string, changes: ReadonlyMap<string, Uint8Array | null>): Promise<Map<string, Uint8Array>> {
    const files = ruleFilesOf(await this.filesOfHash(this.hashOf(base)));
    for (const [path, content] of changes) {
      if (content === null) files.delete(path);
      else files.set(path, content);
    }
    return files;
  }

  async versions(): Promise<RulesVersion[]> {
    const out: RulesVersion[] = [];
    for (const commit of await this.repo.log()) {
      const indexed = await this.indexed(commit);
      out.push({
        version: indexed.version,
        hash: indexed.hash,
        at: indexed.at,
        by: indexed.author.name,
        ...(indexed.role ? { role: indexed.role } : {}),
        reason: indexed.reason,
        files: await this.changedIn(commit),
        commit: commit.oid,
      });
    }
    return out;
  }

  private async indexed(commit: CommitInfo): Promise<IndexedCommit> {
    const facts = readCommitMessage(commit.message);
    let hash = this.hashOfCommit.get(commit.oid);
    if (hash === undefined) {
      hash = facts.hash ?? hashOfFiles(await this.repo.filesAt(commit.oid));
      this.hashOfCommit.set(commit.oid, hash);
    }
    // a commit made with other tools has no id of its own: the content's id, handed out now if it is new
    const version = facts.version ?? this.registry.versionOf(hash) ?? this.registry.assign(hash);
    return { ...commit, version, hash, reason: facts.reason, ...(facts.role ? { role: facts.role } : {}) };
  }

  private async changedIn(commit: CommitInfo): Promise<string[]> {
    const known = this.changedInCommit.get(commit.oid);
    if (known) return known;
    const before = commit.parent ? await this.repo.filesAt(commit.parent) : new Map<string, Uint8Array>();
    const files = changedPaths(before, await this.repo.filesAt(commit.oid));
    this.changedInCommit.set(commit.oid, files);
    return files;
  }

  async diff(version: string): Promise<string> {
    const commits = await this.repo.log();
    let commit = commits.find((c) => c.oid === version);
    if (!commit) {
      const hash = this.hashOf(version);
      for (const c of commits) {
        if ((await this.indexed(c)).hash === hash) {
          commit = c;
          break;
        }
      }
    }
    if (!commit) throw new ScrubjayError('SJ_RULES_VERSION_UNKNOWN', `no commit of the history records ${JSON.stringify(version)}`);
    const before = commit.parent ? await this.repo.filesAt(commit.parent) : new Map<string, Uint8Array>();
    const after = await this.repo.filesAt(commit.oid);
    const text = (bytes: Uint8Array | undefined): string | null => (bytes === undefined ? null : Buffer.from(bytes).toString('utf8'));
    return changedPaths(before, after)
      .map((path) => unifiedFileDiff(path, text(before.get(path)), text(after.get(path))))
      .join('');
  }

  async files(): Promise<RuleFileInfo[]> {
    const { ruleSet } = this.live.current();
    const rulesByFile = new Map<string, string[]>();
    for (const rule of ruleSet.rules) {
      const path = relative(this.dir, resolve(rule.source.file)).split(sep).join('/');
      rulesByFile.set(path, [...(rulesByFile.get(path) ?? []), rule.id]);
    }
    const files = ruleFilesOf(await this.filesOfHash(ruleSet.hash));
    return [...files.keys()].sort().map((path) => ({
      path,
      sha256: createHash('sha256').update(files.get(path)!).digest('hex'),
      rules: rulesByFile.get(path) ?? [],
    }));
  }

  async fileText(path: string): Promise<string> {
    checkRulePath(path);
    const bytes = (await this.filesOfHash(this.inForce().hash)).get(path);
    if (bytes === undefined) throw new ScrubjayError('SJ_RULES_FILE_UNKNOWN', `the rule set in force has no file ${path}`, { file: path });
    return Buffer.from(bytes).toString('utf8');
  }

  async close(): Promise<void> {
    await this.liveSet?.close();
  }
}

function requireReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim() === '') throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'a change of the rules needs a reason');
  return reason.trim();
}

/** The changes by path, each path checked; a path named twice is refused (which content was meant?). */
function changeMap(changes: readonly FileChange[]): Map<string, Uint8Array | null> {
  const out = new Map<string, Uint8Array | null>();
  for (const change of changes) {
    const path = checkRulePath(change.path);
    if (out.has(path)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `the change names ${path} twice`);
    if (change.content !== null && typeof change.content !== 'string') throw new ScrubjayError('SJ_ARGUMENT_INVALID', `the content of ${path} is text, or null to delete it`);
    out.set(path, change.content === null ? null : Buffer.from(change.content, 'utf8'));
  }
  return out;
}
