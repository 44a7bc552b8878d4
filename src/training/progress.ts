/**
 * A trainee's progress per rule family, worked out from the answered exercises kept in the
 * store. What to practise next is spaced repetition in its simplest form: a family missed
 * in its latest exercise is due at once; each exercise in a row without a miss doubles how
 * many exercises may pass before it comes round again. Families never practised come after
 * the due ones, so a trainee meets the whole rule set in time.
 */
import type { FamilyProgress, PracticeAttempt, Progress } from '../contract/training.js';

/** how many families a trainee is pointed at: enough to choose from, few enough to act on */
const NEXT_COUNT = 3;

/** `attempts` are one user's, oldest first; `families` every family there is to practise. */
export function progressOf(username: string, attempts: readonly PracticeAttempt[], families: readonly string[] = []): Progress {
  const byFamily = new Map<string, { attempts: number; found: number; missed: number; streak: number; streakOpen: boolean; lastSeen: number }>();
  for (let i = attempts.length - 1; i >= 0; i--) {
    for (const entry of attempts[i]!.families) {
      let stats = byFamily.get(entry.family);
      if (stats === undefined) {
        stats = { attempts: 0, found: 0, missed: 0, streak: 0, streakOpen: true, lastSeen: i };
        byFamily.set(entry.family, stats);
      }
      stats.attempts++;
      stats.found += entry.found;
      stats.missed += entry.missed;
      if (stats.streakOpen && entry.missed === 0) stats.streak++;
      else stats.streakOpen = false;
    }
  }
  const rows: FamilyProgress[] = [...byFamily.entries()].map(([family, s]) => {
    const since = attempts.length - 1 - s.lastSeen;
    const total = s.found + s.missed;
    return { family, attempts: s.attempts, found: s.found, missed: s.missed, accuracy: total === 0 ? 1 : s.found / total, streak: s.streak, due: s.streak === 0 || since >= 2 ** s.streak };
  });
  rows.sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : 0));
  const due = rows.filter((r) => r.due).sort((a, b) => a.streak - b.streak || a.accuracy - b.accuracy || (a.family < b.family ? -1 : 1));
  const unseen = families.filter((f) => !byFamily.has(f));
  const practiseNext = [...due.map((r) => r.family), ...unseen].slice(0, NEXT_COUNT);
  return { username, exercises: attempts.length, families: rows, practiseNext };
}
