/**
 * The HTTP application: the page, the contract's REST endpoints and what the page needs
 * besides (history, rule status, code meanings, examples, batch upload). Requests are
 * untrusted: anything unusable is answered with a JSON error naming the field at fault,
 * never with a stack trace.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ScrubjayError, type ErrorCode } from '../errors.js';
import type { ServiceContext } from './context.js';
import { sendError, sendScrubjayError } from './http-errors.js';
import { loggedScrubjayError, noteError, requestLogger, type LoggedError } from './request-log.js';
import { batchRoutes, type BatchProgressSink } from './routes/batch.js';
import { codeSearchRoutes } from './routes/code-search.js';
import { codesRoutes } from './routes/codes.js';
import { historyRoutes } from './routes/history.js';
import { openApiRoutes } from './routes/openapi.js';
import { rulesRoutes } from './routes/rules.js';
import { workbenchRoutes, type UserNotifier } from './routes/workbench.js';
import { correctionRoutes } from './routes/correction.js';
import { followUpRoutes } from './routes/follow-up.js';
import { worklistRoutes } from './routes/worklist.js';
import { appealRoutes } from './routes/appeal.js';
import { reportRoutes } from './routes/reports.js';
import { trainingRoutes } from './routes/training.js';
import { scrubRoutes } from './routes/scrub.js';
import { refuseCrossSiteWrites } from './same-origin.js';
import { identify, maybeUserOf, requireAccess } from './authenticate.js';
import { refuseUnknownHosts } from './allowed-hosts.js';
import { sessionRoutes } from './routes/session.js';
import { ssoRoutes } from './sso/index.js';
import { auditRoutes } from './routes/audit.js';
import { accountRoutes } from './routes/accounts.js';
import { dataImportRoutes } from './routes/data-import.js';
import { pageFiles, setupPage } from './static-files.js';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface AppOptions {
  /** requests to `/api/*` one client address may make in a minute */
  rateLimitPerMinute?: number;
  /** where batch progress goes (the socket layer); without one, uploads get no progress events */
  batchProgress?: BatchProgressSink;
  /** where a user's own sockets hear of work they started (a preview's progress) */
  notifyUser?: UserNotifier;
  /** the data folder, where tables uploaded from the page are imported */
  dataDir: string;
}

export function createApp(context: ServiceContext, options: AppOptions): express.Express {
  const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  const app = express();
  app.disable('x-powered-by');
  // the proxy's X-Forwarded-* headers decide the client address and scheme only when it is trusted
  app.set('trust proxy', context.http.trustProxy ? 1 : false);
  // first, so that requests turned away by the later guards are logged too
  app.use(requestLogger(context.logger));
  // a name the server is not known by is a rebinding attempt or a mistake: nothing else runs for it
  app.use(refuseUnknownHosts(context.http.allowedHosts));
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
  // the session is read first so the allowance below is per user: behind a proxy every user shares one address
  app.use('/api', identify(context.access));
  // ahead of the body parsers, so a flood is turned away before its bodies are read
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req, res) => {
        const user = maybeUserOf(res);
        return user ? `user:${user.username}` : `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
      },
      handler: (_req, res, _next, used) => {
        sendError(res, 'SJ_HTTP_RATE_LIMITED', `too many requests: at most ${perMinute} a minute from one user or address`, null, used.statusCode);
      },
    }),
  );
  app.use('/api', refuseCrossSiteWrites(context.http.trustProxy));
  app.use('/api', requireAccess(context));

  app.use(sessionRoutes(context));
  app.use(ssoRoutes(context));
  // before the rule routes, where `/api/rules/files` would be taken for a rule id
  app.use(workbenchRoutes(context, options.notifyUser ?? (() => undefined)));
  app.use(rulesRoutes(context));
  app.use(scrubRoutes(context));
  app.use(followUpRoutes(context));
  app.use(correctionRoutes(context));
  app.use(worklistRoutes(context));
  app.use(appealRoutes(context));
  app.use(reportRoutes(context));
  app.use(trainingRoutes(context));
  app.use(historyRoutes(context));
  app.use(codesRoutes(context));
  app.use(codeSearchRoutes(context));
  app.use(batchRoutes(context, options.batchProgress ?? (() => undefined)));
  app.use(auditRoutes(context));
  app.use(accountRoutes(context));
  app.use(dataImportRoutes(context, options.dataDir));
  app.use(openApiRoutes());
  app.get('/setup', setupPage());
  app.use(pageFiles());

  app.use((_req: Request, res: Response) => {
    sendError(res, 'SJ_HTTP_NOT_FOUND');
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    noteError(res, loggedError(error));
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ScrubjayError && error.code === 'SJ_ACCOUNT_FILE') {
      // the message names a server path: the operator's log has it, the client gets the catalog's words
      context.logger.error({ error: { code: error.code, message: error.message } }, 'the accounts file cannot be read or written');
      sendError(res, error.code);
      return;
    }
    if (error instanceof ScrubjayError) {
      sendScrubjayError(res, error);
      return;
    }
    const httpError = (error ?? {}) as { status?: number; type?: string; limit?: number };
    const code = parserErrorCode(httpError);
    if (code === 'SJ_HTTP_TOO_LARGE') {
      sendError(res, code, `request body is larger than ${httpError.limit ? `${Math.round(httpError.limit / 1024)} KB` : 'the limit'}`);
      return;
    }
    if (code === 'SJ_HTTP_UNREADABLE') {
      // the parser knows the status better (415 for a charset it cannot decode)
      sendError(res, code, undefined, null, httpError.status);
      return;
    }
    sendError(res, code);
  };
  app.use(onError);
  return app;
}

/** The catalog code of an error the body parsers (or Express itself) raise; anything else is ours (500). */
function parserErrorCode(error: { status?: number; type?: string }): ErrorCode {
  if (error.type === 'entity.too.large') return 'SJ_HTTP_TOO_LARGE';
  if (error.type === 'entity.parse.failed') return 'SJ_HTTP_NOT_JSON';
  if (error.status && error.status >= 400 && error.status < 500) return 'SJ_HTTP_UNREADABLE';
  return 'SJ_INTERNAL_ERROR';
}

/**
 * What of an error goes into the log. Errors the body parser raises quote the request body
 * in their message, so for those only their type is kept.
 */
function loggedError(error: unknown): LoggedError {
  if (error instanceof ScrubjayError) return loggedScrubjayError(error);
  const httpError = error as { status?: unknown; type?: unknown; code?: unknown; message?: unknown; stack?: unknown } | null;
  if (httpError && typeof httpError.type === 'string' && typeof httpError.status === 'number' && httpError.status < 500) {
    return { code: parserErrorCode({ status: httpError.status, type: httpError.type }), message: `request rejected with status ${httpError.status} (${httpError.type})` };
  }
  const code = httpError && typeof httpError.code === 'string' ? httpError.code : 'SJ_INTERNAL_ERROR';
  const message = httpError && typeof httpError.message === 'string' ? httpError.message : String(error);
  return { code, message, ...(httpError && typeof httpError.stack === 'string' ? { stack: httpError.stack } : {}) };
}
