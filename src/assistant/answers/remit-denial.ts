/**
 * "Why was this claim denied?", "why wasn't line 2 paid?": the payer's answer from the
 * claim's latest remittance, each denial with its group, CARC, remarks, amount and line in
 * plain words, whether the scrub had predicted it, and what to do. Without a remittance the
 * answer says so and gives what the scrub predicts instead.
 */
import type { ConversationFocus } from '../assistant.js';
import type { FollowUpAdjustment, FollowUpRemit } from '../../contract/follow-up.js';
import type { Answer, AnswerContext } from '../context.js';
import { namedLines } from '../context.js';
import { money } from '../../text/money.js';
import { plural } from '../../text/english.js';
import { explainFinding, whyDenied } from './findings.js';
import { adviceSentence, citationOf, claimWords, codeOf, denialsOf, latestRemit, predictedWords, remarks, remitLead, whereOf, whoPays } from './remit-words.js';
import { pickSuggestions } from '../suggestions.js';

const ORDINAL = /\b(first|second|third|fourth|fifth|last)\s+(?:one|denial|adjustment|reason|code)\b/;
/** CLP02 22: the payer takes back an earlier payment */
const REVERSAL = '22';
const ORDINALS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4 };

/** The reply when no remittance is at hand: said plainly, then what the scrub predicts. */
function withoutRemit(ctx: AnswerContext): Answer {
  const id = ctx.result?.claimId;
  const lead = `I have no remittance (835) for ${id ? `claim ${id}` : 'this claim'}, so I can't say what the payer decided.`;
  if (!ctx.result) return { text: `${lead} Paste the claim, or open it from the history, and ask again.`, suggestions: pickSuggestions(ctx.question, ['How long do I have to appeal?', 'What does CO-97 mean?'], ctx) };
  const predicted = namedLines(ctx).length > 0 ? explainFinding(ctx) : whyDenied(ctx);
  return { ...predicted, text: `${lead} What the scrub predicts a payer would do:\n${predicted.text}` };
}

function adjustmentBullet(ctx: AnswerContext, a: FollowUpAdjustment, appealBy: string | null): string {
  const head = `• ${whereOf(a)}: ${codeOf(a)} — CARC ${a.carc}: ${a.meaning.trim()}${remarks(a.rarc, ctx.catalog)} Group ${a.group}: ${whoPays(a.group)}.`;
  if (!a.denial || a.advice === null) return `${head} Not a denial: a pricing adjustment or the patient's share.`;
  return `${head}${predictedWords(a)} What to do: ${adviceSentence(a.advice, appealBy)}`;
}

const onLine = (n: number) => (a: { claimLine: number | null; remitLine: number | null }): boolean => a.claimLine === n || (a.claimLine === null && a.remitLine === n);

function lineParts(ctx: AnswerContext, remit: FollowUpRemit, n: number): string[] {
  const line = remit.lines.find(onLine(n));
  const own = remit.adjustments.filter((a) => a.remitLine !== null && onLine(n)(a));
  if (!line) return [`Line ${n} is not on this remittance: the payer said nothing of it (it may be on another remittance, or still to come).`];
  const where = whereOf({ claimLine: line.claimLine, remitLine: line.remitLine, procedureCode: line.procedureCode });
  const out = [`${where}: billed ${money(line.charged)}, paid ${money(line.paid)}${own.length === 0 ? ', with no adjustment on the line itself.' : '.'}`];
  out.push(...own.map((a) => adjustmentBullet(ctx, a, remit.appealBy)));
  const claimLevel = remit.adjustments.filter((a) => a.remitLine === null && a.denial);
  if (claimLevel.length > 0 && line.paid < line.charged) {
    out.push(`The claim-level ${claimLevel.length === 1 ? 'denial covers' : 'denials cover'} the whole claim, this line too:`);
    out.push(...claimLevel.map((a) => adjustmentBullet(ctx, a, remit.appealBy)));
  }
  return out;
}

