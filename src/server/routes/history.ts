/**
 * The history of scrubs kept on this server: a searchable, paged list, and one scrub with
 * its conversation. A user with `history:all` sees the clinic's scrubs; a trainee only their
 * own, and another user's scrub is "not found" to them, exactly as a scrub that never was.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { can } from '../../access/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { conversationIdFor, maySee } from '../conversations.js';
import { readParams, sendError } from '../http-errors.js';

export const MAX_HISTORY_PAGE = 200;

const pageNumber = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

const historyQuery = z.object({
  claimId: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  limit: pageNumber(MAX_HISTORY_PAGE).pipe(z.number().min(1, 'must be at least 1')).optional(),
  offset: pageNumber(Number.MAX_SAFE_INTEGER).optional(),
});

export function historyRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.get('/api/history', async (req, res) => {
    const user = userOf(res);
    const query = readParams(historyQuery, { claimId: req.query.claimId, limit: req.query.limit, offset: req.query.offset });
    const { total, items } = await context.store.history({
      ...(query.claimId ? { claimId: query.claimId } : {}),
      ...(can(user.role, 'history:all') ? {} : { owner: user.username }),
      limit: query.limit ?? 25,
      offset: query.offset ?? 0,
    });
    res.json({ total, items });
  });

  router.get('/api/history/:id', async (req: Request<{ id: string }>, res) => {
    const user = userOf(res);
    const record = await context.store.scrub(req.params.id);
    if (!record || !maySee(record, user, can(user.role, 'history:all'))) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', 'no scrubbed claim with that id (it may be older than the history keeps)', 'id');
      return;
    }
    await audit(context, { user, action: 'history-read', target: [record.id, ...(record.claimId ? [record.claimId] : [])], address: req.ip ?? 'unknown' });
    res.json({ record, chat: await context.store.chat(conversationIdFor(record, user)) });
  });

  return router;
}
