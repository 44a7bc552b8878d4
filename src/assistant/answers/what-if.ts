/**
 * What-if questions: the change is made on a copy of the current claim, the copy is
 * scrubbed exactly as the service scrubs, and the answer names the findings that went
 * away and the ones that appeared. The current claim itself is never changed; "apply
 * that" hands the changed copy back for the caller to keep as a claim of its own.
 */
import type { Finding, ScrubResult } from '../../engine/finding.js';
import type { Answer, AnswerContext, CurrentClaim } from '../context.js';
import { citation, countFindings, placeOf } from '../format.js';
import { listing, plural } from '../../text/english.js';
import { claimFollowUps, pickSuggestions } from '../suggestions.js';
import { parseWhatIf, type WhatIfChange } from '../what-if-parse.js';
import { noClaim } from './findings.js';
import { whyNothingChanged } from './what-if-why.js';
import { getArray, isObject, type Json } from '../../claim/json.js';
import type { ClaimInput } from '../../contract/claim.js';

const EXAMPLES = ['What if I remove line 1?', 'What if I add modifier 59 to line 1?', "What if I change line 1's code to 99214?"];

const STATUS_WORD: Record<ScrubResult['status'], string> = { reject: 'rejected', warn: 'accepted with warnings', clean: 'clean' };

interface Applied {
  claim: ClaimInput;
  /** what was done, in words */
  done: string[];
  /** why a change could not be made */
  refused: string[];
  /** old line number → new line number (null when the line was removed) */
  lineMap: (line: number) => number | null;
  /** old diagnosis position → the code there, before and after, to match diagnosis findings */
  dxBefore: string[];
  dxAfter: string[];
}

const asRecord = (v: unknown): Json | undefined => (isObject(v) ? v : undefined);
const codeText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim().toUpperCase() : '');
const sameCode = (a: unknown, b: string): boolean => codeText(a).replace('.', '') === b.replace('.', '');

function lineCharges(lines: unknown[]): number | null {
  let sum = 0;
  for (const l of lines) {
    const charge = asRecord(l)?.['charge'];
    if (typeof charge !== 'number' || !Number.isFinite(charge)) return null;
    sum += charge;
  }
  return Math.round(sum * 100) / 100;
}

