/**
 * "Which rule checks modifier 25?": searches the rule files — ids, titles, descriptions,
 * the values and lists their conditions use — for what the question names. Codes and
 * CARCs named in the question are matched exactly first; words go through a full-text
 * index built once per rule set.
 */
import MiniSearch from 'minisearch';
import type { PreparedRuleSet } from '../../engine/prepare.js';
import type { LoadedRule } from '../../rules/rule.js';
import type { Answer, AnswerContext } from '../context.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

const SHOWN = 5;

// Words of the question that ask for a rule rather than say what it is about.
const ASKING = new Set([
  'which', 'what', 'whats', 'rule', 'rules', 'edit', 'edits', 'check', 'checks', 'checking', 'checked', 'is', 'are', 'there', 'a', 'an', 'the', 'for',
  'find', 'show', 'me', 'about', 'look', 'looks', 'at', 'catch', 'catches', 'validate', 'validates', 'handle', 'handles', 'do', 'does', 'you', 'list', 'where',
  'search', 'fires', 'fire', 'use', 'uses', 'of', 'on', 'in', 'to', 'any', 'that', 'this', 'with', 'it', 'i', 'can', 'scrubjay',
]);

interface RuleDoc {
  id: string;
  words: string;
  title: string;
  description: string;
  conditions: string;
}

/** Every value, path and list (with its description) a rule's conditions use, as words. */
function conditionWords(rule: LoadedRule, prepared: PreparedRuleSet): string {
  const json = JSON.stringify(rule.conditions);
  const lists = [...prepared.ruleSet.lists.values()].filter((l) => json.includes(`"${l.name}"`)).map((l) => `${l.name.replace(/-/g, ' ')} ${l.description}`);
  return `${json.replace(/[{}[\]",:$.]/g, ' ')} ${lists.join(' ')} ${rule.field ?? ''} ${rule.category.replace(/-/g, ' ')}`;
}

const indexes = new WeakMap<PreparedRuleSet, MiniSearch<RuleDoc>>();

function indexOf(prepared: PreparedRuleSet): MiniSearch<RuleDoc> {
  let index = indexes.get(prepared);
  if (!index) {
    index = new MiniSearch<RuleDoc>({
      fields: ['words', 'title', 'description', 'conditions'],
      idField: 'id',
      processTerm: (t) => {
        const term = t.toLowerCase().replace(/'s$/, '');
        return ASKING.has(term) ? null : term;
      },
      searchOptions: { boost: { words: 3, title: 2 }, prefix: (t) => t.length >= 4, fuzzy: (t) => (t.length >= 6 ? 0.2 : false) },
    });
    index.addAll(prepared.ruleSet.rules.map((r) => ({ id: r.id, words: r.id.replace(/-/g, ' '), title: r.title, description: r.description, conditions: conditionWords(r, prepared) })));
    indexes.set(prepared, index);
  }
  return index;
}

const conditionTexts = new WeakMap<PreparedRuleSet, Map<string, string>>();

/** A rule's conditions as JSON text, for exact searches (remembered per rule set). */
export function conditionText(prepared: PreparedRuleSet, rule: LoadedRule): string {
  let texts = conditionTexts.get(prepared);
  if (!texts) {
    texts = new Map(prepared.ruleSet.rules.map((r) => [r.id, JSON.stringify(r.conditions)]));
    conditionTexts.set(prepared, texts);
  }
  return texts.get(rule.id) ?? JSON.stringify(rule.conditions);
}

/** Rules that use a code exactly: as a condition value, in a list their conditions name, or in their title. */
function rulesUsingCode(prepared: PreparedRuleSet, code: string, kind: 'modifier' | 'procedure' | 'diagnosis'): LoadedRule[] {
  return prepared.ruleSet.rules.filter((r) => {
    const json = conditionText(prepared, r);
    if (json.includes(`"${code}"`)) return kind !== 'procedure' || json.includes('procedureCode');
    if (new RegExp(`\\b${kind === 'modifier' ? 'modifier ' : ''}${code.replace('.', '\\.')}\\b`, 'i').test(r.title)) return true;
    return [...prepared.ruleSet.lists.values()].some((l) => json.includes(`"${l.name}"`) && l.has(code) && (kind !== 'modifier' || json.includes('modifiers')));
  });
}

function describe(rule: LoadedRule): string {
  return `• ${rule.id} — ${rule.title}${rule.carc ? ` (CARC ${rule.carc})` : ''} · ${rule.source.file}:${rule.source.line}`;
}

export function ruleSearch(ctx: AnswerContext): Answer {
  const { prepared, entities: e } = ctx;
  const found: LoadedRule[] = [];
  const add = (rules: readonly LoadedRule[]): void => {
    for (const r of rules) if (!found.includes(r)) found.push(r);
  };
  for (const id of e.ruleIds) {
    const rule = prepared.byId.get(id)?.rule;
    if (rule) add([rule]);
  }
  for (const carc of e.carc) add(prepared.ruleSet.rules.filter((r) => r.carc === carc));
  for (const rarc of e.rarc) add(prepared.ruleSet.rules.filter((r) => r.rarc?.includes(rarc)));
  for (const mod of e.modifiers) add(rulesUsingCode(prepared, mod, 'modifier'));
  for (const code of [...e.cpt, ...e.hcpcs]) add(rulesUsingCode(prepared, code, 'procedure'));
  // a diagnosis code is checked by every diagnosis rule; the ones naming it in a list or condition come first
  for (const code of e.icd) add([...rulesUsingCode(prepared, code, 'diagnosis'), ...prepared.byScope.diagnosis.rules.map((r) => r.rule)]);
  const exact = found.length;
  const about = e.modifiers.length > 0 ? 'modifier' : e.icd.length > 0 ? 'diagnosis' : '';
  const words = `${ctx.question.replace(/\b(?:carcs?|rarcs?)\b\s*\w+/gi, ' ')} ${about}`;
  if (exact === 0 || e.modifiers.length > 0) {
    const hits = indexOf(prepared).search(words, { combineWith: 'OR' });
    const top = hits[0]?.score ?? 0;
    // keep the hits close to the best one: a long tail of weak matches helps nobody
    add(hits.filter((h) => h.score >= top * 0.5).map((h) => prepared.byId.get(String(h.id))?.rule).filter((r): r is LoadedRule => r !== undefined));
  }
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  if (found.length === 0) {
    return {
      text: 'No rule in the rule set matches that. Rules are found by what they check (a modifier, a code, a field such as "member id") or by the CARC they predict.',
      suggestions: pickSuggestions(ctx.question, ['Which rule checks modifier 25?', 'Which rule checks duplicate lines?', 'Which rules use CARC 16?', ...base], ctx),
    };
  }
  const shown = found.slice(0, SHOWN);
  const many = shown.length < found.length;
  const lead =
    shown.length === 1
      ? 'This rule matches:'
      : many && exact === found.length
        ? `${found.length} rules match; the first ${SHOWN}:`
        : many
          ? `The ${SHOWN} closest of ${found.length} rules:`
          : 'These rules match:';
  const first = shown[0];
  const follow = first ? [`Explain ${first.id}`, ...(first.carc ? [`What does CARC ${first.carc} mean?`] : [])] : [];
  return { text: `${lead}\n${shown.map(describe).join('\n')}`, suggestions: pickSuggestions(ctx.question, [...follow, ...base], ctx) };
}
