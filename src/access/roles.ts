/**
 * The four kinds of user and what each may do. The table is the access contract's; a
 * permission is granted here or nowhere, so a route or socket event asks `can(role, what)`
 * and never compares role names itself.
 */
import { ROLE_NAMES } from '../contract/access.js';

export const ROLES = ROLE_NAMES;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = [
  /** scrub claims (REST and the page) and chat about them */
  'scrub',
  /** read the rules, code meanings, examples and rule status */
  'rules:read',
  /** see the scrubs one made oneself */
  'history:own',
  /** see every scrub kept on the server: the clinic's claims */
  'history:all',
  /** upload a file of claims */
  'batch',
  /** after a claim is sent: acknowledgments, remittances, the worklist, corrected claims exported as 837 */
  'claims:follow-up',
  /** rule drafts, preview, publish, restore */
  'rules:write',
  /** reports over the history for rule work: the denials the scrub missed */
  'reports:read',
  /** read the audit trail */
  'audit:read',
  /** import official tables from the page */
  'data:import',
  /** add, disable and change accounts */
  'accounts:manage',
  /** practise on made-up claims and see one's own progress */
  'training:practise',
  /** see every user's practice progress: the trainers */
  'training:progress',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  trainee: ['scrub', 'rules:read', 'history:own', 'training:practise'],
  biller: ['scrub', 'rules:read', 'history:own', 'history:all', 'batch', 'claims:follow-up', 'training:practise'],
  compliance: ['scrub', 'rules:read', 'history:own', 'history:all', 'batch', 'claims:follow-up', 'rules:write', 'reports:read', 'audit:read', 'training:practise', 'training:progress'],
  admin: ['scrub', 'rules:read', 'history:own', 'history:all', 'batch', 'claims:follow-up', 'rules:write', 'reports:read', 'audit:read', 'data:import', 'accounts:manage', 'training:practise', 'training:progress'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Every permission of a role, for the page (which shows only what the role may do). */
export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
