// @ts-check
/**
 * The claim as a CMS-1500: one fieldset per block of the paper form, each label with its
 * item number, service lines and diagnoses added and taken out in place. The form holds a
 * claim in the contract's JSON shape and tells its owner after every change, so the JSON
 * text box beside it can follow; fields the form has no control for (NDC, taxonomy, a
 * sender's extensions) stay in the claim untouched.
 */
import { h, clear, money } from './dom.js';
import { controlPathFor, getPath, setPath } from './claim-paths.js';
import {
  FOOT_BLOCKS,
  HEAD_BLOCKS,
  ICD_INDICATOR,
  LINE_FIELDS,
  MAX_DIAGNOSES,
  MODIFIER_BOXES,
  addDiagnosis,
  addLine,
  blankClaim,
  diagnosisLetter,
  formatValue,
  lineChargeCents,
  modifiersFromBoxes,
  parseValue,
  removeDiagnosis,
  removeLine,
} from './claim-form-fields.js';

/**
 * @typedef {import('./claim-paths.js').ClaimObject} ClaimObject
 * @typedef {import('./claim-form-fields.js').FieldSpec} FieldSpec
 * @typedef {import('./claim-form-fields.js').Block} Block
 */

/**
 * @param {string} prefix
 * @param {string} path
 */
