/**
 * `docs/contract.md`: the field reference, one table per named definition of the claim and
 * result schemas, written from the schemas' own descriptions so that it cannot drift from them.
 */
import type { JsonSchema, SchemaDocument } from './json-schema.js';

const REF_PREFIX = '#/$defs/';

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function anchor(name: string): string {
  return name.toLowerCase();
}

/** A schema's type in words, with links to the named definitions it uses. */
export function typeText(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith(REF_PREFIX)) {
    const name = schema.$ref.slice(REF_PREFIX.length);
    return `[${name}](#${anchor(name)})`;
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) return alternatives.filter(isSchema).map(typeText).join(' or ');
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  const words = types.map((type) => {
    if (type === 'array') {
      const items = isSchema(schema.items) ? typeText(schema.items) : 'anything';
      return `array of ${items.includes(' or ') ? `(${items})` : items}`;
    }
    if (type === 'integer') return 'whole number';
    return String(type);
  });
  return words.length > 0 ? words.join(' or ') : 'anything';
}

/** The description of a field: its own, or else that of the definition it refers to. */
function describe(schema: JsonSchema, defs: Record<string, JsonSchema>): string {
  if (typeof schema.description === 'string') return schema.description;
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isSchema) : [schema];
  for (const alternative of alternatives) {
    if (typeof alternative.description === 'string') return alternative.description;
    if (typeof alternative.$ref === 'string') {
      const target = defs[alternative.$ref.slice(REF_PREFIX.length)];
      if (target && typeof target.description === 'string') return target.description;
    }
  }
  return '';
}

/** Table cells hold one line; a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function definitionSection(name: string, schema: JsonSchema, defs: Record<string, JsonSchema>): string[] {
  const out = [`### ${name}`, ''];
  if (typeof schema.description === 'string') out.push(`${schema.description.charAt(0).toUpperCase()}${schema.description.slice(1)}.`, '');
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  out.push('| field | type | required | meaning |', '|---|---|---|---|');
  for (const [field, value] of Object.entries(properties)) {
    if (!isSchema(value)) continue;
    out.push(`| \`${field}\` | ${cell(typeText(value))} | ${required.has(field) ? 'yes' : 'no'} | ${cell(describe(value, defs))} |`);
  }
  if (schema.additionalProperties !== false) out.push('', 'Other fields are allowed and passed through.');
  out.push('');
  return out;
}

export function fieldReference(parts: ReadonlyArray<{ title: string; file: string; about: string; schema: SchemaDocument }>): string {
  const out = [
    '# The claim and the scrub result: field reference',
    '',
    '<!-- Written by `npm run schema` (scripts/write-contract.ts) from src/contract/*.ts; edit the schemas, not this file. -->',
    '',
    'The external contract is `shared/contracts/claim-json.md`. This reference lists every field of the',
    'JSON forms as the code defines them; the same definitions are in the JSON Schemas under `schemas/`',
    'and in the OpenAPI description the service answers at `GET /api/openapi.json`.',
    '',
  ];
  for (const part of parts) {
    out.push(`## ${part.title}`, '', `${part.about} JSON Schema: [\`${part.file}\`](../${part.file}).`, '');
    for (const [name, schema] of Object.entries(part.schema.$defs)) out.push(...definitionSection(name, schema, part.schema.$defs));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
