/** The contract's result shape (shared/contracts/claim-json.md §2), as a schema tests check output against. */
import { z } from 'zod';

export const findingSchema = z
  .object({
    ruleId: z.string().min(1),
    category: z.string().min(1),
    severity: z.enum(['error', 'warning', 'info']),
    carc: z.string().nullable(),
    rarc: z.array(z.string()),
    line: z.number().int().positive().nullable(),
    path: z.string().nullable(),
    message: z.string().min(1),
    explanation: z.string().min(1),
    fix: z.string().min(1),
  })
  .refine((f) => f.severity !== 'error' || (f.carc !== null && f.carc.length > 0), { message: 'an error finding carries a CARC' });

export const resultSchema = z
  .object({
    claimId: z.string().nullable(),
    status: z.enum(['reject', 'warn', 'clean']),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    rulesetVersion: z.string().min(1),
    findings: z.array(findingSchema),
  })
  .refine(
    (r) =>
      r.status === (r.findings.some((f) => f.severity === 'error') ? 'reject' : r.findings.some((f) => f.severity === 'warning') ? 'warn' : 'clean'),
    { message: 'status follows from the findings' },
  );
