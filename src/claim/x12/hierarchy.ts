/**
 * The 837P HL hierarchy: billing provider (2000A, HL03 = 20) → subscriber (2000B, 22) →
 * patient (2000C, 23). An HL opens a new level under the one it stands under; HL02 (the
 * parent id) is checked against that, and a level's required loops (2010AA, 2010BA,
 * 2010BB, 2010CA) are checked once the level has been read up to its first child.
 */
import type { InputProblem } from '../source.js';
import { BillingDraft, PatientDraft, SubscriberDraft } from './drafts.js';
import type { Transaction } from './envelopes.js';
import { BILLING_PROVIDER, PATIENT, SUBSCRIBER, type LoopDef } from './loops.js';
import { problem, segmentLocation, segmentRef } from './problems.js';
import type { SegmentView } from './segments.js';
import type { ReadState } from './state.js';
import { quote } from './values.js';

function childBit(parent: LoopDef, id: string): number {
  const child = parent.children.find((c) => c.id === id);
  if (child === undefined) throw new Error(`loop ${id} is not a child of ${parent.id}`);
  return child.bit;
}
const BIT_2010AA = childBit(BILLING_PROVIDER, '2010AA');
const BIT_2010BA = childBit(SUBSCRIBER, '2010BA');
const BIT_2010BB = childBit(SUBSCRIBER, '2010BB');
const BIT_2010CA = childBit(PATIENT, '2010CA');

/**
 * Opens the level an HL starts and returns the loop tree its segments are read in, or
 * null for a level code an 837P does not have (its segments are not read).
 */
export function openLevel(s: ReadState, el: SegmentView, n: number): LoopDef | null {
  const hlId = el.value(1) ?? '';
  const parentId = el.value(2);
  const levelCode = el.value(3);
  switch (levelCode) {
    case '20':
      s.billing = new BillingDraft(hlId, n);
      s.subscriber = null;
      s.patient = null;
      s.level = 'billing';
      return BILLING_PROVIDER;
    case '22': {
      let billing = s.billing;
      const subscriber = new SubscriberDraft(hlId, n);
      if (billing === null) {
        billing = s.billing = new BillingDraft('', 0);
        billing.checked = true;
        subscriber.problems.push(problem('error', 'x12-missing-loop', `Subscriber HL ${quote(hlId)} at ${segmentRef(n)} has no billing provider HL (HL03 = 20) before it: loop 2000A is missing, so its claims have no billing provider.`, segmentLocation('HL', '2000B', n)));
      } else {
        checkBillingProvider(billing);
        const misplaced = parentMismatch(hlId, parentId, n, billing, 'billing provider', "that provider's subscriber", '2000B');
        if (misplaced !== null) subscriber.problems.push(misplaced);
      }
      s.subscriber = subscriber;
      s.patient = null;
      s.level = 'subscriber';
      return SUBSCRIBER;
    }
    case '23': {
      let subscriber = s.subscriber;
      const patient = new PatientDraft(hlId, n);
      if (subscriber === null) {
        subscriber = s.subscriber = new SubscriberDraft('', 0);
        subscriber.checked = true;
        if (s.billing === null) s.billing = new BillingDraft('', 0);
        patient.problems.push(problem('error', 'x12-missing-loop', `Patient HL ${quote(hlId)} at ${segmentRef(n)} has no subscriber HL (HL03 = 22) before it: loop 2000B is missing, so its claims have no subscriber or payer.`, segmentLocation('HL', '2000C', n)));
      } else {
        checkSubscriber(subscriber);
        const misplaced = parentMismatch(hlId, parentId, n, subscriber, 'subscriber', "that subscriber's patient", '2000C');
        if (misplaced !== null) patient.problems.push(misplaced);
      }
      s.patient = patient;
      s.level = 'patient';
      return PATIENT;
    }
    default:
      s.level = 'unknown';
      (s.tx as Transaction).problems.push(
        problem('error', 'x12-hierarchy', `HL ${quote(hlId)} at ${segmentRef(n)} has level code ${levelCode === null ? '(none)' : quote(levelCode)} in HL03; an 837P has 20 (billing provider), 22 (subscriber) and 23 (patient), so the segments up to the next HL were not read.`, segmentLocation('HL', null, n)),
      );
      return null;
  }
}

