/**
 * Requests that change something (a scrub kept in the history, a chat message, an upload,
 * a sign-in) are refused when a browser sends them from another site's page. A browser
 * names the page's origin in `Origin`; it must be this server's whole origin, scheme
 * included, so an `https://` page of the same host and port is not taken for the `http://`
 * service. Programs (curl, scripts) send no Origin and are let through, as the API is
 * theirs to use; they still need a session.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { sendError } from './http-errors.js';

/** `http` or `https`: as the connection is, or as the proxy in front says when it is trusted. */
export function requestScheme(req: IncomingMessage, trustProxy: boolean): 'http' | 'https' {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-proto'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
    if (first === 'https' || first === 'http') return first;
  }
  return (req.socket as TLSSocket).encrypted ? 'https' : 'http';
}

export function isSameOrigin(origin: string | undefined, host: string | undefined, scheme: 'http' | 'https'): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return url.origin === new URL(`${scheme}://${host}`).origin;
  } catch {
    return false;
  }
}

export function sameOriginRequest(req: IncomingMessage, trustProxy = false): boolean {
  const origin = req.headers.origin;
  return isSameOrigin(typeof origin === 'string' ? origin : undefined, req.headers.host, requestScheme(req, trustProxy));
}

/** Refuses cross-site requests that would change state; reads stay open (CORS keeps their answers from other sites). */
export function refuseCrossSiteWrites(trustProxy = false): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || sameOriginRequest(req, trustProxy)) {
      next();
      return;
    }
    sendError(res, 'SJ_HTTP_CROSS_SITE', undefined, 'origin');
  };
}

/** The client's address: the connection's peer, or behind a trusted proxy the address it forwarded for. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
    // one proxy is trusted: the address it saw is the last one it appended
    const last = list.at(-1);
    if (last) return last.slice(0, 64);
  }
  return (req.socket.remoteAddress ?? 'unknown').slice(0, 64);
}
