/** A problem found in a rule, list, payer or base-claim file, located for an editor. */
export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** rule id, when the problem belongs to one rule */
  ruleId?: string;
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.message}`;
}

export function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
