/**
 * Timely filing answers from the payer profiles (rules/payers): a payer's limit with its
 * source, or the current claim's deadline line by line, computed exactly as the
 * timely-filing rules compute it (src/payers/filing.ts).
 */
import { isIsoDate } from '../../claim/dates.js';
import { filingWindow } from '../../payers/filing.js';
import { selectProfile, type PayerProfile } from '../../payers/profile.js';
import type { Answer, AnswerContext } from '../context.js';
import { namedLines } from '../context.js';
import { plural } from '../../text/english.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

const MAX_LINES = 6;

function source(profile: PayerProfile): string {
  const ref = profile.references[0];
  if (!ref) return '';
  return ` Source: ${ref.title}${ref.section ? `, ${ref.section}` : ''}.`;
}

function profileSentence(profile: PayerProfile): string {
  return `${profile.name}: ${profile.timelyFiling.summary}.${source(profile)}`;
}

function mentionedProfile(ctx: AnswerContext): PayerProfile | undefined {
  const payer = ctx.entities.payer;
  if (!payer) return undefined;
  const payers = ctx.prepared.ruleSet.payers;
  if (payer.profileId) return payers.find((p) => p.id === payer.profileId);
  return selectProfile(payers, null, payer.kind ?? null);
}

/** " [rule-id]" when the rule set has that rule, so the answer never cites a rule that is not there. */
function cite(ctx: AnswerContext, ruleId: string): string {
  return ctx.prepared.byId.has(ruleId) ? ` [${ruleId}]` : '';
}

function claimDeadlines(ctx: AnswerContext): Answer | undefined {
  const claim = ctx.claim;
  if (!claim) return undefined;
  const { view } = claim;
  const profile = ctx.prepared.profileFor(view.payer.id, view.payer.kind);
  if (!profile) return { text: 'No payer profile covers this claim\'s payer, and the rule set has no default profile, so I can\'t give a deadline.', suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx) };
  const submitted = isIsoDate(view.submissionDate) ? view.submissionDate : null;
  const filingDate = submitted ?? claim.result.asOf ?? ctx.today;
  const from = submitted ? 'the submission date' : 'today, as the claim has no submission date';
  const wanted = namedLines(ctx);
  const lines = (wanted.length > 0 ? view.lines.filter((l) => wanted.includes(l.number)) : view.lines).slice(0, MAX_LINES);
  const payerName = view.payer.name ?? view.payer.id ?? 'its payer';
  const out = [`${ctx.result?.claimId ? `Claim ${ctx.result.claimId}` : 'This claim'} goes to ${payerName}, under the ${profile.name} profile: ${profile.timelyFiling.summary}. Counting to ${filingDate} (${from}):`];
  for (const line of lines) {
    const w = filingWindow(profile, line.serviceDate, filingDate, submitted ? 'submissionDate' : 'asOf');
    if (w.deadline === null || w.daysRemaining === null) {
      out.push(`• Line ${line.number}: no valid date of service, so no deadline can be computed.`);
    } else if (w.daysRemaining < 0) {
      out.push(`• Line ${line.number} (served ${w.serviceDate}): the deadline was ${w.deadline}; it is ${plural(w.daysLate ?? 0, 'day')} late and would be denied with CARC 29${cite(ctx, 'timely-filing-limit-expired')}.`);
    } else {
      const near = w.daysRemaining < 30 ? ` — less than 30 days left${cite(ctx, 'timely-filing-deadline-near')}` : '';
      out.push(`• Line ${line.number} (served ${w.serviceDate}): file by ${w.deadline}; ${plural(w.daysRemaining, 'day')} left${near}.`);
    }
  }
  if (wanted.length === 0 && view.lines.length > lines.length) out.push(`…and ${plural(view.lines.length - lines.length, 'more line')}.`);
  if (lines.length === 0) out.push(wanted.length > 0 ? `The claim has no line ${wanted.join(', ')}.` : 'The claim has no service lines.');
  const one = wanted.length === 1 && lines.length === 1 ? lines[0]?.number : undefined;
  return { text: out.join('\n'), suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx), ...(one !== undefined ? { focus: { line: one } } : {}) };
}

export function filingDeadline(ctx: AnswerContext): Answer {
  const profile = mentionedProfile(ctx);
  if (profile) {
    const claimProfile = ctx.claim ? ctx.prepared.profileFor(ctx.claim.view.payer.id, ctx.claim.view.payer.kind) : undefined;
    const forClaim = claimProfile?.id === profile.id ? claimDeadlines(ctx) : undefined;
    const generic = profile.default ? ` (the default profile for payers without one of their own)` : '';
    const text = `${profileSentence(profile)}${generic}${forClaim ? `\n${forClaim.text}` : ''}`;
    const follow = ctx.result ? ['What is the filing deadline for this claim?', ...claimFollowUps(ctx)] : ['What is the filing deadline for Medicaid?', "What is Aetna's timely filing limit?", ...GENERAL_SUGGESTIONS];
    return { text, suggestions: pickSuggestions(ctx.question, follow, ctx) };
  }
  const forClaim = claimDeadlines(ctx);
  if (forClaim) return forClaim;
  const all = ctx.prepared.ruleSet.payers.map((p) => `• ${p.name}: ${p.timelyFiling.summary}`);
  return {
    text: `There is no claim to compute a deadline for, so here are the filing limits by payer profile:\n${all.join('\n')}\nPaste a claim for its exact deadline.`,
    suggestions: pickSuggestions(ctx.question, ['What is the filing deadline for Medicare?', 'What is the filing deadline for Medicaid?', ...GENERAL_SUGGESTIONS], ctx),
  };
}
