/**
 * What the assistant knows about a rule set's rules, built once per rule set (a reloaded
 * rule set gets its own): a full-text index of ids, titles, descriptions and the values
 * and lists their conditions use, and which codes each rule names or checks.
 */
import MiniSearch from 'minisearch';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { Condition, LoadedRule } from '../rules/rule.js';
import { compilePattern, type RulePattern } from '../rules/operators.js';

export type CodeKind = 'modifier' | 'procedure' | 'diagnosis';

export interface RuleIndex {
  /** rules whose words match, best first, with their search score */
  search(words: string): Array<{ rule: LoadedRule; score: number }>;
  /** a rule's conditions as JSON text */
  conditionText(rule: LoadedRule): string;
  /** rules that name the code itself: as a condition value, in a list their conditions use, or in their title */
  naming(code: string, kind: CodeKind): LoadedRule[];
  /** rules that check every code of the kind (its format, or against a code table), this code included */
  checkingEvery(code: string, kind: CodeKind): LoadedRule[];
}

// Words of a question that ask for a rule rather than say what it is about.
const ASKING = new Set([
  'which', 'what', 'whats', 'rule', 'rules', 'edit', 'edits', 'check', 'checks', 'checking', 'checked', 'is', 'are', 'there', 'a', 'an', 'the', 'for',
  'find', 'show', 'me', 'about', 'look', 'looks', 'at', 'catch', 'catches', 'validate', 'validates', 'handle', 'handles', 'do', 'does', 'you', 'list', 'where',
  'search', 'fires', 'fire', 'use', 'uses', 'of', 'on', 'in', 'to', 'any', 'that', 'this', 'with', 'it', 'i', 'can', 'scrubjay', 'flag', 'flags',
]);

interface RuleDoc {
  id: string;
  words: string;
  title: string;
  description: string;
  conditions: string;
}

interface Leaf {
  fact: string;
  path: string;
  operator: string;
  value: unknown;
  /** false inside an odd number of `not`s */
  positive: boolean;
}

function leavesOf(condition: Condition, positive = true, out: Leaf[] = []): Leaf[] {
  if ('all' in condition) for (const c of condition.all) leavesOf(c, positive, out);
  else if ('any' in condition) for (const c of condition.any) leavesOf(c, positive, out);
  else if ('not' in condition) leavesOf(condition.not, !positive, out);
  else out.push({ fact: condition.fact, path: condition.path ?? '$', operator: condition.operator, value: condition.value, positive });
  return out;
}

/** The condition leaves that read codes of a kind: `line.procedureCode`, `diagnosis.code`, `line.modifiers`, ... */
const READS: Record<CodeKind, (leaf: Leaf) => boolean> = {
  procedure: (l) => /procedureCode$/.test(l.path),
  diagnosis: (l) => (l.fact === 'diagnosis' && /^\$\.(?:code|codeWithoutDot)$/.test(l.path)) || (l.fact === 'claim' && l.path === '$.diagnoses'),
  modifier: (l) => /modifiers$/.test(l.path),
};

/** Facts that look a code up in an official table, so a rule using them checks every code of the kind. */
const TABLE_FACTS: Record<CodeKind, readonly string[]> = {
  procedure: ['ptp', 'mue', 'hcpcs'],
  diagnosis: ['icd10', 'mce'],
  modifier: ['hcpcs'],
};

/** Whether a rule reports on the field a code of the kind is in (a diagnosis rule's finding points at the entry itself). */
const REPORTS_ON: Record<CodeKind, (rule: LoadedRule) => boolean> = {
  procedure: (r) => /^(?:procedureCode|units)$/.test(r.field ?? ''),
  diagnosis: (r) => (r.scope === 'diagnosis' && r.field === undefined) || r.field === 'diagnoses',
  modifier: (r) => r.field === 'modifiers',
};

/** Operators whose value is one code, a set of codes or a list: a leaf using them is about those codes only. */
const VALUE_SPECIFIC = new Set(['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'inList', 'notInList', 'someInList']);
/** Operators whose condition holds when the code is not there. */
const ABSENCE = new Set(['notEqual', 'notIn', 'doesNotContain', 'notInList']);

/** The rule's own pattern, run as the scrub runs it (RE2: in linear time, whatever text the chat was given). */
const asPattern = (value: unknown): RulePattern | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    return compilePattern(value);
  } catch {
    return undefined;
  }
};

/** The forms a code may be written in, as a condition would see it ("E11.9" and "E119"). */
const forms = (code: string): string[] => [...new Set([code, code.replace('.', '')])];

