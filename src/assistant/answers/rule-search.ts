/**
 * "Which rule checks modifier 25?", "which rules use CARC 16?", "which rule checks timely
 * filing?": answered from the live rule set with rule ids, titles and files. Codes, CARCs
 * and RARCs named in the question are matched exactly — the rules that name a code come
 * before the ones that check every code of its kind; a topic in words goes through the
 * rule set's full-text index.
 */
import type { LoadedRule } from '../../rules/rule.js';
import type { Answer, AnswerContext } from '../context.js';
import { carcWithMeaning } from '../format.js';
import { listing, plural } from '../../text/english.js';
import { ruleIndexOf, type CodeKind } from '../rule-index.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

/** Bullets shown in all; the rest are counted. */
const SHOWN = 8;
/** Rules left over are named by id when there are at most this many. */
const NAMED_REST = 6;

interface Group {
  heading: string;
  rules: LoadedRule[];
}

function bullet(rule: LoadedRule): string {
  return `• ${rule.id} — ${rule.title}${rule.carc ? ` (CARC ${rule.carc})` : ''} · ${rule.source.file}:${rule.source.line}`;
}

/** "38 missing-information, 6 code-validity and 3 reference-data" */
function byCategory(rules: readonly LoadedRule[]): string {
  const counts = new Map<string, number>();
  for (const r of rules) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  return listing([...counts].sort((a, b) => b[1] - a[1]).map(([category, n]) => `${n} ${category}`));
}

function codeGroups(ctx: AnswerContext, code: string, kind: CodeKind, seen: Set<LoadedRule>): Group[] {
  const index = ruleIndexOf(ctx.prepared);
  const name = kind === 'modifier' ? `modifier ${code}` : code;
  const every = kind === 'modifier' ? 'every modifier' : `every ${kind} code`;
  const fresh = (rules: LoadedRule[]): LoadedRule[] => rules.filter((r) => !seen.has(r) && (seen.add(r), true));
  return [
    { heading: `Rules that name ${name}:`, rules: fresh(index.naming(code, kind)) },
    { heading: `Rules that check ${every}, ${name} included:`, rules: fresh(index.checkingEvery(code, kind)) },
  ];
}

/** The rules the question points at, in groups with a heading each. */
function groupsFor(ctx: AnswerContext): Group[] {
  const { prepared, entities: e, catalog } = ctx;
  const seen = new Set<LoadedRule>();
  const groups: Group[] = [];
  const named = e.ruleIds.map((id) => prepared.byId.get(id)?.rule).filter((r): r is LoadedRule => r !== undefined);
  if (named.length > 0) {
    named.forEach((r) => seen.add(r));
    groups.push({ heading: named.length === 1 ? 'This rule:' : 'These rules:', rules: named });
  }
  for (const carc of e.carc) {
    const rules = prepared.ruleSet.rules.filter((r) => r.carc === carc);
    rules.forEach((r) => seen.add(r));
    const what = carcWithMeaning(carc, catalog);
    const heading =
      rules.length === 0 ? `No rule predicts ${what}.` : rules.length === 1 ? `1 rule predicts ${what}:` : `${rules.length} rules predict ${what}${rules.length > SHOWN ? ` — ${byCategory(rules)}. The first ${SHOWN}` : ''}:`;
    groups.push({ heading, rules });
  }
  for (const rarc of e.rarc) {
    const rules = prepared.ruleSet.rules.filter((r) => r.rarc?.includes(rarc));
    rules.forEach((r) => seen.add(r));
    const what = catalog.rarc(rarc) ? `RARC ${rarc} (${catalog.rarc(rarc)?.replace(/\.$/, '')})` : `RARC ${rarc}`;
    const heading = rules.length === 0 ? `No rule gives ${what}.` : `${plural(rules.length, 'rule')} ${rules.length === 1 ? 'gives' : 'give'} ${what}:`;
    groups.push({ heading, rules });
  }
  for (const mod of e.modifiers) groups.push(...codeGroups(ctx, mod, 'modifier', seen));
  for (const code of [...e.cpt, ...e.hcpcs]) groups.push(...codeGroups(ctx, code, 'procedure', seen));
  for (const code of e.icd) groups.push(...codeGroups(ctx, code, 'diagnosis', seen));
  if (groups.length === 0) {
    const hits = ruleIndexOf(prepared).search(ctx.question.replace(/\b(?:carcs?|rarcs?)\b\s*\w+/gi, ' '));
    const top = hits[0]?.score ?? 0;
    // the hits close to the best one: a long tail of weak matches helps nobody
    groups.push({ heading: 'Rules that match:', rules: hits.filter((h) => h.score >= top * 0.5).map((h) => h.rule) });
  }
  return groups;
}

/** The groups as text: every heading, and bullets up to SHOWN in all; leftovers counted (or named, when few). */
function render(groups: readonly Group[]): string {
  let room = SHOWN;
  const out: string[] = [];
  for (const g of groups) {
    if (g.rules.length === 0 && g.heading.endsWith(':')) continue;
    out.push(g.heading);
    const shown = g.rules.slice(0, Math.max(room, 0));
    out.push(...shown.map(bullet));
    room -= shown.length;
    const rest = g.rules.slice(shown.length);
    if (rest.length > 0) out.push(rest.length <= NAMED_REST ? `…and ${listing(rest.map((r) => r.id))}.` : `…and ${plural(rest.length, 'more rule')}.`);
  }
  return out.join('\n');
}

/** With several rules found, the conversation stays on the code asked about ("which rules use CARC 16?" → "what does it mean?"). */
function codeFocus(ctx: AnswerContext): { code: string } | undefined {
  const e = ctx.entities;
  const code = e.carc[0] !== undefined ? `CARC ${e.carc[0]}` : e.rarc[0] !== undefined ? `RARC ${e.rarc[0]}` : e.modifiers[0] !== undefined ? `modifier ${e.modifiers[0]}` : (e.icd[0] ?? e.cpt[0] ?? e.hcpcs[0]);
  return code !== undefined ? { code } : undefined;
}

export function ruleSearch(ctx: AnswerContext): Answer {
  const groups = groupsFor(ctx);
  const found = groups.flatMap((g) => g.rules);
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  if (found.length === 0) {
    const said = groups.filter((g) => !g.heading.endsWith(':')).map((g) => g.heading);
    return {
      text: `${said.length ? said.join(' ') : 'No rule in the rule set matches that.'} Rules are found by what they check (a modifier, a code, a field such as "member id", a topic such as "timely filing") or by the CARC they predict.`,
      suggestions: pickSuggestions(ctx.question, ['Which rule checks modifier 25?', 'Which rule checks timely filing?', 'Which rules use CARC 16?', ...base], ctx),
    };
  }
  const first = found[0];
  const follow = first ? [`Explain ${first.id}`, ...(first.carc ? [`What does CARC ${first.carc} mean?`] : [])] : [];
  const focus = found.length === 1 && first ? { ruleId: first.id } : codeFocus(ctx);
  return { text: render(groups), suggestions: pickSuggestions(ctx.question, [...follow, ...base], ctx), ...(focus ? { focus } : {}) };
}
