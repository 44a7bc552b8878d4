/**
 * Single sign-on through the clinic's identity provider (OpenID Connect, authorization code
 * with PKCE, state and nonce). `GET /api/session/sso` sends the browser to the provider;
 * the provider sends it back to the callback, which checks the answer, finds or makes the
 * account of the provider's user, sets the role the provider's claim maps to, and starts a
 * session as the password sign-in does. Every refusal is audited and ends on the page with
 * `?signin=sso-failed`, never with an error page from here.
 */
import { parse } from 'cookie';
import express, { type Request, type Router } from 'express';
import type { Account } from '../../access/index.js';
import { ScrubjayError } from '../../errors.js';
import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { sendError } from '../http-errors.js';
import { requestScheme } from '../same-origin.js';
import { setSessionCookie } from '../session-cookie.js';
import { auditNameFromClaims, roleFromClaims, usernameFromClaims, type Claims } from './identity.js';
import { PENDING_TTL_MS, PendingSignOns } from './pending.js';
import { IdentityProvider } from './provider.js';
import { SSO_CALLBACK_PATH, type CheckedSsoSettings } from './settings.js';

/** Binds the browser that began a sign-on to its state: Lax, as Strict is not sent on the provider's redirect back. */
const STATE_COOKIE = 'scrubjay_sso';
const STATE_COOKIE_PATH = '/api/session/sso';

/** Why a sign-on was refused, as the page is told it (`?signin=sso-failed&reason=`). */
type Reason = 'provider' | 'state' | 'no-role' | 'name' | 'name-taken' | 'disabled';

class Refusal extends Error {
  constructor(
    readonly reason: Reason,
    readonly detail: string,
    readonly username: string | null = null,
  ) {
    super(detail);
  }
}

export function ssoRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const settings = context.sso ?? null;
  const provider = settings ? new IdentityProvider(settings) : null;
  const pending = new PendingSignOns();
  const secure = context.http.secureCookies;

  router.get('/api/session/sso/available', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ available: settings !== null, label: settings?.label ?? '' });
  });

  router.get('/api/session/sso', async (req: Request, res) => {
    if (!settings || !provider) {
      sendError(res, 'SJ_HTTP_NOT_FOUND');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    try {
      const redirectUrl = settings.redirectUrl ?? `${requestScheme(req, context.http.trustProxy)}://${req.headers.host ?? ''}${SSO_CALLBACK_PATH}`;
      const start = await provider.begin(redirectUrl);
      pending.add(start.state, { codeVerifier: start.codeVerifier, nonce: start.nonce, redirectUrl });
      res.cookie(STATE_COOKIE, start.state, stateCookieOptions(req, secure, PENDING_TTL_MS));
      res.redirect(302, start.url);
    } catch (error) {
      context.logger.warn({ event: 'sso-unavailable', issuer: settings.issuer, error: { message: messageOf(error) } }, 'the identity provider could not be reached; single sign-on will be tried again at the next request');
      res.redirect(302, '/?signin=sso-failed&reason=provider');
    }
  });

  router.get(SSO_CALLBACK_PATH, async (req: Request, res) => {
    if (!settings || !provider) {
      sendError(res, 'SJ_HTTP_NOT_FOUND');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.clearCookie(STATE_COOKIE, stateCookieOptions(req, secure));
    const address = req.ip ?? 'unknown';
    try {
      const claims = await verifiedClaims(req, provider, pending);
      const account = await accountFor(context, settings, claims, address);
      const signedIn = await context.access.signInVerified(account);
      if (!signedIn) throw new Refusal('disabled', 'sso: the account is disabled', account.username);
      await audit(context, { user: signedIn.user, action: 'sign-in', address, detail: 'sso' });
      setSessionCookie(req, res, signedIn.token, secure);
      res.redirect(302, '/');
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal('provider', `sso: ${messageOf(error)}`);
      context.logger.warn({ event: 'sso-refused', reason: refusal.reason, detail: refusal.detail }, 'a single sign-on was refused');
      await audit(context, { user: refusal.username === null ? null : { username: refusal.username, role: null }, action: 'sign-in-failed', address, detail: refusal.detail });
      res.redirect(302, `/?signin=sso-failed&reason=${refusal.reason}`);
    }
  });

  return router;
}

function stateCookieOptions(req: Request, secureCookies: boolean, maxAge?: number): express.CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: secureCookies || req.secure, path: STATE_COOKIE_PATH, ...(maxAge !== undefined ? { maxAge } : {}) };
}

