import { describe, expect, it } from 'vitest';
import type { PracticeAttempt } from '../../src/contract/training.js';
import { progressOf } from '../../src/training/progress.js';

let n = 0;
function attempt(families: Array<[string, number, number]>): PracticeAttempt {
  n++;
  return { username: 'tina', exerciseId: `ex${n}`, level: 1, at: `2026-03-0${(n % 9) + 1}T10:00:00.000Z`, falseAlarms: 0, families: families.map(([family, found, missed]) => ({ family, found, missed })) };
}

describe('progress per rule family', () => {
  it('counts attempts and accuracy per family', () => {
    const p = progressOf('tina', [attempt([['a', 1, 0]]), attempt([['a', 0, 1], ['b', 2, 0]])]);
    expect(p.exercises).toBe(2);
    expect(p.families).toEqual([
      { family: 'a', attempts: 2, found: 1, missed: 1, accuracy: 0.5, streak: 0, due: true },
      { family: 'b', attempts: 1, found: 2, missed: 0, accuracy: 1, streak: 1, due: false },
    ]);
  });

  it('puts a family missed last time first, and one practised well out of the way for a while', () => {
    const attempts = [attempt([['good', 1, 0]]), attempt([['weak', 0, 1]])];
    expect(progressOf('tina', attempts).practiseNext).toEqual(['weak']);
    // one clean exercise of `good` waits two exercises before it is due again
    attempts.push(attempt([['weak', 1, 0]]));
    expect(progressOf('tina', attempts).practiseNext).toEqual(['good']);
  });

  it('spaces a family further with each clean exercise in a row', () => {
    const attempts = [attempt([['x', 1, 0]]), attempt([['x', 1, 0]]), attempt([['y', 1, 0]])];
    const x = progressOf('tina', attempts).families.find((f) => f.family === 'x')!;
    expect(x.streak).toBe(2);
    expect(x.due).toBe(false);
    attempts.push(attempt([['y', 1, 0]]), attempt([['y', 1, 0]]), attempt([['y', 1, 0]]));
    expect(progressOf('tina', attempts).families.find((f) => f.family === 'x')!.due).toBe(true);
  });

  it('suggests families never practised after the due ones', () => {
    const p = progressOf('tina', [attempt([['a', 0, 1]])], ['a', 'b', 'c', 'd']);
    expect(p.practiseNext).toEqual(['a', 'b', 'c']);
    expect(progressOf('new', [], ['a', 'b']).practiseNext).toEqual(['a', 'b']);
  });
});
