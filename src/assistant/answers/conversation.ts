/** Small talk and the honest "I don't know": greetings, help, thanks, unknown questions. */
import type { Answer, AnswerContext } from '../context.js';
import type { IntentMatch } from '../recognizer.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

const CAPABILITIES = [
  'why the current claim would be denied, with the rule and CARC behind each finding',
  'what a finding on a line means and how to fix it',
  'what a CARC or RARC means',
  'what an ICD-10-CM or HCPCS code is, from the loaded code sets',
  'timely filing deadlines for this claim or a payer',
  'which rule checks something',
  'what-ifs: "what if I add modifier 59 to line 2?", "what if I remove line 3?", and "apply that" to make the change',
  'once the payer has answered (billers and up): why it denied the claim or a line, by when to appeal, whether to appeal or correct, and when to follow up',
  'what to fix first, in the order that gets the claim paid',
  'whether two codes can be billed together ("can I bill 11042 and 11000 together?") and how many units of a code',
  'billing concepts with their sources: diagnosis pointers, CARC vs RARC, NCCI and MUE, modifiers, global surgery, timely filing, corrected claims, appeals',
];

function followUps(ctx: AnswerContext): string[] {
  return ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
}

export function greeting(ctx: AnswerContext): Answer {
  const lead = ctx.result
    ? 'Hi! Ask me about the claim on screen — why it would be denied, what a finding means or how to fix it.'
    : 'Hi! Paste a claim and ask me why it would be denied, or ask about a CARC, a code, a filing deadline or a rule.';
  return { text: lead, suggestions: pickSuggestions(ctx.question, followUps(ctx), ctx) };
}

export function help(ctx: AnswerContext): Answer {
  const claimNote = ctx.result ? '' : '\nClaim questions need a claim: paste one first.';
  return {
    text: `I answer from Scrubjay's rules, the claim's findings and the loaded code sets — offline, and never from guesswork. I can tell you:\n${CAPABILITIES.map((c) => `• ${c}`).join('\n')}${claimNote}`,
    suggestions: pickSuggestions(ctx.question, followUps(ctx), ctx),
  };
}

export function thanks(ctx: AnswerContext): Answer {
  return { text: "You're welcome. Ask me anything else about the claim or the rules.", suggestions: pickSuggestions(ctx.question, followUps(ctx), ctx) };
}

/** The honest answer to a question no intent fits, naming the closest topics it does know. */
export function unknown(ctx: AnswerContext, near: readonly IntentMatch[]): Answer {
  const topics = near
    .map((m) => ctx.corpus.byName.get(m.intent))
    .filter((d): d is NonNullable<typeof d> => d !== undefined && !['greeting', 'thanks', 'out-of-scope'].includes(d.name))
    .slice(0, 3);
  const closest = topics.length > 0 ? topics : ['why-denied', 'code-meaning', 'filing-deadline'].map((n) => ctx.corpus.byName.get(n)).filter((d): d is NonNullable<typeof d> => d !== undefined);
  const text = `I don't know that. I can only answer from Scrubjay's rules, code sets and the claim's findings. Closest topics I do know: ${closest.map((t) => t.topic).join('; ')}.`;
  return { text, suggestions: pickSuggestions(ctx.question, [...closest.map((t) => t.example), ...followUps(ctx)], ctx) };
}
