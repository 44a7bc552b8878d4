// @ts-check
/**
 * The rules workbench, for the roles that may change the rules: browse the rule set, edit a
 * file in the YAML editor or through a form, see every change checked (problems at their
 * line, the rules' own tests), preview its effect on stored claims, publish it with a
 * reason, and look back at the versions before, restoring one if need be.
 */
import * as lib from '/dist/editor.js';
import { byId, clear, h, plural, showError } from './dom.js';
import { RuleBrowser } from './workbench-browse.js';
import { DraftFiles } from './workbench-draft.js';
import { WorkbenchForms } from './workbench-forms.js';
import { PreviewPanel } from './workbench-preview.js';
import { PublishPanel, VersionHistory } from './workbench-versions.js';
import { workbenchApi } from './workbench-api.js';
import { RULE_TEMPLATES, templateFor } from './rule-templates.js';

/** @typedef {import('./workbench-draft.js').DraftState} DraftState */

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Builds the workbench section and loads the rule set into it.
 * @param {import('/socket.io/socket.io.esm.min.js').Socket} socket
 */
export async function startWorkbench(socket) {
  const draft = new DraftFiles();
  /** @type {string[]} */
  let paths = [];
  /** @type {string[]} */
  let categories = [];
  const pageError = byId('wb-error');
  const fileSelect = /** @type {HTMLSelectElement} */ (byId('wb-file'));

  const editor = new lib.RuleEditor(byId('wb-editor'), {
    label: 'Rule file text',
    onChange: (text) => {
      if (editor.path !== '') draft.set(editor.path, text);
    },
    categories: () => categories,
    lists: () => paths.filter((p) => p.startsWith('lists/')).map((p) => p.replace(/^lists\/|\.yaml$/g, '')),
  });

  const forms = new WorkbenchForms(lib, draft, { onChanged: (path) => void openFile(path) });
  const browser = new RuleBrowser({
    onEdit: (rule) => {
      void openFile(rule.source.file, rule.source.line).then(() => {
        byId('wb-edit-title').scrollIntoView({ block: 'start' });
        editor.focus();
      });
    },
    onForm: (rule) => {
      byId('wb-forms-title').scrollIntoView({ block: 'start' });
      void forms.showRule(rule.id);
    },
  });
  const preview = new PreviewPanel(socket, { draftId: () => draft.publishable()?.draftId ?? null });
  const publish = new PublishPanel({
    publishable: () => draft.publishable(),
    why: () => blockedBecause(draft.state),
    changedFiles: () => draft.changes().map((c) => c.path),
    onPublished: (version) => void afterNewVersion(version),
    onRebase: (version) => {
      draft.rebase(version);
      void load().then(() => versions.load());
    },
  });
  const versions = new VersionHistory({
    onRestored: (version) => {
      publish.clear();
      void afterNewVersion(version);
    },
  });

  /**
   * @param {string} path
   * @param {number} [line]
   */
  async function openFile(path, line) {
    try {
      const text = await draft.text(path);
      if (editor.path === path && line === undefined) editor.replace(text);
      else editor.open(path, text, line);
      fileSelect.value = path;
      byId('wb-editing').textContent = `${path}${draft.isNew(path) ? ' (new file)' : draft.isChanged(path) ? ' (changed)' : ''}`;
      byId('wb-discard').hidden = !draft.isChanged(path);
      showState(draft.state);
    } catch (error) {
      showError(pageError, `${path} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function fillFiles() {
    const all = [...new Set([...paths, ...draft.changes().map((c) => c.path)])].sort();
    const groups = new Map();
    for (const path of all) {
      const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '(top folder)';
      if (!groups.has(folder)) groups.set(folder, []);
      groups.get(folder).push(path);
    }
    const chosen = fileSelect.value;
    fileSelect.replaceChildren(
      ...[...groups].map(([folder, files]) =>
        h('optgroup', { label: folder }, ...files.map((/** @type {string} */ p) => h('option', { value: p }, `${p.slice(p.indexOf('/') + 1)}${draft.isChanged(p) ? ' — changed' : ''}`))),
      ),
    );
    if (all.includes(chosen)) fileSelect.value = chosen;
    byId('wb-changed-files').textContent = draft.changed.size === 0 ? '' : `Changed in this draft: ${draft.changes().map((c) => c.path).join(', ')}`;
    if (editor.path !== '') {
      byId('wb-editing').textContent = `${editor.path}${draft.isNew(editor.path) ? ' (new file)' : draft.isChanged(editor.path) ? ' (changed)' : ''}`;
      byId('wb-discard').hidden = !draft.isChanged(editor.path);
    }
  }

  /** @param {DraftState} state */
  function showState(state) {
    const status = byId('wb-check-status');
    const problemList = byId('wb-problems');
    const failures = byId('wb-test-failures');
    const testLine = byId('wb-tests');
    clear(problemList);
    clear(failures);
    testLine.textContent = '';
    delete testLine.dataset.failed;
    status.dataset.state = state.state;
    if (state.state === 'empty') {
      status.textContent = 'No changes yet. Each change in the editor or a form is checked here.';
      editor.showProblems([]);
    } else if (state.state === 'checking') {
      status.textContent = 'Checking the draft…';
    } else if (state.state === 'failed') {
      status.textContent = `The draft could not be checked: ${state.message}`;
    } else {
      const { problems, tests } = state.draft;
      status.textContent = problems.length === 0 ? 'No problems in the changed files.' : `${plural(problems.length, 'problem')} to fix before publishing:`;
      for (const problem of problems) {
        const go = h('button', { type: 'button', class: 'link' }, `${problem.file}:${problem.line}:${problem.column}`);
        go.addEventListener('click', () => void openFile(problem.file, problem.line).then(() => editor.focus()));
        problemList.append(h('li', { 'data-code': problem.code ?? null }, go, ` ${problem.message}`));
      }
      testLine.textContent = `Rule tests: ${plural(tests.passed, 'passed', 'passed')}, ${tests.failed.length} failed.`;
      testLine.dataset.failed = String(tests.failed.length);
      for (const test of tests.failed) {
        failures.append(h('li', {}, h('code', {}, test.ruleId), ` test “${String(test.case)}”: ${test.message}`, test.file ? h('span', { class: 'hint' }, ` (${test.file}${test.line ? `:${test.line}` : ''}${test.line && test.column ? `:${test.column}` : ''})`) : null));
      }
      editor.showProblems(problems);
    }
    preview.setReady(draft.publishable() !== null);
    publish.update();
  }

  /** @param {string} version */
  async function afterNewVersion(version) {
    draft.reset(version);
    preview.reset();
    await load();
    await versions.load();
    if (editor.path !== '' && paths.includes(editor.path)) await openFile(editor.path);
  }

  async function load() {
    try {
      const [files, rules, insights] = await Promise.all([
        workbenchApi.files(),
        workbenchApi.rules(30),
        workbenchApi.insights(90).catch(() => null),
      ]);
      paths = files.map((f) => f.path).sort();
      draft.base = rules.rulesetVersion;
      categories = [...new Set(rules.rules.map((r) => r.category))].sort();
      byId('wb-base').textContent = `Changes start from rule set ${rules.rulesetVersion} (${plural(rules.rules.length, 'rule')}, ${plural(paths.length, 'file')}).`;
      fillFiles();
      browser.setRules(rules);
      if (insights) browser.setInsights(insights);
      else byId('wb-insights-lead').textContent = 'The rule statistics are not available on this server.';
      await forms.setFiles(paths, rules.rules.map((r) => ({ id: r.id, file: r.source.file })));
      browser.setPayers(await forms.payerChoices());
      if (editor.path === '' && paths.length > 0) await openFile(paths.find((p) => p.startsWith('payers/')) ?? paths[0] ?? '');
      showError(pageError, '');
    } catch (error) {
      const status = error && typeof error === 'object' && 'status' in error ? error.status : 0;
      showError(
        pageError,
        status === 404
          ? 'This server does not offer the rules workbench yet (its rules routes answered 404). The rule set cannot be changed from the page.'
          : `The rule set could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // another publish (or an edit on disk) puts a new set in force while this draft is open
  socket.on('rules:status', (/** @type {{ version?: unknown }} */ status) => {
    if (draft.base === null || typeof status?.version !== 'string' || status.version === draft.base) return;
    if (draft.changed.size === 0) {
      void load();
      return;
    }
    byId('wb-base').textContent = `Rule set ${status.version} is in force since this draft began from ${draft.base}; publishing will name the files that changed, and the draft can move onto it.`;
  });

  draft.onState(showState);
  draft.onFiles(fillFiles);
  fileSelect.addEventListener('change', () => void openFile(fileSelect.value));
  byId('wb-discard').addEventListener('click', () => {
    const path = editor.path;
    const wasNew = draft.isNew(path);
    draft.discard(path);
    if (wasNew) void openFile(paths[0] ?? '');
    else void openFile(path);
  });

  const family = /** @type {HTMLSelectElement} */ (byId('wb-new-family'));
  family.replaceChildren(...RULE_TEMPLATES.map((t) => h('option', { value: t.family }, t.label)));
  const newForm = /** @type {HTMLFormElement} */ (byId('wb-new-form'));
  const newId = /** @type {HTMLInputElement} */ (byId('wb-new-id'));
  const newError = byId('wb-new-error');
  newForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const template = templateFor(family.value);
    const id = newId.value.trim();
    if (!template) return;
    if (!RULE_ID.test(id)) {
      showError(newError, 'A rule id is lower-case words joined by dashes, e.g. taxonomy-missing.');
      newId.focus();
      return;
    }
    const path = `${template.family}/${id}.yaml`;
    if (paths.includes(path) || draft.isChanged(path)) {
      showError(newError, `${path} already exists; choose another id.`);
      newId.focus();
      return;
    }
    showError(newError, '');
    draft.create(path, template.text(id));
    newId.value = '';
    void openFile(path).then(() => editor.focus());
  });

  showState(draft.state);
  await load();
  await versions.load();
}

/** @param {DraftState} state */
function blockedBecause(state) {
  if (state.state === 'empty') return 'Nothing to publish: no file is changed.';
  if (state.state === 'checking') return 'Waiting for the check of the latest change…';
  if (state.state === 'failed') return 'The draft could not be checked; publishing waits for a clean check.';
  const { problems, tests } = state.draft;
  if (problems.length > 0) return `Fix the ${plural(problems.length, 'problem')} first.`;
  if (tests.failed.length > 0) return `${plural(tests.failed.length, 'rule test')} failing; fix them first.`;
  return '';
}
