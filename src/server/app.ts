/**
 * The HTTP application: the page, the contract's REST endpoints and what the page needs
 * besides (history, rule status, code meanings, examples, batch upload). Requests are
 * untrusted: anything unusable is answered with a JSON error naming the field at fault,
 * never with a stack trace.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ScrubjayError, type ErrorCode } from '../errors.js';
import type { ServiceContext } from './context.js';
import { sendError } from './http-errors.js';
import { noteError, requestLogger, type LoggedError } from './request-log.js';
import { batchRoutes, type BatchProgressSink } from './routes/batch.js';
import { codesRoutes } from './routes/codes.js';
import { historyRoutes } from './routes/history.js';
import { openApiRoutes } from './routes/openapi.js';
import { rulesRoutes } from './routes/rules.js';
import { scrubRoutes } from './routes/scrub.js';
import { refuseCrossSiteWrites } from './same-origin.js';
import { pageFiles } from './static-files.js';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface AppOptions {
  /** requests to `/api/*` one client address may make in a minute */
  rateLimitPerMinute?: number;
  /** where batch progress goes (the socket layer); without one, uploads get no progress events */
  batchProgress?: BatchProgressSink;
}

/** Errors of the store or the service's own state: the request was fine, the service could not serve it. */
const UNAVAILABLE: ReadonlySet<ErrorCode> = new Set(['STORE_IO', 'STORE_CLOSED', 'STORE_LOCKED']);

export function createApp(context: ServiceContext, options: AppOptions = {}): express.Express {
  const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  const app = express();
  app.disable('x-powered-by');
  // first, so that requests turned away by the later guards are logged too
  app.use(requestLogger(context.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'"],
          // the service itself speaks plain HTTP, so upgrading its own requests would break the page
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // ahead of the body parsers, so a flood is turned away before its bodies are read
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res, _next, used) => {
        sendError(res, used.statusCode, `too many requests: at most ${perMinute} a minute from one address`);
      },
    }),
  );
  app.use('/api', refuseCrossSiteWrites());

  app.use(rulesRoutes(context));
  app.use(scrubRoutes(context));
  app.use(historyRoutes(context));
  app.use(codesRoutes(context));
  app.use(batchRoutes(context, options.batchProgress ?? (() => undefined)));
  app.use(openApiRoutes());
  app.use(pageFiles());

  app.use((_req: Request, res: Response) => {
    sendError(res, 404, 'not found');
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    noteError(res, loggedError(error));
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ScrubjayError) {
      const { path, claimIndex, line, column } = error.location;
      const status = UNAVAILABLE.has(error.code) ? 503 : error.code === 'INPUT_TOO_LARGE' ? 413 : 400;
      res.status(status).json({
        error: error.message,
        code: `SJ_${error.code}`,
        field: path ?? null,
        claimIndex: claimIndex ?? null,
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
      });
      return;
    }
    const httpError = error as { status?: number; type?: string; limit?: number };
    if (httpError.type === 'entity.too.large') {
      sendError(res, 413, `request body is larger than ${httpError.limit ? `${Math.round(httpError.limit / 1024)} KB` : 'the limit'}`);
      return;
    }
    if (httpError.type === 'entity.parse.failed') {
      sendError(res, 400, 'request body is not valid JSON');
      return;
    }
    if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
      sendError(res, httpError.status, 'the request could not be read');
      return;
    }
    sendError(res, 500, 'internal error');
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
