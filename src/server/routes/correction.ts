/**
 * A replacement or void of a claim the payer denied or the clearinghouse rejected: made from
 * the stored scrub (or the claim as the biller edited it), scrubbed through the one intake
 * as any claim is, kept linked to the scrub it corrects, and that scrub marked corrected.
 * The new scrub then exports as an 837P like any other (GET /api/history/:id/837).
 */
import express, { type Request, type Router } from 'express';
import type { ClaimInput } from '../../contract/claim.js';
import { CorrectionRequestSchema } from '../../contract/correction.js';
import { ScrubjayError } from '../../errors.js';
import { refuseUnusable } from '../../intake/index.js';
import { correctionClaim } from '../../remit/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';
import { actorOf, keepAll } from '../keep.js';
import { noteScrub } from '../request-log.js';

const NAME = 'corrected claim';

export function correctionRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.post('/api/history/:id/correction', express.json({ limit: context.limits.bodyBytes }), async (req: Request<{ id: string }>, res) => {
    const body = readParams(CorrectionRequestSchema, req.body, 'body');
    const original = await context.store.scrub(req.params.id);
    if (original === undefined) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', 'no scrubbed claim with that id (it may be older than the history keeps)', 'id');
      return;
    }
    const remits = await context.store.remitsOfScrub(original.id);
    const claim = correctionClaim(original, remits, body.kind, body.claim as ClaimInput | undefined);
    const read = await context.intake().json(claim, NAME);
    refuseUnusable(read, NAME);
    const [scrubbed] = read;
    if (scrubbed === undefined || scrubbed.claim === null) throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', 'the corrected claim could not be read as a claim', { path: 'claim' });
    noteScrub(res, [scrubbed.result]);
    const user = userOf(res);
    const [record] = await keepAll(context.store, context.logger, [{ claim: scrubbed.claim, result: scrubbed.result, by: actorOf(user, req.ip), origin: 'rest', correctionOf: original.id }]);
    const how = body.kind === 'replace' ? 'replaced' : 'voided';
    // the original shows where it went; the correction stands in the worklist as corrected until it is acknowledged
    await context.store.recordStateChanges([
      { scrubId: original.id, state: 'corrected', note: `${how} by ${record!.id}`, by: user.username, source: 'user' },
      { scrubId: record!.id, state: 'corrected', note: `${body.kind === 'replace' ? 'replaces' : 'voids'} ${original.id}`, by: user.username, source: 'user' },
    ]);
    await audit(context, {
      user,
      action: 'claim-state',
      target: [original.id, ...(original.claimId ? [original.claimId] : []), record!.id],
      address: req.ip ?? 'unknown',
      detail: `corrected (${body.kind})`,
    });
    res.json({ scrubId: record!.id, correctionOf: original.id, result: { ...scrubbed.result, scrubId: record!.id } });
  });

  return router;
}
