/**
 * `POST /api/batch`: a whole file of claims (X12 837P, NDJSON, a JSON array, FHIR) streamed
 * in the request body and scrubbed as it arrives, in flat memory whatever its size. The
 * uploading page names its socket in `x-socket-id` and gets `batch:progress` events; the
 * answer is the batch summary. Claims with findings are kept in the history (the first
 * `storedPerBatch` of them) so the page can open them; every claim is in the totals.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../claim/dates.js';
import { BatchTally } from '../../batch/summary.js';
import { ScrubjayError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';
import { closeAfterIdle, megabytes, uploadBody } from '../upload-body.js';
import { actorOf, logStoreFailure } from '../keep.js';
import { userOf } from '../authenticate.js';

export interface BatchProgressEvent {
  batchId: string;
  bytes: number;
  /** the upload's size when the client said it; 0 when unknown */
  totalBytes: number;
  claims: number;
  rejected: number;
  warned: number;
}

/** Delivers progress to the socket that uploaded, if it is still connected. */
export type BatchProgressSink = (socketId: string, event: BatchProgressEvent) => void;

const PROGRESS_EVERY_MS = 200;
/** Scrubbing is synchronous; yielding this often keeps chat and other requests answered during a large batch. */
const CLAIMS_PER_YIELD = 250;

const batchQuery = z.object({
  asOf: z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD').optional(),
  name: z.string().trim().min(1).max(200).optional(),
  batchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _').optional(),
});

export function batchRoutes(context: ServiceContext, progressSink: BatchProgressSink): Router {
  const router = express.Router();
  let running = 0;

  router.post('/api/batch', async (req: Request, res) => {
    const query = readParams(batchQuery, { asOf: req.query.asOf, name: req.query.name, batchId: req.query.batchId });
    const totalBytes = Number(req.headers['content-length'] ?? 0) || 0;
    const { batchBytes } = context.limits;
    if (totalBytes > batchBytes) {
      sendError(res, 'SJ_HTTP_TOO_LARGE', `the file is larger than ${megabytes(batchBytes)}`, null);
      req.resume();
      return;
    }
    if (running >= context.limits.concurrentBatches) {
      sendError(res, 'SJ_HTTP_BUSY', `${running} files are being scrubbed already; try again when one has finished`, null);
      req.resume();
      return;
    }
    running++;
    try {
      const name = query.name ?? 'uploaded file';
      const batchId = query.batchId ?? `batch-${Date.now().toString(36)}`;
      const socketId = typeof req.headers['x-socket-id'] === 'string' ? req.headers['x-socket-id'] : null;
      const by = actorOf(userOf(res), req.ip);
      const intake = context.intake(query.asOf ? { asOf: query.asOf } : {});
      const tally = new BatchTally();
      const counted = { bytes: 0 };
      // counted here too: the tally's summary ranks its rules, too much work for every claim
      const seen = { claims: 0, reject: 0, warn: 0, clean: 0 };
      const kept: Array<Promise<{ scrubId: string; claimId: string | null; status: string } | null>> = [];
      let format: string | null = null;
      let lastProgress = 0;
      const progress = (): void => {
        if (socketId === null) return;
        progressSink(socketId, { batchId, bytes: counted.bytes, totalBytes, claims: seen.claims, rejected: seen.reject, warned: seen.warn });
      };

      const body = uploadBody(req, { maxBytes: batchBytes, idleMs: context.limits.uploadIdleMs }, name, counted);
      for await (const item of intake.file(body, name)) {
        format ??= item.format;
        const { result } = item;
        tally.add(result);
        seen.claims++;
        seen[result.status]++;
        if (result.status !== 'clean' && item.claim !== null && kept.length < context.limits.storedPerBatch) {
          kept.push(
            context.store.recordScrub({ claim: item.claim, result, by, origin: 'batch' }).then(
              (record) => ({ scrubId: record.id, claimId: record.claimId, status: record.status }),
              (error: unknown) => {
                logStoreFailure(context.logger, error, 'a batch claim could not be kept in the history');
                return null;
              },
            ),
          );
        }
        if (seen.claims % CLAIMS_PER_YIELD === 0) await new Promise((resolve) => setImmediate(resolve));
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          progress();
        }
      }
      progress();
      const summary = tally.summary();
      const stored = (await Promise.all(kept)).filter((entry) => entry !== null);
      context.logger.info({ batchId, claims: summary.claims, rejected: summary.rejected, ruleIds: summary.topRules.map((r) => r.ruleId) }, 'batch scrubbed');
      res.json({ batchId, name, format, summary, stored, storedLimit: context.limits.storedPerBatch });
    } catch (error) {
      closeAfterIdle(error, req, res);
      throw error;
    } finally {
      running--;
    }
  });

  return router;
}
