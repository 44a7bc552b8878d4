/**
 * What the party loops share: NM1 names, N3/N4 addresses and DMG demographics of a person
 * (subscriber, patient), and the NM1 of a provider (rendering, referring).
 */
import type { AddressDraft, PartyAt, PersonDraft, ProviderDraft } from '../drafts.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';
import { badValue, readDate } from './read.js';

export function mapAddress(address: AddressDraft, at: PartyAt, id: string, el: SegmentView, n: number): void {
  if (id === 'N3') {
    address.line1 = el.value(1);
    address.line2 = el.value(2);
    at.n3 = n;
  } else if (id === 'N4') {
    address.city = el.value(1);
    address.state = el.value(2);
    address.zip = el.value(3);
    at.n4 = n;
  }
}

/** A person's name loop (2010BA, 2010CA); `path` is the contract object it fills. */
export function mapPerson(s: ReadState, person: PersonDraft, at: PartyAt, id: string, el: SegmentView, n: number, path: 'subscriber' | 'patient', loopId: string): void {
  switch (id) {
    case 'NM1':
      person.lastName = el.value(3);
      person.firstName = el.value(4);
      at.nm1 = n;
      return;
    case 'DMG': {
      at.dmg = n;
      const format = el.value(1);
      if (format !== null && format !== 'D8') badValue(s, loopId, id, n, 'DMG01 (date format)', format, 'D8', `${path}.birthDate`);
      else person.birthDate = readDate(s, loopId, id, n, 'DMG02 (birth date)', el.value(2), `${path}.birthDate`);
      person.sex = el.value(3);
      return;
    }
    default:
      mapAddress(person.address, at, id, el, n);
  }
}

/** NM1 of a provider loop: the NPI when NM108 says XX. */
export function provider(el: SegmentView, n: number): ProviderDraft {
  return { npi: el.value(8) === 'XX' ? el.value(9) : null, firstName: el.value(4), lastName: el.value(3), at: n };
}
