/**
 * Answers about codes: what a CARC or RARC means (from the catalog in rules/codes), and
 * what an ICD-10-CM, HCPCS or CPT code or a modifier is (from the loaded official code
 * sets for the date of service, and the rule set's own lists). When a code set is not
 * loaded the answer says so instead of guessing.
 */
import { isIsoDate } from '../../claim/dates.js';
import type { InForce } from '../../reference/types.js';
import type { Answer, AnswerContext } from '../context.js';
import { placeOf } from '../format.js';
import { listing, plural } from '../../text/english.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';
import { ruleIndexOf } from '../rule-index.js';
import { groupMeaning } from '../../rules/adjustment-groups.js';
import { codeOf, latestRemit, whereOf } from './remit-words.js';
import { teach } from './concepts.js';

const MAX_CODES = 4;

function rulesUsing(ctx: AnswerContext, match: (carc: string | undefined, rarc: readonly string[]) => boolean): string[] {
  return ctx.prepared.ruleSet.rules.filter((r) => match(r.carc, r.rarc ?? [])).map((r) => r.id);
}

function onThisClaim(ctx: AnswerContext, match: (carc: string | null, rarc: readonly string[]) => boolean): string {
  const found = (ctx.result?.findings ?? []).filter((f) => match(f.carc, f.rarc));
  if (found.length === 0) return '';
  return ` On this claim: ${found.slice(0, 3).map((f) => `${placeOf(f)} [${f.ruleId}]`).join(', ')}${found.length > 3 ? ', …' : ''}.`;
}

function rulesSentence(ids: readonly string[]): string {
  if (ids.length === 0) return ' No shipped rule predicts it.';
  const shown = ids.slice(0, 4);
  return ` Rules that predict it: ${shown.join(', ')}${ids.length > shown.length ? ` and ${ids.length - shown.length} more` : ''}.`;
}

const GROUP_AND_CARC = /\b(co|pr|oa|pi|cr)\s*-?\s*([a-z]?\d{1,3})\b/g;

/** The group codes the question writes before a CARC ("CO-97", "pr 1"), by CARC. */
function groupsNamed(question: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of question.toLowerCase().matchAll(GROUP_AND_CARC)) out.set((m[2] ?? '').toUpperCase(), (m[1] ?? '').toUpperCase());
  return out;
}

/** " CO-97: Contractual obligation: ..." when the question names the CARC with its group. */
function groupSentence(group: string | undefined, carc: string): string {
  return group ? ` ${group}-${carc}: ${groupMeaning(group)}` : '';
}

/** Where this claim's remittance carries the code, when the conversation has one. */
function onTheRemit(ctx: AnswerContext, match: (a: { carc: string; rarc: readonly string[] }) => boolean): string {
  const remit = latestRemit(ctx.followUp);
  const found = (remit?.adjustments ?? []).filter(match);
  if (!remit || found.length === 0) return '';
  const by = remit.appealBy && found.some((a) => a.advice?.action === 'appeal') ? `; appeal by ${remit.appealBy}` : '';
  return ` On this claim's remittance${remit.remitDate ? ` of ${remit.remitDate}` : ''}: ${found.slice(0, 3).map((a) => `${whereOf(a)} ${codeOf(a)}`).join(', ')}${by}.`;
}

export function codeMeaning(ctx: AnswerContext): Answer {
  const e = ctx.entities;
  // "what does 97 mean?": a bare short number in a code-meaning question is a CARC
  const carcs = e.carc.length > 0 || e.rarc.length > 0 ? e.carc : e.numbers.filter((n) => Number.isInteger(n) && n > 0 && n < 1000).map(String);
  if (carcs.length === 0 && e.rarc.length === 0) {
    if (e.icd.length + e.cpt.length + e.hcpcs.length + e.modifiers.length > 0) return codeLookup(ctx);
    return {
      text: 'Which code? Ask for example "What does CARC 97 mean?" or "What is RARC N362?".',
      suggestions: pickSuggestions(ctx.question, ['What does CARC 97 mean?', 'What does CARC 16 mean?', 'What is RARC N362?'], ctx),
    };
  }
  const parts: string[] = [];
  const follow: string[] = [];
  const groups = groupsNamed(ctx.question);
  for (const carc of carcs.slice(0, MAX_CODES)) {
    const meaning = ctx.catalog.carc(carc);
    if (!meaning) {
      parts.push(`CARC ${carc} is not in Scrubjay's code catalog (rules/codes/carc.yaml), so I can't say what it means, and no shipped rule uses it.`);
      continue;
    }
    const ids = rulesUsing(ctx, (c) => c === carc);
    parts.push(`CARC ${carc} — ${meaning}${groupSentence(groups.get(carc), carc)}${rulesSentence(ids)}${onThisClaim(ctx, (c) => c === carc)}${onTheRemit(ctx, (a) => a.carc === carc)}`);
    if (ids.length > 0) follow.push(`Which rule checks CARC ${carc}?`);
  }
  for (const rarc of e.rarc.slice(0, MAX_CODES)) {
    const meaning = ctx.catalog.rarc(rarc);
    if (!meaning) {
      parts.push(`RARC ${rarc} is not in Scrubjay's code catalog (rules/codes/rarc.yaml), so I can't say what it means.`);
      continue;
    }
    const ids = rulesUsing(ctx, (_c, r) => r.includes(rarc));
    parts.push(`RARC ${rarc} — ${meaning}${rulesSentence(ids)}${onThisClaim(ctx, (_c, r) => r.includes(rarc))}${onTheRemit(ctx, (a) => a.rarc.includes(rarc))}`);
  }
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  const first = carcs[0] !== undefined ? `CARC ${carcs[0]}` : e.rarc[0] !== undefined ? `RARC ${e.rarc[0]}` : undefined;
  return { text: parts.join('\n'), suggestions: pickSuggestions(ctx.question, [...follow, ...base], ctx), ...(first ? { focus: { code: first } } : {}) };
}

