/**
 * Requests that change something (a scrub kept in the history, a chat message, an upload)
 * are refused when a browser sends them from another site's page. A browser names the
 * page's origin in `Origin`; programs (curl, scripts, the CLI's tests) send none and are
 * let through, as the API is theirs to use.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { sendError } from './http-errors.js';

export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function sameOriginRequest(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return isSameOrigin(typeof origin === 'string' ? origin : undefined, req.headers.host);
}

/** Refuses cross-site requests that would change state; reads stay open (CORS keeps their answers from other sites). */
export function refuseCrossSiteWrites(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || sameOriginRequest(req)) {
      next();
      return;
    }
    sendError(res, 'SJ_HTTP_CROSS_SITE', undefined, 'origin');
  };
}
