/**
 * Scrubbing over REST. `POST /api/scrub` is the contract's: a claim or an array of claims
 * as JSON, answered with the result(s); it also reads a FHIR resource posted as it is, and a
 * body that is not JSON (an 837) as a file, answering a result per claim. `POST /api/scrub/text`
 * is what the page sends: the text as pasted or read from a file, in any format Scrubjay
 * reads, answered with each claim as read, its result and its history id. Both read through
 * the one intake, and every scrub is kept in the history before it is answered.
 */
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { ClaimInput } from '../../contract/claim.js';
import { isIsoDate } from '../../claim/dates.js';
import { resourceTypeOf } from '../../claim/fhir/resources.js';
import { refuseUnusable, type BatchResult, type Intaken, type KnownClaim } from '../../intake/index.js';
import type { ServiceContext } from '../context.js';
import { readParams } from '../http-errors.js';
import { actorOf, keepAll } from '../keep.js';
import { userOf } from '../authenticate.js';
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
  claim: ClaimInput | null;
  result: BatchResult;
}

const BODY = 'request body';

export function scrubRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const { limits } = context;

  /** One request's intake: as of the date asked for (default today), at most `claimsPerText` claims. */
  const intakeAsOf = (asOf: string | undefined) => context.intake({ ...(asOf ? { asOf } : {}), maxClaims: limits.claimsPerText });

  /** Every claim of a file-like body, each with its result (at most `claimsPerText` of them). */
  const scrubFile = async (body: Buffer, name: string, asOf: string | undefined): Promise<{ format: string | null; read: Intaken[] }> => {
    const intake = intakeAsOf(asOf);
    const read: Intaken[] = [];
    for await (const item of intake.file(body, name)) read.push(item);
    return { format: read[0]?.format ?? null, read };
  };

  /** Keeps each claim that could be read in the history and, once every one is durable, answers the results (one, or a list) with their history ids. */
  const keepAndAnswer = async (req: Request, res: express.Response, scrubbed: readonly Intaken[], single: boolean): Promise<void> => {
    noteScrub(res, scrubbed.map((s) => s.result));
    const by = actorOf(userOf(res), req.ip);
    const toKeep = scrubbed.filter((s): s is KnownClaim => s.claim !== null);
    const records = await keepAll(context.store, context.logger, toKeep.map(({ claim, result }) => ({ claim, result, by, origin: 'rest' })));
    const idOf = new Map(toKeep.map((s, i) => [s, records[i]!.id]));
    const results = scrubbed.map((s) => {
      const scrubId = idOf.get(s as KnownClaim);
      return scrubId === undefined ? s.result : { ...s.result, scrubId };
    });
    res.json(single ? results[0] : results);
  };

  // JSON is the contract's body; any other (an 837 sent as text/plain or application/edi-x12) is read as a file is
  const notJson = (req: IncomingMessage): boolean => !/\bjson\b/i.test(req.headers['content-type'] ?? '');
  router.post('/api/scrub', express.json({ limit: limits.bodyBytes }), express.raw({ type: notJson, limit: limits.bodyBytes }), async (req: Request, res) => {
    const { asOf } = readParams(z.object({ asOf: asOfParam }), { asOf: req.query.asOf });
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) {
      // a file's worth of claims: always a list of results, one per claim read
      await keepAndAnswer(req, res, (await scrubFile(body, BODY, asOf)).read, false);
      return;
    }
    const intake = intakeAsOf(asOf);
    const read = await intake.json(body, BODY);
    // the contract's body is claims: a value that is not one is a bad request, not a result
    refuseUnusable(read, BODY);
    // one claim or FHIR Claim/ExplanationOfBenefit answers one result; an array or a Bundle, a list
    const single = !Array.isArray(body) && resourceTypeOf(body) !== 'Bundle';
    await keepAndAnswer(req, res, read, single && read.length === 1);
  });

  // raw bytes, not a string: the readers tell the format and the text encoding (UTF-8, UTF-16) from them,
  // and a string would be taken for a file path
  router.post('/api/scrub/text', express.raw({ type: () => true, limit: limits.bodyBytes }), async (req: Request, res) => {
    const query = readParams(textQuery, { asOf: req.query.asOf, name: req.query.name });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { format, read } = await scrubFile(body, query.name ?? 'pasted claim', query.asOf);
    noteScrub(res, read.map((r) => r.result));
    const by = actorOf(userOf(res), req.ip);
    const toKeep = read.filter((r): r is KnownClaim => r.claim !== null);
    const records = await keepAll(context.store, context.logger, toKeep.map(({ claim, result }) => ({ claim, result, by, origin: 'page' })));
    const idOf = new Map(toKeep.map((r, i) => [r, records[i]!.id]));
    const items: ScrubbedItem[] = read.map((r) => ({ scrubId: idOf.get(r as KnownClaim) ?? null, claim: r.claim, result: r.result }));
    res.json({ format, items });
  });

  return router;
}
