/**
 * The follow-up of sent claims over HTTP: 835 remittances posted, kept and linked to their
 * scrubs (setting the claims' states), the worklist of claims with their states and
 * deadlines (JSON, or CSV for a spreadsheet), and a biller's own state changes. Billers,
 * compliance and admins only, as the rest of the follow-up.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { InputProblem } from '../../claim/source.js';
import { CLAIM_STATES } from '../../contract/remit.js';
import { ScrubjayError } from '../../errors.js';
import { explainRemits, readRemittance, type ExplainedRemit } from '../../remit/index.js';
import { remitNote, remitState, remitSummary } from '../../remit/remit-state.js';
import { worklist, worklistCsv } from '../../remit/worklist.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';
import { closeAfterIdle, uploadBody } from '../upload-body.js';

const remitQuery = z.object({ name: z.string().trim().min(1).max(200).optional() });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const worklistQuery = z.object({
  state: z.enum(CLAIM_STATES).optional(),
  payer: z.string().trim().min(1).max(200).optional(),
  carc: z.string().trim().min(1).max(10).optional(),
  dueBefore: isoDate.optional(),
  sort: z.enum(['money', 'deadline', 'newest']).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/** a state and a note: a few lines of text at most */
const STATE_BODY_LIMIT = 16 * 1024;
const stateBody = z.object({ state: z.enum(CLAIM_STATES), note: z.string().trim().min(1).max(2000).optional() }).strict();

export function worklistRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.post('/api/remits', async (req: Request, res) => {
    const { name } = readParams(remitQuery, { name: req.query.name });
    const file = name ?? 'the remittance file';
    const user = userOf(res);
    const problems: InputProblem[] = [];
    const remits: ExplainedRemit[] = [];
    const remitContext = { catalog: context.codes(), profiles: context.rules.current().ruleSet.payers, store: context.store };
    try {
      const payments = readRemittance(uploadBody(req, { maxBytes: context.limits.batchBytes, idleMs: context.limits.uploadIdleMs }, file), file, problems);
      for await (const remit of explainRemits(payments, remitContext)) remits.push(remit);
    } catch (error) {
      closeAfterIdle(error, req, res);
      throw error;
    }
    // a payment misread is not kept: a wrong amount or status would set the claim's state wrongly
    const error = problems.find((p) => p.severity === 'error');
    if (error !== undefined) throw new ScrubjayError('SJ_REMIT_UNUSABLE', `${file}: ${error.message}${error.where?.location === undefined ? '' : ` (${error.where.location})`}`, { file });
    await context.store.recordRemits(
      remits.map((remit) => ({ remit: remit as unknown as Record<string, unknown>, summary: remitSummary(remit), scrubId: remit.scrub?.scrubId ?? null, claimId: remit.claimId, file })),
      user.username,
    );
    const matched = remits.filter((r) => r.scrub !== null);
    await context.store.recordStateChanges(matched.map((remit) => ({ scrubId: remit.scrub!.scrubId, state: remitState(remit), note: remitNote(remit), by: user.username, source: 'remit' as const })));
    await audit(context, {
      user,
      action: 'remit-read',
      target: matched.map((r) => r.scrub!.scrubId),
      address: req.ip ?? 'unknown',
      detail: `${remits.length} claim payments, ${matched.length} matched to stored scrubs`,
    });
    if (problems.length > 0) context.logger.info({ event: 'remit-problems', codes: [...new Set(problems.map((p) => p.code))] }, 'the remittance had problems that did not stop its reading');
    res.json(remits);
  });

  router.get('/api/worklist', async (req: Request, res) => {
    const query = readParams(worklistQuery, req.query);
    const page = await worklist(context.store, context.rules.current().ruleSet.payers, query);
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="worklist.csv"');
      res.send(worklistCsv(page.items));
      return;
    }
    res.json(page);
  });

  router.post('/api/worklist/:scrubId/state', express.json({ limit: STATE_BODY_LIMIT }), async (req: Request<{ scrubId: string }>, res) => {
    const body = readParams(stateBody, req.body, 'body');
    const record = await context.store.scrub(req.params.scrubId);
    if (record === undefined) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', 'no scrubbed claim with that id (it may be older than the history keeps)', 'scrubId');
      return;
    }
    const user = userOf(res);
    const [change] = await context.store.recordStateChanges([{ scrubId: record.id, state: body.state, ...(body.note === undefined ? {} : { note: body.note }), by: user.username, source: 'user' }]);
    await audit(context, { user, action: 'claim-state', target: [record.id, ...(record.claimId ? [record.claimId] : [])], address: req.ip ?? 'unknown', detail: body.state });
    res.json(change);
  });

  return router;
}
