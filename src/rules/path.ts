/**
 * Fact paths in rule conditions: the simple JSONPath subset `$.a.b[0].c`. Scrubjay
 * gives json-rules-engine this resolver (instead of its full JSONPath default) so that
 * both evaluators read facts the same way, and so lookups stay cheap. Only own
 * properties are read: a claim can never reach `constructor` or `__proto__`.
 */
export type PathSegment = string | number;

const SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\])/;
const cache = new Map<string, PathSegment[] | null>();

/** Segments of a path, or null when it is not of the supported form. */
export function parsePath(path: string): PathSegment[] | null {
  const cached = cache.get(path);
  if (cached !== undefined) return cached;
  let result: PathSegment[] | null = null;
  if (path.startsWith('$')) {
    const segments: PathSegment[] = [];
    let rest = path.slice(1);
    while (rest.length > 0) {
      const match = SEGMENT.exec(rest);
      if (!match) break;
      segments.push(match[1] !== undefined ? match[1] : Number(match[2]));
      rest = rest.slice(match[0].length);
    }
    if (rest.length === 0) result = segments;
  }
  cache.set(path, result);
  return result;
}

export function resolveSegments(value: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** The resolver handed to json-rules-engine (it calls it only for object fact values). */
export function resolvePath(value: unknown, path: string): unknown {
  const segments = parsePath(path);
  return segments === null ? undefined : resolveSegments(value, segments);
}

/** A reference written `fact.field[0].field` (in templates and `reportOn`): the fact's name and the path inside it, or null. */
export function parseFactReference(reference: string): { fact: string; segments: PathSegment[] } | null {
  const dot = reference.search(/[.[]/);
  const fact = dot === -1 ? reference : reference.slice(0, dot);
  if (!/^[A-Za-z_]\w*$/.test(fact)) return null;
  const segments = parsePath(`$${dot === -1 ? '' : reference.slice(dot)}`);
  return segments === null ? null : { fact, segments };
}

/**
 * Whether reading `name` from a plain object or an array can only ever give one of its own
 * properties: nothing either of them inherits has that name.
 */
function neverInherited(name: PathSegment): boolean {
  return typeof name === 'number' || !(name in Object.prototype || name in Array.prototype);
}

/**
 * JavaScript source that walks `segments` from the value in local `t`, as `resolveSegments`
 * does (own properties only; undefined past a missing step), for code generated from rules.
 * It expects `H` to be Object.prototype.hasOwnProperty; keys enter as JSON string literals.
 * Facts are JSON-shaped (plain objects and arrays, never class instances), so a step whose
 * name neither inherits is a plain read: the same answer without a hasOwnProperty call,
 * which made up a sixth of a claim's scrub.
 */
export function ownPathSource(segments: readonly PathSegment[]): string {
  let walk = 't';
  for (const segment of segments) {
    const key = JSON.stringify(segment);
    const own = neverInherited(segment) ? '' : ` && H.call(t, ${key})`;
    walk = `(t = ${walk}, t !== null && typeof t === 'object'${own} ? t[${key}] : undefined)`;
  }
  return walk;
}
