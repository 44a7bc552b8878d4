/**
 * How Scrubjay meets a clinic's identity provider. Single sign-on is off unless an issuer is
 * given; `serve` reads the settings from SCRUBJAY_OIDC_* variables, tests pass them directly.
 * Every value is checked once, at start, so a mistake stops the server with the variable's
 * name rather than failing the first user who tries to sign in.
 */
import { isRole, ROLES, type Role } from '../../access/index.js';
import { ScrubjayError } from '../../errors.js';
import { isLoopbackHost } from '../allowed-hosts.js';

export interface SsoSettings {
  /** the provider's issuer identifier; its discovery document is read from `/.well-known/openid-configuration` under it */
  issuer: string;
  clientId: string;
  /** absent for a public client (PKCE alone) */
  clientSecret?: string;
  /** where the provider sends the browser back; default: this server's origin + /api/session/sso/callback */
  redirectUrl?: string;
  /** the claim whose value(s) name the user's groups or roles at the provider (default `roles`) */
  roleClaim?: string;
  /** claim value → Scrubjay role */
  roleMap: Readonly<Record<string, Role>>;
  /** the role of a user none of whose claim values is mapped; without one, such a user is refused */
  defaultRole?: Role;
  /** the scopes asked for (default `openid profile email`); some providers send groups only for a scope of their own */
  scopes?: string;
  /** the button's text on the sign-in page */
  label?: string;
}

export const DEFAULT_ROLE_CLAIM = 'roles';
export const DEFAULT_SCOPES = 'openid profile email';
export const DEFAULT_SSO_LABEL = 'Sign in with single sign-on';
export const SSO_CALLBACK_PATH = '/api/session/sso/callback';

type Source = 'options' | 'env';

/** The names a setting goes by, for the message that refuses it. */
const NAMES = {
  issuer: { options: 'sso.issuer', env: 'SCRUBJAY_OIDC_ISSUER' },
  clientId: { options: 'sso.clientId', env: 'SCRUBJAY_OIDC_CLIENT_ID' },
  clientSecret: { options: 'sso.clientSecret', env: 'SCRUBJAY_OIDC_CLIENT_SECRET' },
  redirectUrl: { options: 'sso.redirectUrl', env: 'SCRUBJAY_OIDC_REDIRECT_URL' },
  roleClaim: { options: 'sso.roleClaim', env: 'SCRUBJAY_OIDC_ROLE_CLAIM' },
  roleMap: { options: 'sso.roleMap', env: 'SCRUBJAY_OIDC_ROLE_MAP' },
  defaultRole: { options: 'sso.defaultRole', env: 'SCRUBJAY_OIDC_DEFAULT_ROLE' },
  scopes: { options: 'sso.scopes', env: 'SCRUBJAY_OIDC_SCOPES' },
  label: { options: 'sso.label', env: 'SCRUBJAY_OIDC_LABEL' },
} as const;

function invalid(setting: keyof typeof NAMES, source: Source, why: string): ScrubjayError {
  const name = NAMES[setting][source];
  return new ScrubjayError('SJ_SETTING_INVALID', `${name}: ${why}`, { path: name });
}

