/**
 * Claim values → element text. The claim is untrusted JSON: a text field may hold a number
 * (a ZIP typed as one) and a missing value is an empty element, which the reader gives back
 * as null. A value that would be misread (a date that is no date, an amount X12 cannot
 * write) is refused with its field, like a value holding a separator.
 */
import { isIsoDate } from '../../dates.js';
import { isObject, type Json } from '../../json.js';
import { text } from '../../normalize.js';
import type { Element, SegmentWriter } from './segment-writer.js';

export const NONE: Element = '';

export function record(value: unknown): Json {
  return isObject(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A text field, trimmed; absent, empty or not text → an empty element. */
export function textElement(w: SegmentWriter, value: unknown, field: string): Element {
  const t = text(value);
  return t === null ? NONE : w.value(t, field);
}

/** Any JSON value as a message shows it; an object whose toString is not a function cannot be turned into a string. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export function hasText(value: unknown): boolean {
  return text(value) !== null;
}

/** YYYY-MM-DD → CCYYMMDD. */
export function dateElement(w: SegmentWriter, value: unknown, field: string): Element {
  const t = text(value);
  if (t === null) return NONE;
  if (!isIsoDate(t)) w.refuse(field, t, 'is not a date written YYYY-MM-DD');
  return t.slice(0, 4) + t.slice(5, 7) + t.slice(8, 10);
}

/** An X12 decimal: digits with an optional point, never an exponent. */
export function amountElement(w: SegmentWriter, value: unknown, field: string): Element {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'number') {
    const written = Object.is(value, -0) ? '0' : String(value);
    if (!Number.isFinite(value) || /e/i.test(written)) w.refuse(field, written, 'is not an amount an 837 can carry (too large, too small or not a number)');
    return written;
  }
  const t = text(value);
  if (t === null || !/^-?\d+(\.\d+)?$/.test(t)) w.refuse(field, shown(value), 'is not a number');
  return t;
}
