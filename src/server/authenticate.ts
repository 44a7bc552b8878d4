/**
 * Every request to the API is checked against the route table before any route sees it:
 * the session cookie names the user (their role read afresh, so a change from the shell
 * counts at once), then the route's row says whether that user may go on. Refusals are the
 * contract's: 401 without a valid session, 403 for a role without the permission.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Access, type User } from '../access/index.js';
import { audit } from './audit.js';
import type { ServiceContext } from './context.js';
import { sendError } from './http-errors.js';
import { routeOf } from './route-access.js';
import { sessionToken } from './session-cookie.js';

const USER = Symbol('user');
/** why a session could not be checked (the accounts file could not be read), when it could not */
const PROBLEM = Symbol('accounts problem');

type WithUser = Response & { [USER]?: User | null; [PROBLEM]?: Error | null };

/** The signed-in user of a request that passed `requireAccess` on a non-public route. */
export function userOf(res: Response): User {
  const user = (res as WithUser)[USER];
  if (!user) throw new Error('userOf called on a request without a signed-in user');
  return user;
}

/** The user if there is one (public routes). */
export function maybeUserOf(res: Response): User | null {
  return (res as WithUser)[USER] ?? null;
}

/** Reads the session once per request; refuses nothing, so later guards (the rate limit) can count per user. */
export function identify(access: Access): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    (res as WithUser)[USER] = access.userOf(token);
    (res as WithUser)[PROBLEM] = token === undefined ? null : access.accountsProblem();
    next();
  };
}

/** Lets a request reach its route only as the table allows; a signed-in user refused for their role is audited. */
export function requireAccess(context: Pick<ServiceContext, 'store' | 'logger'>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // mounted under /api, where req.path is what follows the mount
    const row = routeOf(req.method, `${req.baseUrl}${req.path}`);
    if (row?.access === 'public') {
      next();
      return;
    }
    const user = maybeUserOf(res);
    const problem = (res as WithUser)[PROBLEM];
    if (!user && problem) {
      // to the error handler, which logs the file and tells the client only that accounts cannot be read
      next(problem);
      return;
    }
    if (!user) {
      sendError(res, 'SJ_AUTH_REQUIRED');
      return;
    }
    // an unknown route is a 404 for a signed-in user: which paths exist is not told to strangers
    if (!row) {
      next();
      return;
    }
    if (!can(user.role, row.access)) {
      void audit(context, { user, action: 'access-denied', target: [`${row.method} ${row.path}`], address: req.ip ?? 'unknown', detail: `needs ${row.access}` });
      sendError(res, 'SJ_AUTH_FORBIDDEN', `your role (${user.role}) may not do this: it needs the ${row.access} permission`);
      return;
    }
    next();
  };
}
