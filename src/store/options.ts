/** How much the store keeps, and how its writes are grouped; read from the environment by the server. */
import type { Logger } from 'pino';
import { z } from 'zod';
import { ScrubjayError } from '../errors.js';

export interface StoreOptions {
  /**
   * the count of scrubs past which the store warns (default 5,000); it never drops a scrub
   * younger than `maxAgeDays` to stay under it, so one flood of requests cannot wipe the history
   */
  maxScrubs?: number;
  /** scrubs and conversations older than this are dropped (default 90); audit entries never are */
  maxAgeDays?: number;
  /** turns kept per conversation, the newest (default 200) */
  maxChatTurns?: number;
  /** the count of conversations past which the store warns (default 5,000); as with scrubs, none younger than `maxAgeDays` is dropped for it */
  maxConversations?: number;
  /**
   * audit entries older than this move to the audit archive, never deleted (default 2,192:
   * six years, the documentation period of 45 CFR 164.316(b)(2)); there is no count limit,
   * which a flood of requests could use to push real entries out
   */
  maxAuditAgeDays?: number;
  /** how long an append to the journal or the audit log waits for others to join its flush to disk, in milliseconds (default 5) */
  batchWindowMs?: number;
  /** ids and counts only, never claim contents */
  logger?: Logger;
  /** the clock records are stamped and aged with (default the system clock) */
  now?: () => Date;
}

export type ResolvedStoreOptions = Required<Omit<StoreOptions, 'logger'>> & { logger: Logger | undefined };

export const STORE_DEFAULTS = {
  maxScrubs: 5_000,
  maxAgeDays: 90,
  maxChatTurns: 200,
  maxConversations: 5_000,
  maxAuditAgeDays: 2_192,
  batchWindowMs: 5,
} as const;

const LIMITS: ReadonlyArray<[keyof typeof STORE_DEFAULTS, { min: number; integer: boolean }]> = [
  ['maxScrubs', { min: 1, integer: true }],
  ['maxAgeDays', { min: 1, integer: false }],
  ['maxChatTurns', { min: 1, integer: true }],
  ['maxConversations', { min: 1, integer: true }],
  ['maxAuditAgeDays', { min: 1, integer: false }],
  ['batchWindowMs', { min: 0, integer: false }],
];

export function resolveStoreOptions(options: StoreOptions = {}): ResolvedStoreOptions {
  const resolved = { ...STORE_DEFAULTS, now: options.now ?? (() => new Date()), logger: options.logger };
  for (const [name, limit] of LIMITS) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < limit.min || (limit.integer && !Number.isInteger(value))) {
      throw new ScrubjayError('SJ_ARGUMENT_INVALID', `store option ${name} must be ${describeLimit(limit)} (got ${value})`, { path: name });
    }
    resolved[name] = value as never;
  }
  return resolved;
}

function describeLimit(limit: { min: number; integer: boolean }): string {
  return `${limit.integer ? 'a whole number' : 'a number'} of at least ${limit.min}`;
}

/** The environment variables that set retention, and the option each one sets. */
export const STORE_ENV = {
  SCRUBJAY_KEEP_SCRUBS: 'maxScrubs',
  SCRUBJAY_KEEP_DAYS: 'maxAgeDays',
  SCRUBJAY_KEEP_CHAT_TURNS: 'maxChatTurns',
  SCRUBJAY_KEEP_CONVERSATIONS: 'maxConversations',
  SCRUBJAY_KEEP_AUDIT_DAYS: 'maxAuditAgeDays',
} as const satisfies Record<string, keyof StoreOptions>;

const wholeNumber = z.string().trim().regex(/^\d+$/, 'a whole number').transform(Number).pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));
const days = z.string().trim().regex(/^\d+(\.\d+)?$/, 'a number').transform(Number).pipe(z.number().min(1));

/**
 * Retention settings from the environment. An unset or empty variable keeps the default; one
 * that is not a valid number is refused, naming the variable, rather than silently ignored.
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv): StoreOptions {
  const options: StoreOptions = {};
  for (const [variable, option] of Object.entries(STORE_ENV) as Array<[keyof typeof STORE_ENV, (typeof STORE_ENV)[keyof typeof STORE_ENV]]>) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const inDays = option === 'maxAgeDays' || option === 'maxAuditAgeDays';
    const parsed = (inDays ? days : wholeNumber).safeParse(raw);
    if (!parsed.success) {
      const expected = inDays ? 'a number of days of at least 1' : 'a whole number of at least 1';
      throw new ScrubjayError('SJ_SETTING_INVALID', `${variable} must be ${expected} (got "${raw}")`, { path: variable });
    }
    options[option] = parsed.data;
  }
  return options;
}
