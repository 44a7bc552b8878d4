/**
 * The contract's scrub result (shared/contracts/claim-json.md §2), typed once: the engine's
 * types, the JSON Schema in `schemas/`, the field reference and the OpenAPI description all
 * come from here.
 */
import { z } from 'zod';

export const SeveritySchema = z
  .enum(['error', 'warning', 'info'])
  .describe('error: the payer would reject or deny; warning: a risk (a filing deadline near); info: worth knowing');

export const ClaimStatusSchema = z
  .enum(['reject', 'warn', 'clean'])
  .describe('reject when any finding is an error, warn when there are only warnings, clean when there are none');

export const InputFormatSchema = z.enum(['json', 'ndjson', 'x12', 'fhir']).describe('the format the claim was read from');

export const FindingSchema = z
  .object({
    ruleId: z.string().describe('the id of the rule that found the problem (or of the reader, for a problem in the input)'),
    category: z.string().describe('the rule family: missing-information, code-validity, code-compatibility, timely-filing, input, ...'),
    severity: SeveritySchema,
    carc: z.string().nullable().describe('the Claim Adjustment Reason Code the payer would most likely answer with; every error carries one'),
    rarc: z.array(z.string()).describe('Remittance Advice Remark Codes that go with the CARC, possibly none'),
    line: z.number().int().nullable().describe('the 1-based service line, or null for a claim-level finding'),
    path: z.string().nullable().describe('the claim field at fault, as a contract path (lines[1].procedureCode), or null'),
    message: z.string().describe('what is wrong, in one sentence'),
    explanation: z.string().describe('why it matters: the edit or policy behind the rule'),
    fix: z.string().describe('what to do about it'),
    location: z
      .string()
      .optional()
      .describe("where the field sits in the file it was read from, in the format's own terms (SV1 in loop 2400, segment 37)"),
  })
  .meta({ id: 'Finding', description: 'one problem found on a claim' });

export const ReferenceDataVersionSchema = z
  .object({
    kind: z.string().describe('the table: icd10cm, hcpcs, ncci-ptp, mue, mce'),
    version: z.string().describe('the version of the table, as its publisher names it'),
    effective: z.string().describe('the date the version took effect, YYYY-MM-DD'),
  })
  .meta({ id: 'ReferenceDataVersion', description: 'an official code set or edit table a claim was checked against' });

export const ScrubResultSchema = z
  .object({
    claimId: z.string().nullable().describe("the claim's claimId, or null when it has none"),
    status: ClaimStatusSchema,
    asOf: z.string().describe('the date the claim was checked as of (filing limits, code validity), YYYY-MM-DD'),
    rulesetVersion: z.string().describe('the version of the rule set that checked the claim; one version always names the same rulesetHash'),
    rulesetHash: z.string().describe("SHA-256 (hex) of the rule set's files, by relative path and content: the same files give the same hash anywhere"),
    findings: z.array(FindingSchema).describe('errors first, then by line (claim-level first), then by rule id'),
    referenceData: z.array(ReferenceDataVersionSchema).describe('the official code-set and edit-table versions the claim was checked against'),
    scrubId: z.string().optional().describe('the history id the scrub is kept under (POST /api/scrub answers a result only once it is kept); absent where nothing is kept'),
  })
  .meta({ id: 'ScrubResult', title: 'ScrubResult', description: 'the outcome of scrubbing one claim' });

export const ResultSourceSchema = z
  .object({
    file: z.string().describe('the file name (or "request body") the claim was read from'),
    format: InputFormatSchema,
    index: z.number().int().describe('the 0-based position of the claim in its file'),
  })
  .meta({ id: 'ResultSource', description: "where a result's claim came from" });

export const BatchResultSchema = ScrubResultSchema.extend({ source: ResultSourceSchema }).meta({
  id: 'BatchResult',
  title: 'BatchResult',
  description: 'the result of a claim read from a file (or a body in any format): the scrub result and where its claim came from',
});

export type Severity = z.infer<typeof SeveritySchema>;
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;
export type InputFormat = z.infer<typeof InputFormatSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type ReferenceDataVersion = z.infer<typeof ReferenceDataVersionSchema>;
export type ScrubResult = z.infer<typeof ScrubResultSchema>;
export type ResultSource = z.infer<typeof ResultSourceSchema>;
export type BatchResult = z.infer<typeof BatchResultSchema>;
