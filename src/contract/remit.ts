/** The shapes of the remittance contract that the service answers with: acknowledgments, remittances and the worklist. */
import { z } from 'zod';

/** Where a claim stands after its scrub, as the worklist lists it. */
export const CLAIM_STATES = ['scrubbed', 'sent', 'rejected', 'paid', 'partly-paid', 'denied', 'corrected', 'appealed', 'closed'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

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

const money = z.number();
const isoDateOrNull = z.string().nullable().describe('YYYY-MM-DD, or null');

export const RemitAdjustmentSchema = z
  .looseObject({
    group: z.string().describe('CAS01: CO, PR, OA, PI or CR'),
    carc: z.string(),
    rarc: z.array(z.string()),
    amount: money,
    line: z.number().int().nullable().describe('the 1-based line of the claim payment, or null at claim level'),
    meaning: z.string(),
    groupMeaning: z.string(),
  })
  .meta({ id: 'RemitAdjustment' });

export const RemitSchema = z
  .looseObject({
    claimId: z.string().describe('CLP01, the patient control number the claim was sent with'),
    payerClaimControlNumber: z.string().nullable(),
    status: z.object({ code: z.string().describe('CLP02'), meaning: z.string() }),
    charged: money,
    paid: money,
    patientResponsibility: money,
    remitDate: isoDateOrNull,
    payer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    adjustments: z.array(RemitAdjustmentSchema),
    lines: z.array(
      z.looseObject({
        line: z.number().int(),
        procedureCode: z.string().nullable(),
        modifiers: z.array(z.string()),
        serviceDate: isoDateOrNull,
        charged: money,
        paid: money,
        adjustments: z.array(RemitAdjustmentSchema),
      }),
    ),
    explanation: z.string(),
    nextSteps: z.array(z.string()),
    appealBy: isoDateOrNull.describe('the last day to appeal under the payer profile, or null when it has none'),
    scrub: z
      .object({ scrubId: z.string(), predicted: z.array(z.string()), missed: z.array(z.string()) })
      .nullable()
      .describe('the stored scrub matched by claim id, and which denial CARCs it raised as errors (predicted) or not (missed)'),
  })
  .meta({ id: 'Remit', description: 'one claim payment (CLP) of an 835, explained' });

export const RemitListSchema = z.array(RemitSchema).meta({ id: 'RemitList' });

export const ClaimStateSchema = z.enum(CLAIM_STATES).meta({ id: 'ClaimState' });

export const StateChangeSchema = z
  .object({
    scrubId: z.string(),
    state: ClaimStateSchema,
    note: z.string().optional(),
    by: z.string().nullable(),
    at: z.string().describe('ISO timestamp'),
    source: z.enum(['user', 'remit', 'ack', 'export']),
  })
  .meta({ id: 'StateChange' });

export const StateChangeRequestSchema = z.object({ state: ClaimStateSchema, note: z.string().min(1).max(2000).optional() }).strict().meta({ id: 'StateChangeRequest' });

export const WorklistItemSchema = z
  .object({
    scrubId: z.string().describe('the newest scrub of the claim id'),
    claimId: z.string(),
    payer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    state: ClaimStateSchema,
    charged: money,
    paid: money.describe('what the remittances paid, reversals taken off'),
    filingDeadline: isoDateOrNull.describe("the last day to file under the payer profile, from the claim's earliest date of service"),
    appealBy: isoDateOrNull.describe('the last day to appeal the latest denial'),
    followUpOn: isoDateOrNull.describe('for a sent claim without an answer: when to ask the payer'),
    carcs: z.array(z.string()).describe("every adjustment CARC of the claim's remittances"),
    payerClaimNumber: z.string().nullable().describe("the payer's claim control number (CLP07) of the newest remittance that gave one: what a replacement or void names"),
  })
  .meta({ id: 'WorklistItem' });

export const WorklistPageSchema = z.object({ total: z.number().int(), items: z.array(WorklistItemSchema) }).meta({ id: 'WorklistPage' });

export const StateChangeListSchema = z.array(StateChangeSchema).meta({ id: 'StateChangeList', description: "a claim's state changes, oldest first" });

export const StoredRemitListSchema = z
  .array(
    z.object({
      id: z.string().describe('the id the remittance is kept under'),
      file: z.string().describe('the file name it was posted with'),
      by: z.string().nullable().describe('who posted it'),
      at: z.string().describe('ISO timestamp of the posting'),
      remit: RemitSchema,
    }),
  )
  .meta({ id: 'StoredRemitList', description: 'the remittances posted for a scrub, oldest first, as they were explained' });

export const AppealSectionSchema = z
  .object({
    id: z.enum(['addressee', 'claim', 'denied', 'grounds', 'level', 'enclosures', 'recommendation']),
    title: z.string(),
    paragraphs: z.array(z.string()).describe('plain text; a fact the medical record or the biller must supply is a marked gap, [[GAP: ...]]'),
  })
  .meta({ id: 'AppealSection' });

export const AppealLetterSchema = z
  .object({
    text: z.string().describe('the whole draft as plain text'),
    sections: z.array(AppealSectionSchema),
    gaps: z.array(z.string()).describe('every gap of the text, in order, without its brackets'),
    appealBy: isoDateOrNull.describe('the last day to appeal under the payer profile, or null when it has none'),
    recommendation: z.enum(['appeal', 'correct', 'either']).describe('appeal, send a corrected claim instead, or either'),
    reason: z.string().describe('why, denial by denial'),
  })
  .meta({ id: 'AppealLetter', description: "a draft appeal letter for a stored claim's denial" });
