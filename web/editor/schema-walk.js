// @ts-check
/**
 * The rule JSON Schema, walked by a YAML path: which keys a map at that path may have and
 * which values a key takes (its enum, true/false), for the editor's completion.
 */

/**
 * @typedef {{ $ref?: string, type?: string | string[], enum?: unknown[], properties?: Record<string, Schema>, items?: Schema,
 *   oneOf?: Schema[], anyOf?: Schema[], allOf?: Schema[], required?: string[], description?: string, additionalProperties?: boolean | Schema }} Schema
 */

/**
 * @param {Schema} root
 * @param {Schema | undefined} schema
 * @returns {Schema[]} the schema with its `$ref` followed and its alternatives spread out
 */
function alternatives(root, schema, depth = 0) {
  if (!schema || depth > 20) return [];
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((/** @type {any} */ at, part) => at?.[part], root);
    return alternatives(root, target, depth + 1);
  }
  const choices = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  if (choices.length === 0) return [schema];
  return [schema, ...choices.flatMap((choice) => alternatives(root, choice, depth + 1))];
}

/**
 * The schemas a path can reach ('[]' steps into list items).
 * @param {Schema} root
 * @param {string[]} path
 */
export function schemasAt(root, path) {
  let here = alternatives(root, root);
  for (const step of path) {
    here = here.flatMap((schema) => {
      if (step === '[]') return alternatives(root, schema.items);
      const property = schema.properties?.[step];
      if (property) return alternatives(root, property);
      return typeof schema.additionalProperties === 'object' ? alternatives(root, schema.additionalProperties) : [];
    });
  }
  return here;
}

/**
 * Keys a map at the path may have, with whether each is required and what it is.
 * @param {Schema} root
 * @param {string[]} path
 * @returns {Array<{ key: string, required: boolean, description: string | undefined }>}
 */
export function keysAt(root, path) {
  /** @type {Map<string, { key: string, required: boolean, description: string | undefined }>} */
  const keys = new Map();
  for (const schema of schemasAt(root, path)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const described = property.description ?? alternatives(root, property).find((s) => s.description)?.description;
      const seen = keys.get(key);
      keys.set(key, { key, required: Boolean(seen?.required) || (schema.required ?? []).includes(key), description: seen?.description ?? described });
    }
  }
  return [...keys.values()];
}

/**
 * The values a key at the path takes when the schema names them: an enum (of the key, or of
 * its list's items) or true/false.
 * @param {Schema} root
 * @param {string[]} path the key's own path (the map's path and the key)
 */
export function valuesAt(root, path) {
  /** @type {Set<string>} */
  const values = new Set();
  for (const schema of schemasAt(root, path)) {
    const own = [schema, ...(path.at(-1) === '[]' ? [] : alternatives(root, schema.items))];
    for (const s of own) {
      for (const value of s.enum ?? []) values.add(String(value));
      if (s.type === 'boolean') {
        values.add('true');
        values.add('false');
      }
    }
  }
  return [...values];
}
