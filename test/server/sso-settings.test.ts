/**
 * The single sign-on settings `serve` reads from the environment, and how the provider's
 * role claim becomes a Scrubjay role.
 */
import { describe, expect, it } from 'vitest';
import { ScrubjayError } from '../../src/errors.js';
import { checkSsoSettings, ssoSettingsFromEnv } from '../../src/server/sso/index.js';
import { roleFromClaims, usernameFromClaims } from '../../src/server/sso/identity.js';
import { PENDING_TTL_MS, PendingSignOns } from '../../src/server/sso/pending.js';

const GOOD = { SCRUBJAY_OIDC_ISSUER: 'https://id.clinic.example/realms/staff', SCRUBJAY_OIDC_CLIENT_ID: 'scrubjay', SCRUBJAY_OIDC_ROLE_MAP: 'scrubjay-billers=biller, scrubjay-admins=admin' };

describe('single sign-on settings from the environment', () => {
  it('is off without an issuer', () => {
    expect(ssoSettingsFromEnv({})).toBeUndefined();
  });

  it('reads every variable', () => {
    const settings = ssoSettingsFromEnv({
      ...GOOD,
      SCRUBJAY_OIDC_CLIENT_SECRET: 's3cret',
      SCRUBJAY_OIDC_REDIRECT_URL: 'https://scrubjay.clinic.example/api/session/sso/callback',
      SCRUBJAY_OIDC_ROLE_CLAIM: 'groups',
      SCRUBJAY_OIDC_DEFAULT_ROLE: 'trainee',
      SCRUBJAY_OIDC_SCOPES: 'openid profile groups',
      SCRUBJAY_OIDC_LABEL: 'Clinic ID',
    });
    expect(settings).toEqual({
      issuer: 'https://id.clinic.example/realms/staff',
      clientId: 'scrubjay',
      clientSecret: 's3cret',
      redirectUrl: 'https://scrubjay.clinic.example/api/session/sso/callback',
      roleClaim: 'groups',
      roleMap: { 'scrubjay-billers': 'biller', 'scrubjay-admins': 'admin' },
      defaultRole: 'trainee',
      scopes: 'openid profile groups',
      label: 'Clinic ID',
    });
  });

  it('accepts plain http for a provider on this machine only', () => {
    expect(ssoSettingsFromEnv({ ...GOOD, SCRUBJAY_OIDC_ISSUER: 'http://127.0.0.1:8080' })?.issuer).toBe('http://127.0.0.1:8080');
    expect(ssoSettingsFromEnv({ ...GOOD, SCRUBJAY_OIDC_ISSUER: 'http://localhost:8080/realms/x' })?.issuer).toBe('http://localhost:8080/realms/x');
  });

  it.each([
    ['SCRUBJAY_OIDC_ISSUER', { SCRUBJAY_OIDC_ISSUER: 'http://id.clinic.example' }, 'https'],
    ['SCRUBJAY_OIDC_ISSUER', { SCRUBJAY_OIDC_ISSUER: 'id.clinic.example' }, 'not an absolute URL'],
    ['SCRUBJAY_OIDC_ISSUER', { SCRUBJAY_OIDC_ISSUER: '', SCRUBJAY_OIDC_CLIENT_ID: 'x' }, 'SCRUBJAY_OIDC_CLIENT_ID'],
    ['SCRUBJAY_OIDC_CLIENT_ID', { SCRUBJAY_OIDC_CLIENT_ID: '' }, 'client id'],
    ['SCRUBJAY_OIDC_REDIRECT_URL', { SCRUBJAY_OIDC_REDIRECT_URL: 'http://scrubjay.clinic.example/cb' }, 'https'],
    ['SCRUBJAY_OIDC_ROLE_MAP', { SCRUBJAY_OIDC_ROLE_MAP: 'scrubjay-billers=billing' }, '"billing" is not a role'],
    ['SCRUBJAY_OIDC_ROLE_MAP', { SCRUBJAY_OIDC_ROLE_MAP: 'scrubjay-billers' }, 'value=role'],
    ['SCRUBJAY_OIDC_ROLE_MAP', { SCRUBJAY_OIDC_ROLE_MAP: '' }, 'nobody could sign in'],
    ['SCRUBJAY_OIDC_DEFAULT_ROLE', { SCRUBJAY_OIDC_DEFAULT_ROLE: 'root' }, '"root" is not a role'],
    ['SCRUBJAY_OIDC_SCOPES', { SCRUBJAY_OIDC_SCOPES: 'profile email' }, 'openid'],
  ])('refuses a bad %s, naming it', (variable, change, says) => {
    let thrown: unknown;
    try {
      ssoSettingsFromEnv({ ...GOOD, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScrubjayError);
    expect(thrown).toMatchObject({ code: 'SJ_SETTING_INVALID', location: { path: variable } });
    expect((thrown as Error).message).toContain(variable);
    expect((thrown as Error).message).toContain(says);
  });

  it('keeps a claim value that holds an equals sign', () => {
    expect(ssoSettingsFromEnv({ ...GOOD, SCRUBJAY_OIDC_ROLE_MAP: 'ou=staff=biller' })?.roleMap).toEqual({ 'ou=staff': 'biller' });
  });
});

describe('roles and names from the provider’s claims', () => {
  const settings = checkSsoSettings({ issuer: 'https://id.example', clientId: 'c', roleMap: { billers: 'biller', auditors: 'compliance', admins: 'admin' } });

  it('gives the strongest mapped role of a user in several groups', () => {
    expect(roleFromClaims({ roles: ['billers', 'admins', 'other'] }, settings)).toEqual({ kind: 'role', role: 'admin' });
    expect(roleFromClaims({ roles: 'auditors' }, settings)).toEqual({ kind: 'role', role: 'compliance' });
  });

  it('refuses a user with no mapped value unless there is a default role', () => {
    expect(roleFromClaims({ roles: ['other'] }, settings)).toEqual({ kind: 'none', values: ['other'] });
    expect(roleFromClaims({}, settings)).toEqual({ kind: 'none', values: [] });
    expect(roleFromClaims({ roles: ['other'] }, { ...settings, defaultRole: 'trainee' })).toEqual({ kind: 'role', role: 'trainee' });
  });

  it('reads a claim by its exact name first, else as a path into nested claims', () => {
    const nested = { ...settings, roleClaim: 'realm_access.roles' };
    expect(roleFromClaims({ realm_access: { roles: ['billers'] } }, nested)).toEqual({ kind: 'role', role: 'biller' });
    const namespaced = { ...settings, roleClaim: 'https://scrubjay.example/roles' };
    expect(roleFromClaims({ 'https://scrubjay.example/roles': ['admins'] }, namespaced)).toEqual({ kind: 'role', role: 'admin' });
  });

  it('names a new account from preferred_username, else the email, as account names are written', () => {
    expect(usernameFromClaims({ preferred_username: ' Pat.Lee ', email: 'pat@clinic.example' })).toBe('pat.lee');
    expect(usernameFromClaims({ preferred_username: 'Pat Lee', email: 'Pat@Clinic.example' })).toBe('pat@clinic.example');
    expect(usernameFromClaims({ preferred_username: 'Pat Lee' })).toBeNull();
  });
});

describe('sign-ons begun and not finished', () => {
  const begun = { codeVerifier: 'v', nonce: 'n', redirectUrl: 'https://s.example/api/session/sso/callback' };

  it('finishes each once, and none after ten minutes', () => {
    let now = 0;
    const pending = new PendingSignOns(() => now);
    pending.add('a', begun);
    pending.add('b', begun);
    expect(pending.take('a')).toMatchObject(begun);
    expect(pending.take('a')).toBeUndefined();
    now = PENDING_TTL_MS + 1;
    expect(pending.take('b')).toBeUndefined();
  });

  it('keeps at most its bound, pushing out the oldest', () => {
    const pending = new PendingSignOns(() => 0, PENDING_TTL_MS, 3);
    for (const state of ['a', 'b', 'c', 'd']) pending.add(state, begun);
    expect(pending.size).toBe(3);
    expect(pending.take('a')).toBeUndefined();
    expect(pending.take('d')).toBeDefined();
  });
});
