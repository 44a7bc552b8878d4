/**
 * Practice for trainees (and anyone else who wants it): a made-up claim with planted
 * defects, the marks scored against its scrub, and progress per rule family. Practice
 * claims are generated, never the clinic's, so every role may practise; every user's
 * progress is for trainers (compliance and admin).
 */
import { randomInt } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AnswerRequestSchema, type Exercise } from '../../contract/training.js';
import { ScrubjayError } from '../../errors.js';
import { ExerciseBook } from '../../training/exercises.js';
import { generatePractice } from '../../training/practice.js';
import { progressOf } from '../../training/progress.js';
import { scoreMarks } from '../../training/score.js';
import { practiceFamilies } from '../../training/seeds.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';

const exerciseQuery = z.object({
  level: z.enum(['1', '2', '3']).default('1').transform((l) => Number(l) as 1 | 2 | 3),
  family: z.string().trim().min(1).max(200).optional(),
});

/** a few dozen marks: far below any body limit */
const ANSWER_BODY_LIMIT = 64 * 1024;

export function trainingRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const book = new ExerciseBook();

  router.get('/api/training/exercise', (req: Request, res) => {
    const query = readParams(exerciseQuery, req.query);
    const prepared = context.rules.current();
    if (query.family !== undefined && !practiceFamilies(prepared.ruleSet).includes(query.family)) {
      throw new ScrubjayError('SJ_ARGUMENT_INVALID', `query parameter family: no rule family ${query.family} has practice defects`, { path: 'family' });
    }
    let practice;
    try {
      practice = generatePractice(prepared, { level: query.level, seed: randomInt(2 ** 31), ...(query.family ? { family: query.family } : {}) });
    } catch (error) {
      if (error instanceof RangeError) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `query parameters: ${error.message}`, { path: 'level' });
      throw error;
    }
    const exercise = book.open(userOf(res).username, practice);
    const body: Exercise = { id: exercise.id, level: practice.level, asOf: practice.asOf, claim: practice.claim as unknown as Exercise['claim'], defects: practice.answer.length };
    res.json(body);
  });

  router.post('/api/training/exercise/:id/answer', express.json({ limit: ANSWER_BODY_LIMIT }), async (req: Request<{ id: string }>, res) => {
    const body = readParams(AnswerRequestSchema, req.body, 'body');
    const user = userOf(res);
    const exercise = book.take(user.username, req.params.id);
    if (exercise === undefined) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', 'no open exercise with that id (each is answered once, by whoever asked for it)', 'id');
      return;
    }
    const { practice } = exercise;
    const { score, attempt } = scoreMarks(exercise.id, practice.level, practice.answer, body.marks, context.rules.current().ruleSet);
    await context.store.recordPractice({ username: user.username, ...attempt });
    res.json(score);
  });

  router.get('/api/training/progress', async (_req, res) => {
    const { username } = userOf(res);
    res.json(progressOf(username, await context.store.practiceAttempts(username), practiceFamilies(context.rules.current().ruleSet)));
  });

  router.get('/api/training/progress/all', async (_req, res) => {
    const families = practiceFamilies(context.rules.current().ruleSet);
    const attempts = await context.store.practiceAttempts();
    const byUser = new Map<string, typeof attempts>();
    for (const attempt of attempts) byUser.set(attempt.username, [...(byUser.get(attempt.username) ?? []), attempt]);
    res.json([...byUser.entries()].map(([username, own]) => progressOf(username, own, families)));
  });

  return router;
}