/** The provider's answer, checked: this browser began the sign-on, it is recent, and the tokens are good. */
async function verifiedClaims(req: Request, provider: IdentityProvider, pending: PendingSignOns): Promise<Claims & { iss: string; sub: string }> {
  const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
  const providerError = query.get('error');
  if (providerError !== null) throw new Refusal('provider', `sso: the identity provider answered ${providerError.slice(0, 80)}`);
  const state = query.get('state');
  const header = req.headers.cookie;
  const bound = typeof header === 'string' && header.length <= 8192 ? parse(header)[STATE_COOKIE] : undefined;
  // the cookie is checked first, so a stranger's link cannot use up the sign-on another browser began
  if (state === null || bound === undefined || bound !== state) throw new Refusal('state', 'sso: the answer is not for a sign-on this browser began');
  const begun = pending.take(state);
  if (!begun) throw new Refusal('state', 'sso: the sign-on expired or was already finished; sign in again');
  // the token request must name the redirect address the sign-on began with, whatever this request's Host is
  const callbackUrl = new URL(begun.redirectUrl);
  callbackUrl.search = query.toString();
  try {
    return await provider.finish(callbackUrl, { state, nonce: begun.nonce, codeVerifier: begun.codeVerifier });
  } catch (error) {
    throw new Refusal('provider', `sso: the identity provider's answer did not check out (${messageOf(error).slice(0, 200)})`);
  }
}

/**
 * The account of the provider's user, with the role their claim maps to now: found by
 * (issuer, subject), else made. A name already taken by another account is refused rather
 * than joined, as that account's owner may not be this user.
 */
async function accountFor(context: ServiceContext, settings: CheckedSsoSettings, claims: Claims & { iss: string; sub: string }, address: string): Promise<Account> {
  const { accounts, directory } = context.access;
  const decision = roleFromClaims(claims, settings);
  const known = directory.findBySso(claims.iss, claims.sub);
  const name = known?.username ?? auditNameFromClaims(claims);
  if (decision.kind === 'none') {
    const seen = decision.values.length === 0 ? 'none' : decision.values.slice(0, 10).map((v) => JSON.stringify(v.slice(0, 60))).join(', ');
    throw new Refusal('no-role', `sso: no role is mapped for claim "${settings.roleClaim}" (values: ${seen})`, name);
  }
  const role = decision.role;
  if (known) {
    if (known.state !== 'active') throw new Refusal('disabled', 'sso: the account is disabled', known.username);
    if (known.role !== role) {
      await accounts.setRole(known.username, role);
      await audit(context, { user: { username: known.username, role: null }, action: 'user-change', target: [known.username], address, detail: `role ${known.role} → ${role} from the identity provider` });
    }
    return { ...known, role };
  }
  const username = usernameFromClaims(claims);
  if (username === null) throw new Refusal('name', 'sso: neither preferred_username nor email is a usable user name', name);
  // the accounts file refuses a name that is taken, under its lock, so two first sign-ons cannot both make it
  try {
    await accounts.add({ username, role, password: null, sso: { issuer: claims.iss, subject: claims.sub } });
  } catch (error) {
    if (error instanceof ScrubjayError && error.code === 'SJ_ACCOUNT_EXISTS') throw new Refusal('name-taken', `sso: the user name "${username}" belongs to another account; an admin must rename or remove it first`, username);
    throw error;
  }
  await audit(context, { user: { username, role: null }, action: 'user-change', target: [username], address, detail: `account made by single sign-on, role ${role}` });
  const made = directory.find(username);
  if (!made) throw new Refusal('provider', 'sso: the new account could not be read back', username);
  return made;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
