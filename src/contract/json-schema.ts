/**
 * The contract's schemas as JSON Schema 2020-12, for the files in `schemas/`, the field
 * reference and the OpenAPI description. Schemas with an `id` (`.meta({ id })`) become
 * named definitions, so a claim's lines or a result's findings are described once.
 */
import { z } from 'zod';
import { ClaimSchema } from './claim.js';
import { BatchResultSchema, ScrubResultSchema } from './result.js';

export type JsonSchema = { [key: string]: unknown };

export interface SchemaDocument extends JsonSchema {
  $defs: Record<string, JsonSchema>;
}

/** How a schema is read: `output` describes what Scrubjay writes (no undeclared fields), `input` what it accepts. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaDocument {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw' }) as JsonSchema;
  return { ...out, $defs: (out.$defs as Record<string, JsonSchema> | undefined) ?? {} };
}

/** `schemas/claim.schema.json`: one claim in the contract's JSON form. */
export function claimJsonSchema(): SchemaDocument {
  const { $schema, ...rest } = toJsonSchema(ClaimSchema);
  return {
    $schema,
    title: 'Scrubjay claim',
    description: 'One professional claim (CMS-1500 / X12 837P) in the canonical JSON form Scrubjay reads and its readers write.',
    ...rest,
  };
}

/** `schemas/result.schema.json`: a scrub result, with or without the place its claim was read from. */
export function resultJsonSchema(): SchemaDocument {
  const { $schema, ...rest } = toJsonSchema(z.union([ScrubResultSchema, BatchResultSchema]));
  return {
    $schema,
    title: 'Scrubjay scrub result',
    description: 'The result of scrubbing one claim; a claim read from a file in any format also says where it came from (source).',
    ...rest,
  };
}
