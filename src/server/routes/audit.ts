/** The audit trail for compliance and admin (filtered by user, action and date, newest first), and the store's retention for admins. */
import express, { type Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction } from '../../store/index.js';
import type { ServiceContext } from '../context.js';
import { readParams } from '../http-errors.js';

export const MAX_AUDIT_PAGE = 1000;


const auditQuery = z.object({
  user: z.string().trim().max(200).optional(),
  action: z.string().refine((a): a is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(a), `must be one of ${AUDIT_ACTIONS.join(', ')}`).optional(),
  since: z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date (YYYY-MM-DD) or an ISO timestamp')
    .optional(),
  limit: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(MAX_AUDIT_PAGE)).optional(),
});

export function auditRoutes(context: ServiceContext): Router {
  const router = express.Router();
  router.get('/api/audit', async (req, res) => {
    const query = readParams(auditQuery, { user: req.query.user, action: req.query.action, since: req.query.since, limit: req.query.limit });
    const page = await context.store.auditQuery({
      ...(query.user ? { user: query.user } : {}),
      ...(query.action ? { action: query.action as AuditAction } : {}),
      ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
      limit: query.limit ?? 100,
    });
    res.json(page);
  });
  // how full the history is against its ceiling: the warning an admin needs before the disk does
  router.get('/api/store/retention', async (_req, res) => {
    res.json(await context.store.retention());
  });

  return router;
}