function apply(current: CurrentClaim, changes: readonly WhatIfChange[]): Applied {
  const claim = structuredClone(current.raw);
  const lines = getArray(claim, 'lines');
  claim['lines'] = lines;
  const dxBefore = getArray(claim, 'diagnoses').map(codeText);
  const totalWasSum = typeof claim['totalCharge'] === 'number' && claim['totalCharge'] === lineCharges(lines);
  const done: string[] = [];
  const refused: string[] = [];
  const removed = new Set<number>();
  const lineAt = (n: number): Json | undefined => (removed.has(n) ? undefined : asRecord(lines[n - 1]));
  /** The line a change is about; when there is none, the change is refused saying so. */
  const lineToChange = (n: number): Json | undefined => {
    const line = lineAt(n);
    if (!line) refused.push(`there is no line ${n}`);
    return line;
  };

  for (const change of changes) {
    switch (change.kind) {
      case 'add-modifier': {
        const line = lineToChange(change.line);
        if (!line) break;
        const mods = getArray(line, 'modifiers');
        const added = change.modifiers.filter((m) => !mods.some((x) => codeText(x) === m));
        if (added.length === 0) refused.push(`line ${change.line} already has modifier ${listing(change.modifiers)}`);
        else {
          line['modifiers'] = [...mods, ...added];
          done.push(`add modifier ${listing(added)} to line ${change.line}`);
        }
        break;
      }
      case 'remove-modifier': {
        const targets = change.line !== undefined ? [change.line] : lines.map((_l, i) => i + 1);
        const touched: number[] = [];
        for (const n of targets) {
          const line = lineAt(n);
          const mods = getArray(line, 'modifiers');
          const kept = mods.filter((m) => !change.modifiers.includes(codeText(m)));
          if (line && kept.length !== mods.length) {
            line['modifiers'] = kept;
            touched.push(n);
          }
        }
        if (touched.length === 0) refused.push(`${change.line !== undefined ? `line ${change.line} does not have` : 'no line has'} modifier ${listing(change.modifiers)}`);
        else done.push(`remove modifier ${listing(change.modifiers)} from line${touched.length > 1 ? 's' : ''} ${listing(touched.map(String))}`);
        break;
      }
      case 'set-code': {
        const line = lineToChange(change.line);
        if (!line) break;
        if (codeText(line['procedureCode']) === change.code) refused.push(`line ${change.line} already bills ${change.code}`);
        else {
          done.push(`change line ${change.line} from ${codeText(line['procedureCode']) || 'no code'} to ${change.code}`);
          line['procedureCode'] = change.code;
        }
        break;
      }
      case 'replace-code': {
        const hits = lines.map((l, i) => ({ l: asRecord(l), n: i + 1 })).filter(({ l, n }) => l && !removed.has(n) && codeText(l['procedureCode']) === change.from);
        if (hits.length === 0) refused.push(`no line bills ${change.from}`);
        for (const { l } of hits) if (l) l['procedureCode'] = change.to;
        if (hits.length > 0) done.push(`bill ${change.to} instead of ${change.from} on line${hits.length > 1 ? 's' : ''} ${listing(hits.map((h) => String(h.n)))}`);
        break;
      }
      case 'remove-line': {
        for (const n of change.lines) {
          const line = lineToChange(n);
          if (!line) continue;
          removed.add(n);
          done.push(`remove line ${n} (${codeText(line['procedureCode']) || 'no code'})`);
        }
        break;
      }
      case 'set-units': {
        const line = lineToChange(change.line);
        if (!line) break;
        line['units'] = change.units;
        done.push(`set the units on line ${change.line} to ${change.units}`);
        break;
      }
      case 'set-date': {
        const line = lineToChange(change.line);
        if (!line) break;
        line['serviceDate'] = change.date;
        done.push(`set line ${change.line}'s date of service to ${change.date}`);
        break;
      }
      case 'add-diagnosis':
      case 'remove-diagnosis':
      case 'replace-diagnosis': {
        const dx = [...getArray(claim, 'diagnoses')];
        if (change.kind === 'add-diagnosis') {
          if (dx.some((d) => sameCode(d, change.code))) refused.push(`${change.code} is already a diagnosis`);
          else {
            dx.push(change.code);
            done.push(`add diagnosis ${change.code} (as diagnosis ${dx.length})`);
          }
        } else {
          const from = change.kind === 'remove-diagnosis' ? change.code : change.from;
          const at = dx.findIndex((d) => sameCode(d, from));
          if (at === -1) refused.push(`${from} is not a diagnosis on this claim`);
          else if (change.kind === 'replace-diagnosis') {
            dx[at] = change.to;
            done.push(`replace diagnosis ${from} with ${change.to}`);
          } else {
            // removing a diagnosis would shift every pointer after it; keep the pointers meaning the same codes
            dx.splice(at, 1);
            for (const l of lines) {
              const line = asRecord(l);
              if (line && Array.isArray(line['diagnosisPointers'])) {
                line['diagnosisPointers'] = (line['diagnosisPointers'] as unknown[]).flatMap((p) => (p === at + 1 ? [] : typeof p === 'number' && p > at + 1 ? [p - 1] : [p]));
              }
            }
            done.push(`remove diagnosis ${from} (and the pointers to it)`);
          }
        }
        claim['diagnoses'] = dx;
        break;
      }
    }
  }
  const order = [...removed].sort((a, b) => b - a);
  for (const n of order) lines.splice(n - 1, 1);
  if (removed.size > 0 && totalWasSum) {
    const total = lineCharges(lines);
    if (total !== null) {
      claim['totalCharge'] = total;
      done.push(`keep the total charge equal to the lines (${total})`);
    }
  }
  const dxAfter = getArray(claim, 'diagnoses').map(codeText);
  const lineMap = (line: number): number | null => (removed.has(line) ? null : line - order.filter((n) => n < line).length);
  return { claim, done, refused, lineMap, dxBefore, dxAfter };
}

