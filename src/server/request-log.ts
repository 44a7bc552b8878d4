/**
 * One log line per request. Claims carry protected health information, so the line is
 * built from an allow-list (method, route, status, timing, claim count, statuses and rule
 * ids, error code) and never from the request body, headers, URL or an error object as a
 * whole: body-parser's errors, for one, carry the raw body and quote it in their messages.
 * A claim id is a patient account number and a file name is often a patient's name, so
 * neither is written: the route is logged as its pattern (`/api/history/:id`), without the
 * query string, and an error by its code, the catalog's words and the place at fault.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ScrubResult } from '../engine/finding.js';
import { ERROR_CODES, type ScrubjayError } from '../errors.js';

/** keeps one request with a large array of claims from writing a megabyte-long line */
const MAX_LOGGED_CLAIMS = 100;
const MAX_PATH_LENGTH = 200;
/** a path no route matched may be anything a client typed, an id or a name among it */
const UNMATCHED = '(not routed)';

export interface LoggedError {
  code: string;
  message: string;
  stack?: string;
  /** where the input was at fault: a contract field path, a line and column, a claim's position */
  field?: string;
  line?: number;
  column?: number;
  claimIndex?: number;
}

/**
 * An error raised on purpose, as the log keeps it: its messages name the file sent (often a
 * patient's name) and sometimes a claim id, so the log has the catalog's words for its code
 * and the place at fault instead.
 */
export function loggedScrubjayError(error: ScrubjayError): LoggedError {
  const { path, line, column, claimIndex } = error.location;
  return {
    code: error.code,
    message: ERROR_CODES[error.code].message,
    ...(path !== undefined ? { field: clip(path, MAX_PATH_LENGTH) } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(claimIndex !== undefined ? { claimIndex } : {}),
  };
}

interface ScrubNote {
  claims: number;
  scrub: Array<{ status: string; ruleIds: string[] }>;
  truncated?: true;
}

interface Notes {
  scrub?: ScrubNote;
  error?: LoggedError;
}

const notesByResponse = new WeakMap<Response, Notes>();

function notes(res: Response): Notes {
  let found = notesByResponse.get(res);
  if (!found) {
    found = {};
    notesByResponse.set(res, found);
  }
  return found;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function noteScrub(res: Response, results: readonly ScrubResult[]): void {
  const note: ScrubNote = {
    claims: results.length,
    scrub: results.slice(0, MAX_LOGGED_CLAIMS).map((result) => ({
      status: result.status,
      ruleIds: [...new Set(result.findings.map((finding) => finding.ruleId))],
    })),
  };
  if (results.length > MAX_LOGGED_CLAIMS) note.truncated = true;
  notes(res).scrub = note;
}

export function noteError(res: Response, error: LoggedError): void {
  notes(res).error = error;
}

export function requestLogger(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    const started = process.hrtime.bigint();
    // read now: a mounted middleware that answers without calling next leaves req.url stripped of its mount path
    const requestedPath = req.path;
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const { scrub, error } = notesByResponse.get(res) ?? {};
      const line = {
        method: req.method,
        path: routeOf(req, res, requestedPath),
        status: res.statusCode,
        durationMs,
        ...(res.writableFinished ? {} : { aborted: true }),
        ...scrub,
        ...(error ? { error } : {}),
      };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}

/**
 * The route's pattern (`/api/history/:id`), never the path as sent. A request no route
 * matched is named by its path only when it was answered with a file of the page (which
 * exists, so names nothing a client made up).
 */
function routeOf(req: Request, res: Response, requestedPath: string): string {
  const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return clip(`${req.baseUrl}${pattern}`, MAX_PATH_LENGTH);
  return res.statusCode < 400 && !requestedPath.startsWith('/api/') ? clip(requestedPath, MAX_PATH_LENGTH) : UNMATCHED;
}