/** The date codes are looked up for: a line billing the code, else the claim's first valid date of service, else the scrub date. */
function dateFor(ctx: AnswerContext, procedure?: string): { date: string; why: string } {
  const lines = ctx.claim?.view.lines ?? [];
  const billed = procedure ? lines.find((l) => l.procedureCode === procedure && isIsoDate(l.serviceDate)) : undefined;
  if (billed?.serviceDate) return { date: billed.serviceDate, why: `line ${billed.number}'s date of service` };
  const first = lines.find((l) => isIsoDate(l.serviceDate));
  if (first?.serviceDate) return { date: first.serviceDate, why: "the claim's date of service" };
  const date = ctx.result?.asOf ?? ctx.today;
  return { date, why: 'today' };
}

function versionNote<T>(inForce: InForce<T>, date: string): string {
  return inForce.outOfRange ? ` (no version is in force on ${date}; this is the oldest loaded, ${inForce.version.label})` : '';
}

const withDot = (code: string): string => (code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

function ruleNote(ctx: AnswerContext, id: string): string {
  const rule = ctx.prepared.byId.get(id)?.rule;
  return rule ? ` [${rule.id}${rule.carc ? ` · CARC ${rule.carc}` : ''}]` : '';
}

function lookupIcd(ctx: AnswerContext, code: string): string {
  const shown = withDot(code);
  const { date, why } = dateFor(ctx);
  const inForce = ctx.reference.icd10cm(date);
  if (!inForce) {
    return `${shown} looks like an ICD-10-CM diagnosis code, but the ICD-10-CM code set is not loaded, so I can't give its title or say whether it is billable. Load it with \`scrubjay data import icd10cm <file>\`.`;
  }
  const key = code.replace('.', '');
  const entry = inForce.table.get(key);
  const version = `${inForce.version.label}, in force on ${date} (${why})${versionNote(inForce, date)}`;
  if (!entry) return `${shown} is not a code in ${version}; a payer would deny it as invalid.${ruleNote(ctx, 'icd10-code-unknown')}`;
  const billable = entry.billable
    ? 'billable: it can go on a claim'
    : `not billable: it is a category header, and a claim needs a more specific code below it${ruleNote(ctx, 'icd10-code-not-billable')}`;
  let edits = '';
  const mce = ctx.reference.mce(date)?.table.get(key);
  if (mce) {
    const notes = [mce.sex ? `${mce.sex} patients only` : '', mce.ages.length ? `age group ${mce.ages.join(', ')}` : '', mce.manifestation ? 'a manifestation code that cannot be listed first' : ''].filter(Boolean);
    if (notes.length) edits = ` Medicare Code Editor: ${listing(notes)}.`;
  }
  return `${shown} — ${entry.title}. It is ${billable} (${version}).${edits}`;
}

function listsHolding(ctx: AnswerContext, code: string): string {
  const lists = [...ctx.prepared.ruleSet.lists.values()].filter((l) => l.has(code));
  return lists.length ? ` It is in the rule list${lists.length > 1 ? 's' : ''} ${listing(lists.map((l) => `${l.name} (${l.description.trim().replace(/\.$/, '')})`))}.` : '';
}

function mueNote(ctx: AnswerContext, code: string, date: string): string {
  const mue = ctx.reference.mue(date)?.table.get(code);
  if (!mue) return '';
  const per = mue.mai === 1 ? 'per line' : 'per day of service';
  return ` Medically Unlikely Edit: at most ${plural(mue.units, 'unit')} ${per} (MAI ${mue.mai}).`;
}

function lookupProcedure(ctx: AnswerContext, code: string, isCpt: boolean): string {
  const { date, why } = dateFor(ctx, code);
  if (isCpt) {
    return `${code} is a CPT code. CPT descriptions belong to the AMA and are not shipped with Scrubjay, so I can't give its title; its format is valid.${listsHolding(ctx, code)}${mueNote(ctx, code, date)}`;
  }
  const inForce = ctx.reference.hcpcs(date);
  if (!inForce) {
    return `${code} looks like a HCPCS Level II code, but the HCPCS code set is not loaded, so I can't give its title or say whether it is valid on ${date}. Load it with \`scrubjay data import hcpcs <file>\`.${listsHolding(ctx, code)}`;
  }
  const entry = inForce.table.code(code);
  const version = `${inForce.version.label}, in force on ${date} (${why})${versionNote(inForce, date)}`;
  if (!entry) return `${code} is not a code in ${version}.${ruleNote(ctx, 'hcpcs-code-unknown')}`;
  const ended = entry.terminated
    ? entry.terminated < date
      ? ` It was discontinued after ${entry.terminated}, so it is not valid on ${date}.${ruleNote(ctx, 'hcpcs-code-terminated')}`
      : ` It is discontinued after ${entry.terminated}.`
    : ' It is valid on that date.';
  return `${code} — ${entry.title} (${version}).${ended}${listsHolding(ctx, code)}${mueNote(ctx, code, date)}`;
}

function modifierTitle(ctx: AnswerContext, modifier: string): string {
  // two digits: a CPT (Level I) modifier, whose descriptor is the AMA's
  if (/^\d{2}$/.test(modifier)) return `Modifier ${modifier} is a CPT (Level I) modifier; its descriptor belongs to the AMA, so I can't quote it.`;
  const { date } = dateFor(ctx);
  const inForce = ctx.reference.hcpcs(date);
  const entry = inForce?.table.modifier(modifier);
  if (entry) return `Modifier ${modifier} — ${entry.title} (${inForce?.version.label}).`;
  if (inForce) return `Modifier ${modifier} is not in ${inForce.version.label}.${ruleNote(ctx, 'hcpcs-modifier-unknown')}`;
  return `The HCPCS code set (which holds the Level II modifiers) is not loaded, so I can't give modifier ${modifier}'s title.`;
}

function lookupModifier(ctx: AnswerContext, modifier: string): string {
  // a modifier the topic file explains is taught in plain words, never by its descriptor
  const topic = ctx.topics.forModifier(modifier);
  const title = topic ? `${teach(topic)}\n` : modifierTitle(ctx, modifier);
  const rules = ruleIndexOf(ctx.prepared).naming(modifier, 'modifier');
  const lists = topic ? '' : listsHolding(ctx, modifier);
  return `${title}${lists}${rules.length ? `${topic ? '' : ' '}Rules that check it: ${rules.slice(0, 4).map((r) => r.id).join(', ')}.` : ''}`;
}

export function codeLookup(ctx: AnswerContext): Answer {
  const e = ctx.entities;
  const parts: string[] = [];
  for (const code of e.icd.slice(0, MAX_CODES)) parts.push(lookupIcd(ctx, code));
  for (const code of e.hcpcs.slice(0, MAX_CODES)) parts.push(lookupProcedure(ctx, code, false));
  for (const code of e.cpt.slice(0, MAX_CODES)) parts.push(lookupProcedure(ctx, code, true));
  if (parts.length === 0) for (const mod of e.modifiers.slice(0, MAX_CODES)) parts.push(lookupModifier(ctx, mod));
  if (parts.length === 0 && (e.carc.length > 0 || e.rarc.length > 0)) return codeMeaning(ctx);
  if (parts.length === 0) {
    return {
      text: 'Which code? Ask for example "What is E11.9?", "What is G0439?" or "What is modifier 25?".',
      suggestions: pickSuggestions(ctx.question, ['What is E11.9?', 'What is G0439?', 'What is modifier 25?'], ctx),
    };
  }
  const first = e.icd[0] ?? e.hcpcs[0] ?? e.cpt[0];
  const follow = first ? [`Which rules check ${first}?`] : e.modifiers[0] ? [`Which rule checks modifier ${e.modifiers[0]}?`] : [];
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  const code = first ?? (e.modifiers[0] !== undefined ? `modifier ${e.modifiers[0]}` : undefined);
  return { text: parts.join('\n'), suggestions: pickSuggestions(ctx.question, [...follow, ...base], ctx), ...(code ? { focus: { code } } : {}) };
}
