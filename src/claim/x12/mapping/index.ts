/**
 * Segment mapping: what each segment of each loop writes into the claim being built. One
 * module per loop group; this table joins them by loop id. A loop without an entry (pay-to,
 * other subscriber, ambulance locations, ...) is walked and checked but writes nothing.
 */
import type { LoopDef } from '../loops.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';
import { BILLING_LOOPS } from './billing.js';
import { CLAIM_LOOPS } from './claim.js';
import { HEADER_LOOPS } from './header.js';
import { LINE_LOOPS } from './line.js';
import { PATIENT_LOOPS } from './patient.js';
import { checkRequired, REQUIRED_ELEMENTS } from './required.js';
import { SUBSCRIBER_LOOPS } from './subscriber.js';

/** Writes what segment `id` (number `n`) of its loop holds into the drafts of `s`. */
export type SegmentMapper = (s: ReadState, id: string, el: SegmentView, n: number) => void;

/** The mappers of a group of loops, by loop id. */
export type LoopMappers = Readonly<Record<string, SegmentMapper>>;

const MAPPERS: ReadonlyMap<string, SegmentMapper> = new Map(Object.entries({ ...HEADER_LOOPS, ...BILLING_LOOPS, ...SUBSCRIBER_LOOPS, ...PATIENT_LOOPS, ...CLAIM_LOOPS, ...LINE_LOOPS }));

/** Reads segment `id` of `loop`: its required elements are checked, then its values mapped. */
export function mapSegment(s: ReadState, loop: LoopDef, id: string, el: SegmentView, n: number): void {
  const required = REQUIRED_ELEMENTS.get(id);
  if (required !== undefined) checkRequired(s, required, loop, id, el, n);
  MAPPERS.get(loop.id)?.(s, id, el, n);
}
