/**
 * The HTTP application: the contract's REST endpoints and the page. Request bodies are
 * untrusted: anything that is not claim-shaped is answered with a 400 naming the claim
 * and field, never with a stack trace.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { asClaimObject } from '../claim/input.js';
import { todayIso, isIsoDate } from '../claim/dates.js';
import { ScrubjayError } from '../errors.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import { scrubClaim } from '../engine/scrub.js';
import type { ReferenceData } from '../reference/index.js';
import { ruleSummary, ruleDetail } from './rule-views.js';
import { placeholderPage, PAGE_CSS, PAGE_CSS_PATH } from './page.js';
import { noteError, noteScrub, requestLogger, type LoggedError } from './request-log.js';

export interface AppState {
  /** the rule set in force; read per request so a reload takes effect on the next one */
  current(): PreparedRuleSet;
  /** the data folder's code sets and edit tables (it picks up new imports by itself) */
  reference: ReferenceData;
}

export const BODY_LIMIT = '1mb';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface AppOptions {
  /** defaults to a silent logger, so an app built without one (as in unit tests) writes nothing */
  logger?: Logger;
  /** requests to `/api/*` one client address may make in a minute */
  rateLimitPerMinute?: number;
}

export function createApp(state: AppState, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? pino({ level: 'silent' });
  const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  const app = express();
  app.disable('x-powered-by');
  // first, so that requests turned away by the later guards are logged too
  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'"],
          // the service itself speaks plain HTTP, so upgrading its own stylesheet request would break the page
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // ahead of the body parser, so a flood is turned away before its bodies are read
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res, _next, used) => {
        res.status(used.statusCode).json({ error: `too many requests: at most ${perMinute} a minute from one address`, field: null });
      },
    }),
  );
  app.use(express.json({ limit: BODY_LIMIT }));

  app.get('/', (_req, res) => {
    res.type('html').send(placeholderPage(state.current().ruleSet.rules.length));
  });

  app.get(PAGE_CSS_PATH, (_req, res) => {
    res.type('css').send(PAGE_CSS);
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
    noteScrub(res, results);
    res.json(many ? results : results[0]);
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found', field: null });
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    noteError(res, loggedError(error));
    if (res.headersSent) {
      next(error);
      return;
    }
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
    if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
      res.status(httpError.status).json({ error: 'the request could not be read', field: null });
      return;
    }
    res.status(500).json({ error: 'internal error', field: null });
  };
  app.use(onError);
  return app;
}

/**
 * What of an error goes into the log. Errors the body parser raises quote the request body
 * in their message, so for those only their type is kept.
 */
function loggedError(error: unknown): LoggedError {
  if (error instanceof ScrubjayError) return { code: error.code, message: error.message };
  const httpError = error as { status?: unknown; type?: unknown; code?: unknown; message?: unknown; stack?: unknown } | null;
  if (httpError && typeof httpError.type === 'string' && typeof httpError.status === 'number' && httpError.status < 500) {
    return { code: httpError.type, message: `request rejected with status ${httpError.status}` };
  }
  const code = httpError && typeof httpError.code === 'string' ? httpError.code : 'INTERNAL';
  const message = httpError && typeof httpError.message === 'string' ? httpError.message : String(error);
  return { code, message, ...(httpError && typeof httpError.stack === 'string' ? { stack: httpError.stack } : {}) };
}
