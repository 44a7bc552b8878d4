/**
 * Exercises handed out and not yet answered, with their answers, kept in memory only: the
 * answer never leaves the server before the marks come in, and each exercise is answered
 * once, by the user it was made for. An exercise lost in a restart is simply asked again;
 * what lasts is the progress, which the store keeps.
 */
import { randomBytes } from 'node:crypto';
import type { PracticeClaim } from './practice.js';

export interface OpenExercise {
  id: string;
  username: string;
  practice: PracticeClaim;
}

/** open exercises one user may hold; the oldest goes first, as a trainee who asks for many answers few */
const PER_USER = 20;

export class ExerciseBook {
  readonly #byUser = new Map<string, OpenExercise[]>();

  open(username: string, practice: PracticeClaim): OpenExercise {
    const exercise: OpenExercise = { id: randomBytes(9).toString('base64url'), username, practice };
    const list = this.#byUser.get(username) ?? [];
    list.push(exercise);
    if (list.length > PER_USER) list.shift();
    this.#byUser.set(username, list);
    return exercise;
  }

  /** Takes the exercise out when it is this user's; another user's id is as unknown as a made-up one. */
  take(username: string, id: string): OpenExercise | undefined {
    const list = this.#byUser.get(username);
    const at = list?.findIndex((e) => e.id === id) ?? -1;
    if (at < 0) return undefined;
    return list!.splice(at, 1)[0];
  }
}
