/** Answers about the current claim's findings: why it would be denied, what a finding means, how to fix it. */
import type { Finding } from '../../engine/finding.js';
import type { ConversationFocus } from '../assistant.js';
import type { Answer, AnswerContext } from '../context.js';
import { namedLines } from '../context.js';
import { actionable, carcWithMeaning, citation, countFindings, placeOf } from '../format.js';
import { plural } from '../../text/english.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';
import { groupedLines } from './finding-list.js';

/** The reply to a claim question when no claim has been given (or it could not be read). */
export function noClaim(ctx: AnswerContext): Answer {
  const text = ctx.claimProblem
    ? `I could not read the current claim (${ctx.claimProblem}), so I can't say what a payer would do with it. Paste the claim again and ask once more.`
    : 'There is no claim to look at yet. Paste a claim (or pick an example) and ask again — I can then say why it would be denied and how to fix it.';
  return { text, suggestions: pickSuggestions(ctx.question, [...GENERAL_SUGGESTIONS], ctx) };
}

function claimName(ctx: AnswerContext): string {
  const id = ctx.result?.claimId;
  return id ? `Claim ${id}` : 'This claim';
}

function bullet(f: Finding): string {
  return `• ${placeOf(f)}: ${f.message} ${citation(f)}`;
}

export function whyDenied(ctx: AnswerContext): Answer {
  const result = ctx.result;
  if (!result) return noClaim(ctx);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const notes = result.findings.filter((f) => f.severity === 'info');
  const lines: string[] = [];
  if (errors.length > 0) {
    const carcs = [...new Set(errors.map((f) => f.carc).filter((c): c is string => c !== null))];
    lines.push(`${claimName(ctx)} would be rejected: ${countFindings(result.findings)}. The payer would deny it with ${carcs.map((c) => `CARC ${c}`).join(', ')}.`);
  } else if (warnings.length > 0) {
    lines.push(`${claimName(ctx)} has no errors, so it should not be denied, but it has ${plural(warnings.length, 'warning')} to look at.`);
  } else {
    lines.push(`${claimName(ctx)} passes every check: no errors and no warnings.`);
  }
  // every finding, by family: a biller works through the whole list, not the first few
  const shown = [...errors, ...warnings];
  lines.push(...groupedLines(ctx.prepared, shown, bullet));
  if (notes.length > 0) lines.push(`Note: ${notes.map((f) => `${f.message} [${f.ruleId}]`).join(' ')}`);
  return {
    text: lines.join('\n'),
    findings: shown.length > 0 ? shown : notes,
    suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx),
    // the whole claim is now the subject: "how do I fix it?" means all of it
    focus: {},
  };
}

interface Selection {
  findings: Finding[];
  /** why nothing was selected, when nothing was */
  empty?: string;
  /** the one line asked about, when it exists but has no findings */
  quietLine?: number;
}

/** The line (and first rule) when the findings shown are on one line; the rule when they are all one rule's; else nothing. */
function focusOn(findings: readonly Finding[]): ConversationFocus {
  const first = findings[0];
  if (!first) return {};
  if (findings.every((f) => f.ruleId === first.ruleId && f.line === first.line)) return { line: first.line, ruleId: first.ruleId };
  // claim-level findings share no line: they are one subject only when they are one rule's
  if (first.line !== null && findings.every((f) => f.line === first.line)) return { line: first.line, ruleId: first.ruleId };
  if (findings.every((f) => f.ruleId === first.ruleId)) return { ruleId: first.ruleId };
  return {};
}

