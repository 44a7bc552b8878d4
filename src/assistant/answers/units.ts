/**
 * "How many units of 97110 can I bill?": the Medically Unlikely Edit in force for the
 * code, read with its adjudication indicator, which decides whether the limit counts one
 * line or the whole day and whether more can be paid on appeal.
 */
import { plural } from '../../text/english.js';
import type { Answer, AnswerContext } from '../context.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';
import { judgedOn, namedProcedures, payerOf } from './pair-check.js';

const MAI_MEANING: Record<1 | 2 | 3, string> = {
  1: 'per claim line (MAI 1): each line is judged on its own, so units truly given at another site or session can go on a separate line with a modifier such as 59, 76, 91 or RT/LT',
  2: 'per date of service (MAI 2, a policy limit): the units on every line of that date are added up, and units above it are not paid, even on appeal',
  3: 'per date of service (MAI 3, a clinical limit): the units on every line of that date are added up; units above it are denied but may be paid on appeal when the record supports them',
};

export function unitsLimit(ctx: AnswerContext): Answer {
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  const code = namedProcedures(ctx)[0] ?? (typeof ctx.focus?.code === 'string' && /^[A-Z0-9]{5}$/.test(ctx.focus.code) ? ctx.focus.code : undefined);
  if (!code) {
    return { text: 'Units of which code? Ask for example "How many units of 97110 can I bill?".', suggestions: pickSuggestions(ctx.question, ['How many units of 97110 can I bill?', 'What is an MUE?', ...base], ctx) };
  }
  const date = judgedOn(ctx);
  const inForce = ctx.reference.mue(date);
  const follow = ['What does MAI 3 mean?', 'What is an MUE?', ...base];
  if (!inForce) {
    return {
      text: `I can't say: the Medically Unlikely Edits are not loaded (import them with \`scrubjay data import mue <file>\`). Without them the units of ${code} are checked only for being a whole number above zero.`,
      suggestions: pickSuggestions(ctx.question, follow, ctx),
      focus: { code },
    };
  }
  const entry = inForce.table.get(code);
  if (!entry) {
    return {
      text: `${code} has no Medically Unlikely Edit in ${inForce.version.label}, so there is no published unit limit on ${date}; bill the units the record supports, as the code defines a unit.`,
      suggestions: pickSuggestions(ctx.question, follow, ctx),
      focus: { code },
    };
  }
  const payer = payerOf(ctx, 'mue');
  const out = [`At most ${plural(entry.units, 'unit')} of ${code} ${MAI_MEANING[entry.mai]}. (MUE in ${inForce.version.label}${entry.rationale ? `; rationale: ${entry.rationale}` : ''}.) Units above it are denied with CARC 151.`];
  if (!payer.applies) out.push(`${payer.name}'s profile does not apply MUEs, so this payer may not hold you to it.`);
  const lines = (ctx.claim?.view.lines ?? []).filter((l) => l.procedureCode === code);
  if (lines.length > 0) {
    const units = lines.reduce((s, l) => s + (typeof l.units === 'number' ? l.units : 0), 0);
    out.push(`This claim bills ${plural(units, 'unit')} of ${code} on line${lines.length > 1 ? 's' : ''} ${lines.map((l) => l.number).join(', ')}.`);
  }
  return { text: out.join('\n'), suggestions: pickSuggestions(ctx.question, [`What does MAI ${entry.mai} mean?`, ...follow], ctx), focus: { code } };
}
