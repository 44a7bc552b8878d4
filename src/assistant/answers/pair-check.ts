/**
 * "Can I bill 99214 and 36415 together?": the pair is looked up in the NCCI PTP table in
 * force and billed on a two-line copy of the claim (or of the rule set's base claim), so
 * the answer says yes or no with the edit, its modifier indicator and the rules' own
 * findings, and what would let the pair be paid.
 */
import type { Finding } from '../../engine/finding.js';
import type { PtpEdit } from '../../reference/types.js';
import { selectProfile } from '../../payers/profile.js';
import { getArray, isObject, type Json } from '../../claim/json.js';
import type { ClaimInput } from '../../contract/claim.js';
import { listing } from '../../text/english.js';
import type { Answer, AnswerContext } from '../context.js';
import { citation } from '../format.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

const BYPASS_LIST = 'ncci-ptp-modifiers';
const EM_LIST = 'em-services';
/** Modifiers that belong on the visit, not the procedure. */
const VISIT_MODIFIERS = new Set(['24', '25', '57']);

/** The procedure codes a question names, in the order it names them. */
export function namedProcedures(ctx: AnswerContext): string[] {
  const upper = ctx.question.toUpperCase();
  return [...ctx.entities.cpt, ...ctx.entities.hcpcs].sort((a, b) => upper.indexOf(a) - upper.indexOf(b));
}

/** The date the pair is judged on: the claim's first date of service, else today. */
export function judgedOn(ctx: AnswerContext): string {
  const line = ctx.claim?.view.lines.find((l) => typeof l.serviceDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(l.serviceDate));
  return line?.serviceDate ?? ctx.today;
}

/** The payer the answer is for: the claim's, else the base claim's (Medicare), with whether it applies an NCCI table. */
export function payerOf(ctx: AnswerContext, edit: 'ncciPtp' | 'mue'): { name: string; applies: boolean } {
  const raw = (ctx.claim?.raw ?? ctx.prepared.ruleSet.baseClaim) as Json;
  const payer = isObject(raw['payer']) ? raw['payer'] : {};
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const profile = selectProfile(ctx.prepared.ruleSet.payers, text(payer['id']), text(payer['kind'])?.toLowerCase() ?? null);
  return { name: text(payer['name']) ?? profile?.name ?? 'this payer', applies: profile?.edits?.[edit] === true };
}

interface Lookup {
  edit?: PtpEdit;
  column1: string;
  column2: string;
  live: boolean;
  version?: string;
}

function lookup(ctx: AnswerContext, a: string, b: string, date: string): Lookup | undefined {
  const inForce = ctx.reference.ptp(date);
  if (!inForce) return undefined;
  const forward = inForce.table.get(a, b);
  const edit = forward ?? inForce.table.get(b, a);
  const [column1, column2] = forward || !edit ? [a, b] : [b, a];
  const live = edit !== undefined && (edit.effective === null || edit.effective <= date) && (edit.deleted === null || date <= edit.deleted);
  return { ...(edit ? { edit } : {}), column1, column2, live, version: inForce.version.label };
}

/** A two-line copy of the claim billing the pair on one date, the modifiers where they belong. */
function pairClaim(ctx: AnswerContext, a: string, b: string, column2: string, modifiers: readonly string[], date: string): ClaimInput {
  const claim = structuredClone((ctx.claim?.raw ?? ctx.prepared.ruleSet.baseClaim) as Json);
  const template = getArray(claim, 'lines').find(isObject) ?? {};
  const em = ctx.prepared.ruleSet.lists.get(EM_LIST);
  const line = (code: string): Json => {
    const onThis = modifiers.filter((m) => (VISIT_MODIFIERS.has(m) ? em?.has(code) === true : code === column2));
    return { ...structuredClone(template), procedureCode: code, modifiers: onThis, units: 1, serviceDate: date };
  };
  const lines = [line(a), line(b)];
  claim['lines'] = lines;
  const charges = lines.map((l) => (typeof l['charge'] === 'number' ? l['charge'] : 0));
  claim['totalCharge'] = Math.round(charges.reduce((s, c) => s + c, 0) * 100) / 100;
  if (!ctx.claim) claim['submissionDate'] = date;
  return claim as ClaimInput;
}

function bypassing(ctx: AnswerContext, modifiers: readonly string[]): { bypass: string[]; other: string[] } {
  const list = ctx.prepared.ruleSet.lists.get(BYPASS_LIST);
  const bypass = modifiers.filter((m) => list?.has(m) === true);
  return { bypass, other: modifiers.filter((m) => !bypass.includes(m)) };
}

