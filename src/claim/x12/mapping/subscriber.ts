/** Loops 2000B (subscriber HL: SBR), 2010BA (subscriber name, member id) and 2010BB (payer name and id). */
import type { LoopMappers } from './index.js';
import { mapPerson } from './party.js';

/** SBR09 claim filing indicator → the contract's payer kind. */
function payerKind(indicator: string | null): string | null {
  switch (indicator) {
    case null:
      return null;
    case 'MA':
    case 'MB':
      return 'medicare';
    case 'MC':
      return 'medicaid';
    case 'CH':
      return 'tricare';
    case 'WC':
      return 'workers-comp';
    case 'ZZ':
      return 'other';
    default:
      return 'commercial';
  }
}

export const SUBSCRIBER_LOOPS: LoopMappers = {
  '2000B'(s, id, el, n) {
    const subscriber = s.subscriber;
    if (id !== 'SBR' || subscriber === null) return;
    subscriber.hasSbr = true;
    subscriber.sbrAt = n;
    subscriber.groupNumber = el.value(3);
    subscriber.payerKind = payerKind(el.value(9));
  },
  '2010BA'(s, id, el, n) {
    const subscriber = s.subscriber;
    if (subscriber === null) return;
    if (id === 'NM1') subscriber.memberId = el.value(9);
    mapPerson(s, subscriber.person, subscriber.at, id, el, n, 'subscriber', '2010BA');
  },
  '2010BB'(s, id, el, n) {
    const subscriber = s.subscriber;
    if (subscriber === null) return;
    if (id === 'NM1') {
      subscriber.payerName = el.value(3);
      subscriber.payerId = el.value(9);
      subscriber.payerAt.nm1 = n;
    } else if (id === 'N3') subscriber.payerAt.n3 = n;
    else if (id === 'N4') subscriber.payerAt.n4 = n;
  },
};