/** What a finding is about, independent of line renumbering: rule, line (mapped), field, and the diagnosis code for diagnosis findings. */
function keyOf(f: Finding, line: number | null, dx: readonly string[]): string {
  const dxAt = /^diagnoses\[(\d+)\]/.exec(f.path ?? '');
  const where = dxAt ? `dx:${dx[Number(dxAt[1])] ?? dxAt[1]}` : (f.path ?? '').replace(/^lines\[\d+\]/, 'line');
  return `${f.ruleId}|${line ?? ''}|${where}`;
}

interface Diff {
  gone: Finding[];
  goneWithLine: Finding[];
  appeared: Finding[];
  kept: number;
}

function diff(before: readonly Finding[], after: readonly Finding[], applied: Applied): Diff {
  const remaining = new Map<string, number>();
  for (const f of after) {
    const k = keyOf(f, f.line, applied.dxAfter);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const gone: Finding[] = [];
  const goneWithLine: Finding[] = [];
  let kept = 0;
  const matched = new Map<string, number>();
  for (const f of before) {
    const mapped = f.line === null ? null : applied.lineMap(f.line);
    if (f.line !== null && mapped === null) {
      goneWithLine.push(f);
      continue;
    }
    const k = keyOf(f, mapped, applied.dxBefore);
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      matched.set(k, (matched.get(k) ?? 0) + 1);
      kept++;
    } else gone.push(f);
  }
  const appeared: Finding[] = [];
  for (const f of after) {
    const k = keyOf(f, f.line, applied.dxAfter);
    const used = matched.get(k) ?? 0;
    if (used > 0) matched.set(k, used - 1);
    else appeared.push(f);
  }
  return { gone, goneWithLine, appeared, kept };
}

/** A follow-up about the first error or warning on a line, when there is one. */
function explainFirst(findings: readonly Finding[]): string[] {
  const first = findings.find((f) => f.severity !== 'info');
  return first?.line ? [`Explain the finding on line ${first.line}`] : [];
}

const item = (f: Finding): string => `  • ${placeOf(f)}: ${f.message} ${citation(f)}`;

/** A what-if change made on a copy of the current claim and scrubbed, or the answer saying why it could not be. */
type Tried = { current: CurrentClaim; applied: Applied; after: ScrubResult; renumbered: boolean; changes: readonly WhatIfChange[] } | { answer: Answer };

function tryChange(ctx: AnswerContext, question: string): Tried {
  if (!ctx.claim) {
    if (ctx.result && !ctx.claimProblem) return { answer: { text: 'I need the claim itself, not only its result, to try a change on it. Paste the claim and ask again.', suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx) } };
    return { answer: noClaim(ctx) };
  }
  const current = ctx.claim;
  const parsed = parseWhatIf(question, ctx.vocabulary, current.view.lineCount);
  if (parsed.changes.length === 0) {
    const why = parsed.problems.length ? `I could not tell ${parsed.problems[0]} ` : '';
    return {
      answer: {
        text: `${why}I can try a change on a copy of this claim and tell you which findings go away and which appear: add or remove a modifier, change a line's code, units or date of service, remove a line, or add, remove or replace a diagnosis.`,
        suggestions: pickSuggestions(ctx.question, [...claimFollowUps(ctx).filter((s) => s.startsWith('What if')), ...EXAMPLES], ctx),
      },
    };
  }
  const applied = apply(current, parsed.changes);
  if (applied.done.length === 0) {
    return { answer: { text: `Nothing to try: ${listing(applied.refused)}.`, suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx) } };
  }
  try {
    return { current, applied, after: ctx.scrub(applied.claim), renumbered: parsed.changes.some((c) => c.kind === 'remove-line'), changes: parsed.changes };
  } catch (error) {
    return { answer: { text: `The changed claim could not be checked: ${error instanceof Error ? error.message : String(error)}`, suggestions: pickSuggestions(ctx.question, claimFollowUps(ctx), ctx) } };
  }
}

