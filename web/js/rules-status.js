// @ts-check
/**
 * The rule set in force, and when the last rules edit was rejected, every problem as
 * `file:line:col message` and every failing rule test at the `file:line:col` of the
 * case. Pushed live over the socket.
 */
import { byId, clear, h, plural, when } from './dom.js';

/** @typedef {import('./types.js').RulesStatus} RulesStatus */

/** @param {RulesStatus} status */
export function showRulesStatus(status) {
  const badge = byId('rules-badge');
  const panel = byId('rules-problems');
  const list = byId('rules-problems-list');
  const lead = byId('rules-problems-lead');
  const rejected = status.state === 'rejected';
  badge.textContent = `Rule set ${status.version} · ${plural(status.rules, 'rule')}${rejected ? ' · last edit rejected' : ''}`;
  badge.classList.toggle('rejected', rejected);
  clear(list);
  panel.hidden = !rejected;
  if (!rejected) return;
  const problems = status.problems ?? [];
  const failed = status.failedTests ?? [];
  lead.textContent = `The service keeps using rule set ${status.version}${status.loadedAt ? ` (loaded ${when(status.loadedAt)})` : ''} until the files are fixed. ${plural(problems.length, 'problem')}, ${plural(failed.length, 'failing rule test')}${status.lastCheckedAt ? `, checked ${when(status.lastCheckedAt)}` : ''}:`;
  // the catalog code (`SJ_RULES_YAML`) stays with each problem, for whoever fixes the file
  for (const problem of problems) list.append(h('li', { 'data-code': problem.code }, h('code', {}, `${problem.file}:${problem.line}:${problem.column}`), ` ${problem.message}`));
  // a failing case is placed where it is written, so whoever fixes it opens the file at the test
  for (const test of failed) {
    list.append(h('li', { 'data-rule': test.ruleId }, h('code', {}, `${test.file}:${test.line}:${test.column}`), ` rule ${test.ruleId}, test "${String(test.case)}": ${test.message}`));
  }
}
