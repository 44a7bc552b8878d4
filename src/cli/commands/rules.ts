/** `scrubjay rules lint|test [DIR]`: check rule files and run the tests written in them. */
import { loadRuleSet } from '../../rules/load.js';
import { formatProblem } from '../../rules/problems.js';
import { runRuleTests } from '../../ruleset/test-runner.js';
import { resolveRulesDir } from '../../config/paths.js';
import { colorsFor } from '../format-text.js';
import { EXIT, type CliIo } from '../io.js';

export function runLint(dir: string | undefined, io: CliIo): number {
  const rulesDir = resolveRulesDir(dir);
  const { ruleSet, problems } = loadRuleSet(rulesDir);
  for (const p of problems) io.out(formatProblem(p));
  if (!ruleSet) {
    io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${rulesDir}`);
    return 1;
  }
  io.out(`${ruleSet.rules.length} rules, ${ruleSet.lists.size} lists, ${ruleSet.payers.length} payer profiles: no problems`);
  return EXIT.OK;
}

export async function runRulesTest(dir: string | undefined, io: CliIo): Promise<number> {
  const rulesDir = resolveRulesDir(dir);
  const { ruleSet, problems } = loadRuleSet(rulesDir);
  if (!ruleSet) {
    for (const p of problems) io.out(formatProblem(p));
    io.err(`cannot run the tests: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${rulesDir} (see scrubjay rules lint)`);
    return 1;
  }
  const c = colorsFor(io.stdout);
  const report = await runRuleTests(ruleSet);
  for (const f of report.baseClaimFindings) {
    io.out(`${c.red('FAIL')} base claim is not clean: ${f.ruleId} ${f.path ?? ''} ${f.message}`);
  }
  for (const o of report.outcomes) {
    const where = `${o.source.file}:${o.source.line}:${o.source.column}`;
    io.out(o.passed ? `${c.green('pass')} ${o.ruleId}: ${o.test}` : `${c.red('FAIL')} ${o.ruleId}: ${o.test}\n     ${where} ${o.reason}`);
  }
  const failed = report.failed + (report.baseClaimFindings.length > 0 ? 1 : 0);
  io.out(`${report.passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : EXIT.OK;
}