export function whatIf(ctx: AnswerContext): Answer {
  const tried = tryChange(ctx, ctx.question);
  if ('answer' in tried) return tried.answer;
  const { current, applied, after, renumbered, changes } = tried;
  const d = diff(current.result.findings, after.findings, applied);
  const out = [`If you ${listing(applied.done)}:`];
  if (applied.refused.length > 0) out.push(`(Not done: ${listing(applied.refused)}.)`);
  const gone = [...d.goneWithLine, ...d.gone];
  out.push(gone.length ? `Gone (${gone.length}):` : 'Gone: nothing.');
  out.push(...d.goneWithLine.map((f) => `${item(f)} — removed with its line`), ...d.gone.map(item));
  out.push(d.appeared.length ? `New (${d.appeared.length})${renumbered ? ', numbered as the lines would be after the change' : ''}:` : 'New: nothing.');
  out.push(...d.appeared.map(item));
  out.push(
    `Unchanged: ${plural(d.kept, 'finding')}. The claim would go from ${STATUS_WORD[current.result.status]} to ${STATUS_WORD[after.status]} (${countFindings(after.findings)}). ` +
      'Your claim itself is not changed; say "apply that" to make the change.',
  );
  if (gone.length === 0 && d.appeared.length === 0) out.push(whyNothingChanged(ctx.prepared, changes, after.findings));
  const follow = explainFirst(d.appeared);
  return {
    text: out.join('\n'),
    findings: [...d.appeared, ...gone],
    suggestions: pickSuggestions(ctx.question, [...follow, 'Apply that change', ...claimFollowUps(ctx)], ctx),
    // "apply that" makes this change; what else was in focus stays
    focus: { ...ctx.focus, change: ctx.question },
  };
}

/**
 * "Apply that": makes the last what-if change for real. The changed claim goes back to the
 * caller, which keeps it as a new claim (the one it came from stays as it was) and talks
 * about it from then on.
 */
export function applyChange(ctx: AnswerContext): Answer {
  const change = ctx.focus?.change;
  if (change === undefined) {
    return {
      text: 'There is no change to apply yet. Ask a what-if first, for example "What if I add modifier 59 to line 2?"; I show what it would do, and "apply that" then makes it.',
      suggestions: pickSuggestions(ctx.question, [...claimFollowUps(ctx).filter((s) => s.startsWith('What if')), ...EXAMPLES], ctx),
    };
  }
  const tried = tryChange(ctx, change);
  if ('answer' in tried) return tried.answer;
  const { applied, after } = tried;
  const { change: _applied, ...rest } = ctx.focus ?? {};
  const out = [`Done: I made the change (${listing(applied.done)}) and scrubbed the claim again.`];
  if (applied.refused.length > 0) out.push(`(Not done: ${listing(applied.refused)}.)`);
  out.push(`It is now ${STATUS_WORD[after.status]} (${countFindings(after.findings)}).`);
  out.push(...after.findings.filter((f) => f.severity !== 'info').map(item));
  out.push('The claim as it was is still in the history.');
  const follow = explainFirst(after.findings);
  return {
    text: out.join('\n'),
    findings: after.findings,
    suggestions: pickSuggestions(ctx.question, [...follow, 'Why would this claim be denied?', 'How do I fix it?'], ctx),
    claim: applied.claim,
    focus: rest,
  };
}
