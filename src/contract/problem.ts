/**
 * The one shape of a problem at every boundary: a rule file that does not lint, a claim
 * file a reader cannot read, an HTTP error, a socket `error` event. Modelled on a FHIR
 * OperationOutcome issue: how bad it is, a stable code, what is wrong in words, and where.
 */
import { z } from 'zod';

export const ProblemWhereSchema = z
  .object({
    file: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    /** a contract field path (`lines[1].units`) or a query/body parameter name */
    field: z.string(),
    /** where in the file, in the format's own terms (`SV1 in loop 2400, segment 37`) */
    location: z.string(),
    /** zero-based index of the claim within its file */
    claimIndex: z.number().int(),
  })
  .partial();

export const ProblemSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** a code of the error catalog (`SJ_INPUT_NOT_JSON`) or of a reader's or rule file's problems */
  code: z.string(),
  message: z.string(),
  where: ProblemWhereSchema.optional(),
});

/** Every error answer of the REST interface, and the payload of a socket `error` event. */
export const ErrorBodySchema = z.object({
  /** what is wrong, in words */
  error: z.string(),
  /** the catalog code (`SJ_<AREA>_<WHAT>`) */
  code: z.string(),
  /** the field or parameter at fault, when there is one */
  field: z.string().nullable().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** zero-based index of the claim at fault within the body or file, when there is one */
  claimIndex: z.number().int().optional(),
  /** every problem found, when there were several (a rule set, a file) */
  problems: z.array(ProblemSchema).optional(),
});

export type ProblemWhere = z.infer<typeof ProblemWhereSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
