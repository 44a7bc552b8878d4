/**
 * Contract paths → where they sit in the 837: `lines[1].procedureCode` → `SV1 in loop
 * 2400, segment 37`. When the segment that would carry a field is absent, the answer is
 * the start of the loop it belongs in, which is where the biller has to add it.
 */
import type { ClaimFromFile, InputProblem } from '../source.js';
import type { BillingDraft, ClaimDraft, LineDraft, PartyAt, PatientDraft, SubscriberDraft } from './drafts.js';
import { segmentLocation } from './problems.js';
import type { Claim } from '../../contract/claim.js';

export interface LocateContext {
  bhtAt: number;
  billing: BillingDraft;
  subscriber: SubscriberDraft;
  patient: PatientDraft | null;
  claim: ClaimDraft;
}

type Place = [segmentId: string, loopId: string, segmentNumber: number];

/** The first place whose segment is present. */
function first(...places: Place[]): Place | undefined {
  return places.find((p) => p[2] > 0);
}

function personPlace(at: PartyAt, nameLoop: string, hlLoop: string, hlAt: number, field: string | undefined, sub: string | undefined): Place | undefined {
  const name: Place = ['NM1', nameLoop, at.nm1];
  const hl: Place = ['HL', hlLoop, hlAt];
  switch (field) {
    case 'birthDate':
    case 'sex':
      return first(['DMG', nameLoop, at.dmg], name, hl);
    case 'address':
      return sub === 'line1' || sub === 'line2' || sub === undefined ? first(['N3', nameLoop, at.n3], name, hl) : first(['N4', nameLoop, at.n4], name, hl);
    default:
      return first(name, hl);
  }
}

function linePlace(l: LineDraft, field: string | undefined): Place | undefined {
  const lx: Place = ['LX', '2400', l.lxAt];
  switch (field) {
    case undefined:
      return lx;
    case 'serviceDate':
    case 'serviceDateEnd':
      return first(['DTP', '2400', l.dtpAt], lx);
    case 'renderingProviderNpi':
      return first(['NM1', '2420A', l.renderingAt], lx);
    case 'ndc':
      return first(['LIN', '2410', l.linAt], ['SV1', '2400', l.sv1At], lx);
    default:
      return first(['SV1', '2400', l.sv1At], lx);
  }
}

function place(c: LocateContext, steps: Array<string | number>): Place | undefined {
  const [head, second, third] = steps;
  const clm: Place = ['CLM', '2300', c.claim.clmAt];
  switch (head) {
    case 'claimId':
    case 'type':
    case 'frequency':
    case 'placeOfService':
    case 'totalCharge':
      return clm;
    case 'originalClaimId':
      return first(['REF', '2300', c.claim.originalAt], clm);
    case 'priorAuthorization':
      return first(['REF', '2300', c.claim.priorAuthAt], clm);
    case 'submissionDate':
      return first(['BHT', 'header', c.bhtAt]);
    case 'diagnoses':
    case 'diagnosisCodeSet': {
      const at = typeof second === 'number' ? c.claim.diagnosisAt[second] : c.claim.diagnosisAt[0];
      return first(['HI', '2300', at ?? 0], clm);
    }
    case 'payer':
      return second === 'kind' ? first(['SBR', '2000B', c.subscriber.sbrAt], ['HL', '2000B', c.subscriber.hlAt]) : first(['NM1', '2010BB', c.subscriber.payerAt.nm1], ['HL', '2000B', c.subscriber.hlAt]);
    case 'subscriber':
      if (second === 'groupNumber') return first(['SBR', '2000B', c.subscriber.sbrAt], ['HL', '2000B', c.subscriber.hlAt]);
      return personPlace(c.subscriber.at, '2010BA', '2000B', c.subscriber.hlAt, second as string | undefined, third as string | undefined);
    case 'patient':
      if (c.patient === null) {
        if (second === undefined || second === 'relationship') return first(['SBR', '2000B', c.subscriber.sbrAt], ['HL', '2000B', c.subscriber.hlAt]);
        return personPlace(c.subscriber.at, '2010BA', '2000B', c.subscriber.hlAt, second as string, third as string | undefined);
      }
      if (second === undefined || second === 'relationship') return first(['PAT', '2000C', c.patient.patAt], ['HL', '2000C', c.patient.hlAt]);
      return personPlace(c.patient.at, '2010CA', '2000C', c.patient.hlAt, second as string, third as string | undefined);
    case 'billingProvider': {
      const b = c.billing;
      const name: Place = ['NM1', '2010AA', b.at.nm1];
      const hl: Place = ['HL', '2000A', b.hlAt];
      if (second === 'taxonomy') return first(['PRV', '2000A', b.prvAt], hl);
      if (second === 'taxId') return first(['REF', '2010AA', b.at.ref], name, hl);
      if (second === 'address') return third === 'line1' || third === 'line2' || third === undefined ? first(['N3', '2010AA', b.at.n3], name, hl) : first(['N4', '2010AA', b.at.n4], name, hl);
      return first(name, hl);
    }
    case 'renderingProvider':
      return first(['NM1', '2310B', c.claim.rendering?.at ?? 0], clm);
    case 'referringProvider':
      return first(['NM1', '2310A', c.claim.referring?.at ?? 0], clm);
    case 'lines': {
      if (typeof second !== 'number') return first(['LX', '2400', c.claim.lines[0]?.lxAt ?? 0], clm);
      const l = c.claim.lines[second];
      return l === undefined ? undefined : linePlace(l, third as string | undefined);
    }
    default:
      return undefined;
  }
}

/** Splits `lines[1].modifiers[0]` into `['lines', 1, 'modifiers', 0]`; null for anything else. */
export function pathSteps(path: string): Array<string | number> | null {
  const steps: Array<string | number> = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|(\.)/y;
  let expectName = true;
  while (pattern.lastIndex < path.length) {
    const m = pattern.exec(path);
    if (m === null) return null;
    if (m[1] !== undefined) {
      if (!expectName) return null;
      steps.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName) return null;
      steps.push(Number(m[2]));
    } else {
      if (expectName) return null;
      expectName = true;
    }
  }
  return steps.length === 0 || expectName ? null : steps;
}

export function locateIn(c: LocateContext, path: string): string | undefined {
  const steps = pathSteps(path.startsWith('$.') ? path.slice(2) : path);
  if (steps === null) return undefined;
  // `modifiers[0]` and `diagnosisPointers[1]` sit where their list does
  const found = place(c, steps.length > 3 ? steps.slice(0, 3) : steps);
  return found === undefined ? undefined : segmentLocation(found[0], found[1], found[2]);
}

/** A claim read from an 837 that can say where each of its fields came from. */
export class X12Claim implements ClaimFromFile {
  readonly format = 'x12' as const;
  // private (#) so that serialising the record never walks into the reader's drafts
  readonly #where: LocateContext;

  constructor(
    readonly file: string,
    readonly index: number,
    readonly claim: Claim,
    readonly problems: InputProblem[],
    where: LocateContext,
  ) {
    this.#where = where;
  }

  locate(path: string): string | undefined {
    return locateIn(this.#where, path);
  }
}
