// @ts-check
/**
 * Changes without YAML: a payer profile's filing limit and edit tables, a named code list's
 * codes (with a search of the loaded code sets), a rule's severity, message and effective
 * dates. Each form writes the file's text and the change joins the draft like an edit in
 * the editor, with the same checks.
 */
import { byId, clear, h, showError } from './dom.js';
import { workbenchApi } from './workbench-api.js';

/**
 * @typedef {typeof import('/dist/editor.js')} EditorModule
 * @typedef {import('./workbench-draft.js').DraftFiles} DraftFiles
 * @typedef {{ onChanged: (path: string) => void }} FormActions
 */

/** the code sets the search offers, by the kind /api/codes/:kind knows them */
const CODE_KINDS = [
  ['procedure', 'Procedures (HCPCS)'],
  ['diagnosis', 'Diagnoses (ICD-10-CM)'],
  ['modifier', 'Modifiers'],
  ['pos', 'Places of service'],
];

export class WorkbenchForms {
  /**
   * @param {EditorModule} lib
   * @param {DraftFiles} draft
   * @param {FormActions} actions
   */
  constructor(lib, draft, actions) {
    this.lib = lib;
    this.draft = draft;
    this.actions = actions;
    /** @type {string[]} */
    this.payerFiles = [];
    /** @type {string[]} */
    this.listFiles = [];
    /** @type {Array<{ id: string, file: string }>} */
    this.rules = [];

    this.payerForm = /** @type {HTMLFormElement} */ (byId('wb-payer-form'));
    this.payerFile = /** @type {HTMLSelectElement} */ (byId('wb-payer-file'));
    this.periodCount = /** @type {HTMLInputElement} */ (byId('wb-period-count'));
    this.periodUnit = /** @type {HTMLSelectElement} */ (byId('wb-period-unit'));
    this.periodSummary = /** @type {HTMLInputElement} */ (byId('wb-period-summary'));
    this.editsNcci = /** @type {HTMLInputElement} */ (byId('wb-edits-ncci'));
    this.editsMue = /** @type {HTMLInputElement} */ (byId('wb-edits-mue'));
    this.payerError = byId('wb-payer-error');
    this.periodUnit.replaceChildren(...lib.PERIOD_UNITS.map((u) => h('option', { value: u }, u)));
    this.payerFile.addEventListener('change', () => void this.loadPayer());
    this.payerForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.applyPayer();
    });

    this.listForm = /** @type {HTMLFormElement} */ (byId('wb-list-form'));
    this.listFile = /** @type {HTMLSelectElement} */ (byId('wb-list-file'));
    this.listCodes = byId('wb-list-codes');
    this.listAdd = /** @type {HTMLInputElement} */ (byId('wb-list-add'));
    this.listError = byId('wb-list-error');
    this.codeKind = /** @type {HTMLSelectElement} */ (byId('wb-code-kind'));
    this.codeQuery = /** @type {HTMLInputElement} */ (byId('wb-code-q'));
    this.codeStatus = byId('wb-code-status');
    this.codeResults = byId('wb-code-results');
    this.codeKind.replaceChildren(...CODE_KINDS.map(([kind, label]) => h('option', { value: kind ?? '' }, label ?? '')));
    this.listFile.addEventListener('change', () => void this.loadList());
    this.listForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.addCode(this.listAdd.value.trim());
    });
    byId('wb-code-search').addEventListener('click', () => void this.searchCodes());
    this.codeQuery.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void this.searchCodes();
      }
    });

    this.ruleForm = /** @type {HTMLFormElement} */ (byId('wb-rule-form'));
    this.ruleId = /** @type {HTMLSelectElement} */ (byId('wb-rule-id'));
    this.ruleSeverity = /** @type {HTMLSelectElement} */ (byId('wb-rule-severity'));
    this.ruleMessage = /** @type {HTMLInputElement} */ (byId('wb-rule-message'));
    this.ruleFrom = /** @type {HTMLInputElement} */ (byId('wb-rule-from'));
    this.ruleTo = /** @type {HTMLInputElement} */ (byId('wb-rule-to'));
    this.ruleError = byId('wb-rule-error');
    this.ruleId.addEventListener('change', () => void this.loadRule());
    this.ruleForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.applyRule();
    });
  }

  /**
   * @param {string[]} paths every file of the rule set
   * @param {Array<{ id: string, file: string }>} rules
   */
  async setFiles(paths, rules) {
    this.payerFiles = paths.filter((p) => p.startsWith('payers/'));
    this.listFiles = paths.filter((p) => p.startsWith('lists/'));
    this.rules = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    fillSelect(this.payerFile, this.payerFiles.map((p) => [p, p.replace(/^payers\/|\.yaml$/g, '')]));
    fillSelect(this.listFile, this.listFiles.map((p) => [p, p.replace(/^lists\/|\.yaml$/g, '')]));
    fillSelect(this.ruleId, this.rules.map((r) => [r.id, r.id]));
    await Promise.all([this.loadPayer(), this.loadList(), this.loadRule()]);
  }

  /** Payer profiles with what they match, for the browser's payer filter. */
  async payerChoices() {
    return Promise.all(
      this.payerFiles.map(async (path) => {
        const profile = this.lib.readPayerProfile(await this.draft.text(path));
        return { id: profile.id || path, name: profile.name, kinds: profile.kinds, payerIds: profile.payerIds, isDefault: profile.isDefault };
      }),
    );
  }

  // ── payer profile ────────────────────────────────────────────────────────

  async loadPayer() {
    const path = this.payerFile.value;
    if (!path) return;
    try {
      const profile = this.lib.readPayerProfile(await this.draft.text(path));
      if (!this.lib.PERIOD_UNITS.includes(profile.unit)) this.periodUnit.append(h('option', { value: profile.unit }, profile.unit));
      this.periodUnit.value = profile.unit;
      this.periodCount.value = String(profile.count);
      this.periodSummary.value = profile.summary;
      this.editsNcci.checked = profile.ncciPtp;
      this.editsMue.checked = profile.mue;
      showError(this.payerError, '');
    } catch (error) {
      showError(this.payerError, `${path} could not be read: ${message(error)}`);
    }
  }

  /** @param {string} path */
  async showPayer(path) {
    this.payerFile.value = path;
    await this.loadPayer();
    this.payerFile.focus();
  }

  async applyPayer() {
    const path = this.payerFile.value;
    const countValue = Number(this.periodCount.value);
    if (!Number.isInteger(countValue) || countValue < 1) {
      showError(this.payerError, 'The filing limit is a whole number of at least 1.');
      this.periodCount.focus();
      return;
    }
    if (this.periodSummary.value.trim() === '') {
      showError(this.payerError, 'Write the limit in words for billers, e.g. “180 days from the date of service”.');
      this.periodSummary.focus();
      return;
    }
    await this.write(path, this.payerError, (text) =>
      this.lib.writePayerProfile(text, {
        unit: this.periodUnit.value,
        count: countValue,
        summary: this.periodSummary.value.trim(),
        ncciPtp: this.editsNcci.checked,
        mue: this.editsMue.checked,
      }),
    );
  }

  // ── named code list ──────────────────────────────────────────────────────

  async loadList() {
    const path = this.listFile.value;
    clear(this.listCodes);
    if (!path) return;
    try {
      const list = this.lib.readCodeList(await this.draft.text(path));
      byId('wb-list-about').textContent = list.description;
      list.codes.forEach((entry, index) => {
        const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${entry.code} from ${list.name}` }, 'Remove');
        remove.addEventListener('click', () => void this.write(path, this.listError, (text) => this.lib.removeListCode(text, index)).then(() => this.loadList()));
        this.listCodes.append(h('li', {}, h('code', {}, entry.code), entry.comment ? h('span', { class: 'hint' }, ` ${entry.comment}`) : null, ' ', remove));
      });
      showError(this.listError, '');
    } catch (error) {
      showError(this.listError, `${path} could not be read: ${message(error)}`);
    }
  }

  /** @param {string} code */
  async addCode(code) {
    const path = this.listFile.value;
    if (!/^[A-Za-z0-9.]{1,8}(-[A-Za-z0-9.]{1,8})?$/.test(code)) {
      showError(this.listError, 'Enter a code such as G0402, or a range such as 99202-99215.');
      this.listAdd.focus();
      return;
    }
    const list = this.lib.readCodeList(await this.draft.text(path));
    if (list.codes.some((c) => c.code.toUpperCase() === code.toUpperCase())) {
      showError(this.listError, `${code} is already on ${list.name}.`);
      return;
    }
    await this.write(path, this.listError, (text) => this.lib.addListCode(text, code.toUpperCase()));
    this.listAdd.value = '';
    await this.loadList();
  }

  async searchCodes() {
    const q = this.codeQuery.value.trim();
    clear(this.codeResults);
    if (q === '') {
      this.codeStatus.textContent = 'Type part of a code or its name.';
      return;
    }
    this.codeStatus.textContent = 'Searching…';
    try {
      const answer = await workbenchApi.searchCodes(this.codeKind.value, q);
      const codes = Array.isArray(answer) ? answer : (answer.codes ?? []);
      const total = !Array.isArray(answer) && typeof answer.total === 'number' ? answer.total : codes.length;
      const shown = Math.min(codes.length, 50);
      this.codeStatus.textContent =
        codes.length === 0
          ? 'No code matches in the loaded code set.'
          : total > shown
            ? `${total} found; the first ${shown} are shown. Type more of the code or more words to narrow it.`
            : `${codes.length} found.`;
      for (const entry of codes.slice(0, 50)) {
        const add = h('button', { type: 'button', class: 'small', 'aria-label': `Add ${entry.code} to the list` }, 'Add');
        add.addEventListener('click', () => void this.addCode(entry.code));
        const words = /** @type {any} */ (entry).meaning ?? /** @type {any} */ (entry).title ?? /** @type {any} */ (entry).name ?? '';
        this.codeResults.append(h('li', {}, h('code', {}, entry.code), ` ${words} `, add));
      }
    } catch (error) {
      const status = error && typeof error === 'object' && 'status' in error ? error.status : 0;
      const code = error && typeof error === 'object' && 'code' in error ? error.code : null;
      // the server says which table is missing and how an admin loads it
      this.codeStatus.textContent =
        code === 'SJ_REFERENCE_NOT_LOADED'
          ? `${message(error)}. Type the code above instead.`
          : status === 404
            ? 'This server cannot search that code set (it is not loaded, or the search is not available). Type the code above instead.'
            : `The search failed: ${message(error)}`;
    }
  }

  // ── one rule ─────────────────────────────────────────────────────────────

  async loadRule() {
    const rule = this.rules.find((r) => r.id === this.ruleId.value);
    if (!rule) return;
    try {
      const form = this.lib.readRuleForm(await this.draft.text(rule.file), rule.id);
      if (!form) throw new Error(`${rule.id} is no longer in ${rule.file}`);
      this.ruleSeverity.value = form.severity;
      this.ruleMessage.value = form.message;
      this.ruleFrom.value = form.from;
      this.ruleTo.value = form.to;
      showError(this.ruleError, '');
    } catch (error) {
      showError(this.ruleError, `${rule.file} could not be read: ${message(error)}`);
    }
  }

  /** @param {string} ruleId */
  async showRule(ruleId) {
    this.ruleId.value = ruleId;
    await this.loadRule();
    this.ruleId.focus();
  }

  async applyRule() {
    const rule = this.rules.find((r) => r.id === this.ruleId.value);
    if (!rule) return;
    if (this.ruleMessage.value.trim().length < 3) {
      showError(this.ruleError, 'The message needs at least a few words.');
      this.ruleMessage.focus();
      return;
    }
    await this.write(rule.file, this.ruleError, (text) =>
      this.lib.writeRuleForm(text, rule.id, {
        severity: this.ruleSeverity.value,
        message: this.ruleMessage.value.trim(),
        from: this.ruleFrom.value,
        to: this.ruleTo.value,
      }),
    );
  }

  /**
   * Rewrites a file through `change` and hands it to the draft.
   * @param {string} path
   * @param {HTMLElement} errorBox
   * @param {(text: string) => string} change
   */
  async write(path, errorBox, change) {
    try {
      const text = await this.draft.text(path);
      const changed = change(text);
      showError(errorBox, '');
      if (changed === text) return;
      this.draft.set(path, changed);
      this.actions.onChanged(path);
    } catch (error) {
      showError(errorBox, `The change could not be written into ${path}: ${message(error)}`);
    }
  }
}

/**
 * @param {HTMLSelectElement} select
 * @param {Array<[string, string]>} options value and label
 */
function fillSelect(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
}

/** @param {unknown} error */
function message(error) {
  return error instanceof Error ? error.message : String(error);
}
