/**
 * Checks a whole rule set given as files, before any of them reaches the rules folder: the
 * files are written to a private temp folder, loaded and linted there, and every embedded
 * test is run on them, exactly as a reload of the folder would. Problems name files by
 * their path in the rules folder, so an editor can point at `payers/aetna.yaml:4:3`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { prepareRuleSet, type PreparedRuleSet } from '../../engine/prepare.js';
import { hashRuleFiles, isRuleFilePath } from '../../rules/content-hash.js';
import { loadRuleSet } from '../../rules/load.js';
import type { RuleProblem } from '../../rules/problems.js';
import { failingTests } from '../live.js';

export interface DraftProblem {
  /** relative to the rules folder, `/`-separated */
  file: string;
  line: number;
  column: number;
  message: string;
  /** the `SJ_RULES_*` code of the problem */
  code: string;
  ruleId?: string;
}

export interface DraftTestFailure {
  ruleId: string;
  /** the case's `name` */
  case: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface RuleSetCheck {
  /** SHA-256 of the rule files, as results and the status carry it */
  hash: string;
  problems: DraftProblem[];
  tests: { passed: number; failed: DraftTestFailure[] };
  /** whether the set could be put in force: no problem and no failing test */
  ok: boolean;
}

/** Checks the rule files among `files` (other files, such as the README, play no part). */
export async function checkRuleFiles(files: ReadonlyMap<string, Uint8Array>): Promise<RuleSetCheck> {
  return withRuleFiles(files, async (dir, inFolder, hash) => {
    const { ruleSet, problems } = loadRuleSet(dir, { display: inFolder });
    if (!ruleSet) return { hash, problems: problems.map((p) => draftProblem(p, inFolder)), tests: { passed: 0, failed: [] }, ok: false };
    const prepared = prepareRuleSet(ruleSet);
    const { passed, failed, tooSlow } = await failingTests(ruleSet, prepared, undefined);
    const failures = failed.map((f) => ({ ruleId: f.ruleId, case: f.case, message: f.message, file: inFolder(f.file), line: f.line, column: f.column }));
    const extra = tooSlow ? [draftProblem(tooSlow, inFolder)] : [];
    return { hash, problems: extra, tests: { passed, failed: failures }, ok: failures.length === 0 && extra.length === 0 };
  });
}

/** The rule set the files make, prepared to scrub with (for a preview); null when they do not load. */
export async function prepareRuleFiles(files: ReadonlyMap<string, Uint8Array>): Promise<PreparedRuleSet | null> {
  return withRuleFiles(files, async (dir, inFolder) => {
    const { ruleSet } = loadRuleSet(dir, { display: inFolder });
    return ruleSet ? prepareRuleSet(ruleSet) : null;
  });
}

/** Writes the rule files among `files` to a private temp folder for `work`, and removes it after. */
async function withRuleFiles<T>(files: ReadonlyMap<string, Uint8Array>, work: (dir: string, inFolder: (file: string) => string, hash: string) => Promise<T>): Promise<T> {
  const rules = [...files].filter(([path]) => isRuleFilePath(path));
  const hash = hashRuleFiles(rules.map(([path, bytes]) => ({ path, bytes })));
  const dir = mkdtempSync(join(tmpdir(), 'scrubjay-draft-'));
  try {
    for (const [path, bytes] of rules) {
      const file = join(dir, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    const inFolder = (file: string): string => {
      const rel = relative(dir, isAbsolute(file) ? file : join(process.cwd(), file));
      return rel.startsWith('..') ? file : rel.split(sep).join('/');
    };
    return await work(dir, inFolder, hash);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function draftProblem(problem: RuleProblem, inFolder: (file: string) => string): DraftProblem {
  const { file, line, column } = problem.where;
  return { file: inFolder(file), line, column, message: problem.message, code: problem.code, ...(problem.ruleId ? { ruleId: problem.ruleId } : {}) };
}
