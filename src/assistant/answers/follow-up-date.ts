/**
 * "When should I follow up?": from where the claim stands on the worklist — the follow-up
 * date of a sent claim the payer has not answered, the appeal or filing deadline of one it
 * has, or nothing to chase for a paid or closed claim. Without the worklist, what a
 * follow-up date counts from under the claim's payer profile.
 */
import type { ClaimFollowUp } from '../../contract/follow-up.js';
import type { Answer, AnswerContext } from '../context.js';
import { plural } from '../../text/english.js';
import { citationOf, claimWords, latestRemit } from './remit-words.js';
import { pickSuggestions } from '../suggestions.js';

const DEFAULT_NOTE = "Scrubjay's default, not a payer's rule";

function daysSource(f: ClaimFollowUp): string {
  const source = f.followUpSource;
  if (!source) return `${plural(f.followUpDays, 'day')}, ${DEFAULT_NOTE}`;
  return `${plural(f.followUpDays, 'day')} under the ${f.profileName ?? 'payer'} profile${source.summary ? ` (${source.summary})` : ''}; source: ${citationOf(source.references)}`;
}

function standing(ctx: AnswerContext, f: ClaimFollowUp): string {
  const who = claimWords(f, ctx.result?.claimId);
  const since = f.stateAt ? ` since ${f.stateAt.slice(0, 10)}` : '';
  const state = `${who} is ${f.state.replace('-', ' ')}${since}.`;
  const overdue = (date: string): string => (date < ctx.today ? ` That day has passed (today is ${ctx.today}): follow up now.` : '');
  switch (f.state) {
    case 'sent':
    case 'appealed': {
      if (f.followUpOn === null) return `${state} The payer has answered since; nothing is due until its next move.`;
      return `${state} Follow up with the payer on ${f.followUpOn} if it has not answered by then: ${daysSource(f)} after it was ${f.state === 'appealed' ? 'appealed' : 'sent'}.${overdue(f.followUpOn)}`;
    }
    case 'denied':
    case 'partly-paid': {
      const remit = latestRemit(f);
      const answered = remit?.remitDate ? ` The payer answered on the remittance of ${remit.remitDate}, so there is no answer to wait for.` : ' The payer has answered, so there is no answer to wait for.';
      const appeal = f.appealBy ? ` Appeal by ${f.appealBy}.` : '';
      const file = f.filingDeadline ? ` A corrected claim must still be filed by ${f.filingDeadline}.` : '';
      return `${state}${answered}${appeal}${file}`;
    }
    case 'paid':
    case 'closed':
      return `${state} There is nothing to follow up: the payer has paid it${f.state === 'closed' ? ' and it is closed' : ''}.`;
    default: {
      const file = f.filingDeadline ? ` File it by ${f.filingDeadline} (its filing deadline).` : '';
      return `${state} It has not reached the payer yet, so there is no follow-up date: that is set once it is sent (${daysSource(f)}).${file}`;
    }
  }
}

export function followUpDate(ctx: AnswerContext): Answer {
  const follow = ['Why was this claim denied?', 'How long do I have to appeal?', 'What is the filing deadline for this claim?'];
  const f = ctx.followUp;
  if (f) return { text: standing(ctx, f), suggestions: pickSuggestions(ctx.question, follow, ctx), focus: { about: 'follow-up-date' } };
  const view = ctx.claim?.view;
  const profile = view ? ctx.prepared.profileFor(view.payer.id, view.payer.kind) : undefined;
  const rule = profile?.followUp
    ? `${profile.name}: ${plural(profile.followUp.days, 'day')}${profile.followUp.summary ? ` (${profile.followUp.summary})` : ''}; source: ${citationOf(profile.followUp.references)}.`
    : `${profile ? `The ${profile.name} profile gives no days to pay, so ` : ''}Scrubjay counts 30 days, its default, not a payer's rule.`;
  return {
    text: `A follow-up date counts from the day the claim is sent and the days its payer takes to pay; I don't have this claim's worklist state, so I can't give the date. ${rule}`,
    suggestions: pickSuggestions(ctx.question, follow, ctx),
    focus: { about: 'follow-up-date' },
  };
}
