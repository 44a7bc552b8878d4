// @ts-check
/**
 * Publishing the draft and the versions before it. Publishing needs a reason and a draft
 * that checks clean; when someone published meanwhile, the files changed since are named.
 * Each version shows who published it, when, why and which files, its diff, and can be
 * restored with a reason of its own.
 */
import { diffView } from './diff-view.js';
import { byId, clear, h, plural, showError, when } from './dom.js';
import { flatProblem, WorkbenchError, workbenchApi } from './workbench-api.js';

/**
 * @typedef {import('./workbench-api.js').VersionEntry} VersionEntry
 * @typedef {{ publishable: () => { draftId: string } | null, why: () => string, changedFiles: () => string[],
 *   onPublished: (version: string, hash: string) => void, onRebase: (version: string) => void }} PublishOptions
 */

export class PublishPanel {
  /** @param {PublishOptions} options */
  constructor(options) {
    this.options = options;
    this.form = /** @type {HTMLFormElement} */ (byId('wb-publish-form'));
    this.reason = /** @type {HTMLInputElement} */ (byId('wb-publish-reason'));
    this.button = /** @type {HTMLButtonElement} */ (byId('wb-publish-button'));
    this.hint = byId('wb-publish-hint');
    this.error = byId('wb-publish-error');
    this.result = byId('wb-publish-result');
    this.busy = false;
    this.reason.addEventListener('input', () => this.update());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.publish();
    });
    this.update();
  }

  update() {
    const draft = this.options.publishable();
    const reason = this.reason.value.trim();
    this.button.disabled = this.busy || draft === null || reason === '';
    this.hint.textContent = draft === null ? this.options.why() : reason === '' ? 'Write why the rules change; it goes into the history.' : 'Ready to publish.';
  }

  async publish() {
    const draft = this.options.publishable();
    const reason = this.reason.value.trim();
    if (draft === null || reason === '') return;
    this.busy = true;
    this.update();
    showError(this.error, '');
    clear(this.result);
    try {
      const published = await workbenchApi.publish(draft.draftId, reason);
      this.reason.value = '';
      this.result.append(h('p', { class: 'wb-published' }, 'Published rule set ', h('strong', { id: 'wb-published-version' }, published.version), ' · hash ', h('code', { id: 'wb-published-hash' }, published.hash)));
      this.options.onPublished(published.version, published.hash);
    } catch (error) {
      this.showRefusal(error);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  /** Forgets the last publish's answer (another version is in force since). */
  clear() {
    clear(this.result);
    showError(this.error, '');
    this.update();
  }

  /** @param {unknown} error */
  showRefusal(error) {
    const text = error instanceof Error ? error.message : String(error);
    if (!(error instanceof WorkbenchError)) {
      showError(this.error, `The rules were not published: ${text}`);
      return;
    }
    showError(this.error, `The rules were not published: ${text}`, error.code);
    const body = error.body;
    const problems = Array.isArray(body.problems) ? body.problems.map(flatProblem) : [];
    const files = [...new Set([...(Array.isArray(body.files) ? body.files.map(String) : []), ...problems.map((p) => p.file).filter((f) => f !== '')])];
    if (error.code === 'SJ_RULES_STALE_BASE') {
      const inForce = body.inForce && typeof body.inForce === 'object' ? /** @type {{ version?: unknown }} */ (body.inForce).version : undefined;
      const mine = new Set(this.options.changedFiles());
      const both = files.filter((f) => mine.has(f));
      this.result.append(
        h('p', {}, `Someone published other rules since this draft began${typeof inForce === 'string' ? ` (now ${inForce})` : ''}. These files changed meanwhile:`),
        h('ul', { id: 'wb-conflicts', class: 'problem-list' }, ...files.map((f) => h('li', {}, h('code', {}, f), mine.has(f) ? ' — changed in your draft too' : ''))),
      );
      if (both.length > 0) this.result.append(h('p', {}, `Your draft's copy of ${both.join(', ')} would replace what was published: open it and make your change again on the new text, or discard it.`));
      if (typeof inForce === 'string') {
        const move = h('button', { type: 'button', id: 'wb-rebase' }, `Move the draft onto rule set ${inForce}`);
        move.addEventListener('click', () => {
          clear(this.result);
          showError(this.error, '');
          this.options.onRebase(inForce);
        });
        this.result.append(h('div', { class: 'actions' }, move));
      }
    } else if (problems.length > 0) {
      this.result.append(h('ul', { class: 'problem-list' }, ...problems.map((p) => h('li', {}, h('code', {}, `${p.file}:${p.line}:${p.column}`), ` ${p.message}`))));
    }
  }
}

/** the files a version changed, listed in full up to this many; a first version holds them all */
const FILES_SHOWN = 5;

/** @param {string[]} files */
function filesCell(files) {
  const list = (/** @type {string[]} */ some) => h('ul', { class: 'wb-file-list' }, ...some.map((f) => h('li', {}, h('code', {}, f))));
  if (files.length <= FILES_SHOWN) return list(files);
  return h('details', {}, h('summary', {}, `${plural(files.length, 'file')}`), list(files));
}

export class VersionHistory {
  /** @param {{ onRestored: (version: string, hash: string) => void }} options */
  constructor(options) {
    this.options = options;
    this.rows = byId('wb-versions');
    this.status = byId('wb-versions-status');
    this.diffBox = byId('wb-diff');
    this.restoreForm = /** @type {HTMLFormElement} */ (byId('wb-restore-form'));
    this.restoreReason = /** @type {HTMLInputElement} */ (byId('wb-restore-reason'));
    this.restoreButton = /** @type {HTMLButtonElement} */ (byId('wb-restore-button'));
    this.restoreError = byId('wb-restore-error');
    /** @type {string | null} */
    this.selected = null;
    this.restoreReason.addEventListener('input', () => {
      this.restoreButton.disabled = this.restoreReason.value.trim() === '';
    });
    this.restoreForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.restore();
    });
  }

  async load() {
    try {
      const versions = await workbenchApi.versions();
      this.render(versions);
    } catch (error) {
      this.status.textContent = `The versions could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** @param {VersionEntry[]} versions */
  render(versions) {
    this.status.textContent = versions.length === 0 ? 'No versions are kept on this server yet.' : `${plural(versions.length, 'version')}, newest first.`;
    clear(this.rows);
    versions.forEach((version, index) => {
      const show = h('button', { type: 'button', class: 'small', 'aria-label': `Show the changes of version ${version.version}` }, 'Changes');
      show.addEventListener('click', () => void this.showDiff(version));
      const restore = index === 0 ? null : h('button', { type: 'button', class: 'small', 'aria-label': `Restore version ${version.version}` }, 'Restore…');
      restore?.addEventListener('click', () => void this.askRestore(version));
      this.rows.append(
        h(
          'tr',
          { 'data-version': version.version },
          h('td', {}, h('strong', {}, version.version), index === 0 ? h('span', { class: 'hint' }, ' (in force)') : null),
          h('td', {}, when(version.at)),
          h('td', {}, version.by, version.role ? h('span', { class: 'hint' }, ` ${version.role}`) : null),
          h('td', { class: 'wb-reason' }, version.reason),
          h('td', { class: 'wb-files' }, filesCell(version.files)),
          h('td', {}, h('div', { class: 'actions' }, show, restore)),
        ),
      );
    });
  }

  /** @param {VersionEntry} version */
  async showDiff(version) {
    this.selected = version.version;
    clear(this.diffBox);
    this.diffBox.hidden = false;
    const title = h('h4', { tabindex: -1, id: 'wb-diff-title' }, `Version ${version.version}: ${version.reason}`);
    this.diffBox.append(title);
    try {
      const text = await workbenchApi.diff(version.version);
      this.diffBox.append(text.trim() === '' ? h('p', { class: 'hint' }, 'No file changed in this version.') : diffView(text, `Changes of version ${version.version}`));
    } catch (error) {
      this.diffBox.append(h('p', { class: 'form-error' }, `The diff could not be read: ${error instanceof Error ? error.message : String(error)}`));
    }
    title.focus();
  }

  /** @param {VersionEntry} version */
  askRestore(version) {
    this.selected = version.version;
    this.restoreForm.hidden = false;
    byId('wb-restore-label').textContent = `Why restore version ${version.version}?`;
    this.restoreButton.textContent = `Restore version ${version.version}`;
    this.restoreButton.disabled = this.restoreReason.value.trim() === '';
    showError(this.restoreError, '');
    this.restoreReason.focus();
  }

  async restore() {
    const version = this.selected;
    const reason = this.restoreReason.value.trim();
    if (version === null || reason === '') return;
    this.restoreButton.disabled = true;
    try {
      const restored = await workbenchApi.restore(version, reason);
      this.restoreReason.value = '';
      this.restoreForm.hidden = true;
      byId('wb-restore-result').textContent = `Version ${version} restored: rule set ${restored.version} (hash ${restored.hash}) is in force.`;
      this.options.onRestored(restored.version, restored.hash);
    } catch (error) {
      showError(this.restoreError, `Not restored: ${error instanceof Error ? error.message : String(error)}`, error instanceof WorkbenchError ? error.code : null);
      this.restoreButton.disabled = false;
    }
  }
}
