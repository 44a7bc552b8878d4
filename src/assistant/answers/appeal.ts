/**
 * Appeals: by when (the remittance's `appealBy`, with the payer profile's rule and its
 * sources), and whether to appeal a denial at all or correct the claim instead (the advice
 * the service worked out for each denial). With no remittance yet, the answers say what the
 * deadline will count from and that there is nothing to appeal yet.
 */
import { addDays, formatIsoDate, parseIsoDate } from '../../claim/dates.js';
import { selectProfile, type PayerProfile } from '../../payers/profile.js';
import type { Answer, AnswerContext } from '../context.js';
import { namedLines } from '../context.js';
import { actionable, citation } from '../format.js';
import { plural } from '../../text/english.js';
import { adviceSentence, citationOf, claimWords, codeOf, denialsOf, latestRemit, predictedWords, whereOf } from './remit-words.js';
import { pickSuggestions } from '../suggestions.js';

/** The profile the question names, else the claim's. */
function profileAsked(ctx: AnswerContext): PayerProfile | undefined {
  const payer = ctx.entities.payer;
  const payers = ctx.prepared.ruleSet.payers;
  if (payer?.profileId) return payers.find((p) => p.id === payer.profileId);
  if (payer?.kind) return selectProfile(payers, null, payer.kind);
  const view = ctx.claim?.view;
  return view ? ctx.prepared.profileFor(view.payer.id, view.payer.kind) : undefined;
}

function ruleSentence(profile: PayerProfile): string {
  const appeal = profile.appeal;
  if (!appeal) return `The ${profile.name} profile cites no appeal period, so Scrubjay gives no appeal deadline for it: the payer's contract or its notice says how long.`;
  return `${profile.name}: ${appeal.summary}. Source: ${citationOf(appeal.references)}.`;
}

/** "2026-12-01 + 5 days = 2026-12-06, + 120 days = 2027-04-05" when the profile counts days. */
function counting(profile: PayerProfile | undefined, remitDate: string | null): string {
  const appeal = profile?.appeal;
  const date = parseIsoDate(remitDate);
  if (!appeal || !date || appeal.period.days === undefined) return '';
  const receipt = appeal.receiptDays ?? 0;
  const receivedOn = receipt > 0 ? `, presumed received ${formatIsoDate(addDays(date, receipt))}` : '';
  return ` Remittance dated ${remitDate}${receivedOn}, plus ${plural(appeal.period.days, 'day')}.`;
}

export function appealDeadline(ctx: AnswerContext): Answer {
  const follow = ['Should I appeal or correct this?', 'Why was this claim denied?', 'When should I follow up?'];
  const remit = latestRemit(ctx.followUp);
  const named = ctx.entities.payer !== undefined;
  if (remit && !named) {
    const profile = ctx.claim ? ctx.prepared.profileFor(ctx.claim.view.payer.id, ctx.claim.view.payer.kind) : undefined;
    const denials = denialsOf(remit);
    const codes = [...new Set(denials.map((a) => `CARC ${a.carc} (${a.group}-${a.carc})`))];
    const denied = codes.length > 0 ? ` for its ${plural(denials.length, 'denial')}: ${codes.join(', ')},` : '';
    if (remit.appealBy === null) {
      const rule = ctx.followUp?.appealRule;
      return {
        text: `${claimWords(ctx.followUp, ctx.result?.claimId)} has no appeal deadline${denied.replace(/,$/, '')}: ${rule ? `the remittance has no date to count ${rule.summary} from` : `the ${ctx.followUp?.profileName ?? 'payer'} profile cites no appeal period`}. The payer's notice or contract says how long.`,
        suggestions: pickSuggestions(ctx.question, follow, ctx),
        focus: { about: 'appeal-deadline' },
      };
    }
    const rule = ctx.followUp?.appealRule;
    const ruleText = rule ? ` Under the ${ctx.followUp?.profileName ?? 'payer'} profile: ${rule.summary}.${counting(profile, remit.remitDate)} Source: ${citationOf(rule.references)}.` : '';
    const past = remit.appealBy < ctx.today ? ` That date has passed (today is ${ctx.today}).` : '';
    const notAppeal = denials.filter((a) => a.advice && a.advice.action !== 'appeal');
    const instead = notAppeal.length > 0 ? ` Not every denial is for an appeal: ${notAppeal.map((a) => `${a.group}-${a.carc} — ${adviceSentence(a.advice!, null).replace(/\.$/, '')}`).join('; ')}.` : '';
    return {
      text: `Appeal ${claimWords(ctx.followUp, ctx.result?.claimId).replace(/^(?:This|Claim)\b/, (w) => w.toLowerCase())}${denied} by ${remit.appealBy}.${ruleText}${past}${instead}`.replace(/, by /, ' by '),
      suggestions: pickSuggestions(ctx.question, follow, ctx),
      focus: { about: 'appeal-deadline' },
    };
  }
  const profile = profileAsked(ctx);
  const lead = named ? '' : "The appeal deadline counts from the payer's remittance (835), and I have none for this claim yet: it depends on the remittance date and on the payer's appeal rule. ";
  const text = profile ? `${lead}${ruleSentence(profile)}` : `${lead}No payer profile covers this claim's payer, so I have no appeal rule for it.`;
  return { text, suggestions: pickSuggestions(ctx.question, ['How long do I have to appeal with Medicare?', 'What is the filing deadline for this claim?', 'What does CO-97 mean?'], ctx), focus: { about: 'appeal-deadline' } };
}