function buildIndex(prepared: PreparedRuleSet): RuleIndex {
  const { rules, lists } = prepared.ruleSet;
  const json = new Map(rules.map((r) => [r.id, JSON.stringify(r.conditions)]));
  const leaves = new Map(rules.map((r) => [r.id, leavesOf(r.conditions)]));
  const listNamesOf = (r: LoadedRule): string[] => [...lists.values()].filter((l) => json.get(r.id)?.includes(`"${l.name}"`)).map((l) => l.name);

  const conditionWords = (r: LoadedRule): string => {
    const named = listNamesOf(r).map((name) => `${name.replace(/-/g, ' ')} ${lists.get(name)?.description ?? ''}`);
    return `${(json.get(r.id) ?? '').replace(/[{}[\]",:$.]/g, ' ')} ${named.join(' ')} ${r.field ?? ''} ${r.category.replace(/-/g, ' ')}`;
  };
  const text = new MiniSearch<RuleDoc>({
    fields: ['words', 'title', 'description', 'conditions'],
    idField: 'id',
    processTerm: (t) => {
      const term = t.toLowerCase().replace(/'s$/, '');
      return ASKING.has(term) ? null : term;
    },
    searchOptions: { boost: { words: 3, title: 2 }, prefix: (t) => t.length >= 4, fuzzy: (t) => (t.length >= 6 ? 0.2 : false) },
  });
  text.addAll(rules.map((r) => ({ id: r.id, words: r.id.replace(/-/g, ' '), title: r.title, description: r.description, conditions: conditionWords(r) })));

  /** How a rule names the code: 2 a condition that needs it there, 1 one that needs it absent or only the title, 0 not at all. */
  const namingRank = (r: LoadedRule, code: string, kind: CodeKind): number => {
    const own = (leaves.get(r.id) ?? []).filter(READS[kind]);
    const written = forms(code);
    let rank = 0;
    for (const leaf of own) {
      if (!VALUE_SPECIFIC.has(leaf.operator)) continue;
      const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      const list = typeof leaf.value === 'string' ? lists.get(leaf.value) : undefined;
      if (!values.some((v) => typeof v === 'string' && written.includes(v.toUpperCase())) && !(list && written.some((c) => list.has(c)))) continue;
      // under a `not`, a presence test is an absence test and the other way round
      if (ABSENCE.has(leaf.operator) !== leaf.positive) return 2;
      rank = 1;
    }
    const word = new RegExp(`\\b${kind === 'modifier' ? 'modifier ' : ''}${code.replace('.', '\\.')}\\b`, 'i');
    return rank > 0 || word.test(r.title) ? 1 : 0;
  };

  // the rules a code's presence makes fire first ("which rule checks modifier 25?"), then those its absence does
  const naming = (code: string, kind: CodeKind): LoadedRule[] =>
    rules
      .map((r) => ({ r, rank: namingRank(r, code, kind) }))
      .filter((x) => x.rank > 0)
      .sort((a, b) => b.rank - a.rank)
      .map((x) => x.r);

  const checksEvery = (code: string, kind: CodeKind): LoadedRule[] =>
    rules.filter((r) => {
      const all = leaves.get(r.id) ?? [];
      const own = all.filter(READS[kind]);
      // about particular codes, or about a missing one: not a check of every code
      if (own.some((l) => VALUE_SPECIFIC.has(l.operator) || l.operator === 'isBlank')) return false;
      // a pattern the rule requires: the code must fit it ("^[A-Z][0-9]{4}$" is HCPCS only)
      for (const leaf of own) {
        const pattern = leaf.operator === 'matches' && leaf.positive ? asPattern(leaf.value) : undefined;
        if (pattern && !forms(code).some((c) => pattern.test(c))) return false;
      }
      const tables = all.filter((l) => TABLE_FACTS[kind].includes(l.fact)).map((l) => l.fact);
      // the HCPCS table holds Level II codes and modifiers only (a letter first, or two letters)
      if (tables.includes('hcpcs') && (kind === 'procedure' ? !/^[A-Z]/.test(code) : kind === 'modifier' && /^\d/.test(code))) return false;
      if (!REPORTS_ON[kind](r)) return false;
      return own.length > 0 || tables.length > 0 || (kind === 'procedure' && r.scope === 'pair');
    });

  // the code's own checks first (its format, its code set), then the edit tables, then rules that compare lines:
  // a short answer then still names what decides whether the code itself is valid
  const rank = (r: LoadedRule, kind: CodeKind): number => {
    const facts = (leaves.get(r.id) ?? []).map((l) => l.fact);
    if (facts.includes('hcpcs') || facts.includes('icd10') || (leaves.get(r.id) ?? []).some(READS[kind])) return 0;
    return facts.some((f) => TABLE_FACTS[kind].includes(f)) ? 1 : 2;
  };
  const checkingEvery = (code: string, kind: CodeKind): LoadedRule[] =>
    checksEvery(code, kind)
      .map((rule, i) => ({ rule, i, rank: rank(rule, kind) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((x) => x.rule);

  return {
    search: (words) =>
      text
        .search(words, { combineWith: 'OR' })
        .map((h) => ({ rule: prepared.byId.get(String(h.id))?.rule, score: h.score }))
        .filter((h): h is { rule: LoadedRule; score: number } => h.rule !== undefined),
    conditionText: (rule) => json.get(rule.id) ?? JSON.stringify(rule.conditions),
    naming,
    checkingEvery,
  };
}

const indexes = new WeakMap<PreparedRuleSet, RuleIndex>();

/** The index of a rule set, built on first use and kept as long as the rule set is. */
export function ruleIndexOf(prepared: PreparedRuleSet): RuleIndex {
  let index = indexes.get(prepared);
  if (!index) {
    index = buildIndex(prepared);
    indexes.set(prepared, index);
  }
  return index;
}
