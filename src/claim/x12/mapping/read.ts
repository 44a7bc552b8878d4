/**
 * Element values read for a claim field, with the problem of a value that cannot be read
 * (a date that is no date, an amount that is no number) reported at the level being read.
 * The field it would have filled is left empty.
 */
import { problem, segmentLocation, segmentRef } from '../problems.js';
import type { ReadState } from '../state.js';
import { date8, decimal, quote, UNREADABLE, type Read } from '../values.js';

/** When a composite seems written with another component separator than the ISA declares. */
export function separatorHint(component: string, value: string): string {
  const other = /[>:^<|\\]/.exec(value);
  return other === null || other[0] === component ? '' : ` (the ISA declares ${quote(component)} as the component separator, ISA16, but this value seems to use ${quote(other[0])})`;
}

export function badValue(s: ReadState, loopId: string, id: string, n: number, what: string, value: string, expected: string, path?: string): void {
  const outcome = path === undefined ? 'it was not read' : `${path} was left empty`;
  s.scope().push(problem('error', 'x12-bad-value', `${what} at ${segmentRef(n)} is ${quote(value)}, not ${expected}${separatorHint(s.component, value)}; ${outcome}.`, segmentLocation(id, loopId, n), path));
}

/** A contract path built only when a problem needs it: `field`, or `lines[i].field` for a line. */
function fieldPath(field: string, line: number): string {
  return line < 0 ? field : `lines[${line}].${field}`;
}

/** A CCYYMMDD date as ISO; `line` is the service line's index for a line field, else -1. */
export function readDate(s: ReadState, loopId: string, id: string, n: number, what: string, value: string | null, field: string, line = -1): string | null {
  const read = date8(value);
  if (read === UNREADABLE) {
    badValue(s, loopId, id, n, what, value as string, 'a date written CCYYMMDD', fieldPath(field, line));
    return null;
  }
  return read;
}

/** A decimal amount; `line` is the service line's index for a line field, else -1. */
export function readAmount(s: ReadState, loopId: string, id: string, n: number, what: string, value: string | null, field: string, line = -1): number | null {
  const read: Read<number> = decimal(value);
  if (read === UNREADABLE) {
    badValue(s, loopId, id, n, what, value as string, 'a decimal number', fieldPath(field, line));
    return null;
  }
  return read;
}
