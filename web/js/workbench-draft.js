// @ts-check
/**
 * The files being changed and the draft they make. Each change (from the editor or a form)
 * is checked by the server a moment after typing stops: the draft's problems and its rule
 * tests come back and everyone listening shows them. Answers to an older text are dropped.
 */
import { flatProblem, workbenchApi } from './workbench-api.js';

/** typing pauses this long before the files are checked */
export const CHECK_DELAY_MS = 300;

/**
 * @typedef {import('./workbench-api.js').DraftAnswer} DraftAnswer
 * @typedef {{ state: 'empty' } | { state: 'checking' } | { state: 'checked', draft: DraftAnswer } | { state: 'failed', message: string, code: string | null }} DraftState
 */

export class DraftFiles {
  constructor() {
    /** @type {string | null} the rule-set version the draft starts from */
    this.base = null;
    /** @type {Map<string, string | null>} the text in force of each file read so far (null: a new file) */
    this.originals = new Map();
    /** @type {Map<string, string | null>} the changed files' text (null: deleted) */
    this.changed = new Map();
    /** @type {DraftState} */
    this.state = { state: 'empty' };
    /** @type {Set<(state: DraftState) => void>} */
    this.listeners = new Set();
    /** @type {Set<() => void>} */
    this.fileListeners = new Set();
    this.sequence = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /** @param {(state: DraftState) => void} listener */
  onState(listener) {
    this.listeners.add(listener);
  }

  /** @param {() => void} listener called when the set of changed files changes */
  onFiles(listener) {
    this.fileListeners.add(listener);
  }

  /**
   * The file's text as the draft has it (read from the server the first time).
   * @param {string} path
   * @returns {Promise<string>}
   */
  async text(path) {
    const changed = this.changed.get(path);
    if (typeof changed === 'string') return changed;
    if (!this.originals.has(path)) this.originals.set(path, await workbenchApi.fileText(path));
    return this.originals.get(path) ?? '';
  }

  /** @param {string} path */
  isChanged(path) {
    return this.changed.has(path);
  }

  /** @param {string} path */
  isNew(path) {
    return this.originals.get(path) === null;
  }

  /**
   * Sets a file's text; back to the text in force, it is no longer a change.
   * @param {string} path
   * @param {string} text
   */
  set(path, text) {
    const was = this.changed.has(path);
    if (this.originals.get(path) === text) this.changed.delete(path);
    else this.changed.set(path, text);
    if (was !== this.changed.has(path)) for (const listener of this.fileListeners) listener();
    this.schedule();
  }

  /**
   * A file that is not in the rule set yet.
   * @param {string} path
   * @param {string} text
   */
  create(path, text) {
    this.originals.set(path, null);
    this.set(path, text);
  }

  /** @param {string} path */
  discard(path) {
    if (this.originals.get(path) === null) this.originals.delete(path);
    this.changed.delete(path);
    for (const listener of this.fileListeners) listener();
    this.schedule();
  }

  changes() {
    return [...this.changed].map(([path, content]) => ({ path, content }));
  }

  /**
   * After a publish or restore: the new version is in force and nothing is changed.
   * @param {string} base
   */
  reset(base) {
    this.base = base;
    this.originals.clear();
    this.changed.clear();
    this.sequence++;
    clearTimeout(this.timer);
    for (const listener of this.fileListeners) listener();
    this.emit({ state: 'empty' });
  }

  /**
   * Someone published meanwhile: the draft starts again from `base`, keeping its changes.
   * The files it did not change are read again from the new version.
   * @param {string} base
   */
  rebase(base) {
    this.base = base;
    for (const path of [...this.originals.keys()]) {
      if (!this.changed.has(path)) this.originals.delete(path);
      else if (this.originals.get(path) !== null) this.originals.delete(path);
    }
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    if (this.changed.size === 0) {
      this.emit({ state: 'empty' });
      return;
    }
    this.emit({ state: 'checking' });
    this.timer = setTimeout(() => void this.check(sequence), CHECK_DELAY_MS);
  }

  /** @param {number} sequence */
  async check(sequence) {
    if (this.base === null) {
      this.emit({ state: 'failed', message: 'The rule-set version in force is not known yet.', code: null });
      return;
    }
    try {
      const draft = await workbenchApi.draft({ base: this.base, changes: this.changes() });
      if (sequence !== this.sequence) return;
      const problems = (draft.problems ?? []).map(flatProblem);
      this.emit({ state: 'checked', draft: { ...draft, problems, tests: draft.tests ?? { passed: 0, failed: [] } } });
    } catch (error) {
      if (sequence !== this.sequence) return;
      const code = error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : null;
      this.emit({ state: 'failed', message: error instanceof Error ? error.message : String(error), code });
    }
  }

  /** @param {DraftState} state */
  emit(state) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** The checked draft, when it is the current text's and nothing blocks it. */
  publishable() {
    if (this.state.state !== 'checked') return null;
    const { draft } = this.state;
    return draft.problems.length === 0 && draft.tests.failed.length === 0 ? draft : null;
  }
}
