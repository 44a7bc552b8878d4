/**
 * Reports over what the payers answered, for the people who write the rules: the denials
 * the scrub missed, by CARC and payer (JSON, or CSV for a spreadsheet). Reading one is
 * audited, as it lists claims.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { missedDenialsReport, missedReportCsv } from '../../remit/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams } from '../http-errors.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const missedQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  payer: z.string().trim().min(1).max(200).optional(),
  examples: z.coerce.number().int().min(0).max(100).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export function reportRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.get('/api/reports/missed-denials', async (req: Request, res) => {
    const query = readParams(missedQuery, req.query);
    const report = await missedDenialsReport(context.store, query);
    const range = [query.from ?? '', query.to ?? ''].join('..');
    await audit(context, {
      user: userOf(res),
      action: 'report-read',
      target: ['missed-denials'],
      address: req.ip ?? 'unknown',
      detail: `${report.payments} claim payments${range === '..' ? '' : `, ${range}`}${query.payer === undefined ? '' : ', one payer'}${query.format === 'csv' ? ', csv' : ''}`,
    });
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="missed-denials.csv"');
      res.send(missedReportCsv(report));
      return;
    }
    res.json(report);
  });

  return router;
}