const idFor = (prefix, path) => `${prefix}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export class ClaimForm {
  /**
   * @param {HTMLElement} root
   * @param {{ onChange: (claim: ClaimObject) => void, idPrefix?: string }} options
   *   idPrefix: where a page holds two forms, each needs ids of its own for its labels to name its controls
   */
  constructor(root, options) {
    this.root = root;
    this.onChange = options.onChange;
    this.prefix = options.idPrefix ?? 'cf';
    /** @type {ClaimObject} */
    this.held = blankClaim();
    root.addEventListener('input', (event) => this.edited(/** @type {HTMLElement} */ (event.target)));
    // an amount reads as money once the biller leaves it
    root.addEventListener('change', (event) => {
      const control = /** @type {HTMLInputElement} */ (event.target);
      if (control.dataset.kind === 'money' && control.getAttribute('aria-invalid') !== 'true') {
        control.value = formatValue('money', getPath(this.held, control.dataset.path ?? ''));
      }
    });
    this.render();
  }

  /** @returns {ClaimObject} the claim as the form holds it */
  get claim() {
    return this.held;
  }

  /** @param {ClaimObject} claim */
  load(claim) {
    this.held = structuredClone(claim);
    this.render();
  }

  /** Starts again from an empty claim. */
  reset() {
    this.load(blankClaim());
    this.changed();
  }

  /** @param {unknown} claim whether the form holds this claim as it is */
  holds(claim) {
    return JSON.stringify(claim) === JSON.stringify(this.held);
  }

  /**
   * Focuses and marks the control of a finding's field: its path, else its line.
   * @param {string | null} path
   * @param {number | null} line 1-based
   * @returns {boolean} whether there was a control to show
   */
  showField(path, line) {
    const wanted = path ?? (line !== null ? `lines[${line - 1}]` : null);
    if (wanted === null) return false;
    const controls = [...this.root.querySelectorAll('[data-path]')];
    const found = controlPathFor(
      wanted,
      controls.map((control) => control.getAttribute('data-path') ?? ''),
    );
    const control = found === null ? null : /** @type {HTMLElement | null} */ (this.root.querySelector(`[data-path="${CSS.escape(found)}"]`));
    for (const marked of this.root.querySelectorAll('.flagged')) marked.classList.remove('flagged');
    if (!control) return false;
    (control.closest('.cf-field') ?? control).classList.add('flagged');
    control.scrollIntoView({ block: 'center' });
    control.focus({ preventScroll: true });
    return true;
  }

  changed() {
    this.showSum();
    this.onChange(this.held);
  }

  /** @param {HTMLElement} control */
  edited(control) {
    const path = control.dataset.path;
    const kind = /** @type {import('./claim-form-fields.js').FieldKind | 'modifier' | undefined} */ (control.dataset.kind);
    if (!path || !kind) return;
    (control.closest('.cf-field') ?? control).classList.remove('flagged');
    if (kind === 'modifier') {
      const line = control.dataset.line ?? '';
      const boxes = [...this.root.querySelectorAll(`input[data-kind="modifier"][data-line="${line}"]`)].map((box) => /** @type {HTMLInputElement} */ (box).value);
      this.held = setPath(this.held, `lines[${line}].modifiers`, modifiersFromBoxes(boxes));
      this.changed();
      return;
    }
    const text = control instanceof HTMLInputElement && control.type === 'checkbox' ? (control.checked ? 'Y' : '') : /** @type {HTMLInputElement} */ (control).value;
    const parsed = parseValue(kind, text);
    const error = this.root.querySelector(`#${idFor(this.prefix, path)}-error`);
    if (!parsed.ok) {
      control.setAttribute('aria-invalid', 'true');
      if (error) {
        error.textContent = parsed.message;
        /** @type {HTMLElement} */ (error).hidden = false;
      }
      return;
    }
    control.removeAttribute('aria-invalid');
    if (error) /** @type {HTMLElement} */ (error).hidden = true;
    this.held = setPath(this.held, path, parsed.value);
    this.changed();
  }

  render() {
    // a re-render keeps the biller where they were
    const focused = /** @type {HTMLElement | null} */ (document.activeElement);
    const focusedPath = focused && this.root.contains(focused) ? focused.dataset.path ?? focused.dataset.action ?? null : null;
    clear(this.root);
    for (const block of HEAD_BLOCKS) this.root.append(this.blockView(block));
    this.root.append(this.diagnosesView(), this.linesView());
    for (const block of FOOT_BLOCKS) this.root.append(this.blockView(block));
    this.showSum();
    if (focusedPath) this.focusPath(focusedPath);
  }

  /** @param {string} key a control's path or action */
  focusPath(key) {
    const control = /** @type {HTMLElement | null} */ (
      this.root.querySelector(`[data-path="${CSS.escape(key)}"]`) ?? this.root.querySelector(`[data-action="${CSS.escape(key)}"]`)
    );
    control?.focus();
  }

  showSum() {
    const output = this.root.querySelector(`#${this.prefix}-line-sum`);
    if (!output) return;
    const cents = lineChargeCents(this.held);
    output.textContent = cents === null ? 'Sum of the line charges: — (a line has no charge)' : `Sum of the line charges: ${money(cents / 100)}`;
  }

  /** @param {Block} block */
  blockView(block) {
    const fieldset = h('fieldset', { class: 'cms-block', 'data-block': block.id }, h('legend', {}, block.legend));
    if (block.hint) fieldset.append(h('p', { class: 'hint' }, block.hint));
    const grid = h('div', { class: 'cms-grid' });
    for (const field of block.fields) grid.append(this.fieldView(field, field.key));
    fieldset.append(grid);
    if (block.id === 'totals') fieldset.append(h('p', { id: `${this.prefix}-line-sum`, class: 'hint', 'aria-live': 'polite' }));
    return fieldset;
  }

  /**
   * @param {FieldSpec} field
   * @param {string} path
   * @param {{ line?: number }} [where]
   */
  fieldView(field, path, where = {}) {
    const id = idFor(this.prefix, path);
    const kind = field.kind ?? 'text';
    const value = getPath(this.held, path);
    const label = h('label', { for: id }, field.label, ' ', h('span', { class: 'item-no' }, `item ${field.item}`));
    const described = [field.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
    /** @type {HTMLElement} */
    let control;
    if (kind === 'choice' || kind === 'codeSet') {
      control = h('select', { id, 'data-path': path, 'data-kind': kind, 'aria-describedby': described });
      const current = formatValue(kind, value);
      const choices = field.choices ?? [];
      if (kind === 'choice') control.append(h('option', { value: '' }, '—'));
      for (const choice of choices) control.append(h('option', { value: choice.value }, choice.label));
      // a value the list does not have is kept, so loading a claim never changes it
      if (current !== '' && !choices.some((choice) => choice.value === current)) control.append(h('option', { value: current }, `${current} (as in the claim)`));
      /** @type {HTMLSelectElement} */ (control).value = current;
    } else if (kind === 'check') {
      control = h('input', { id, type: 'checkbox', 'data-path': path, 'data-kind': kind });
      /** @type {HTMLInputElement} */ (control).checked = formatValue(kind, value) === 'Y';
      const wrap = h('div', { class: 'cf-field cf-check' }, h('label', { for: id, class: 'check' }, control, field.label, ' ', h('span', { class: 'item-no' }, `item ${field.item}`)));
      return wrap;
    } else {
      control = h('input', {
        id,
        type: 'text',
        'data-path': path,
        'data-kind': kind,
        autocomplete: 'off',
        spellcheck: 'false',
        inputmode: kind === 'money' || kind === 'number' ? 'decimal' : undefined,
        placeholder: kind === 'date' ? 'YYYY-MM-DD' : kind === 'money' ? '$0.00' : undefined,
        'aria-describedby': described,
      });
      /** @type {HTMLInputElement} */ (control).value = formatValue(kind, value);
    }
    if (where.line !== undefined) control.dataset.line = String(where.line);
    return h(
      'div',
      { class: `cf-field${field.wide ? ' wide' : ''}` },
      label,
      control,
      field.hint ? h('p', { id: `${id}-hint`, class: 'hint' }, field.hint) : null,
      h('p', { id: `${id}-error`, class: 'field-error', hidden: true }),
    );
  }

  diagnosesView() {
    const diagnoses = Array.isArray(this.held.diagnoses) ? this.held.diagnoses : [];
    const fieldset = h('fieldset', { class: 'cms-block', 'data-block': 'diagnoses' }, h('legend', {}, 'Diagnoses (item 21)'));
    fieldset.append(h('div', { class: 'cms-grid' }, this.fieldView(ICD_INDICATOR, ICD_INDICATOR.key)));
    const list = h('ol', { class: 'cf-diagnoses' });
    diagnoses.forEach((_code, index) => {
      const letter = diagnosisLetter(index);
      const path = `diagnoses[${index}]`;
      const field = this.fieldView({ key: path, label: `Diagnosis ${letter}`, item: `21${letter}` }, path);
      const remove = h('button', { type: 'button', class: 'small', 'data-action': `remove-${path}`, 'aria-label': `Remove diagnosis ${letter}` }, 'Remove');
      remove.addEventListener('click', () => {
        this.held = removeDiagnosis(this.held, index);
        this.render();
        this.changed();
        this.focusPath(index > 0 ? `diagnoses[${index - 1}]` : 'add-diagnosis');
      });
      field.append(remove);
      list.append(h('li', {}, field));
    });
    const add = h('button', { type: 'button', 'data-action': 'add-diagnosis', 'data-path': 'diagnoses', disabled: diagnoses.length >= MAX_DIAGNOSES }, 'Add a diagnosis');
    add.addEventListener('click', () => {
      this.held = addDiagnosis(this.held);
      this.render();
      this.changed();
      this.focusPath(`diagnoses[${diagnoses.length}]`);
    });
    fieldset.append(list, h('div', { class: 'actions' }, add));
    return fieldset;
  }

  linesView() {
    const lines = Array.isArray(this.held.lines) ? this.held.lines : [];
    const fieldset = h('fieldset', { class: 'cms-block', 'data-block': 'lines' }, h('legend', {}, 'Service lines (item 24)'));
    lines.forEach((_line, index) => fieldset.append(this.lineView(index)));
    const add = h('button', { type: 'button', 'data-action': 'add-line', 'data-path': 'lines' }, 'Add a service line');
    add.addEventListener('click', () => {
      this.held = addLine(this.held);
      this.render();
      this.changed();
      this.focusPath(`lines[${lines.length}].serviceDate`);
    });
    fieldset.append(h('div', { class: 'actions' }, add));
    return fieldset;
  }

  /** @param {number} index */
  lineView(index) {
    const n = index + 1;
    const fieldset = h('fieldset', { class: 'cms-line', 'data-line': n }, h('legend', {}, `Line ${n}`));
    const grid = h('div', { class: 'cms-grid' });
    for (const field of LINE_FIELDS) {
      grid.append(this.fieldView(field, `lines[${index}].${field.key}`, { line: index }));
      if (field.key === 'procedureCode') grid.append(this.modifiersView(index));
    }
    const remove = h('button', { type: 'button', class: 'small', 'data-action': `remove-lines[${index}]` }, `Remove line ${n}`);
    remove.addEventListener('click', () => {
      this.held = removeLine(this.held, index);
      this.render();
      this.changed();
      this.focusPath(index > 0 ? `remove-lines[${index - 1}]` : 'add-line');
    });
    fieldset.append(grid, h('div', { class: 'actions' }, remove));
    return fieldset;
  }

  /** @param {number} index */
  modifiersView(index) {
    const modifiers = getPath(this.held, `lines[${index}].modifiers`);
    const values = Array.isArray(modifiers) ? modifiers : [];
    const group = h('div', { class: 'cf-field cf-modifiers', role: 'group', 'aria-labelledby': `${this.prefix}-mods-${index}` });
    group.append(h('span', { id: `${this.prefix}-mods-${index}`, class: 'cf-group-label' }, 'Modifiers ', h('span', { class: 'item-no' }, 'item 24D')));
    const boxes = h('div', { class: 'cf-boxes' });
    const count = Math.max(MODIFIER_BOXES, values.length);
    for (let k = 0; k < count; k++) {
      const path = `lines[${index}].modifiers[${k}]`;
      const id = idFor(this.prefix, path);
      const box = h('input', { id, type: 'text', 'data-path': path, 'data-kind': 'modifier', 'data-line': index, autocomplete: 'off', spellcheck: 'false', maxlength: 8, size: 3 });
      const value = values[k];
      /** @type {HTMLInputElement} */ (box).value = value === null || value === undefined ? '' : String(value);
      boxes.append(h('label', { for: id, class: 'visually-hidden' }, `Line ${index + 1} modifier ${k + 1}`), box);
    }
    group.append(boxes);
    return group;
  }
}