export function appealAdvice(ctx: AnswerContext): Answer {
  const remit = latestRemit(ctx.followUp);
  const follow = ['How long do I have to appeal?', 'Why was this claim denied?', 'When should I follow up?'];
  if (!remit) {
    const errors = actionable(ctx.result?.findings ?? []).filter((f) => f.severity === 'error');
    const fix = errors.length > 0 ? ` Before it is sent, correct what the scrub found: ${errors.slice(0, 4).map((f) => `line ${f.line ?? '(claim)'} ${citation(f)}`).join(', ')}.` : '';
    return {
      text: `There is no denial to appeal: I have no remittance (835) for this claim. An appeal answers a payer's decision; a corrected claim fixes what was billed wrong.${fix}`,
      suggestions: pickSuggestions(ctx.question, ['How do I fix it?', 'How long do I have to appeal?', 'Why would this claim be denied?'], ctx),
      focus: { about: 'appeal-advice' },
    };
  }
  const lines = namedLines(ctx);
  const all = denialsOf(remit);
  const denials = lines.length > 0 ? all.filter((a) => lines.includes(a.claimLine ?? a.remitLine ?? -1) || (a.remitLine === null && a.claimLine === null)) : all;
  if (denials.length === 0) {
    return { text: `${claimWords(ctx.followUp, ctx.result?.claimId)}: the payer denied nothing${lines.length > 0 ? ` on line ${lines.join(', ')}` : ''}, so there is nothing to appeal or correct.`, suggestions: pickSuggestions(ctx.question, follow, ctx), focus: { about: 'appeal-advice' } };
  }
  const out = [`${claimWords(ctx.followUp, ctx.result?.claimId)}, denial by denial:`];
  for (const a of denials) out.push(`• ${whereOf(a)} ${codeOf(a)} [CARC ${a.carc}]: ${adviceSentence(a.advice!, remit.appealBy)}${predictedWords(a)}`);
  const actions = new Set(denials.map((a) => a.advice!.action));
  if (actions.has('correct') && actions.has('appeal')) out.push('Send the corrected claim for what was billed wrong, and appeal the rest: a correction does not answer the denials that need an appeal.');
  if (actions.has('appeal') && remit.appealBy) out.push(`The appeal deadline is ${remit.appealBy}${ctx.followUp?.appealRule ? ` (${ctx.followUp.appealRule.summary})` : ''}.`);
  const focus = { about: 'appeal-advice' as const, ...(lines.length === 1 ? { line: lines[0]! } : {}) };
  return { text: out.join('\n'), suggestions: pickSuggestions(ctx.question, follow, ctx), focus };
}
