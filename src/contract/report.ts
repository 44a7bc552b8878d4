/** The shape of the missed-denials report: denials by CARC and payer, predicted, missed or unmatched. */
import { z } from 'zod';

const counts = {
  denials: z.number().int().describe('denial CARCs of claim payments (one per CARC per payment)'),
  predicted: z.number().int().describe('the matched scrub had raised the CARC as an error'),
  missed: z.number().int().describe('the matched scrub had not raised it'),
  unmatched: z.number().int().describe('no stored scrub matched the payment'),
  amount: z.number().describe('money denied, in dollars'),
  missedAmount: z.number().describe('of it, the money of the missed denials'),
  predictedShare: z.number().nullable().describe('predicted / (predicted + missed), 0 to 1; null when none was compared'),
};

export const MissedExampleSchema = z
  .object({
    scrubId: z.string().describe('the history id of the scrub that missed it'),
    claimId: z.string(),
    line: z.number().int().nullable().describe("the payment's service line; null for a claim-level denial"),
    procedureCode: z.string().nullable(),
    modifiers: z.array(z.string()),
    rarcs: z.array(z.string()),
    amount: z.number(),
    remitDate: z.string().nullable(),
  })
  .meta({ id: 'MissedExample' });

export const DenialGroupSchema = z
  .object({
    carc: z.string(),
    meaning: z.string().nullable(),
    payer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    ...counts,
    ruleFamily: z.object({ family: z.string(), suggestion: z.string() }).nullable().describe('the rules folder a rule for these denials would belong in'),
    examples: z.array(MissedExampleSchema).describe('some of the missed denials'),
  })
  .meta({ id: 'DenialGroup' });

export const MissedReportSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    payer: z.string().nullable(),
    payments: z.number().int().describe('claim payments counted (a payment posted twice counts once)'),
    totals: z.object(counts),
    groups: z.array(DenialGroupSchema).describe('by CARC and payer, most missed money first'),
  })
  .meta({ id: 'MissedReport' });

export type MissedReport = z.infer<typeof MissedReportSchema>;
export type DenialGroup = z.infer<typeof DenialGroupSchema>;
