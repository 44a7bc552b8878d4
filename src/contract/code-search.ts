/** What `GET /api/codes/<kind>?q=` answers: codes of a loaded official code set, found by their start or their words. */
import { z } from 'zod';

/** The code sets a named code list draws on, each searched in the official table in force today. */
export const CODE_SET_KINDS = ['procedure', 'diagnosis', 'modifier', 'pos'] as const;
export type CodeSetKind = (typeof CODE_SET_KINDS)[number];

export const CODE_QUERY_MAX_LENGTH = 100;
/** codes in one answer: `limit` defaults to the first and may be at most the second */
export const CODE_SEARCH_DEFAULT_LIMIT = 50;
export const CODE_SEARCH_MAX_LIMIT = 200;

export const CodeSearchSchema = z
  .object({
    kind: z.enum(CODE_SET_KINDS),
    q: z.string().describe('the query as searched, without surrounding spaces'),
    codes: z
      .array(
        z.object({
          code: z.string().describe('as it is written: ICD-10-CM with its dot'),
          meaning: z.string(),
          billable: z.boolean().optional().describe('diagnoses only: false for a category header, which a claim may not carry'),
        }),
      )
      .describe('codes that start with the query first, then codes whose description holds every word of it, each in code order; at most the limit'),
    total: z.number().int().describe('how many codes match in all, beyond the limit too'),
    table: z.object({ effective: z.string(), label: z.string() }).describe('the table version searched: the one in force today'),
  })
  .meta({ id: 'CodeSearch', description: 'codes of a loaded code set matching a query' });

export type CodeSearch = z.infer<typeof CodeSearchSchema>;
