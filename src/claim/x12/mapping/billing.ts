/** Loops 2000A (billing provider HL: taxonomy in PRV*BI) and 2010AA (billing provider name, NPI, tax id, address). */
import type { LoopMappers } from './index.js';
import { mapAddress } from './party.js';

export const BILLING_LOOPS: LoopMappers = {
  '2000A'(s, id, el, n) {
    if (id === 'PRV' && s.billing !== null && el.value(1) === 'BI') {
      s.billing.taxonomy = el.value(3);
      s.billing.prvAt = n;
    }
  },
  '2010AA'(s, id, el, n) {
    const billing = s.billing;
    if (billing === null) return;
    switch (id) {
      case 'NM1': {
        billing.at.nm1 = n;
        const last = el.value(3);
        const first = el.value(4);
        billing.name = el.value(2) === '1' && first !== null ? `${first} ${last ?? ''}`.trim() : last;
        const idQualifier = el.value(8);
        if (idQualifier === 'XX') billing.npi = el.value(9);
        // 4010 files could carry the EIN (24) or SSN (34) here instead of in REF
        else if (idQualifier === '24' || idQualifier === '34') billing.taxId = el.value(9);
        return;
      }
      case 'REF': {
        const qualifier = el.value(1);
        if (qualifier === 'EI' || qualifier === 'SY') {
          billing.taxId = el.value(2);
          billing.at.ref = n;
        }
        return;
      }
      default:
        mapAddress(billing.address, billing.at, id, el, n);
    }
  },
};
