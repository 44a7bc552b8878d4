/** Loads and prepares a rule set, refusing (with every problem listed) when any file has one. */
import { ScrubjayError } from '../errors.js';
import { loadRuleSet, type LoadOptions } from '../rules/load.js';
import { formatProblem, type RuleProblem } from '../rules/problems.js';
import { prepareRuleSet, type PreparedRuleSet } from '../engine/prepare.js';

export class RuleSetError extends ScrubjayError {
  declare readonly problems: readonly RuleProblem[];

  constructor(dir: string, problems: RuleProblem[]) {
    const first = problems[0]?.where;
    super(
      'SJ_RULES_INVALID',
      `the rules in ${dir} have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`,
      first ? { file: first.file, line: first.line, column: first.column } : {},
      problems,
    );
  }
}

export function loadPreparedRuleSet(dir: string, options: LoadOptions = {}): PreparedRuleSet {
  const { ruleSet, problems } = loadRuleSet(dir, options);
  if (!ruleSet) throw new RuleSetError(dir, problems);
  return prepareRuleSet(ruleSet);
}
