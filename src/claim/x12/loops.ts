/**
 * The 837P loop structure (005010X222A1, with the extra segments and loops of the retired
 * 004010X098A1 so that older files read without false alarms): which segment starts
 * which loop, which segments a loop may hold and in what order, and how often it may
 * repeat. The HL levels (2000A/B/C) are handled by the reader from HL03; each is the
 * root of its own tree here.
 */

export interface LoopDef {
  /** the implementation guide's loop id, e.g. `2010AA` */
  readonly id: string;
  /** what the loop holds, for messages */
  readonly name: string;
  /** the segment that starts the loop */
  readonly trigger: string;
  /** values of the trigger's first element that select this loop (NM101 entity codes); empty = any */
  readonly qualifiers: readonly string[];
  /** the loop's other segments, each with its place in the required order */
  readonly segments: ReadonlyMap<string, number>;
  readonly children: readonly LoopDef[];
  /** true for loops the guide allows once per parent */
  readonly once: boolean;
  readonly parent: LoopDef | null;
  /** position among the parent's children, which the guide puts in this order */
  readonly index: number;
  /** bit of this loop in its parent's "seen" mask (loops allowed once only) */
  readonly bit: number;
  /** bits (by order) of the loop's segments that may appear once only */
  readonly onceMask: number;
  /** the answers of `resolve` that start this loop, made once rather than per segment */
  readonly startsForward: Resolution;
  readonly startsBackward: Resolution;
}

interface Spec {
  id: string;
  name: string;
  trigger: string;
  qualifiers?: string[];
  segments: string[];
  children?: Spec[];
  once?: boolean;
}

/** Segments a loop may hold once only; a repeat would silently replace what was read. */
export const ONCE_SEGMENTS: ReadonlySet<string> = new Set(['N2', 'N3', 'N4', 'DMG', 'PRV', 'SBR', 'PAT', 'SV1', 'CTP']);

function build(spec: Spec, parent: LoopDef | null, index: number): LoopDef {
  const segments = new Map(spec.segments.map((s, i) => [s, i + 1]));
  let onceMask = 0;
  for (const [id, order] of segments) if (ONCE_SEGMENTS.has(id)) onceMask |= 1 << order;
  const loop = {
    id: spec.id,
    name: spec.name,
    trigger: spec.trigger,
    qualifiers: spec.qualifiers ?? [],
    segments,
    children: [] as LoopDef[],
    once: spec.once ?? false,
    parent,
    index,
    bit: 1 << index,
    onceMask,
    startsForward: null as unknown as Resolution,
    startsBackward: null as unknown as Resolution,
  };
  loop.startsForward = { kind: 'loop', loop, backward: false };
  loop.startsBackward = { kind: 'loop', loop, backward: true };
  (spec.children ?? []).forEach((child, i) => loop.children.push(build(child, loop, i)));
  return loop;
}

/** One of the trees the reader starts at: the transaction header and each HL level. */
function root(spec: Spec): LoopDef {
  return build(spec, null, 0);
}

/** A party loop: an NM1 with one of `entities` in NM101, then `segments` in that order. */
function party(id: string, name: string, entities: string[], segments: string[], once = true): Spec {
  return { id, name, trigger: 'NM1', qualifiers: entities, segments, once };
}

const SERVICE_LINE: Spec = {
  id: '2400',
  name: 'service line',
  trigger: 'LX',
  segments: ['SV1', 'SV5', 'PWK', 'CR1', 'CR2', 'CR3', 'CR4', 'CR5', 'CRC', 'DTP', 'QTY', 'MEA', 'CN1', 'REF', 'AMT', 'K3', 'NTE', 'PS1', 'HSD', 'HCP'],
  children: [
    { id: '2410', name: 'drug identification', trigger: 'LIN', segments: ['CTP', 'REF'], once: true },
    party('2420A', 'line rendering provider', ['82'], ['N2', 'PRV', 'REF']),
    party('2420B', 'line purchased service provider', ['QB'], ['N2', 'REF']),
    party('2420C', 'line service facility', ['77', 'FA', 'LI', 'TL'], ['N2', 'N3', 'N4', 'REF']),
    party('2420D', 'line supervising provider', ['DQ'], ['N2', 'REF']),
    party('2420E', 'line ordering provider', ['DK'], ['N2', 'N3', 'N4', 'REF', 'PER']),
    party('2420F', 'line referring provider', ['DN', 'P3'], ['N2', 'PRV', 'N3', 'N4', 'REF'], false),
    party('2420G', 'line ambulance pick-up location', ['PW'], ['N3', 'N4']),
    party('2420H', 'line ambulance drop-off location', ['45'], ['N3', 'N4']),
    party('2420', 'line other payer prior authorization (4010)', ['PR'], ['REF']),
    { id: '2430', name: 'line adjudication', trigger: 'SVD', segments: ['CAS', 'DTP', 'AMT'] },
    { id: '2440', name: 'form identification', trigger: 'LQ', segments: ['FRM'] },
  ],
};

