// @ts-check
/**
 * The Practice tab: a made-up claim shown as the CMS-1500 (read-only), the trainee's marks
 * (a line or a field, and the CARC the payer would send), the score with each finding
 * explained, the trainee's own progress, and for trainers everyone's.
 */
import { ClaimForm } from './claim-form.js';
import { byId, clear, h, showError } from './dom.js';

/**
 * @typedef {{ id: string, level: number, asOf: string, claim: Record<string, unknown>, defects: number }} Exercise
 * @typedef {{ outcome: string, ruleId: string, family: string, line: number | null, path: string | null, carc: string | null, message: string, explanation: string, fix: string, references: Array<{ title: string, section?: string, url?: string }>, markedCarc?: string }} ScoredFinding
 * @typedef {{ hits: number, misses: number, falseAlarms: number, accuracy: number, findings: ScoredFinding[], wrongMarks: Array<{ reason: string }> }} Score
 * @typedef {{ username: string, exercises: number, families: Array<{ family: string, attempts: number, found: number, missed: number, accuracy: number }>, practiseNext: string[] }} Progress
 */

/** @param {string} path @param {RequestInit} [init] */
async function call(path, init) {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && typeof body.error === 'string' ? body.error : `The server answered ${response.status}.`);
  return body;
}

const percent = (/** @type {number} */ n) => `${Math.round(n * 100)}%`;

export function startTraining() {
  // made with the first exercise: until then the page holds one claim form, the Check tab's, for whoever never practises
  /** @type {ClaimForm | null} */
  let form = null;
  const marks = byId('pr-marks');
  const score = byId('pr-score');
  const problem = byId('pr-problem');
  /** @type {Exercise | null} */
  let exercise = null;

  const markRow = () =>
    h(
      'li',
      { class: 'pr-mark' },
      h('label', {}, 'Line ', h('input', { type: 'number', min: '1', name: 'line', class: 'pr-line', size: '3' })),
      h('label', {}, ' or field ', h('input', { type: 'text', name: 'field', class: 'pr-field', placeholder: 'subscriber.memberId' })),
      h('label', {}, ' CARC ', h('input', { type: 'text', name: 'carc', class: 'pr-carc', size: '4', list: 'pr-carcs' })),
    );

  async function next() {
    clear(score);
    problem.hidden = true;
    try {
      exercise = /** @type {Exercise} */ (await call(`/api/training/exercise?level=${/** @type {HTMLSelectElement} */ (byId('pr-level')).value}`));
    } catch (error) {
      showError(problem, /** @type {Error} */ (error).message);
      return;
    }
    form ??= new ClaimForm(byId('pr-form'), { onChange: () => undefined, idPrefix: 'pr' });
    form.load(/** @type {any} */ (exercise.claim));
    byId('pr-task').textContent = `Find ${exercise.defects} ${exercise.defects === 1 ? 'problem' : 'problems'} on this claim (judged as of ${exercise.asOf}).`;
    clear(marks);
    marks.append(markRow());
    /** @type {HTMLButtonElement} */ (byId('pr-submit')).disabled = false;
  }

  async function submit() {
    if (exercise === null) return;
    const given = [...marks.querySelectorAll('.pr-mark')].flatMap((row) => {
      const value = (/** @type {string} */ cls) => /** @type {HTMLInputElement} */ (row.querySelector(cls)).value.trim();
      const line = value('.pr-line');
      const field = value('.pr-field');
      const carc = value('.pr-carc');
      if (carc === '' || (line === '' && field === '')) return [];
      return [{ ...(line ? { line: Number(line) } : {}), ...(field ? { field } : {}), carc }];
    });
    try {
      const result = /** @type {Score} */ (await call(`/api/training/exercise/${exercise.id}/answer`, { method: 'POST', body: JSON.stringify({ marks: given }) }));
      exercise = null;
      /** @type {HTMLButtonElement} */ (byId('pr-submit')).disabled = true;
      showScore(result);
      await showProgress();
    } catch (error) {
      showError(problem, /** @type {Error} */ (error).message);
    }
  }

  /** @param {Score} result */
  function showScore(result) {
    clear(score);
    score.append(h('p', { id: 'pr-summary' }, `${result.hits} found, ${result.misses} missed, ${result.falseAlarms} false ${result.falseAlarms === 1 ? 'alarm' : 'alarms'}: ${percent(result.accuracy)}`));
    const list = h('ul', { class: 'pr-findings' });
    for (const f of result.findings) {
      const where = f.line === null ? f.path ?? 'the claim' : `line ${f.line}`;
      const sources = f.references.flatMap((r, i) => [...(i > 0 ? ['; '] : []), r.url ? h('a', { href: r.url, target: '_blank', rel: 'noopener' }, r.title) : h('span', {}, r.title)]);
      list.append(
        h(
          'li',
          { 'data-outcome': f.outcome, 'data-rule': f.ruleId },
          h('strong', {}, f.outcome === 'hit' ? 'Found' : 'Missed'),
          ` ${where}, CARC ${f.carc ?? '—'}${f.markedCarc ? ` (you gave ${f.markedCarc})` : ''}: ${f.message}`,
          h('p', {}, f.explanation),
          h('p', {}, `Fix: ${f.fix}`),
          h('p', { class: 'pr-sources' }, 'Sources: ', ...sources),
        ),
      );
    }
    for (const wrong of result.wrongMarks) list.append(h('li', { 'data-outcome': 'false-alarm' }, h('strong', {}, 'False alarm'), ` ${wrong.reason}`));
    score.append(list);
  }

  /** @param {Progress} p */
  const progressTable = (p) =>
    h(
      'table',
      { class: 'history-table pr-progress-table', 'data-user': p.username },
      h('thead', {}, h('tr', {}, h('th', {}, 'Rule family'), h('th', {}, 'Exercises'), h('th', {}, 'Found'), h('th', {}, 'Missed'), h('th', {}, 'Accuracy'))),
      h('tbody', {}, ...p.families.map((f) => h('tr', { 'data-family': f.family }, h('td', {}, f.family), h('td', {}, String(f.attempts)), h('td', {}, String(f.found)), h('td', {}, String(f.missed)), h('td', {}, percent(f.accuracy))))),
    );

  async function showProgress() {
    const own = /** @type {Progress} */ (await call('/api/training/progress'));
    const box = byId('pr-progress');
    clear(box);
    box.append(h('p', {}, `${own.exercises} exercises. Practise next: ${own.practiseNext.join(', ') || 'anything'}.`), progressTable(own));
    const all = document.getElementById('pr-all');
    if (!all) return;
    const everyone = /** @type {Progress[]} */ (await call('/api/training/progress/all'));
    clear(all);
    for (const p of everyone) all.append(h('h4', {}, `${p.username}: ${p.exercises} exercises`), progressTable(p));
  }

  // the picker offers the catalog's CARCs with their meanings; a code typed by hand is taken as it is
  void call('/api/codes/carc')
    .then((/** @type {{ codes: Array<{ code: string, meaning: string }> }} */ list) => {
      const options = byId('pr-carcs');
      for (const c of list.codes) options.append(h('option', { value: c.code }, `${c.code}: ${c.meaning}`));
    })
    .catch(() => undefined);
  byId('pr-next').addEventListener('click', () => void next());
  byId('pr-add-mark').addEventListener('click', () => marks.append(markRow()));
  byId('pr-submit').addEventListener('click', () => void submit());
  void showProgress().catch((error) => showError(problem, /** @type {Error} */ (error).message));
}
