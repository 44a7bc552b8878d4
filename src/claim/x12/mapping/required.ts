/**
 * Elements the 837P requires in the segments that are read. An empty one is an error when
 * it feeds a claim field (the field is missing), else a warning.
 */
import type { LoopDef } from '../loops.js';
import { problem, segmentLocation, segmentRef } from '../problems.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';

/** [position, name, contract path it feeds or null]; `lines[].x` is the current line's, `person.x` the loop's party's. */
export type RequiredElement = readonly [number, string, string | null];

export const REQUIRED_ELEMENTS: ReadonlyMap<string, readonly RequiredElement[]> = new Map<string, readonly RequiredElement[]>([
  ['NM1', [[1, 'entity identifier code', null], [2, 'entity type qualifier', null]]],
  ['CLM', [[1, 'patient control number', 'claimId'], [2, 'total claim charge', 'totalCharge'], [5, 'place of service, facility code and frequency', 'placeOfService']]],
  ['SV1', [[1, 'procedure', 'lines[].procedureCode'], [2, 'line charge', 'lines[].charge'], [4, 'units', 'lines[].units'], [7, 'diagnosis pointers', 'lines[].diagnosisPointers']]],
  ['SBR', [[1, 'payer responsibility sequence', null], [9, 'claim filing indicator', 'payer.kind']]],
  ['DMG', [[2, 'birth date', 'person.birthDate'], [3, 'sex', 'person.sex']]],
  ['N3', [[1, 'address', 'person.address.line1']]],
  ['N4', [[1, 'city', 'person.address.city']]],
  ['DTP', [[3, 'date', 'lines[].serviceDate']]],
  ['LX', [[1, 'line number', null]]],
]);

/** The contract object a party loop fills. */
function personPath(loopId: string, field: string): string | undefined {
  switch (loopId) {
    case '2010AA':
      return `billingProvider.${field}`;
    case '2010BA':
      return `subscriber.${field}`;
    case '2010CA':
      return `patient.${field}`;
    default:
      return undefined; // a party the claim does not carry (pay-to, other payer, ...)
  }
}

export function checkRequired(s: ReadState, required: readonly RequiredElement[], loop: LoopDef, id: string, el: SegmentView, n: number): void {
  for (const [position, name, field] of required) {
    if (!el.isEmpty(position)) continue;
    if (id === 'DTP' && el.value(1) !== '472') return; // only the service date DTP is read
    const path = field === null ? undefined : field.startsWith('lines[].') ? `lines[${s.line?.index ?? 0}].${field.slice(8)}` : field.startsWith('person.') ? personPath(loop.id, field.slice(7)) : field;
    const what = `${id}${position < 10 ? '0' : ''}${position} (${name}) at ${segmentRef(n)} is empty, but the 837P requires it`;
    s.scope().push(problem(path === undefined ? 'warning' : 'error', 'x12-missing-element', path === undefined ? `${what}.` : `${what}: ${path} is missing.`, segmentLocation(id, loop.id, n), path));
  }
}
