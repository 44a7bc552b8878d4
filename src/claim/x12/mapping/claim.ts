/**
 * Loop 2300 (the claim: CLM, REF prior authorization and original claim, HI diagnoses) and
 * the claim's provider loops 2310A (referring) and 2310B (rendering).
 */
import type { ClaimDraft } from '../drafts.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';
import { components } from '../values.js';
import { mapHi } from './diagnoses.js';
import type { LoopMappers } from './index.js';
import { provider } from './party.js';
import { readAmount } from './read.js';

function mapClm(s: ReadState, claim: ClaimDraft, el: SegmentView, n: number): void {
  claim.claimId = el.value(1);
  claim.totalCharge = readAmount(s, '2300', 'CLM', n, 'CLM02 (total claim charge)', el.value(2), 'totalCharge');
  const place = el.value(5);
  if (place !== null) {
    // CLM05: place of service, facility code qualifier, frequency
    const parts = components(place, s.component);
    claim.placeOfService = parts[0] || null;
    claim.frequency = parts[2] || null;
    // B is the professional (CMS-1500) facility code qualifier; A is an institutional bill type
    if (parts[1] === 'A') claim.institutional = true;
  }
}

export const CLAIM_LOOPS: LoopMappers = {
  '2300'(s, id, el, n) {
    const claim = s.claim;
    if (claim === null) return;
    switch (id) {
      case 'CLM':
        mapClm(s, claim, el, n);
        return;
      case 'REF': {
        const qualifier = el.value(1);
        if (qualifier === 'G1') {
          claim.priorAuthorization = el.value(2);
          claim.priorAuthAt = n;
        } else if (qualifier === 'F8') {
          claim.originalClaimId = el.value(2);
          claim.originalAt = n;
        }
        return;
      }
      case 'HI':
        mapHi(s, claim, el, n);
        return;
    }
  },
  '2310A'(s, id, el, n) {
    // the referring provider (DN) is preferred over the primary care provider (P3) when both are sent
    if (id === 'NM1' && s.claim !== null && (s.claim.referring === null || el.value(1) === 'DN')) s.claim.referring = provider(el, n);
  },
  '2310B'(s, id, el, n) {
    if (id === 'NM1' && s.claim !== null) s.claim.rendering = provider(el, n);
  },
};
