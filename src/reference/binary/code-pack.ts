/**
 * Codes in these tables are short strings of digits and capital letters. Packing them into a
 * number in base 37 (0 pads the tail) keeps their sort order, so a sorted numeric array can be
 * binary-searched without creating a string per probe. Ten characters fit below 2^53.
 */
export const MAX_PACKED_LENGTH = 10;

const CHAR_VALUE = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) CHAR_VALUE[c] = c - 47;
for (let c = 65; c <= 90; c++) CHAR_VALUE[c] = c - 54;
for (let c = 97; c <= 122; c++) CHAR_VALUE[c] = c - 86;

/** Packs a code (lower case accepted), or returns -1 when it holds anything else or is too long. */
export function packCode(code: string): number {
  const n = code.length;
  if (n === 0 || n > MAX_PACKED_LENGTH) return -1;
  let value = 0;
  for (let i = 0; i < MAX_PACKED_LENGTH; i++) {
    let digit = 0;
    if (i < n) {
      const c = code.charCodeAt(i);
      digit = c < 128 ? (CHAR_VALUE[c] as number) : -1;
      if (digit < 0) return -1;
    }
    value = value * 37 + digit;
  }
  return value;
}

/** The code a packed value stands for: the inverse of `packCode` for the upper-case code. */
export function unpackCode(value: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < MAX_PACKED_LENGTH; i++) {
    const digit = v % 37;
    v = (v - digit) / 37;
    // 0 only pads the tail, so it never stands between characters
    if (digit !== 0) out = String.fromCharCode(digit <= 10 ? digit + 47 : digit + 54) + out;
  }
  return out;
}

/**
 * The packed values of every code starting with `prefix`, as [low, high): the prefix padded
 * with zeros, up to the prefix followed by the largest tail. Undefined when it cannot be packed.
 */
export function prefixBounds(prefix: string): readonly [number, number] | undefined {
  const low = packCode(prefix);
  return low < 0 ? undefined : [low, low + 37 ** (MAX_PACKED_LENGTH - prefix.length)];
}

/**
 * Packs exactly five characters into a value below 37^5 (< 2^27), small enough for an Int32Array.
 * Returns -1 for anything else.
 */
export function packCode5(code: string): number {
  if (code.length !== 5) return -1;
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const c = code.charCodeAt(i);
    const digit = c < 128 ? (CHAR_VALUE[c] as number) : -1;
    if (digit < 1) return -1;
    value = value * 37 + digit;
  }
  return value;
}

export function unpackCode5(value: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < 5; i++) {
    const digit = v % 37;
    v = (v - digit) / 37;
    out = String.fromCharCode(digit <= 10 ? digit + 47 : digit + 54) + out;
  }
  return out;
}

/** Index of `value` in an ascending array, or -1. */
export function binarySearch(sorted: { readonly length: number; readonly [i: number]: number }, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const probe = sorted[mid] as number;
    if (probe < value) lo = mid + 1;
    else if (probe > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** First index whose value is >= `value` in an ascending array. */
export function lowerBound(sorted: { readonly length: number; readonly [i: number]: number }, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
