/**
 * Element values of an 837 in the contract's terms: CCYYMMDD dates → ISO, decimal amounts
 * → numbers, composites → their components. Each reader tells an empty element (the
 * field is simply absent) from one it cannot read (the reader reports that).
 */
import { isDateAt } from '../dates.js';

/** An element value could not be read as what it should be. */
export const UNREADABLE = Symbol('unreadable');
export type Read<T> = T | null | typeof UNREADABLE;

/** `CCYYMMDD` → `YYYY-MM-DD`. */
export function date8(value: string | null): Read<string> {
  if (value === null) return null;
  if (value.length !== 8 || !isDateAt(value, 0, 4, 6)) return UNREADABLE;
  const c = (i: number): number => value.charCodeAt(i);
  // one string built from its character codes rather than three slices joined
  return String.fromCharCode(c(0), c(1), c(2), c(3), 45, c(4), c(5), 45, c(6), c(7));
}

/** `CCYYMMDD-CCYYMMDD` → start and end. */
export function dateRange(value: string | null): Read<{ start: string; end: string }> {
  if (value === null) return null;
  const dash = value.indexOf('-');
  if (dash === -1) return UNREADABLE;
  const start = date8(value.slice(0, dash).trim());
  const end = date8(value.slice(dash + 1).trim());
  if (typeof start !== 'string' || typeof end !== 'string') return UNREADABLE;
  return { start, end };
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** An X12 decimal (`R` type): optional minus, digits with an optional point. */
export function decimal(value: string | null): Read<number> {
  if (value === null) return null;
  const negative = value.charCodeAt(0) === 45;
  let digitCount = 0;
  let fraction = -1;
  let whole = 0;
  for (let i = negative ? 1 : 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digitCount++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return UNREADABLE;
  }
  if (digitCount === 0) return UNREADABLE;
  // up to 15 digits the integer is exact, and one correctly rounded division gives the same double as parsing
  const n = digitCount <= 15 ? (fraction > 0 ? whole / (POWERS_OF_TEN[fraction] as number) : whole) : Number(value);
  // hundreds of digits parse as Infinity, which no claim field can hold
  if (!Number.isFinite(n)) return UNREADABLE;
  return negative ? -n : n;
}

/** The components of a composite element; a plain value is a composite of one. */
export function components(value: string | null, separator: string): string[] {
  if (value === null) return [];
  if (value.indexOf(separator) === -1) return [value];
  const parts = value.split(separator);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.length > 0 && (part.charCodeAt(0) <= 32 || part.charCodeAt(part.length - 1) <= 32)) parts[i] = part.trim();
  }
  return parts;
}

/** Quotes a value inside a message, shortened. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
}
