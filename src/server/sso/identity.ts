/**
 * What the identity provider's claims mean for Scrubjay: which account the user is, the
 * name a new account gets, and the role. Pure functions over the claims, so every rule of
 * the mapping is in one place.
 */
import { normalUsername, ROLES, type Role } from '../../access/index.js';
import type { CheckedSsoSettings } from './settings.js';

export type Claims = Readonly<Record<string, unknown>>;

/**
 * The values of the role claim: a string, or an array of strings. A name holding dots
 * (`realm_access.roles`) is read as a path into nested objects when no claim has that exact
 * name, as some providers nest their roles and others use URLs as claim names.
 */
export function claimValues(claims: Claims, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((at, part) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), claims);
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Most privileged first: a user in several mapped groups gets the strongest of their roles. */
const PRIVILEGE: readonly Role[] = ['admin', 'compliance', 'biller', 'trainee'];

export type RoleDecision = { kind: 'role'; role: Role } | { kind: 'none'; values: string[] };

export function roleFromClaims(claims: Claims, settings: Pick<CheckedSsoSettings, 'roleClaim' | 'roleMap' | 'defaultRole'>): RoleDecision {
  const values = claimValues(claims, settings.roleClaim);
  const mapped = new Set(values.map((v) => settings.roleMap.get(v)).filter((r): r is Role => r !== undefined));
  const strongest = PRIVILEGE.find((role) => mapped.has(role));
  if (strongest) return { kind: 'role', role: strongest };
  if (settings.defaultRole) return { kind: 'role', role: settings.defaultRole };
  return { kind: 'none', values };
}

/** The user name a new account gets: `preferred_username`, else `email`, in the form account names take; null when neither fits. */
export function usernameFromClaims(claims: Claims): string | null {
  for (const claim of ['preferred_username', 'email']) {
    const value = claims[claim];
    if (typeof value !== 'string') continue;
    try {
      return normalUsername(value);
    } catch {
      // not a usable account name: try the next claim
    }
  }
  return null;
}

/** For the audit of a refusal: the name the user would have, else their subject (shortened). */
export function auditNameFromClaims(claims: Claims): string {
  return usernameFromClaims(claims) ?? `sso:${String(claims.sub ?? 'unknown').slice(0, 64)}`;
}

// every role appears in the privilege order, so none is ever passed over
if (PRIVILEGE.length !== ROLES.length || !ROLES.every((r) => PRIVILEGE.includes(r))) throw new Error('the privilege order must hold every role');
