/**
 * Reads over untrusted JSON. Claims come from outside, so every read checks the shape it
 * finds and takes own properties only: a key such as "constructor" or "__proto__" in a
 * file never reaches anything the sender did not send.
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A named own field of an object, or undefined for anything else. */
export function get(source: unknown, key: string): unknown {
  if (!isObject(source) || !Object.hasOwn(source, key)) return undefined;
  return source[key];
}

/** The field as an object, or null. */
export function getObject(source: unknown, key: string): Json | null {
  const value = get(source, key);
  return isObject(value) ? value : null;
}

/** The field as an array (a missing field is an empty list; so is a field of another type, which callers report). */
export function getArray(source: unknown, key: string): unknown[] {
  const value = get(source, key);
  return Array.isArray(value) ? value : [];
}

/** A non-blank string, trimmed, or null. */
export function nonBlank(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function getString(source: unknown, key: string): string | null {
  return nonBlank(get(source, key));
}

/** What kind of JSON value this is, for messages ("a number", "an array"). */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}
