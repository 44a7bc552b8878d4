/**
 * Which loop each segment belongs to: the reader's place in the loop tree of its HL level
 * (`loops.ts`), moved on segment by segment. A segment of the current loop is checked for
 * its order and for repeats; any other one may start a child loop or a later loop (the
 * NM1 entity code says which), or belong to a loop the current one sits in. What belongs
 * nowhere is reported and not read.
 */
import { LineDraft } from './drafts.js';
import { HEADER, resolve, type LoopDef } from './loops.js';
import { problem, segmentLocation, segmentRef } from './problems.js';
import type { SegmentView } from './segments.js';
import type { ReadState } from './state.js';
import { quote } from './values.js';

const VALID_SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** NM1*85, REF*EI, DTP*472: the segment with its qualifier, for messages. */
export function describe(id: string, el: SegmentView): string {
  const first = el.get(id === 'HL' ? 3 : 1);
  if ((id === 'NM1' || id === 'REF' || id === 'DTP' || id === 'HL' || id === 'PRV' || id === 'SBR') && first.length > 0 && first.length <= 3) {
    return `${id}*${first}`;
  }
  return id;
}

export interface ClaimStart {
  /** a CLM starts loop 2300: the claim before it is handed over and a new one begins */
  startClaim(n: number): void;
}

export class LoopCursor {
  private loop: LoopDef | null = HEADER;
  /** order (in its loop) of the last segment read in order, and its id */
  private lastOrder = 0;
  private lastId = 'ST';
  /** segments of the current loop that may appear once, seen so far (bits by their order) */
  private used = 0;
  /** false inside a loop repeated beyond what the guide allows: its segments are not read */
  private mapping = true;

  constructor(
    private readonly s: ReadState,
    private readonly claims: ClaimStart,
  ) {}

  /** Stands at the start of `loop` (the transaction header, an HL level's tree; null: a level that is not read), entered by segment `id`. */
  restart(loop: LoopDef | null, id: string): void {
    this.loop = loop;
    this.lastOrder = 0;
    this.used = 0;
    this.lastId = id;
    this.mapping = true;
  }

  /** Back to the transaction header: a new ST. */
  reset(): void {
    this.restart(HEADER, 'ST');
  }

  /**
   * Moves on to segment `id` and returns the loop whose mapping reads it, or null when it
   * is not read. Problems of order, repeats and unknown segments are reported on the way.
   */
  place(id: string, el: SegmentView, n: number): LoopDef | null {
    const loop = this.loop;
    if (loop === null) return null; // inside an HL of unknown level, reported at its HL
    const order = loop.segments.get(id);
    if (order !== undefined) {
      const bit = loop.onceMask & (1 << order);
      if (bit !== 0) {
        if ((this.used & bit) !== 0) {
          this.s.scope().push(problem('error', 'x12-repeat', `${describe(id, el)} at ${segmentRef(n)} repeats in loop ${loop.id} (${loop.name}), which may hold it once; the repeat was not read.`, segmentLocation(id, loop.id, n)));
          return null;
        }
        this.used |= bit;
      }
      if (order < this.lastOrder) {
        this.s.scope().push(problem('warning', 'x12-segment-order', `${describe(id, el)} at ${segmentRef(n)} stands after ${this.lastId} in loop ${loop.id} (${loop.name}), but the 837P puts it before; it was read anyway.`, segmentLocation(id, loop.id, n)));
      } else {
        this.lastOrder = order;
        this.lastId = id;
      }
      return this.mapping ? loop : null;
    }
    const found = resolve(loop, id, el.get(1));
    if (found.kind === 'loop') {
      if (found.backward) {
        this.s.scope().push(problem('warning', 'x12-segment-order', `${describe(id, el)} at ${segmentRef(n)} starts loop ${found.loop.id} (${found.loop.name}) after loop ${loop.id} (${loop.name}), but the 837P puts it before; it was read anyway.`, segmentLocation(id, found.loop.id, n)));
      }
      return this.enter(found.loop, id, el, n);
    }
    if (found.kind === 'segment') {
      this.s.scope().push(problem('warning', 'x12-segment-order', `${describe(id, el)} at ${segmentRef(n)} belongs to loop ${found.loop.id} (${found.loop.name}) but stands after loop ${loop.id} (${loop.name}) has begun; it was read anyway.`, segmentLocation(id, found.loop.id, n)));
      return found.loop;
    }
    this.unknownSegment(id, el, n, loop);
    return null;
  }

  private unknownSegment(id: string, el: SegmentView, n: number, loop: LoopDef): void {
    const location = segmentLocation(VALID_SEGMENT_ID.test(id) ? id : '(unknown)', loop.id, n);
    const message = VALID_SEGMENT_ID.test(id)
      ? `${describe(id, el)} at ${segmentRef(n)} does not belong in loop ${loop.id} (${loop.name}) of an 837P, nor starts a loop that may follow there; it was not read.`
      : `${segmentRef(n).replace('segment', 'Segment')} has no valid segment id (${quote(id)} in ${quote(el.raw())}); it was not read.`;
    this.s.scope().push(problem('error', 'x12-unknown-segment', message, location));
  }

  /** Enters `loop` with its first segment; returns the loop, or null for a repeat of a loop allowed once (not read). */
  private enter(loop: LoopDef, id: string, el: SegmentView, n: number): LoopDef | null {
    this.restart(loop, id);
    const s = this.s;
    if (loop.id === '2300') {
      this.claims.startClaim(n);
      return loop;
    }
    if (loop.id === '2400') s.line = startLine(s, n);
    else if (loop.id === '2320') s.otherSubscriber.seen = 0;
    const holder = loop.parent === null ? null : seenHolder(s, loop.parent);
    if (loop.once && holder !== null) {
      if ((holder.seen & loop.bit) !== 0) {
        this.mapping = false;
        s.scope().push(problem('error', 'x12-repeat', `Loop ${loop.id} (${loop.name}) starts again with ${describe(id, el)} at ${segmentRef(n)}; the 837P allows it once in loop ${loop.parent?.id}, so this repeat was not read.`, segmentLocation(id, loop.id, n)));
        return null;
      }
      holder.seen |= loop.bit;
    }
    return loop;
  }
}

function startLine(s: ReadState, n: number): LineDraft {
  const lines = s.claim?.lines;
  const line = new LineDraft(n, lines === undefined ? 0 : lines.length);
  lines?.push(line);
  return line;
}

/** What keeps the loops allowed once that a parent loop has seen. */
function seenHolder(s: ReadState, parent: LoopDef): { seen: number } | null {
  switch (parent.id) {
    case 'header':
      return s.tx;
    case '2000A':
      return s.billing;
    case '2000B':
      return s.subscriber;
    case '2000C':
      return s.patient;
    case '2300':
      return s.claim;
    case '2400':
      return s.line;
    case '2320':
      return s.otherSubscriber;
    default:
      return null;
  }
}
