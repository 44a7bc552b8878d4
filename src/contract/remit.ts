/** The shapes of the remittance contract that the service answers with: acknowledgments so far. */
import { z } from 'zod';

export const AckStatusSchema = z
  .looseObject({
    category: z.string().describe('STC01-1, the claim status category: A1/A2 accepted, A3/A6/A7/A8 rejected'),
    code: z.string().describe('STC01-2, the claim status code'),
    entity: z.string().optional().describe('STC01-3, whose data the status is about'),
    meaning: z.string(),
  })
  .meta({ id: 'AckStatus' });

export const AcknowledgmentSchema = z
  .looseObject({
    level: z.enum(['claim', 'receiver', 'provider']).describe('a claim, or a status of a whole batch (the information receiver or one billing provider)'),
    claimId: z.string().nullable().describe("the claim's patient control number (TRN02 of 2200D); null for a batch status"),
    accepted: z.boolean(),
    statuses: z.array(AckStatusSchema),
    at: z.string().nullable().describe('STC02, YYYY-MM-DD'),
  })
  .meta({ id: 'Acknowledgment', description: 'what a 277CA said of one claim, or of a whole batch' });

export const AcknowledgmentListSchema = z.array(AcknowledgmentSchema).meta({ id: 'AcknowledgmentList' });

/** Where a claim stands after its scrub, as the worklist lists it. */
export const CLAIM_STATES = ['scrubbed', 'sent', 'rejected', 'paid', 'partly-paid', 'denied', 'corrected', 'appealed', 'closed'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