function verdict(ctx: AnswerContext, a: string, b: string, found: Lookup | undefined, date: string, modifiers: readonly string[]): string {
  const payer = payerOf(ctx, 'ncciPtp');
  if (!found) return `I can't check the pair against NCCI: the NCCI PTP table is not loaded (import it with \`scrubjay data import ncci-ptp <file>\`).`;
  const { edit, column1, column2, live, version } = found;
  if (!edit) return `Yes: no NCCI procedure-to-procedure edit pairs ${a} and ${b} in ${version}, so NCCI does not bundle them on the same date of service (${date}).`;
  const pair = `${column1}/${column2} is an NCCI PTP edit in ${version} (column 1 ${column1}, column 2 ${column2}; modifier indicator ${edit.modifierIndicator}; rationale: ${edit.rationale || 'not given'})`;
  if (!live) return `Yes: ${pair}, but it is not in force on ${date} (${edit.deleted ? `deleted after ${edit.deleted}` : `effective from ${edit.effective}`}).`;
  if (edit.modifierIndicator === 9) return `Yes: ${pair}. Indicator 9 means the edit does not apply.`;
  const payerNote = payer.applies ? '' : ` ${payer.name}'s profile does not apply NCCI edits, so this payer should not bundle them; a payer that does would.`;
  if (edit.modifierIndicator === 0) {
    return `${payer.applies ? 'No' : 'Not for payers that apply NCCI'}: ${pair}. Billed on the same date, ${column2} is denied with CARC 97 (bundled into ${column1}). Indicator 0 means no modifier makes both payable, not even 59 or XE/XS/XP/XU. What would pass: bill ${column1} alone; only if ${column2} was on another date, bill it with that date.${payerNote}`;
  }
  const { bypass, other } = bypassing(ctx, modifiers);
  const list = 'an NCCI-associated modifier (59 or XE, XS, XP, XU; an anatomic one such as RT/LT; 24, 25, 57, 58, 78, 79, 27 or 91)';
  if (bypass.length > 0) {
    return `Yes, with modifier ${listing(bypass)}: ${pair}. Indicator 1 lets ${listing(bypass)}, an NCCI-associated modifier, bypass the edit, but only when the record shows a separate site, session, encounter or time.${payerNote}`;
  }
  const notBypass = other.length > 0 ? ` Modifier ${listing(other)} is not an NCCI-associated modifier, so it does not bypass the edit (76 and 77 never do).` : '';
  return `${payer.applies ? 'No, not as they are' : 'Not for payers that apply NCCI, as they are'}: ${pair}. Billed on the same date, ${column2} is denied with CARC 97 (bundled into ${column1}).${notBypass} What would pass: indicator 1 allows ${list} on one of the two lines, when the record shows the services were distinct; otherwise bill ${column1} alone.${payerNote}`;
}

function ruleFindings(ctx: AnswerContext, claim: ClaimInput): Finding[] | string {
  try {
    return ctx.scrub(claim).findings.filter((f) => (f.line === 1 || f.line === 2) && f.severity !== 'info');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function pairCheck(ctx: AnswerContext): Answer {
  const codes = namedProcedures(ctx);
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  if (codes.length < 2) {
    return {
      text: 'Which two codes? Ask for example "Can I bill 11042 and 11000 together?" and I check the pair against the NCCI table and the rules.',
      suggestions: pickSuggestions(ctx.question, ['Can I bill 11042 and 11000 together?', 'Can I bill 99214 and 36415 together?', ...base], ctx),
    };
  }
  const [a, b] = codes as [string, string];
  const date = judgedOn(ctx);
  const found = lookup(ctx, a, b, date);
  const column2 = found?.column2 ?? b;
  const modifiers = ctx.entities.modifiers;
  const out = [verdict(ctx, a, b, found, date, modifiers)];
  const findings = ruleFindings(ctx, pairClaim(ctx, a, b, column2, modifiers, date));
  const onWhat = ctx.claim ? 'this claim with only those two lines' : `a claim to ${payerOf(ctx, 'ncciPtp').name}`;
  if (typeof findings === 'string') out.push(`The rules could not check the pair: ${findings}`);
  else if (findings.length === 0) out.push(`The rules find nothing against the pair on ${onWhat}${modifiers.length ? ` with modifier ${listing(modifiers)}` : ''}.`);
  else {
    const code = (n: number | null): string => (n === 1 ? a : b);
    out.push(`The rules on ${onWhat} (${a} as line 1, ${b} as line 2${modifiers.length ? `, modifier ${listing(modifiers)}` : ''}) find:`);
    out.push(...findings.map((f) => `• ${code(f.line)} (line ${f.line}): ${f.message} ${citation(f)}`));
  }
  const follow = found?.edit && found.live && found.edit.modifierIndicator === 1 && modifiers.length === 0 ? [`Can I bill ${a} and ${b} together with modifier 59?`] : [];
  return {
    text: out.join('\n'),
    ...(typeof findings !== 'string' && findings.length > 0 ? { findings } : {}),
    suggestions: pickSuggestions(ctx.question, [...follow, `How many units of ${a} can I bill?`, 'What does modifier indicator 1 mean?', ...base], ctx),
    focus: { code: a },
  };
}
