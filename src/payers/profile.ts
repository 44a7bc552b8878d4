/**
 * Payer profiles (`rules/payers/*.yaml`): which payers a profile covers and the terms
 * the rules need from it, starting with the timely-filing limit.
 */
import { z } from 'zod';

const filingPeriod = z
  .object({
    years: z.number().int().positive().optional(),
    months: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
  })
  .strict()
  .refine((p) => [p.years, p.months, p.days].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of years, months or days',
  });

const referenceSchema = z.object({ title: z.string().min(1), url: z.string().optional(), section: z.string().optional() }).strict();

/**
 * How long a provider has to appeal the payer's decision on a claim. The clock starts when
 * the provider receives the remittance (`from: remit`); where the payer presumes receipt a
 * few days after the remittance date (Medicare: 5), `receiptDays` adds them first.
 */
const appealSchema = z
  .object({
    period: filingPeriod,
    receiptDays: z.number().int().nonnegative().optional(),
    from: z.literal('remit'),
    /** the first level of appeal by its name at this payer, as a letter addresses it (Medicare: redetermination) */
    level: z.string().min(1).optional(),
    /** words a biller reads, e.g. "120 days from receipt of the remittance" */
    summary: z.string().min(1),
    references: z.array(referenceSchema).min(1),
  })
  .strict();

/**
 * When a sent claim without an answer is worth a call: the days the payer takes to pay a
 * clean claim. Given only with a source; profiles without one follow up on the service's
 * default (see the worklist).
 */
const followUpSchema = z
  .object({
    days: z.number().int().positive(),
    summary: z.string().min(1).optional(),
    references: z.array(referenceSchema).min(1),
  })
  .strict();

export const payerProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    description: z.string().optional(),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    default: z.boolean().optional(),
    match: z
      .object({
        kinds: z.array(z.enum(['medicare', 'medicaid', 'commercial', 'tricare', 'workers-comp', 'other'])).optional(),
        payerIds: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** which national edit tables the payer applies; CMS applies NCCI to Medicare, and states to Medicaid */
    edits: z
      .object({
        ncciPtp: z.boolean(),
        mue: z.boolean(),
        /** NCCI add-on code edits; left out means not applied */
        ncciAoc: z.boolean().optional(),
        /** the Medicare PFS payment policy indicators (status, global days, bilateral, ...); left out means not applied */
        pfs: z.boolean().optional(),
        /** why, in words a biller reads */
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    timelyFiling: z
      .object({
        period: filingPeriod,
        /** words a biller reads, e.g. "1 calendar year after the date of service" */
        summary: z.string().min(1),
      })
      .strict(),
    /** left out when no source for the payer's appeal period is at hand: no deadline is better than a made-up one */
    appeal: appealSchema.optional(),
    followUp: followUpSchema.optional(),
    references: z.array(referenceSchema).min(1),
  })
  .strict();

export type PayerProfile = z.infer<typeof payerProfileSchema> & { file: string };

/**
 * The profile for a claim's payer: an exact payer id wins over a payer kind, and the
 * profile marked `default` covers everything else.
 */
export function selectProfile(profiles: readonly PayerProfile[], payerId: string | null, kind: string | null): PayerProfile | undefined {
  if (payerId !== null) {
    const byId = profiles.find((p) => p.match?.payerIds?.includes(payerId));
    if (byId) return byId;
  }
  if (kind !== null) {
    const byKind = profiles.find((p) => !p.match?.payerIds?.length && p.match?.kinds?.includes(kind as never));
    if (byKind) return byKind;
  }
  return profiles.find((p) => p.default === true);
}
