/** The shapes of a corrected or void claim made from a stored one: what the page posts and what it is answered. */
import { z } from 'zod';
import { ClaimSchema } from './claim.js';
import { BatchResultSchema } from './result.js';

export const CORRECTION_KINDS = ['replace', 'void'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export const CorrectionRequestSchema = z
  .object({
    kind: z.enum(CORRECTION_KINDS).describe('replace: a replacement claim (frequency 7); void: a void of the claim as sent (frequency 8)'),
    claim: ClaimSchema.optional().describe(
      "the claim as the biller edited it; absent means the stored claim as it is. A void always keeps the stored claim's lines. originalClaimId, when given, wins over the payer's number from the newest remittance",
    ),
  })
  .strict()
  .meta({ id: 'CorrectionRequest' });

export const CorrectionSchema = z
  .object({
    scrubId: z.string().describe('the history id of the new scrub; GET /api/history/{scrubId}/837 exports it'),
    correctionOf: z.string().describe('the history id of the claim it replaces or voids, now in state corrected'),
    result: BatchResultSchema,
  })
  .meta({ id: 'Correction', description: 'the replacement or void claim as scrubbed and kept' });

export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;
export type Correction = z.infer<typeof CorrectionSchema>;
