/**
 * Lays a rule test's partial claim over the base claim. Objects merge key by key; a
 * list of objects (the lines) merges position by position, and a position the base
 * does not have starts as a copy of the base's first entry — so `lines: [{}, {}]` is
 * the base line twice. A list of plain values (diagnoses, modifiers, pointers) is
 * replaced whole, `[]` empties any list, and `null` clears a field.
 */
type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function overlay(base: Json, patch: Json): Json {
  if (isPlainObject(patch) && isPlainObject(base)) {
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = overlay(base[key], value);
    return structuredClone(out);
  }
  if (Array.isArray(patch) && Array.isArray(base) && patch.length > 0 && patch.every(isPlainObject)) {
    const length = Math.max(base.length, patch.length);
    const out: Json[] = [];
    for (let i = 0; i < length; i++) {
      const start = i < base.length ? base[i] : base[0];
      out.push(i < patch.length ? overlay(start, patch[i]) : structuredClone(start));
    }
    return out;
  }
  return structuredClone(patch);
}
