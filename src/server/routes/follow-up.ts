/**
 * After a claim is sent: what the clearinghouse acknowledged (277CA), and a stored claim
 * written as the 837P file a practice system sends, to resubmit it. Billers, compliance
 * and admins only: these are the clinic's real claims, which trainees do not see.
 */
import express, { type Request, type Router } from 'express';
import { write837 } from '../../claim/x12/write/index.js';
import type { ClaimInput } from '../../contract/claim.js';
import type { ClaimState } from '../../contract/remit.js';
import { readAcks } from '../../remit/ack-reader.js';
import type { Acknowledgment } from '../../remit/ack-types.js';
import type { InputProblem } from '../../claim/source.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { sendError } from '../http-errors.js';
import { closeAfterIdle, uploadBody } from '../upload-body.js';
import { z } from 'zod';
import { readParams } from '../http-errors.js';

/** states of a claim the payer has not answered yet: an acknowledgment may still move them */
const BEFORE_THE_PAYER = new Set<ClaimState>(['scrubbed', 'sent', 'rejected', 'corrected']);

const ackQuery = z.object({ name: z.string().trim().min(1).max(200).optional() });

export function followUpRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.post('/api/acks', async (req: Request, res) => {
    const { name } = readParams(ackQuery, { name: req.query.name });
    const file = name ?? 'the acknowledgment file';
    const acknowledgments: Acknowledgment[] = [];
    const problems: InputProblem[] = [];
    try {
      for await (const ack of readAcks(uploadBody(req, { maxBytes: context.limits.batchBytes, idleMs: context.limits.uploadIdleMs }, file), file, { onProblem: (p) => problems.push(p) })) acknowledgments.push(ack);
    } catch (error) {
      closeAfterIdle(error, req, res);
      throw error;
    }
    const rejected = acknowledgments.filter((a) => !a.accepted).length;
    const claims = acknowledgments.filter((a) => a.level === 'claim' && a.claimId !== null);
    const records = await context.store.latestScrubsOfClaims(claims.map((a) => a.claimId!));
    const user = userOf(res);
    // the clearinghouse's word on a claim moves it: accepted is sent on to the payer, rejected comes back to fix;
    // a claim the payer has answered already stays as it is (an acknowledgment read again, or late)
    const latest = await Promise.all(records.map(async (record) => (record === undefined ? undefined : (await context.store.stateChanges(record.id)).at(-1)?.state)));
    const changes = claims.flatMap((ack, i) => {
      const record = records[i];
      const state = latest[i];
      if (record === undefined || (state !== undefined && !BEFORE_THE_PAYER.has(state))) return [];
      const statuses = ack.statuses.map((s) => `${s.category}:${s.code}`).join(' ');
      return [{ scrubId: record.id, state: ack.accepted ? ('sent' as const) : ('rejected' as const), note: `277CA ${ack.at ?? ''} ${statuses}`.replace(/\s+/g, ' ').trim(), by: user.username, source: 'ack' as const }];
    });
    await context.store.recordStateChanges(changes);
    await audit(context, { user, action: 'ack-read', target: changes.map((c) => c.scrubId), address: req.ip ?? 'unknown', detail: `${acknowledgments.length} acknowledgments, ${rejected} not accepted` });
    // one object per claim, as `scrubjay ack --format json` prints them; what was read past goes to the log by code
    if (problems.length > 0) context.logger.info({ event: 'ack-problems', codes: [...new Set(problems.map((p) => p.code))] }, 'the acknowledgment file had problems that did not stop its reading');
    res.json(acknowledgments);
  });

  router.get('/api/history/:id/837', async (req: Request<{ id: string }>, res) => {
    const record = await context.store.scrub(req.params.id);
    if (!record) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', 'no scrubbed claim with that id (it may be older than the history keeps)', 'id');
      return;
    }
    const interchange = write837([record.claim as ClaimInput]);
    await audit(context, { user: userOf(res), action: 'claim-export', target: [record.id, ...(record.claimId ? [record.claimId] : [])], address: req.ip ?? 'unknown' });
    const fileName = `${(record.claimId ?? record.id).replace(/[^A-Za-z0-9._-]/g, '_')}.837`;
    res.type('application/edi-x12').setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.send(interchange);
  });

  return router;
}
