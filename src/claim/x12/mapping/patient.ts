/** Loops 2000C (patient HL: PAT, the relationship to the subscriber) and 2010CA (patient name and demographics). */
import { problem, segmentLocation, segmentRef } from '../problems.js';
import type { LoopMappers } from './index.js';
import { mapPerson } from './party.js';

/** PAT01 individual relationship code → the contract's relationship. */
function relationship(code: string): string {
  switch (code) {
    case '01':
      return 'spouse';
    case '19':
    // 004010 child codes: adopted, foster, step-, and a child the insured is not responsible for
    case '09':
    case '10':
    case '17':
    case '43':
      return 'child';
    default:
      return 'other';
  }
}

export const PATIENT_LOOPS: LoopMappers = {
  '2000C'(s, id, el, n) {
    const patient = s.patient;
    if (id !== 'PAT' || patient === null) return;
    patient.patAt = n;
    const code = el.value(1);
    if (code === null) {
      patient.relationship = 'other';
      patient.problems.push(problem('error', 'x12-bad-value', `PAT01 (the patient's relationship to the subscriber) at ${segmentRef(n)} is empty; it was read as "other".`, segmentLocation('PAT', '2000C', n), 'patient.relationship'));
      return;
    }
    patient.relationship = relationship(code);
  },
  '2010CA'(s, id, el, n) {
    if (s.patient !== null) mapPerson(s, s.patient.person, s.patient.at, id, el, n, 'patient', '2010CA');
  },
};
