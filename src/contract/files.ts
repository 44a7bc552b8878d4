/**
 * Every file generated from the contract's schemas, with the text it must hold. The script
 * `scripts/write-contract.ts` writes them; a test fails when a committed one differs.
 */
import { fieldReference } from './field-reference.js';
import { claimJsonSchema, resultJsonSchema } from './json-schema.js';

export interface GeneratedFile {
  /** relative to the repository root */
  path: string;
  text: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function contractFiles(): GeneratedFile[] {
  const claim = claimJsonSchema();
  const result = resultJsonSchema();
  return [
    { path: 'schemas/claim.schema.json', text: json(claim) },
    { path: 'schemas/result.schema.json', text: json(result) },
    {
      path: 'docs/contract.md',
      text: fieldReference([
        { title: 'The claim', file: 'schemas/claim.schema.json', about: 'One professional claim, as files and request bodies hold it and the 837 and FHIR readers write it.', schema: claim },
        { title: 'The scrub result', file: 'schemas/result.schema.json', about: 'What scrubbing one claim answers.', schema: result },
      ]),
    },
  ];
}
