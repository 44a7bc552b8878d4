/**
 * Signing in and out, and making the first account. The answers are the contract's: one
 * message for an unknown user, a wrong password and a disabled account, so the answer does
 * not tell which user names exist; 429 once the throttle holds the account or the address.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { permissionsOf, type User } from '../../access/index.js';
import { audit } from '../audit.js';
import { maybeUserOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session-cookie.js';

const credentials = z.object({
  username: z.string().max(200),
  password: z.string().max(4096),
});

const setupBody = z.object({
  token: z.string().max(200),
  username: z.string().max(200),
  password: z.string().max(4096),
});

/** Small bodies only: a sign-in is two short strings. */
const BODY_LIMIT = '16kb';

export function sessionBody(user: User): { username: string; role: string; permissions: string[] } {
  return { username: user.username, role: user.role, permissions: permissionsOf(user.role) };
}

export function sessionRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const { access } = context;
  const secure = context.http.secureCookies;

  router.post('/api/session', express.json({ limit: BODY_LIMIT }), async (req: Request, res) => {
    const body = readParams(credentials, req.body ?? {}, 'body');
    const address = req.ip ?? 'unknown';
    const outcome = await access.signIn(body.username, body.password, address);
    if (outcome.kind === 'throttled') {
      res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      void audit(context, { user: { username: outcome.username, role: null }, action: 'sign-in-failed', address, detail: 'throttled' });
      sendError(res, 'SJ_AUTH_THROTTLED', `too many failed sign-ins; try again in ${outcome.retryAfterSeconds} s`);
      return;
    }
    if (outcome.kind === 'failed') {
      await audit(context, { user: { username: outcome.username, role: null }, action: 'sign-in-failed', address });
      sendError(res, 'SJ_AUTH_FAILED');
      return;
    }
    await audit(context, { user: outcome.user, action: 'sign-in', address, detail: 'password' });
    setSessionCookie(req, res, outcome.token, secure);
    res.json(sessionBody(outcome.user));
  });

  router.get('/api/session', (_req, res) => {
    const user = maybeUserOf(res);
    if (!user) {
      sendError(res, 'SJ_AUTH_REQUIRED');
      return;
    }
    res.json(sessionBody(user));
  });

  router.delete('/api/session', async (req: Request, res) => {
    const user = maybeUserOf(res);
    const ended = access.signOut(sessionToken(req));
    if (user && ended) await audit(context, { user, action: 'sign-out', address: req.ip ?? 'unknown' });
    clearSessionCookie(req, res, secure);
    res.status(204).end();
  });

  router.post('/api/setup', express.json({ limit: BODY_LIMIT }), async (req: Request, res) => {
    if (!context.http.remoteSetup && !isLoopback(req.socket.remoteAddress)) {
      sendError(res, 'SJ_AUTH_SETUP_NOT_LOCAL');
      return;
    }
    const body = readParams(setupBody, req.body ?? {}, 'body');
    const account = await access.completeSetup(body.token, body.username, body.password);
    const address = req.ip ?? 'unknown';
    await audit(context, { user: { username: account.username, role: null }, action: 'setup', target: [account.username], address, detail: 'first admin account' });
    context.logger.info({ event: 'setup' }, 'the first account was made; the setup address is void');
    res.status(201).json({ username: account.username, role: account.role });
  });

  return router;
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || (address?.startsWith('127.') ?? false);
}
