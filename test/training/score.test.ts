import { describe, expect, it } from 'vitest';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { generatePractice } from '../../src/training/practice.js';
import { scoreMarks } from '../../src/training/score.js';
import { RULES_DIR } from '../support/paths.js';
import type { Mark } from '../../src/contract/training.js';
import type { Finding } from '../../src/engine/finding.js';

const prepared = loadPreparedRuleSet(RULES_DIR);
const practice = generatePractice(prepared, { level: 3, seed: 11 });

function markFor(f: Finding): Mark {
  return f.line === null ? { field: f.path!, carc: f.carc ?? '16' } : { line: f.line, carc: f.carc ?? '16' };
}

describe('scoring marks on a practice claim', () => {
  it('counts every finding hit when each is marked at its place with its CARC', () => {
    const { score, attempt } = scoreMarks('ex1', 3, practice.answer, practice.answer.map(markFor), prepared.ruleSet);
    expect(score.hits).toBe(practice.answer.length);
    expect(score.misses).toBe(0);
    expect(score.falseAlarms).toBe(0);
    expect(score.accuracy).toBe(1);
    expect(attempt.families.every((f) => f.missed === 0)).toBe(true);
  });

  it('gives each finding its explanation, fix and the rule’s sources, found or not', () => {
    const { score } = scoreMarks('ex1', 3, practice.answer, [], prepared.ruleSet);
    expect(score.misses).toBe(practice.answer.length);
    for (const finding of score.findings) {
      expect(finding.outcome).toBe('miss');
      expect(finding.explanation.length).toBeGreaterThan(0);
      expect(finding.fix.length).toBeGreaterThan(0);
      const rule = prepared.ruleSet.rules.find((r) => r.id === finding.ruleId)!;
      expect(finding.references.map((r) => r.title)).toEqual(rule.references.map((r) => r.title));
    }
  });

  it('misses a finding marked at the right place with the wrong CARC, and says which CARC was given', () => {
    const target = practice.answer.find((f) => f.carc !== null)!;
    const { score } = scoreMarks('ex1', 3, [target], [{ ...markFor(target), carc: 'XX9' }], prepared.ruleSet);
    expect(score.findings[0]).toMatchObject({ outcome: 'miss', markedCarc: 'XX9' });
    expect(score.falseAlarms).toBe(0);
  });

  it('counts a mark where nothing is wrong as a false alarm, against accuracy', () => {
    const marks = [...practice.answer.map(markFor), { field: 'billingProvider.taxId', carc: '16' }];
    const clean = practice.answer.every((f) => f.path !== 'billingProvider.taxId');
    expect(clean).toBe(true);
    const { score } = scoreMarks('ex1', 3, practice.answer, marks, prepared.ruleSet);
    expect(score.falseAlarms).toBe(1);
    expect(score.wrongMarks[0]!.reason).toContain('nothing wrong at billingProvider.taxId');
    expect(score.accuracy).toBeCloseTo(practice.answer.length / (practice.answer.length + 1));
  });

  it('takes a field mark for anything inside that field', () => {
    const onLine = practice.answer.find((f) => f.path?.startsWith('lines['));
    const finding: Finding = onLine ?? { ...practice.answer[0]!, line: 1, path: 'lines[0].units' };
    const field = finding.path!.replace(/\.[^.[\]]+$/, '');
    const { score } = scoreMarks('ex1', 3, [finding], [{ field, carc: finding.carc ?? '16' }], prepared.ruleSet);
    expect(score.hits).toBe(1);
  });

  it('keeps counts per rule family for progress', () => {
    const first = practice.answer[0]!;
    const { attempt } = scoreMarks('ex1', 3, practice.answer, [markFor(first)], prepared.ruleSet);
    const found = attempt.families.reduce((n, f) => n + f.found, 0);
    const missed = attempt.families.reduce((n, f) => n + f.missed, 0);
    expect(found).toBe(1);
    expect(missed).toBe(practice.answer.length - 1);
    expect(attempt.families.map((f) => f.family)).toContain(practice.planted[0]!.family);
  });
});