function appealNote(ctx: AnswerContext, remit: FollowUpRemit, shown: readonly FollowUpAdjustment[]): string[] {
  if (!shown.some((a) => a.advice?.action === 'appeal')) return [];
  if (remit.appealBy === null) return ['The payer profile cites no appeal period, so I have no appeal deadline: check the payer\'s contract or its notice.'];
  const rule = ctx.followUp?.appealRule;
  return [`Appeal by ${remit.appealBy}${rule ? ` (${ctx.followUp?.profileName ?? 'payer'} profile: ${rule.summary}; ${citationOf(rule.references)})` : ''}.`];
}

export function remitDenial(ctx: AnswerContext): Answer {
  const remit = latestRemit(ctx.followUp);
  if (!remit) return withoutRemit(ctx);
  const denials = denialsOf(remit);
  const lines = namedLines(ctx);
  const out = [`${claimWords(ctx.followUp, ctx.result?.claimId)}: ${remitLead(remit)}.`];
  const earlier = (ctx.followUp?.remits.length ?? 1) - 1;
  let shown: FollowUpAdjustment[] = [];
  const focus: ConversationFocus = { about: 'remit-denial' };
  const ordinal = ORDINAL.exec(ctx.question.toLowerCase());
  if (lines.length > 0) {
    for (const n of lines.slice(0, 4)) out.push(...lineParts(ctx, remit, n));
    shown = remit.adjustments.filter((a) => lines.some((n) => onLine(n)(a)) || (a.remitLine === null && a.denial));
    if (lines.length === 1) focus.line = lines[0]!;
  } else if (ordinal && denials.length > 0) {
    const word = ordinal[1] ?? 'first';
    const at = word === 'last' ? denials.length - 1 : (ORDINALS[word] ?? 0);
    const picked = denials[at];
    if (!picked) out.push(`The remittance gives ${plural(denials.length, 'denial')}, so there is no ${word} one.`);
    else {
      shown = [picked];
      out.push(adjustmentBullet(ctx, picked, remit.appealBy));
    }
  } else if (ctx.entities.carc.length > 0) {
    shown = remit.adjustments.filter((a) => ctx.entities.carc.includes(a.carc));
    if (shown.length === 0) out.push(`The remittance has no adjustment with CARC ${ctx.entities.carc.join(', ')}.`);
    out.push(...shown.map((a) => adjustmentBullet(ctx, a, remit.appealBy)));
  } else if (remit.status.code === REVERSAL) {
    out.push('The payer took back an earlier payment (a reversal): a corrected payment should follow. Nothing on it is a denial to act on.');
  } else if (denials.length === 0) {
    const others = remit.adjustments;
    out.push(others.length === 0 ? 'The payer denied nothing and made no adjustment.' : `The payer denied nothing; its ${plural(others.length, 'adjustment')} only price the claim or are the patient's share:`);
    out.push(...others.map((a) => adjustmentBullet(ctx, a, remit.appealBy)));
  } else {
    shown = denials;
    out.push(`The payer gave ${plural(denials.length, 'denial')}:`);
    out.push(...denials.map((a) => adjustmentBullet(ctx, a, remit.appealBy)));
  }
  out.push(...appealNote(ctx, remit, shown));
  if (earlier > 0) out.push(`(This is the latest of ${plural(earlier + 1, 'remittance')} for the claim.)`);
  const one = shown.filter((a) => a.denial);
  if (one.length === 1) focus.code = `CARC ${one[0]!.carc}`;
  const first = one[0] ?? denials[0];
  const otherLine = remit.lines.find((l) => l.paid < l.charged && !lines.includes(l.claimLine ?? l.remitLine));
  const follow = [
    'Should I appeal or correct this?',
    'How long do I have to appeal?',
    ...(first ? [`What does ${first.group}-${first.carc} mean?`] : []),
    ...(otherLine ? [`Why wasn't line ${otherLine.claimLine ?? otherLine.remitLine} paid?`] : []),
    'When should I follow up?',
  ];
  return { text: out.join('\n'), suggestions: pickSuggestions(ctx.question, follow, ctx), focus };
}
