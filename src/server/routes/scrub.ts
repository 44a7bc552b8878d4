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
import type { ClaimInput } from '../../contract/claim.js';
import { readClaims } from '../../claim/read.js';
import { isFhirResource, readFhirClaims } from '../../claim/fhir/index.js';
import { resourceTypeOf } from '../../claim/fhir/resources.js';
import { isIsoDate } from '../../claim/dates.js';
import { createBatchScrubber, scrubClaimFromFile, type BatchResult } from '../../batch/scrub-batch.js';
import type { ScrubResult } from '../../engine/finding.js';
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

/** A claim as read (null when nothing usable could be read) and its result. */
interface Scrubbed<R> {
  claim: ClaimInput | null;
  result: R;
}

export interface ScrubbedItem extends Scrubbed<BatchResult> {
  /** the history record, or null when nothing usable could be read (nothing to keep) */
  scrubId: string | null;
}

export function scrubRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const { limits } = context;

  /** The claims of a text in any format Scrubjay reads, each with its result (at most `claimsPerText` of them). */
  const scrubText = async (body: Buffer, name: string, asOf: string): Promise<{ format: string | null; read: Array<Scrubbed<BatchResult>> }> => {
    const scrubber = createBatchScrubber(context.rules.current(), { asOf, reference: context.reference });
    const read: Array<Scrubbed<BatchResult>> = [];
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

  /** Answers the results (one, or a list) and then keeps each claim that could be read in the history, off the request path. */
  const answerAndKeep = (req: Request, res: express.Response, scrubbed: ReadonlyArray<Scrubbed<ScrubResult>>, single: boolean): void => {
    const results = scrubbed.map((s) => s.result);
    noteScrub(res, results);
    res.json(single ? results[0] : results);
    // after answering: the client's latency is the scrub's, not the disk's
    const actor = actorOf(req.ip);
    for (const { claim, result } of scrubbed) if (claim !== null) keepInBackground(context.store, context.logger, { claim, result, actor, origin: 'rest' });
  };

  // JSON is the contract's body; any other (an 837 sent as text/plain or application/edi-x12) is read as a file is
  const notJson = (req: IncomingMessage): boolean => !/\bjson\b/i.test(req.headers['content-type'] ?? '');
  router.post('/api/scrub', express.json({ limit: limits.bodyBytes }), express.raw({ type: notJson, limit: limits.bodyBytes }), async (req: Request, res) => {
    const { asOf: given } = readParams(z.object({ asOf: asOfParam }), { asOf: req.query.asOf });
    const asOf = given ?? context.today();
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) {
      // a file's worth of claims: always a list of results, one per claim read
      answerAndKeep(req, res, (await scrubText(body, 'request body', asOf)).read, false);
      return;
    }
    if (isFhirResource(body)) {
      // read as `check` reads a FHIR file: one result for a Claim or ExplanationOfBenefit, a list for a Bundle
      const scrubber = createBatchScrubber(context.rules.current(), { asOf, reference: context.reference });
      // the fast path answers at once: no promise among these
      const read = readFhirClaims(body, 'request body').map((item) => ({ claim: item.claim, result: scrubClaimFromFile(item, scrubber) as BatchResult }));
      answerAndKeep(req, res, read, resourceTypeOf(body) !== 'Bundle');
      return;
    }
    const many = Array.isArray(body);
    const prepared = context.rules.current();
    const claims = (many ? body : [body]).map((item, index) => asClaimObject(item, index, 'request body'));
    answerAndKeep(req, res, claims.map((claim) => ({ claim, result: scrubClaim(claim, prepared, { asOf, reference: context.reference }) })), !many);
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
