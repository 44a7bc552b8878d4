/**
 * The HTTP application: the contract's REST endpoints and the page. Request bodies are
 * untrusted: anything that is not claim-shaped is answered with a 400 naming the claim
 * and field, never with a stack trace.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { asClaimObject } from '../claim/input.js';
import { todayIso, isIsoDate } from '../claim/dates.js';
import { ScrubjayError } from '../errors.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim } from '../engine/scrub.js';
import type { ReferenceData } from '../reference/index.js';
import { ruleSummary, ruleDetail } from './rule-views.js';
import { placeholderPage } from './page.js';

export interface AppState {
  /** the rule set in force; read per request so a reload takes effect on the next one */
  current(): PreparedRuleSet;
  /** the data folder's code sets and edit tables (it picks up new imports by itself) */
  reference: ReferenceData;
}

export const BODY_LIMIT = '1mb';

export function createApp(state: AppState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: BODY_LIMIT }));

  app.get('/', (_req, res) => {
    res.type('html').send(placeholderPage(state.current().ruleSet.rules.length));
  });

  app.get('/api/health', (_req, res) => {
    const { ruleSet } = state.current();
    res.json({ status: 'ok', rulesetVersion: ruleSet.version, rules: ruleSet.rules.length });
  });

  app.get('/api/rules', (_req, res) => {
    const { ruleSet } = state.current();
    res.json({ rulesetVersion: ruleSet.version, rules: ruleSet.rules.map(ruleSummary) });
  });

  app.get('/api/rules/:id', (req: Request<{ id: string }>, res) => {
    const rule = state.current().byId.get(req.params.id);
    if (!rule) {
      res.status(404).json({ error: `no rule with id "${req.params.id}"`, field: 'id' });
      return;
    }
    res.json(ruleDetail(rule.rule));
  });

  app.post('/api/scrub', (req, res) => {
    const asOfParam = req.query.asOf;
    if (asOfParam !== undefined && !isIsoDate(asOfParam)) {
      res.status(400).json({ error: 'asOf must be a date written YYYY-MM-DD', field: 'asOf' });
      return;
    }
    const asOf = typeof asOfParam === 'string' ? asOfParam : todayIso();
    const body: unknown = req.body;
    const many = Array.isArray(body);
    const items = many ? body : [body];
    const prepared = state.current();
    const claims = items.map((item, index) => asClaimObject(item, index, 'request body'));
    const results = claims.map((claim) => scrubClaim(claim, prepared, { asOf, reference: state.reference }));
    res.json(many ? results : results[0]);
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (error instanceof ScrubjayError) {
      res.status(400).json({ error: error.message, field: error.location.path ?? null, claimIndex: error.location.claimIndex ?? null });
      return;
    }
    const httpError = error as { status?: number; type?: string };
    if (httpError.type === 'entity.too.large') {
      res.status(413).json({ error: `request body is larger than ${BODY_LIMIT}`, field: null });
      return;
    }
    if (httpError.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'request body is not valid JSON', field: null });
      return;
    }
    res.status(httpError.status && httpError.status < 500 ? httpError.status : 500).json({ error: 'internal error', field: null });
  };
  app.use(onError);
  return app;
}
