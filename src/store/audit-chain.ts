/**
 * The audit log's hash chain: how an entry is hashed and linked to the one before it, and
 * how a line of the file is read back. Each entry's hash covers its content and the previous
 * entry's hash, so changing, dropping or moving any line breaks every link after it.
 */
import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditInput } from './store.js';

/** The `prev` of the first entry ever written. */
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'setup',
  'scrub',
  'chat',
  'history-read',
  'batch',
  'rules-reload',
  'rules-rejected',
  'rules-publish',
  'rules-restore',
  'ack-read',
  'claim-export',
  'remit-read',
  'claim-state',
  'appeal-draft',
  'report-read',
  'data-import',
  'data-reload',
  'user-change',
  'access-denied',
];
const ACTIONS = new Set<string>(AUDIT_ACTIONS);

/** Where the chain stands: the entry the next one follows. */
export interface ChainTip {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainTip = { seq: 0, hash: GENESIS_HASH };

/**
 * The canonical text an entry's hash is taken over: JSON with the keys in a fixed order
 * (seq, at, user, role, action, target, address, detail when present, prev), so that anyone
 * can recompute it with any JSON library.
 */
export function canonicalEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const ordered: Record<string, unknown> = {
    seq: entry.seq,
    at: entry.at,
    user: entry.user,
    role: entry.role,
    action: entry.action,
    target: entry.target,
    address: entry.address,
  };
  if (entry.detail !== undefined) ordered.detail = entry.detail;
  ordered.prev = entry.prev;
  return JSON.stringify(ordered);
}

export function hashOf(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** The entry that follows `tip`, stamped `at`. */
export function chainEntry(input: AuditInput, at: string, tip: ChainTip): AuditEntry {
  const unhashed: Omit<AuditEntry, 'hash'> = {
    seq: tip.seq + 1,
    at,
    user: input.user,
    role: input.role,
    action: input.action,
    target: [...(input.target ?? [])],
    address: input.address ?? null,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
    prev: tip.hash,
  };
  return { ...unhashed, hash: hashOf(unhashed) };
}

/** The line written for an entry: the canonical JSON with the hash last. */
export function entryLine(entry: AuditEntry): string {
  return `${canonicalEntry(entry).slice(0, -1)},"hash":${JSON.stringify(entry.hash)}}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A line read back as an entry, checked for shape (not for its hash: that is the chain
 * check's job); null when it is not one.
 */
export function parseEntryLine(line: string): AuditEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const nullableString = (x: unknown): boolean => x === null || typeof x === 'string';
  const ok =
    Number.isSafeInteger(v.seq) &&
    (v.seq as number) >= 1 &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at)) &&
    nullableString(v.user) &&
    nullableString(v.role) &&
    typeof v.action === 'string' &&
    ACTIONS.has(v.action) &&
    Array.isArray(v.target) &&
    v.target.every((t) => typeof t === 'string') &&
    nullableString(v.address) &&
    (v.detail === undefined || typeof v.detail === 'string') &&
    typeof v.prev === 'string' &&
    HEX64.test(v.prev) &&
    typeof v.hash === 'string' &&
    HEX64.test(v.hash);
  return ok ? (v as unknown as AuditEntry) : null;
}

export function hashMatches(entry: AuditEntry): boolean {
  const { hash, ...rest } = entry;
  return hashOf(rest) === hash;
}
