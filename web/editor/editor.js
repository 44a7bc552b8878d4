// @ts-check
/**
 * The rule editor the workbench page loads as /dist/editor.js (built by
 * scripts/build-web.mjs): CodeMirror 6 with YAML colouring, completion from the rule
 * schema, and the draft's problems shown at their line and column. The form helpers and
 * the YAML reader travel in the same module, so the page loads one file for all of it.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import ruleSchema from '../../rules/rule.schema.json';
import { ruleCompletion } from './completion.js';

export { PERIOD_UNITS, addListCode, readCodeList, readPayerProfile, readRuleForm, removeListCode, writePayerProfile, writeRuleForm } from './forms.js';
export { locateRule, readDocuments } from './yaml-edit.js';

/**
 * @typedef {{ file: string, line: number, column: number, message: string, code?: string }} FileProblem
 * @typedef {{
 *   label: string,
 *   onChange: (text: string) => void,
 *   categories: () => string[],
 *   lists: () => string[],
 * }} EditorOptions
 */

/** The page's own look for the editor (app.css does not reach into its shadow root). */
const PAGE_LOOK = EditorView.theme({
  '&': { height: '28rem', fontSize: '0.85rem', backgroundColor: '#ffffff', color: '#1d2733' },
  '&.cm-focused': { outline: '3px solid #f2a900', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.45' },
  '.cm-gutters': { backgroundColor: '#f3f6f9', color: '#4a5866', borderRight: '1px solid #d5dde5' },
  '.cm-activeLine': { backgroundColor: '#eaf2fb80' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
});

/** Files that hold rules (the rest are lists, payer profiles, the code catalog and the base claim). */
const NOT_RULES = /^(lists|payers|codes)\/|^base-claim\.yaml$/;

/** @param {string} path */
export function isRuleFile(path) {
  return !NOT_RULES.test(path);
}

export class RuleEditor {
  /**
   * @param {HTMLElement} parent
   * @param {EditorOptions} options
   */
  constructor(parent, options) {
    /** the file shown, relative to the rules folder */
    this.path = '';
    /** set while the page itself replaces the text, so that is not taken for the user's edit */
    this.replacing = false;
    const completion = ruleCompletion(/** @type {any} */ (ruleSchema), {
      categories: options.categories,
      lists: options.lists,
      isRuleFile: () => isRuleFile(this.path),
    });
    // CodeMirror styles itself at run time; in a shadow root it does so with constructed style
    // sheets, which the page's Content-Security-Policy (styles from files only) allows
    const shadow = parent.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    shadow.append(mount);
    this.view = new EditorView({
      root: shadow,
      parent: mount,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          yaml(),
          autocompletion({ override: [completion] }),
          lintGutter(),
          PAGE_LOOK,
          // Tab indents; Escape then Tab leaves the editor, as CodeMirror documents
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': options.label, spellcheck: 'false', autocapitalize: 'off' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !this.replacing) options.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
  }

  /**
   * Shows a file; with `line`, the cursor goes to that line.
   * @param {string} path
   * @param {string} text
   * @param {number} [line]
   */
  open(path, text, line) {
    this.path = path;
    this.replace(text);
    if (line !== undefined) {
      const at = this.view.state.doc.line(Math.max(1, Math.min(line, this.view.state.doc.lines))).from;
      this.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    }
  }

  /**
   * Replaces the text (after a form changed the file), keeping the cursor where it can.
   * @param {string} text
   */
  replace(text) {
    const state = this.view.state;
    if (state.doc.toString() === text) return;
    this.replacing = true;
    try {
      const anchor = Math.min(state.selection.main.anchor, text.length);
      this.view.dispatch({ changes: { from: 0, to: state.doc.length, insert: text }, selection: { anchor } });
    } finally {
      this.replacing = false;
    }
  }

  text() {
    return this.view.state.doc.toString();
  }

  focus() {
    this.view.focus();
  }

  /**
   * The draft's problems in this file, as diagnostics at their line and column.
   * @param {FileProblem[]} problems every problem of the draft; those of other files are left out
   */
  showProblems(problems) {
    const doc = this.view.state.doc;
    const diagnostics = problems
      .filter((p) => p.file === this.path)
      .map((p) => {
        const line = doc.line(Math.max(1, Math.min(p.line || 1, doc.lines)));
        const from = Math.min(line.from + Math.max(0, (p.column || 1) - 1), line.to);
        // the rest of the word at the problem, so the mark is visible
        const word = /^[^\s,:{}[\]]*/.exec(doc.sliceString(from, line.to))?.[0] ?? '';
        return { from, to: Math.min(line.to, from + Math.max(1, word.length)), severity: /** @type {const} */ ('error'), message: p.code ? `${p.message} (${p.code})` : p.message };
      });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }
}