function checkUrl(setting: 'issuer' | 'redirectUrl', raw: string, source: Source): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(setting, source, `"${raw.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw invalid(setting, source, `"${raw.slice(0, 200)}" must use https (plain http is accepted only for localhost and 127.0.0.1)`);
  }
  if (url.search !== '' || url.hash !== '') throw invalid(setting, source, 'must not carry a query or a fragment');
  return url;
}

function checkRoleName(setting: 'roleMap' | 'defaultRole', value: string, source: Source): Role {
  if (!isRole(value)) throw invalid(setting, source, `"${value.slice(0, 40)}" is not a role: use ${ROLES.join(', ')}`);
  return value;
}

/** The settings as the server uses them: every field checked, the defaults filled in. */
export interface CheckedSsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUrl: string | null;
  roleClaim: string;
  roleMap: ReadonlyMap<string, Role>;
  defaultRole: Role | null;
  scopes: string;
  label: string;
}

export function checkSsoSettings(settings: SsoSettings, source: Source = 'options'): CheckedSsoSettings {
  const issuer = checkUrl('issuer', String(settings.issuer ?? ''), source);
  const clientId = String(settings.clientId ?? '').trim();
  if (clientId === '') throw invalid('clientId', source, 'is needed with an issuer: the client id the identity provider gave Scrubjay');
  if (settings.clientSecret !== undefined && settings.clientSecret === '') throw invalid('clientSecret', source, 'is empty; leave it out for a public client');
  const redirectUrl = settings.redirectUrl === undefined ? null : checkUrl('redirectUrl', settings.redirectUrl, source).href;
  const roleClaim = (settings.roleClaim ?? DEFAULT_ROLE_CLAIM).trim();
  if (roleClaim === '') throw invalid('roleClaim', source, 'is empty');
  const roleMap = new Map<string, Role>();
  for (const [value, role] of Object.entries(settings.roleMap ?? {})) {
    if (value === '') throw invalid('roleMap', source, 'a claim value is empty');
    roleMap.set(value, checkRoleName('roleMap', String(role), source));
  }
  const defaultRole = settings.defaultRole === undefined ? null : checkRoleName('defaultRole', String(settings.defaultRole), source);
  if (roleMap.size === 0 && defaultRole === null) throw invalid('roleMap', source, 'maps no claim value to a role, and there is no default role: nobody could sign in');
  const scopes = (settings.scopes ?? DEFAULT_SCOPES).split(/\s+/).filter((s) => s !== '');
  if (!scopes.includes('openid')) throw invalid('scopes', source, 'must include openid');
  if (!scopes.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))) throw invalid('scopes', source, 'holds a character a scope may not have');
  const label = (settings.label ?? DEFAULT_SSO_LABEL).trim().slice(0, 80) || DEFAULT_SSO_LABEL;
  return { issuer: issuer.href, clientId, clientSecret: settings.clientSecret ?? null, redirectUrl, roleClaim, roleMap, defaultRole, scopes: scopes.join(' '), label };
}

/** `scrubjay-billers=biller,scrubjay-admins=admin` → { 'scrubjay-billers': 'biller', ... } */
export function parseRoleMap(raw: string, source: Source = 'env'): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    // the role is after the last `=`, so a claim value may itself hold one
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw invalid('roleMap', source, `"${pair.slice(0, 80)}" is not value=role`);
    map[pair.slice(0, at).trim()] = checkRoleName('roleMap', pair.slice(at + 1).trim(), source);
  }
  return map;
}

/**
 * The settings from SCRUBJAY_OIDC_* variables, or undefined when no issuer is set (single
 * sign-on off). They are checked here, so a bad value is refused under its variable's name.
 */
export function ssoSettingsFromEnv(env: NodeJS.ProcessEnv): SsoSettings | undefined {
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const issuer = value(NAMES.issuer.env);
  if (issuer === undefined) {
    const stray = Object.values(NAMES).map((n) => n.env).find((name) => value(name) !== undefined);
    if (stray) throw invalid('issuer', 'env', `is not set, but ${stray} is: single sign-on needs the issuer`);
    return undefined;
  }
  const clientSecret = value(NAMES.clientSecret.env);
  const redirectUrl = value(NAMES.redirectUrl.env);
  const roleClaim = value(NAMES.roleClaim.env);
  const defaultRole = value(NAMES.defaultRole.env);
  const label = value(NAMES.label.env);
  const scopes = value(NAMES.scopes.env);
  const settings: SsoSettings = {
    issuer,
    clientId: value(NAMES.clientId.env) ?? '',
    roleMap: parseRoleMap(value(NAMES.roleMap.env) ?? ''),
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    ...(redirectUrl !== undefined ? { redirectUrl } : {}),
    ...(roleClaim !== undefined ? { roleClaim } : {}),
    ...(defaultRole !== undefined ? { defaultRole: defaultRole as Role } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(scopes !== undefined ? { scopes } : {}),
  };
  checkSsoSettings(settings, 'env');
  return settings;
}