const OTHER_SUBSCRIBER: Spec = {
  id: '2320',
  name: 'other subscriber',
  trigger: 'SBR',
  segments: ['CAS', 'AMT', 'DMG', 'OI', 'MIA', 'MOA'],
  children: [
    party('2330A', 'other subscriber name', ['IL'], ['N2', 'N3', 'N4', 'REF']),
    party('2330B', 'other payer name', ['PR'], ['N2', 'N3', 'N4', 'PER', 'DTP', 'REF']),
    party('2330', 'other payer patient (4010)', ['QC'], ['REF']),
    party('2330C', 'other payer referring provider', ['DN', 'P3'], ['REF'], false),
    party('2330D', 'other payer rendering provider', ['82'], ['REF']),
    party('2330E', 'other payer service facility', ['77'], ['REF']),
    party('2330F', 'other payer supervising provider', ['DQ'], ['REF']),
    party('2330G', 'other payer billing provider', ['85'], ['REF']),
  ],
};

export const CLAIM_ID = '2300';

const CLAIM: Spec = {
  id: CLAIM_ID,
  name: 'claim',
  trigger: 'CLM',
  segments: ['DTP', 'PWK', 'CN1', 'AMT', 'REF', 'K3', 'NTE', 'CR1', 'CR2', 'CRC', 'HI', 'HCP'],
  children: [
    party('2310A', 'referring provider', ['DN', 'P3'], ['N2', 'PRV', 'REF'], false),
    party('2310B', 'rendering provider', ['82'], ['N2', 'PRV', 'REF']),
    party('2310', 'purchased service provider (4010)', ['QB'], ['N2', 'REF']),
    party('2310C', 'service facility location', ['77', 'FA', 'LI', 'TL'], ['N2', 'N3', 'N4', 'REF', 'PER']),
    party('2310D', 'supervising provider', ['DQ'], ['N2', 'REF']),
    party('2310E', 'ambulance pick-up location', ['PW'], ['N3', 'N4']),
    party('2310F', 'ambulance drop-off location', ['45'], ['N3', 'N4']),
    OTHER_SUBSCRIBER,
    SERVICE_LINE,
  ],
};

export const HEADER = root({
  id: 'header',
  name: 'transaction header',
  trigger: 'ST',
  segments: ['BHT', 'REF'],
  children: [
    { id: '1000A', name: 'submitter name', trigger: 'NM1', qualifiers: ['41'], segments: ['N2', 'N3', 'N4', 'PER'], once: true },
    { id: '1000B', name: 'receiver name', trigger: 'NM1', qualifiers: ['40'], segments: ['N2'], once: true },
  ],
});

export const BILLING_PROVIDER = root({
  id: '2000A',
  name: 'billing provider',
  trigger: 'HL',
  segments: ['PRV', 'CUR'],
  children: [
    party('2010AA', 'billing provider name', ['85'], ['N2', 'N3', 'N4', 'REF', 'PER']),
    party('2010AB', 'pay-to address', ['87'], ['N2', 'N3', 'N4', 'REF']),
    party('2010AC', 'pay-to plan', ['PE'], ['N3', 'N4', 'REF', 'PER']),
  ],
});

export const SUBSCRIBER = root({
  id: '2000B',
  name: 'subscriber',
  trigger: 'HL',
  segments: ['SBR', 'PAT'],
  children: [
    party('2010BA', 'subscriber name', ['IL'], ['N2', 'N3', 'N4', 'DMG', 'REF', 'PER']),
    party('2010BB', 'payer name', ['PR'], ['N2', 'N3', 'N4', 'REF', 'PER']),
    party('2010BC', 'responsible party (4010)', ['QD'], ['N2', 'N3', 'N4']),
    party('2010BD', 'credit card holder (4010)', ['AO'], ['N2', 'N3', 'N4', 'REF']),
    CLAIM,
  ],
});

export const PATIENT = root({
  id: '2000C',
  name: 'patient',
  trigger: 'HL',
  segments: ['PAT'],
  children: [party('2010CA', 'patient name', ['QC'], ['N2', 'N3', 'N4', 'DMG', 'REF', 'PER']), CLAIM],
});

export type Resolution =
  /** a segment of a loop the current one sits in, standing after that loop's child loops began */
  | { kind: 'segment'; loop: LoopDef }
  /**
   * The start of a loop: a child of the current loop, or a sibling of it or of a loop it
   * sits in. `backward` when the guide puts that sibling earlier: read anyway (the NM1
   * entity code names the loop), except across a claim, which is handed over when it ends.
   */
  | { kind: 'loop'; loop: LoopDef; backward: boolean }
  | { kind: 'unknown' };

const UNKNOWN: Resolution = { kind: 'unknown' };

function starts(loop: LoopDef, id: string, first: string | undefined): boolean {
  return loop.trigger === id && (loop.qualifiers.length === 0 || (first !== undefined && loop.qualifiers.includes(first)));
}

/**
 * Where segment `id` (first element `first`) belongs when the reader stands in `current`
 * and it is not one of `current`'s own segments.
 */
export function resolve(current: LoopDef, id: string, first: string | undefined): Resolution {
  for (const child of current.children) if (starts(child, id, first)) return child.startsForward;
  for (let loop: LoopDef = current; loop.parent !== null; loop = loop.parent) {
    const parent: LoopDef = loop.parent;
    const siblings = parent.children;
    for (let i = loop.index; i < siblings.length; i++) {
      const sibling = siblings[i] as LoopDef;
      if (starts(sibling, id, first)) return sibling.startsForward;
    }
    if (parent.segments.has(id)) return { kind: 'segment', loop: parent };
    if (loop.id !== CLAIM_ID) {
      for (let i = 0; i < loop.index; i++) {
        const sibling = siblings[i] as LoopDef;
        if (starts(sibling, id, first)) return sibling.startsBackward;
      }
    }
  }
  return UNKNOWN;
}

