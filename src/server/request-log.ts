/**
 * One log line per request. Claims carry protected health information, so the line is
 * built from an allow-list (method, path, status, timing, claim and rule ids, error code)
 * and never from the request body, headers or an error object as a whole: body-parser's
 * errors, for one, carry the raw body and quote it in their messages.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ScrubResult } from '../engine/finding.js';

/** keeps one request with a large array of claims from writing a megabyte-long line */
const MAX_LOGGED_CLAIMS = 100;
const MAX_ID_LENGTH = 64;
const MAX_PATH_LENGTH = 200;

export interface LoggedError {
  code: string;
  message: string;
  stack?: string;
}

interface ScrubNote {
  claims: number;
  scrub: Array<{ claimId: string | null; status: string; ruleIds: string[] }>;
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
      // claimId is typed as a string but arrives from an untrusted body
      claimId: typeof result.claimId === 'string' ? clip(result.claimId, MAX_ID_LENGTH) : null,
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
    const path = clip(req.path, MAX_PATH_LENGTH);
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const { scrub, error } = notesByResponse.get(res) ?? {};
      const line = {
        method: req.method,
        path,
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
