/**
 * Scrubbing over REST. `POST /api/scrub` is the contract's: a claim or an array of claims
 * as JSON, answered with the result(s); it also reads a FHIR resource posted as it is, and a
 * body that is not JSON (an 837) as a file, answering a result per claim. `POST /api/scrub/text` is what the page sends: the
 * text as pasted or read from a file, in any format Scrubjay reads (claim JSON, NDJSON,
 * X12 837P, FHIR), answered with each claim as read, its result and its history id.
 * Every scrub is kept in the history.
 */
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { asClaimObject } from '../../claim/input.js';
import { readClaims } from '../../claim/read.js';
import { isFhirResource, readFhirClaims } from '../../claim/fhir/index.js';
import { resourceTypeOf } from '../../claim/fhir/resources.js';
import { isIsoDate } from '../../claim/dates.js';
import { createBatchScrubber, scrubClaimFromFile, type BatchResult } from '../../batch/scrub-batch.js';
import { scrubClaim } from '../../engine/scrub.js';
import { ScrubjayError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { readParams } from '../http-errors.js';
import { actorOf, keepInBackground } from '../keep.js';
import { noteScrub } from '../request-log.js';

const asOfParam = z
  .string()
  .refine(isIsoDate, 'must be a date written YYYY-MM-DD')
  .optional();

const textQuery = z.object({
  asOf: asOfParam,
  /** the file name the text came from, used in messages about it */
  name: z.string().trim().min(1).max(200).optional(),
});

export interface ScrubbedItem {
  /** the history record, or null when nothing usable could be read (nothing to keep) */
  scrubId: string | null;
  claim: Record<string, unknown> | null;
  result: BatchResult;
}

export function scrubRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const { limits } = context;

  /** The claims of a text in any format Scrubjay reads, each with its result (at most `claimsPerText` of them). */
  const scrubText = async (body: Buffer, name: string, asOf: string): Promise<{ format: string | null; read: Array<{ claim: Record<string, unknown> | null; result: BatchResult }> }> => {
    const scrubber = createBatchScrubber(context.rules.current(), { asOf, reference: context.reference });
    const read: Array<{ claim: Record<string, unknown> | null; result: BatchResult }> = [];
    let format: string | null = null;
    for await (const item of readClaims(body, name)) {
      if (read.length === limits.claimsPerText) {
        throw new ScrubjayError('INPUT_TOO_LARGE', `${name} holds more than ${limits.claimsPerText} claims; scrub it as a file of claims (POST /api/batch) instead`, { file: name });
      }
      format ??= item.format;
      read.push({ claim: item.claim, result: await scrubClaimFromFile(item, scrubber) });
    }
    return { format, read };
  };

  /**
   * A FHIR R4 Claim or ExplanationOfBenefit posted as it is (or a Bundle of them) is read as
   * `check` reads a FHIR file: one result for one resource, a list for a Bundle.
   */
  const scrubFhir = (req: Request, res: express.Response, resource: unknown, asOf: string): void => {
    const scrubber = createBatchScrubber(context.rules.current(), { asOf, reference: context.reference });
    const read = readFhirClaims(resource, 'request body');
    // the fast path answers at once: no promise among these
    const results = read.map((item) => scrubClaimFromFile(item, scrubber) as BatchResult);
    noteScrub(res, results);
    res.json(resourceTypeOf(resource) === 'Bundle' ? results : results[0]);
    const actor = actorOf(req.ip);
    read.forEach((item, i) => {
      if (item.claim !== null) keepInBackground(context.store, context.logger, { claim: item.claim, result: results[i]!, actor, origin: 'rest' });
    });
  };

  // JSON is the contract's body; any other (an 837 sent as text/plain or application/edi-x12) is read as a file is
  const notJson = (req: IncomingMessage): boolean => !/\bjson\b/i.test(req.headers['content-type'] ?? '');
  router.post('/api/scrub', express.json({ limit: limits.bodyBytes }), express.raw({ type: notJson, limit: limits.bodyBytes }), async (req: Request, res) => {
    const { asOf: given } = readParams(z.object({ asOf: asOfParam }), { asOf: req.query.asOf });
    const asOf = given ?? context.today();
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) {
      // a file's worth of claims: always a list of results, one per claim read
      const { read } = await scrubText(body, 'request body', asOf);
      const results = read.map((r) => r.result);
      noteScrub(res, results);
      res.json(results);
      const actor = actorOf(req.ip);
      read.forEach(({ claim, result }) => {
        if (claim !== null) keepInBackground(context.store, context.logger, { claim, result, actor, origin: 'rest' });
      });
      return;
    }
    if (isFhirResource(body)) {
      scrubFhir(req, res, body, asOf);
      return;
    }
    const many = Array.isArray(body);
    const items = many ? body : [body];
    const prepared = context.rules.current();
    const claims = items.map((item, index) => asClaimObject(item, index, 'request body'));
    const results = claims.map((claim) => scrubClaim(claim, prepared, { asOf, reference: context.reference }));
    noteScrub(res, results);
    res.json(many ? results : results[0]);
    // after answering: the client's latency is the scrub's, not the disk's
    const actor = actorOf(req.ip);
    claims.forEach((claim, i) => keepInBackground(context.store, context.logger, { claim, result: results[i]!, actor, origin: 'rest' }));
  });

  // raw bytes, not a string: the readers tell the format and the text encoding (UTF-8, UTF-16) from them,
  // and a string would be taken for a file path
  router.post('/api/scrub/text', express.raw({ type: () => true, limit: limits.bodyBytes }), async (req: Request, res) => {
    const query = readParams(textQuery, { asOf: req.query.asOf, name: req.query.name });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { format, read } = await scrubText(body, query.name ?? 'pasted claim', query.asOf ?? context.today());
    noteScrub(res, read.map((r) => r.result));
    const actor = actorOf(req.ip);
    const items: ScrubbedItem[] = await Promise.all(
      read.map(async ({ claim, result }) => ({
        scrubId: claim === null ? null : (await context.store.recordScrub({ claim, result, actor, origin: 'page' })).id,
        claim,
        result,
      })),
    );
    res.json({ format, items });
  });

  return router;
}