/** Before the first claim or subscriber under a billing provider: its name loop and address must be there. */
function checkBillingProvider(billing: BillingDraft): void {
  if (billing.checked) return;
  billing.checked = true;
  if ((billing.seen & BIT_2010AA) === 0) {
    billing.problems.push(problem('error', 'x12-missing-loop', `Billing provider HL ${quote(billing.hlId)} (${segmentRef(billing.hlAt)}) has no loop 2010AA (NM1*85, billing provider name): its claims have no billing provider NPI, name or address.`, segmentLocation('HL', '2000A', billing.hlAt), 'billingProvider'));
    return;
  }
  const at = billing.at;
  if (at.n3 === 0) billing.problems.push(problem('error', 'x12-missing-segment', `Loop 2010AA (billing provider name, NM1*85 at ${segmentRef(at.nm1)}) has no N3 segment: the billing provider's street address is missing.`, segmentLocation('NM1', '2010AA', at.nm1), 'billingProvider.address.line1'));
  if (at.n4 === 0) billing.problems.push(problem('error', 'x12-missing-segment', `Loop 2010AA (billing provider name, NM1*85 at ${segmentRef(at.nm1)}) has no N4 segment: the billing provider's city, state and ZIP code are missing.`, segmentLocation('NM1', '2010AA', at.nm1), 'billingProvider.address'));
}

/** Before the first claim or patient under a subscriber: SBR, the subscriber name and the payer must be there. */
export function checkSubscriber(subscriber: SubscriberDraft): void {
  if (subscriber.checked) return;
  subscriber.checked = true;
  if (subscriber.hasSbr && (subscriber.seen & BIT_2010BA) !== 0 && (subscriber.seen & BIT_2010BB) !== 0) return;
  const location = segmentLocation('HL', '2000B', subscriber.hlAt);
  const where = `Subscriber HL ${quote(subscriber.hlId)} (${segmentRef(subscriber.hlAt)})`;
  if (!subscriber.hasSbr) subscriber.problems.push(problem('error', 'x12-missing-segment', `${where} has no SBR segment: the payer kind (SBR09) and group number (SBR03) are unknown.`, location, 'payer.kind'));
  if ((subscriber.seen & BIT_2010BA) === 0) subscriber.problems.push(problem('error', 'x12-missing-loop', `${where} has no loop 2010BA (NM1*IL, subscriber name): the subscriber's name and member id are missing.`, location, 'subscriber'));
  if ((subscriber.seen & BIT_2010BB) === 0) subscriber.problems.push(problem('error', 'x12-missing-loop', `${where} has no loop 2010BB (NM1*PR, payer name): the payer is missing.`, location, 'payer'));
}

/** Before the first claim of a patient: the patient name loop must be there. */
export function checkPatient(patient: PatientDraft): void {
  if ((patient.seen & BIT_2010CA) === 0) {
    patient.seen |= BIT_2010CA;
    patient.problems.push(problem('error', 'x12-missing-loop', `Patient HL ${quote(patient.hlId)} (${segmentRef(patient.hlAt)}) has no loop 2010CA (NM1*QC, patient name): the patient's name, birth date and sex are missing.`, segmentLocation('HL', '2000C', patient.hlAt), 'patient'));
  }
}

/**
 * The warning for an HL whose HL02 names another parent than the HL it stands under (it
 * is read under the one it stands under), or null when they agree.
 */
function parentMismatch(hlId: string, parentId: string | null, n: number, parent: { hlId: string; hlAt: number }, parentKind: string, readAs: string, loopId: string): InputProblem | null {
  if (parentId === parent.hlId) return null;
  return problem('warning', 'x12-hierarchy', `HL ${quote(hlId)} at ${segmentRef(n)} names parent ${parentId === null ? '(none)' : quote(parentId)} in HL02, but stands under ${parentKind} HL ${quote(parent.hlId)} (segment ${parent.hlAt}); it was read as ${readAs}.`, segmentLocation('HL', loopId, n));
}
