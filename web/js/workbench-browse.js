// @ts-check
/**
 * The rule set as compliance reads it: every rule by family and payer, with its CARC,
 * severity, scope, references, lists, tests and how often it fired in the last 30 days;
 * and the two lists to look at, rules that never fired in 90 days and rules that fire on
 * more than half the claims.
 */
import { byId, clear, count, h, plural } from './dom.js';

/**
 * @typedef {import('./workbench-api.js').WorkbenchRule} WorkbenchRule
 * @typedef {import('./workbench-api.js').WorkbenchRules} WorkbenchRules
 * @typedef {import('./workbench-api.js').Insights} Insights
 * @typedef {{ id: string, name: string, kinds: string[], payerIds: string[], isDefault: boolean }} PayerChoice
 * @typedef {{ onEdit: (rule: WorkbenchRule) => void, onForm: (rule: WorkbenchRule) => void }} BrowseActions
 */

const FAMILY_NAMES = /** @type {Record<string, string>} */ ({
  'missing-information': 'Missing information',
  'code-validity': 'Code validity',
  'code-compatibility': 'Code compatibility',
  'timely-filing': 'Timely filing',
  'reference-data': 'Official tables',
});

/** @param {string} family */
export function familyName(family) {
  return FAMILY_NAMES[family] ?? family;
}

/**
 * Whether a rule runs on a profile's claims: a rule without a payer limit runs on every
 * payer's; one limited to payer kinds or ids runs where the profile's match meets them.
 * @param {WorkbenchRule} rule
 * @param {PayerChoice} payer
 */
export function appliesToPayer(rule, payer) {
  const kinds = rule.appliesTo?.payerKinds ?? [];
  const ids = rule.appliesTo?.payerIds ?? [];
  if (kinds.length === 0 && ids.length === 0) return true;
  return kinds.some((k) => payer.kinds.includes(k)) || ids.some((id) => payer.payerIds.includes(id));
}

/** @param {number} share */
function percent(share) {
  return `${Math.round(share * 1000) / 10}%`;
}

export class RuleBrowser {
  /** @param {BrowseActions} actions */
  constructor(actions) {
    this.actions = actions;
    this.family = /** @type {HTMLSelectElement} */ (byId('wb-family'));
    this.payer = /** @type {HTMLSelectElement} */ (byId('wb-payer'));
    this.list = byId('wb-rules');
    this.countLine = byId('wb-rules-count');
    /** @type {WorkbenchRules | null} */
    this.data = null;
    /** @type {PayerChoice[]} */
    this.payers = [];
    this.family.addEventListener('change', () => this.render());
    this.payer.addEventListener('change', () => this.render());
  }

  /** @param {WorkbenchRules} data */
  setRules(data) {
    this.data = data;
    const families = [...new Set(data.rules.map((r) => r.category))].sort();
    const chosen = this.family.value;
    this.family.replaceChildren(h('option', { value: '' }, 'All families'), ...families.map((f) => h('option', { value: f }, familyName(f))));
    this.family.value = families.includes(chosen) ? chosen : '';
    this.render();
  }

  /** @param {PayerChoice[]} payers */
  setPayers(payers) {
    this.payers = payers;
    const chosen = this.payer.value;
    this.payer.replaceChildren(h('option', { value: '' }, 'All payers'), ...payers.map((p) => h('option', { value: p.id }, p.name)));
    this.payer.value = payers.some((p) => p.id === chosen) ? chosen : '';
    this.render();
  }

  render() {
    clear(this.list);
    if (!this.data) return;
    const payer = this.payers.find((p) => p.id === this.payer.value);
    const rules = this.data.rules.filter((r) => (this.family.value === '' || r.category === this.family.value) && (!payer || appliesToPayer(r, payer)));
    this.countLine.textContent = `${plural(rules.length, 'rule')} shown · fired counts over ${plural(this.data.scrubs, 'stored scrub')} since ${this.data.since.slice(0, 10)}`;
    for (const rule of rules) this.list.append(this.ruleCard(rule));
  }

  /** @param {WorkbenchRule} rule */
  ruleCard(rule) {
    const edit = h('button', { type: 'button', 'aria-label': `Edit ${rule.id} in the editor` }, 'Edit YAML');
    edit.addEventListener('click', () => this.actions.onEdit(rule));
    const form = h('button', { type: 'button', 'aria-label': `Change ${rule.id} with the form` }, 'Form');
    form.addEventListener('click', () => this.actions.onForm(rule));
    const limits = [
      ...(rule.appliesTo?.payerKinds ?? []),
      ...(rule.appliesTo?.payerIds ?? []).map((id) => `payer ${id}`),
      ...(rule.appliesTo?.from ? [`from ${rule.appliesTo.from}`] : []),
      ...(rule.appliesTo?.to ? [`to ${rule.appliesTo.to}`] : []),
    ];
    return h(
      'li',
      { class: `wb-rule sev-${rule.severity}`, 'data-rule': rule.id },
      h('div', { class: 'wb-rule-head' }, h('strong', {}, rule.title), h('code', {}, rule.id)),
      h(
        'dl',
        { class: 'wb-facts' },
        ...[
          ['Family', familyName(rule.category)],
          ['Severity', rule.severity],
          ['CARC', rule.carc ?? '—'],
          ['Scope', rule.scope],
          ['Applies to', limits.length > 0 ? limits.join(', ') : 'every payer'],
          ['Fired (30 days)', `${count(rule.fired)} · ${percent(rule.share)}`],
        ].map(([term, value]) => h('div', {}, h('dt', {}, term ?? ''), h('dd', {}, value ?? ''))),
      ),
      h(
        'details',
        { class: 'wb-more' },
        h('summary', {}, `References, lists and ${plural(rule.tests.length, 'test')}`),
        h('h5', {}, 'References'),
        h('ul', {}, ...rule.references.map((ref) => h('li', {}, ref.url ? h('a', { href: ref.url, rel: 'noopener noreferrer', target: '_blank' }, ref.title) : ref.title, ref.section ? ` — ${ref.section}` : ''))),
        h('h5', {}, 'Named lists'),
        rule.lists.length > 0 ? h('ul', {}, ...rule.lists.map((l) => h('li', {}, h('code', {}, l)))) : h('p', { class: 'hint' }, 'None.'),
        h('h5', {}, 'Tests'),
        h('ul', {}, ...rule.tests.map((t) => h('li', {}, t))),
        h('p', { class: 'hint' }, `${rule.source.file}, line ${rule.source.line}`),
      ),
      h('div', { class: 'actions' }, edit, form),
    );
  }

  /** @param {Insights} insights */
  setInsights(insights) {
    const never = byId('wb-never');
    const over = byId('wb-over-half');
    byId('wb-insights-lead').textContent = `Over ${plural(insights.scrubs, 'stored scrub')} since ${insights.since.slice(0, 10)} (${insights.days} days).`;
    never.replaceChildren(
      ...(insights.neverFired.length > 0 ? insights.neverFired.map((r) => h('li', {}, h('code', {}, r.ruleId), ` ${r.title}`)) : [h('li', { class: 'hint' }, 'Every rule fired at least once.')]),
    );
    over.replaceChildren(
      ...(insights.overHalf.length > 0
        ? insights.overHalf.map((r) => h('li', {}, h('code', {}, r.ruleId), ` ${r.title} — ${count(r.scrubs)} claims, ${percent(r.share)}`))
        : [h('li', { class: 'hint' }, 'No rule fires on more than half the claims.')]),
    );
  }
}
