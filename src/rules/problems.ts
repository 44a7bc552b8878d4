/**
 * A problem found in a rule, list, payer or base-claim file, in the one problem shape of
 * every boundary (`where` places it for an editor), with a catalog code per kind of
 * problem so a client can tell a YAML slip from a failing test without reading the message.
 */
import type { Problem } from '../contract/problem.js';
import type { ErrorCode } from '../errors.js';

/** The codes of problems in rule files: `SJ_RULES_*` entries of the error catalog. */
export type RuleProblemCode = Extract<ErrorCode, `SJ_RULES_${string}`>;

export interface RuleProblem extends Problem {
  code: RuleProblemCode;
  where: { file: string; line: number; column: number };
  /** rule id, when the problem belongs to one rule */
  ruleId?: string;
}

/** Where in a file, as the YAML reader and the loaded rules place things. */
export interface RuleFilePosition {
  file: string;
  line: number;
  column: number;
}

export function isRuleProblemCode(code: ErrorCode): code is RuleProblemCode {
  return code.startsWith('SJ_RULES_');
}

export function ruleProblem(code: RuleProblemCode, at: RuleFilePosition, message: string, ruleId?: string): RuleProblem {
  return { severity: 'error', code, message, where: { file: at.file, line: at.line, column: at.column }, ...(ruleId !== undefined ? { ruleId } : {}) };
}

export function formatProblem(p: RuleProblem): string {
  return `${p.where.file}:${p.where.line}:${p.where.column} ${p.message}`;
}

export function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.where.file.localeCompare(b.where.file) || a.where.line - b.where.line || a.where.column - b.where.column);
}
