/**
 * "What should I fix first?": the claim's findings in the order that gets it paid. A
 * problem that stops the payer from processing the claim at all comes before one that
 * denies a single line, and a deadline that is running out before either.
 */
import type { Finding } from '../../engine/finding.js';
import type { Answer, AnswerContext } from '../context.js';
import { citation, placeOf } from '../format.js';
import { plural } from '../../text/english.js';
import { claimFollowUps, pickSuggestions } from '../suggestions.js';
import { familyOf } from './finding-list.js';
import { noClaim } from './findings.js';

interface Tier {
  rank: number;
  why: string;
}

const WHOLE_CLAIM = new Set(['missing-information', 'code-validity', 'reference-data']);

function tierOf(ctx: AnswerContext, f: Finding): Tier {
  const family = familyOf(ctx.prepared, f);
  if (f.severity === 'warning') return { rank: 4, why: 'a warning: it may not deny the claim, but check it before sending' };
  if (family === 'timely-filing') return { rank: 0, why: 'the filing deadline: nothing else matters if the claim arrives too late' };
  if (f.line === null && WHOLE_CLAIM.has(family)) return { rank: 1, why: 'the payer returns the whole claim unprocessed' };
  if (WHOLE_CLAIM.has(family)) return { rank: 2, why: 'the line is rejected as incomplete or invalid' };
  return { rank: 3, why: 'the payer denies this line (the rest can still be paid)' };
}

/** The actionable findings in the order to fix them, each with why it comes where it does. */
export function fixOrder(ctx: AnswerContext, findings: readonly Finding[]): Array<{ finding: Finding; tier: Tier }> {
  return findings
    .filter((f) => f.severity !== 'info')
    .map((finding, at) => ({ finding, tier: tierOf(ctx, finding), at }))
    .sort((a, b) => a.tier.rank - b.tier.rank || a.at - b.at)
    .map(({ finding, tier }) => ({ finding, tier }));
}

export function fixFirst(ctx: AnswerContext): Answer {
  const result = ctx.result;
  if (!result) return noClaim(ctx);
  const ordered = fixOrder(ctx, result.findings);
  if (ordered.length === 0) return { text: 'Nothing to fix: the claim has no errors or warnings.', suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx), focus: {} };
  const out = [`Fix in this order (${plural(ordered.length, 'finding')}; what blocks payment first):`];
  let lastWhy = '';
  ordered.forEach(({ finding: f, tier }, i) => {
    if (tier.why !== lastWhy) out.push(`${tier.why.charAt(0).toUpperCase()}${tier.why.slice(1)}:`);
    lastWhy = tier.why;
    out.push(`${i + 1}. ${placeOf(f)}: ${f.message} ${citation(f)} Fix: ${f.fix}`);
  });
  const first = ordered[0]!.finding;
  return {
    text: out.join('\n'),
    findings: ordered.map((o) => o.finding),
    suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx, first), ctx),
    focus: first.line !== null ? { line: first.line, ruleId: first.ruleId } : { ruleId: first.ruleId },
  };
}
