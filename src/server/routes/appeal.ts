/**
 * What a stored claim's follow-up holds, per scrub: the remittances posted for it (as they
 * were explained), its state changes, and an appeal letter draft for one of its denials,
 * as JSON or as a page to print. Billers, compliance and admins, as the rest of the follow-up.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { selectProfile } from '../../payers/profile.js';
import { appealLetterHtml } from '../../remit/appeal-html.js';
import { draftAppealLetter } from '../../remit/appeal-letter.js';
import { ptpChecksFor, ptpSourceOf } from '../../remit/appeal-ncci.js';
import type { ExplainedRemit } from '../../remit/index.js';
import type { ScrubRecord, StoredRemit } from '../../store/store.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';

const appealQuery = z.object({
  remit: z.string().trim().min(1).max(100).optional(),
  format: z.enum(['json', 'html']).optional(),
});

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The remittance a request names: by the payer's claim control number (the newest of that
 * number: a reversal and its correction share it), else by its place in the list, oldest
 * first; with neither, the newest one with a denial.
 */
export function pickRemit(remits: readonly StoredRemit[], wanted: string | undefined): StoredRemit | undefined {
  if (wanted === undefined) return [...remits].reverse().find((r) => r.summary.state === 'denied' || r.summary.state === 'partly-paid') ?? remits.at(-1);
  const byNumber = [...remits].reverse().find((r) => (r.remit as { payerClaimControlNumber?: unknown }).payerClaimControlNumber === wanted);
  if (byNumber !== undefined) return byNumber;
  return /^\d+$/.test(wanted) ? remits[Number(wanted)] : undefined;
}

export function appealRoutes(context: ServiceContext): Router {
  const router = express.Router();

  const scrubOr404 = async (req: Request<{ id: string }>, res: Response): Promise<ScrubRecord | undefined> => {
    const record = await context.store.scrub(req.params.id);
    if (record === undefined) sendError(res, 'SJ_HTTP_NOT_FOUND', 'no scrubbed claim with that id (it may be older than the history keeps)', 'id');
    return record;
  };

  router.get('/api/history/:id/remits', async (req: Request<{ id: string }>, res) => {
    const record = await scrubOr404(req, res);
    if (record === undefined) return;
    const remits = await context.store.remitsOfScrub(record.id);
    res.json(remits.map((r) => ({ id: r.id, file: r.file, by: r.by, at: r.at, remit: r.remit })));
  });

  router.get('/api/history/:id/states', async (req: Request<{ id: string }>, res) => {
    const record = await scrubOr404(req, res);
    if (record === undefined) return;
    res.json(await context.store.stateChanges(record.id));
  });

  router.get('/api/history/:id/appeal', async (req: Request<{ id: string }>, res) => {
    const query = readParams(appealQuery, req.query);
    const record = await scrubOr404(req, res);
    if (record === undefined) return;
    const stored = pickRemit(await context.store.remitsOfScrub(record.id), query.remit);
    if (stored === undefined) {
      sendError(res, 'SJ_REMIT_NOT_FOUND', query.remit === undefined ? 'no remittance is stored for this claim yet' : `no stored remittance of this claim has the payer claim control number or index ${query.remit}`, 'remit');
      return;
    }
    const remit = stored.remit as unknown as ExplainedRemit;
    const prepared = context.rules.current();
    const payer = record.claim.payer !== null && typeof record.claim.payer === 'object' ? (record.claim.payer as Record<string, unknown>) : {};
    const letter = draftAppealLetter({
      remit,
      scrub: { id: record.id, scrubbedAt: record.scrubbedAt, claim: record.claim as unknown as Record<string, unknown>, result: record.result },
      profile: selectProfile(prepared.ruleSet.payers, text(payer.id), text(payer.kind)),
      rules: { version: prepared.ruleSet.version, rules: prepared.ruleSet.rules },
      catalog: context.codes(),
      ptp: ptpChecksFor(remit, ptpSourceOf(context.reference, prepared.ruleSet.lists)),
      states: await context.store.stateChanges(record.id),
    });
    await audit(context, { user: userOf(res), action: 'appeal-draft', target: [record.id, ...(record.claimId ? [record.claimId] : [])], address: req.ip ?? 'unknown', detail: `remittance ${stored.id}, ${letter.recommendation}` });
    if (query.format === 'html') {
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(appealLetterHtml(remit.claimId, letter));
      return;
    }
    res.json({ text: letter.text, sections: letter.sections, gaps: letter.gaps, appealBy: letter.appealBy, recommendation: letter.recommendation, reason: letter.reason });
  });

  return router;
}
