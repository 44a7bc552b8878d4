/**
 * Follow-up questions offered as chips. Each is a question the assistant answers (the
 * tests send every suggestion back and check it is understood), chosen for the state of
 * the conversation: what the claim's findings are, what was just asked.
 */
import type { Finding } from '../engine/finding.js';
import type { AnswerContext } from './context.js';
import { actionable } from './format.js';

export const GENERAL_SUGGESTIONS = [
  'What can you do?',
  'What does CARC 16 mean?',
  'What is the filing deadline for Medicare?',
  'Which rule checks modifier 25?',
] as const;

export const WITH_CLAIM_SUGGESTIONS = ['Why would this claim be denied?', 'What is the filing deadline for this claim?'] as const;

/** A what-if that would test the obvious fix of a finding, when there is one. */
export function whatIfFor(f: Finding): string | undefined {
  if (f.line === null) return undefined;
  if (/duplicate/.test(f.ruleId)) return `What if I remove line ${f.line}?`;
  if (/^ptp-column2-without-modifier/.test(f.ruleId)) return `What if I add modifier 59 to line ${f.line}?`;
  const modifier = /\bmodifier ([A-Z0-9]{2})\b/i.exec(f.message);
  if (modifier && f.path?.endsWith('.modifiers')) return `What if I remove modifier ${modifier[1]?.toUpperCase()} from line ${f.line}?`;
  if (f.path?.endsWith('.units') && /invalid|missing|zero/.test(f.ruleId + f.message.toLowerCase())) return `What if I set the units on line ${f.line} to 1?`;
  return undefined;
}

/** Follow-ups about the current claim's findings, most useful first. */
export function claimFollowUps(ctx: AnswerContext, focus?: Finding): string[] {
  const findings = actionable(ctx.result?.findings ?? []);
  const first = focus ?? findings.find((f) => f.line !== null) ?? findings[0];
  const out: string[] = [];
  if (first) {
    if (first.line !== null) {
      out.push(`Explain the finding on line ${first.line}`);
      out.push(`How do I fix line ${first.line}?`);
    } else {
      out.push('How do I fix it?');
    }
    const carc = first.carc ?? findings.find((f) => f.carc)?.carc;
    if (carc) out.push(`What does CARC ${carc} mean?`);
    const whatIf = whatIfFor(first) ?? findings.map(whatIfFor).find((q) => q !== undefined);
    if (whatIf) out.push(whatIf);
  }
  out.push(...WITH_CLAIM_SUGGESTIONS);
  const dx = ctx.claim?.view.diagnoses.find((d): d is string => typeof d === 'string');
  if (dx) out.push(`What is ${dx}?`);
  return out;
}

/** 2 to 4 distinct suggestions, none repeating the question just asked. */
export function pickSuggestions(question: string, candidates: readonly string[], ctx: AnswerContext): string[] {
  const asked = question.trim().toLowerCase().replace(/[?.!\s]+$/, '');
  const seen = new Set<string>();
  const out: string[] = [];
  const fallback = ctx.claim || ctx.result ? [...WITH_CLAIM_SUGGESTIONS, ...GENERAL_SUGGESTIONS] : GENERAL_SUGGESTIONS;
  for (const s of [...candidates, ...fallback]) {
    const key = s.toLowerCase().replace(/[?.!\s]+$/, '');
    if (key === asked || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    if (out.length === 4) break;
  }
  return out;
}
