/**
 * The contract's result shape (shared/contracts/claim-json.md §2) as tests check output
 * against: the schema the code is typed with, plus what the contract says about values
 * (texts are not empty, an error carries a CARC, the status follows from the findings).
 */
import { z } from 'zod';
import { FindingSchema, ScrubResultSchema } from '../../src/contract/result.js';

const filled = (text: string): boolean => text.length > 0;

export const findingSchema = FindingSchema.refine((f) => [f.ruleId, f.category, f.message, f.explanation, f.fix].every(filled), {
  message: 'a finding names its rule and category and says what is wrong, why and what to do',
})
  .refine((f) => f.line === null || f.line > 0, { message: 'lines are numbered from 1' })
  .refine((f) => f.severity !== 'error' || (f.carc !== null && f.carc.length > 0), { message: 'an error finding carries a CARC' });

export const resultSchema = ScrubResultSchema.extend({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rulesetVersion: z.string().min(1),
  findings: z.array(findingSchema),
}).refine(
  (r) => r.status === (r.findings.some((f) => f.severity === 'error') ? 'reject' : r.findings.some((f) => f.severity === 'warning') ? 'warn' : 'clean'),
  { message: 'status follows from the findings' },
);