function emptyFocus(ctx: AnswerContext, selection: Selection): ConversationFocus | undefined {
  if (selection.quietLine !== undefined) return { line: selection.quietLine };
  const rule = ctx.entities.ruleIds[0];
  return rule ? { ruleId: rule } : undefined;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "the error about modifier 25", "the finding for E11.9": the findings whose message names the code. */
function mentioning(ctx: AnswerContext, all: readonly Finding[]): Selection | undefined {
  const e = ctx.entities;
  const patterns = [
    ...e.modifiers.map((m) => new RegExp(`\\bmodifiers?\\b[^.]*\\b${escape(m)}\\b`, 'i')),
    ...[...e.icd, ...e.cpt, ...e.hcpcs].map((c) => new RegExp(`\\b${escape(c.replace('.', ''))}\\b|\\b${escape(c)}\\b`, 'i')),
  ];
  if (patterns.length === 0) return undefined;
  const found = all.filter((f) => patterns.some((p) => p.test(f.message)));
  const named = [...e.modifiers.map((m) => `modifier ${m}`), ...e.icd, ...e.cpt, ...e.hcpcs];
  return found.length > 0 ? { findings: found } : { findings: [], empty: `No finding on this claim is about ${named.join(', ')}.` };
}

/** The findings a question about "the finding" or "line 2" or "CARC 97" points at. */
function select(ctx: AnswerContext, all: readonly Finding[]): Selection {
  const lines = namedLines(ctx);
  const lineCount = ctx.claim?.view.lineCount;
  if (lines.length > 0) {
    const beyond = lineCount !== undefined ? lines.filter((n) => n > lineCount) : [];
    if (beyond.length > 0) return { findings: [], empty: `The claim has ${plural(lineCount ?? 0, 'line')}, so there is no line ${beyond[0]}.` };
    const found = all.filter((f) => f.line !== null && lines.includes(f.line));
    const on = lines.length === 1 ? `Line ${lines[0]}` : `Lines ${lines.join(', ')}`;
    if (found.length > 0) return { findings: found };
    return { findings: [], empty: `${on} ${lines.length === 1 ? 'has' : 'have'} no findings: ${lines.length === 1 ? 'it passes' : 'they pass'} every check.`, ...(lines.length === 1 ? { quietLine: lines[0] } : {}) };
  }
  if (ctx.entities.ruleIds.length > 0) {
    const found = all.filter((f) => ctx.entities.ruleIds.includes(f.ruleId));
    return found.length > 0 ? { findings: found } : { findings: [], empty: `Rule ${ctx.entities.ruleIds.join(', ')} did not fire on this claim.` };
  }
  if (ctx.entities.carc.length > 0) {
    const found = all.filter((f) => f.carc !== null && ctx.entities.carc.includes(f.carc));
    return found.length > 0 ? { findings: found } : { findings: [], empty: `No finding on this claim carries CARC ${ctx.entities.carc.join(', ')}.` };
  }
  const mentioned = mentioning(ctx, all);
  if (mentioned) return mentioned;
  const q = ctx.question.toLowerCase();
  const wanted = actionable(all);
  if (/\bwarnings?\b/.test(q)) {
    const warnings = wanted.filter((f) => f.severity === 'warning');
    return warnings.length > 0 ? { findings: warnings } : { findings: [], empty: 'This claim has no warnings.' };
  }
  if (/\b(?:first|top|main)\b/.test(q)) return { findings: wanted.slice(0, 1) };
  if (wanted.length > 0) return { findings: wanted };
  return { findings: [], empty: `${claimName(ctx)} has no errors or warnings, so there is nothing to explain or fix.` };
}

/** A rule named in the question, explained from its file when the claim does not trigger it. */
function ruleOnly(ctx: AnswerContext): Answer | undefined {
  const id = ctx.entities.ruleIds[0];
  const prepared = id ? ctx.prepared.byId.get(id) : undefined;
  if (!prepared) return undefined;
  const { rule } = prepared;
  const codes = rule.carc ? ` A payer denies it with ${carcWithMeaning(rule.carc, ctx.catalog)}.` : '';
  return {
    text: `${rule.id} — ${rule.title}. ${rule.description.trim().replace(/\s+/g, ' ')}${codes} (${rule.source.file}:${rule.source.line})`,
    suggestions: pickSuggestions(ctx.question, ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS], ctx),
    focus: { ruleId: rule.id },
  };
}

export function explainFinding(ctx: AnswerContext): Answer {
  if (!ctx.result) return ruleOnly(ctx) ?? noClaim(ctx);
  const selection = select(ctx, ctx.result.findings);
  const { findings, empty } = selection;
  if (findings.length === 0) {
    const rule = ctx.entities.ruleIds.length > 0 ? ruleOnly(ctx) : undefined;
    const focus = emptyFocus(ctx, selection);
    return { text: rule ? `${empty ?? ''}\n${rule.text}` : (empty ?? 'Nothing to explain.'), suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx), ...(focus ? { focus } : {}) };
  }
  const shown = findings;
  const parts = shown.map((f) => {
    const meaning = f.carc ? `\n${carcWithMeaning(f.carc, ctx.catalog)}.` : '';
    return `${placeOf(f)}: ${f.message} ${citation(f)}\nWhy: ${f.explanation}${meaning}`;
  });
  return { text: parts.join('\n\n'), findings: shown, suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx, shown[0]), ctx), focus: focusOn(shown) };
}

export function howToFix(ctx: AnswerContext): Answer {
  if (!ctx.result) return noClaim(ctx);
  const selection = select(ctx, ctx.result.findings);
  const { findings, empty } = selection;
  if (findings.length === 0) {
    const focus = emptyFocus(ctx, selection);
    return { text: empty ?? 'Nothing to fix.', suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx), ...(focus ? { focus } : {}) };
  }
  const shown = findings;
  const parts = groupedLines(ctx.prepared, shown, (f) => `• ${placeOf(f)} ${citation(f)}: ${f.fix}`);
  const lead = shown.length === 1 ? 'To fix it:' : `To fix the ${plural(shown.length, 'finding')}:`;
  return { text: `${lead}\n${parts.join('\n')}`, findings: shown, suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx, shown[0]), ctx), focus: focusOn(shown) };
}
