/** The shapes of the access contract: sessions, the first account, accounts and the audit trail. */
import { z } from 'zod';

export const ROLE_NAMES = ['admin', 'compliance', 'biller', 'trainee'] as const;
export const RoleSchema = z.enum(ROLE_NAMES).meta({ id: 'Role', description: 'admin, compliance, biller or trainee' });

export const SignInSchema = z.object({ username: z.string(), password: z.string() }).meta({ id: 'SignIn' });

export const SessionSchema = z
  .looseObject({
    username: z.string(),
    role: RoleSchema,
    permissions: z.array(z.string()).optional().describe('what the role may do, for the page to show only that'),
  })
  .meta({ id: 'Session', description: 'who is signed in' });

export const SsoAvailabilitySchema = z
  .object({ available: z.boolean(), label: z.string().describe('the text of the sign-in button; empty when not offered') })
  .meta({ id: 'SsoAvailability', description: 'whether the sign-in page offers single sign-on' });

export const SetupSchema = z.object({ token: z.string(), username: z.string(), password: z.string() }).meta({ id: 'Setup', description: 'the first admin account, with the one-time token the server printed' });

export const AccountViewSchema = z
  .looseObject({
    username: z.string(),
    role: RoleSchema,
    state: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: 'Account', description: 'an account, without its password hash' });

export const AccountListSchema = z.object({ accounts: z.array(AccountViewSchema) }).meta({ id: 'AccountList' });

export const NewAccountSchema = z.object({ username: z.string(), role: RoleSchema, password: z.string() }).meta({ id: 'NewAccount' });

export const AccountChangeSchema = z
  .object({ role: RoleSchema.optional(), state: z.enum(['active', 'disabled']).optional(), password: z.string().optional() })
  .meta({ id: 'AccountChange' });

export const AuditEntrySchema = z
  .looseObject({
    seq: z.number().int(),
    at: z.string(),
    user: z.string().nullable(),
    role: z.string().nullable(),
    action: z.string(),
    target: z.array(z.string()),
    address: z.string().nullable(),
    prev: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry', description: 'one entry of the audit trail; hash is SHA-256 over the entry and prev' });

export const RetentionSchema = z
  .object({
    scrubs: z.number().int().describe('scrubs kept'),
    ceiling: z.number().int().describe('SCRUBJAY_KEEP_SCRUBS: past it the store warns, and still keeps every scrub younger than the age limit'),
    overCeiling: z.boolean(),
    oldestAt: z.string().nullable(),
    maxAgeDays: z.number().describe('SCRUBJAY_KEEP_DAYS: scrubs older than this are dropped'),
  })
  .meta({ id: 'Retention', description: 'how full the history is' });

export const AuditPageSchema = z.object({ total: z.number().int(), items: z.array(AuditEntrySchema) }).meta({ id: 'AuditPage' });
