/**
 * The session cookie. HttpOnly keeps it from the page's scripts, SameSite=Strict from
 * requests another site starts, and Secure (over TLS, or when the proxy in front speaks it)
 * from plain HTTP. It carries no expiry: it ends with the browser, or sooner on the server.
 */
import { parse } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'scrubjay_session';

export function sessionToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  const token = parse(header)[SESSION_COOKIE];
  return token && token.length <= 128 ? token : undefined;
}

export function setSessionCookie(req: Request, res: Response, token: string, secureCookies: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies || req.secure, path: '/' });
}

export function clearSessionCookie(req: Request, res: Response, secureCookies: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: secureCookies || req.secure, path: '/' });
}
