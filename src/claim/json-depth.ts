/**
 * How deeply a JSON value nests. JSON.parse takes any depth, but everything after it that
 * walks a value by recursion (JSON.stringify when a scrub is stored, structured cloning)
 * runs out of stack somewhere past a few thousand levels, so a deep value must be refused
 * where it comes in, with a message that says so, rather than fail later as our error.
 * A claim nests five or six levels; 64 leaves room for any real claim or FHIR resource.
 */
import { ScrubjayError, type ErrorLocation } from '../errors.js';
import { lineAndColumn } from './text-position.js';

export const MAX_JSON_DEPTH = 64;

/** Path segments named in a refusal: enough to find the spot, short enough to read. */
const PATH_SEGMENTS_NAMED = 3;

/** The depth of a JSON text (`1` is `[]` or `{}`), and the offset where it first goes past `limit` (or -1). */
export function textDepth(text: string, limit = MAX_JSON_DEPTH): { depth: number; pastLimitAt: number } {
  let depth = 0;
  let deepest = 0;
  let pastLimitAt = -1;
  const length = text.length;
  for (let at = 0; at < length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x22) {
      at = endOfString(text, at) - 1;
    } else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (depth === limit + 1) pastLimitAt = at;
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return { depth: deepest, pastLimitAt };
}

/** The offset just past the string that opens at `quote` (the text's end if it never closes). */
function endOfString(text: string, quote: number): number {
  for (let close = text.indexOf('"', quote + 1); close !== -1; close = text.indexOf('"', close + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
  }
  return text.length;
}

/** The depth of a parsed JSON value, and the first path segments to where it first goes past `limit` (null when it does not). */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): { depth: number; path: Array<string | number> | null } {
  // iterative, since a recursive walk is exactly what a deep value breaks; two flat stacks, as every body is walked
  const values: unknown[] = [value];
  const depths: number[] = [1];
  let deepest = 0;
  while (values.length > 0) {
    const next = values.pop();
    const depth = depths.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) {
        values.push(next[i]);
        depths.push(depth + 1);
      }
    } else {
      for (const key in next) {
        values.push((next as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return { depth: deepest, path: deepest > limit ? pathPast(value, limit) : null };
}

/** The first path segments to the first place `value` goes past `limit` levels (walked again only for a refusal). */
function pathPast(value: unknown, limit: number): Array<string | number> {
  const stack: Array<{ value: unknown; depth: number; path: Array<string | number> }> = [{ value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > limit) return next.path;
    const child = (key: string | number): Array<string | number> => (next.path.length < PATH_SEGMENTS_NAMED ? [...next.path, key] : next.path);
    if (Array.isArray(next.value)) {
      for (let i = next.value.length - 1; i >= 0; i--) stack.push({ value: next.value[i], depth: next.depth + 1, path: child(i) });
    } else {
      const keys = Object.keys(next.value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (next.value as Record<string, unknown>)[keys[i]!], depth: next.depth + 1, path: child(keys[i]!) });
    }
  }
  return [];
}

/** Refuses a JSON text nested deeper than MAX_JSON_DEPTH, naming the line it goes too deep on. */
export function refuseDeepText(text: string, source: string, firstLine = 1): void {
  const { depth, pastLimitAt } = textDepth(text);
  if (pastLimitAt === -1) return;
  const { line, column } = lineAndColumn(text, pastLimitAt);
  const absoluteLine = line + firstLine - 1;
  throw tooDeep(depth, `${source}:${absoluteLine}:${column}`, { file: source, line: absoluteLine, column });
}

/**
 * Refuses a parsed JSON value nested deeper than MAX_JSON_DEPTH. When it is an array of
 * claims, the claim at fault is named by its index and the field within it.
 */
export function refuseDeepValue(value: unknown, source: string): void {
  const { depth, path } = valueDepth(value);
  if (path === null) return;
  const [first, ...rest] = path;
  const inClaim = Array.isArray(value) && typeof first === 'number';
  const field = fieldPath(inClaim ? rest : path);
  const location: ErrorLocation = { file: source, ...(inClaim ? { claimIndex: first } : {}), ...(field !== '' ? { path: field } : {}) };
  const where = [source, inClaim ? `claim ${first + 1}` : '', field !== '' ? `field ${field}` : ''].filter((part) => part !== '').join(': ');
  throw tooDeep(depth, where, location);
}

function tooDeep(depth: number, where: string, location: ErrorLocation): ScrubjayError {
  return new ScrubjayError('SJ_INPUT_TOO_DEEP', `${where}: the JSON is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are allowed`, location);
}

/** `lines[0].modifiers`, as the contract writes field paths. */
function fieldPath(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
