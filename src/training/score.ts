/**
 * Scoring a trainee's marks against the scrub of a practice claim. A finding is found when a
 * mark names its place (its line, or its field) and the CARC a payer would send; a mark on
 * the right place with another CARC still misses, since the CARC is what the payer answers
 * with. Marks where the scrub found nothing are false alarms. Each finding comes back with
 * the rule's explanation, fix and sources, found or not: the score is where the lesson is.
 */
import type { Mark, PracticeAttemptInput, Score, ScoredFinding } from '../contract/training.js';
import type { Finding } from '../engine/finding.js';
import type { RuleSet } from '../rules/rule.js';
import type { PracticeLevel } from './seeds.js';
import { familyOf } from './seeds.js';

export interface ScoredExercise {
  score: Score;
  /** what progress keeps of it */
  attempt: Omit<PracticeAttemptInput, 'username'>;
}

export function scoreMarks(exerciseId: string, level: PracticeLevel, answer: readonly Finding[], marks: readonly Mark[], ruleSet: RuleSet): ScoredExercise {
  const rules = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const used = new Set<number>();
  const findings: ScoredFinding[] = answer.map((finding) => {
    const rule = rules.get(finding.ruleId);
    const base = {
      ruleId: finding.ruleId,
      family: rule ? familyOf(rule, ruleSet.dir) : finding.category,
      line: finding.line,
      path: finding.path,
      carc: finding.carc,
      message: finding.message,
      explanation: finding.explanation,
      fix: finding.fix,
      references: rule?.references.map((r) => ({ title: r.title, ...(r.section ? { section: r.section } : {}), ...(r.url ? { url: r.url } : {}) })) ?? [],
    };
    const exact = marks.findIndex((m, i) => !used.has(i) && placeMatches(m, finding) && carcMatches(m, finding));
    if (exact >= 0) {
      used.add(exact);
      return { outcome: 'hit', ...base };
    }
    const placed = marks.findIndex((m, i) => !used.has(i) && placeMatches(m, finding));
    if (placed >= 0) {
      used.add(placed);
      return { outcome: 'miss', ...base, markedCarc: marks[placed]!.carc };
    }
    return { outcome: 'miss', ...base };
  });
  const wrongMarks = marks.flatMap((mark, i) => (used.has(i) ? [] : [{ mark: { ...mark }, reason: reasonFor(mark, answer) }]));
  const hits = findings.filter((f) => f.outcome === 'hit').length;
  const misses = findings.length - hits;
  const whole = findings.length + wrongMarks.length;
  const score: Score = { exerciseId, hits, misses, falseAlarms: wrongMarks.length, accuracy: whole === 0 ? 1 : hits / whole, findings, wrongMarks };
  const byFamily = new Map<string, { family: string; found: number; missed: number }>();
  for (const f of findings) {
    const entry = byFamily.get(f.family) ?? { family: f.family, found: 0, missed: 0 };
    if (f.outcome === 'hit') entry.found++;
    else entry.missed++;
    byFamily.set(f.family, entry);
  }
  return { score, attempt: { exerciseId, level, families: [...byFamily.values()], falseAlarms: wrongMarks.length } };
}

/** A field mark matches its field or anything inside it (`lines[0]` holds `lines[0].units`); a line mark, any finding on that line. */
function placeMatches(mark: Mark, finding: Finding): boolean {
  if (mark.line !== undefined && finding.line !== mark.line) return false;
  if (mark.field === undefined) return true;
  const path = finding.path;
  if (path === null) return false;
  const field = mark.field.trim();
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

/** A warning without a CARC is found by its place alone. */
function carcMatches(mark: Mark, finding: Finding): boolean {
  return finding.carc === null || finding.carc.toUpperCase() === mark.carc.trim().toUpperCase();
}

function reasonFor(mark: Mark, answer: readonly Finding[]): string {
  const where = mark.field ?? `line ${mark.line}`;
  return answer.some((f) => placeMatches(mark, f)) ? `${where} was already counted by another mark` : `the scrub found nothing wrong at ${where}`;
}
