/** Loads and prepares a rule set, refusing (with every problem listed) when any file has one. */
import { ScrubjayError } from '../errors.js';
import { loadRuleSet, type LoadOptions } from '../rules/load.js';
import { formatProblem, type RuleProblem } from '../rules/problems.js';
import { prepareRuleSet, type PreparedRuleSet } from '../engine/prepare.js';

export class RuleSetError extends ScrubjayError {
  readonly problems: RuleProblem[];

  constructor(dir: string, problems: RuleProblem[]) {
    super('RULES_INVALID', `the rules in ${dir} have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`, {
      file: problems[0]?.file,
      line: problems[0]?.line,
      column: problems[0]?.column,
    });
    this.problems = problems;
  }
}

export function loadPreparedRuleSet(dir: string, options: LoadOptions = {}): PreparedRuleSet {
  const { ruleSet, problems } = loadRuleSet(dir, options);
  if (!ruleSet) throw new RuleSetError(dir, problems);
  return prepareRuleSet(ruleSet);
}
