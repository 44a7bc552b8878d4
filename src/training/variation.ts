/**
 * What makes one practice claim look unlike the last: a made-up patient, another visit
 * date, another office-visit level. None of it is anyone's data; the names are invented and
 * the rest is the rules folder's own base claim.
 */
import { pick, type Random } from './random.js';

const FEMALE = ['Rosa', 'Mei', 'Grace', 'Nadia', 'Elena', 'Ruth', 'Ivy', 'June'];
const MALE = ['Omar', 'Hugo', 'Ben', 'Tomas', 'Ray', 'Felix', 'Sam', 'Otto'];
const LAST = ['Alder', 'Brook', 'Calder', 'Dune', 'Fenn', 'Marsh', 'Quill', 'Reed', 'Sable', 'Thorn'];
/** established-patient office visits: the base line's code family, so the claim stays one a clinic sends */
const OFFICE_VISITS = ['99212', '99213', '99214', '99215'];

export interface Variation {
  firstName: { F: string; M: string };
  lastName: string;
  birthYear: number;
  /** day of February 2026 the base line's service falls on */
  serviceDay: number;
  procedureCode: string;
}

export function drawVariation(random: Random): Variation {
  return {
    firstName: { F: pick(random, FEMALE), M: pick(random, MALE) },
    lastName: pick(random, LAST),
    birthYear: 1944 + Math.floor(random() * 14),
    serviceDay: 3 + Math.floor(random() * 18),
    procedureCode: pick(random, OFFICE_VISITS),
  };
}

type Json = Record<string, unknown>;

/** The base claim with the variation's visit date, code and birth year: laid under the defects. */
export function variedBase(base: Json, variation: Variation): Json {
  const copy = structuredClone(base);
  const subscriber = copy.subscriber as Json | undefined;
  if (subscriber && typeof subscriber.birthDate === 'string') subscriber.birthDate = `${variation.birthYear}${subscriber.birthDate.slice(4)}`;
  const lines = copy.lines as Json[] | undefined;
  const first = lines?.[0];
  if (first) {
    first.serviceDate = `2026-02-${String(variation.serviceDay).padStart(2, '0')}`;
    first.procedureCode = variation.procedureCode;
  }
  return copy;
}

/** Puts the made-up name on the finished claim, unless the defect is in the name itself. */
export function withName(claim: Json, variation: Variation, defect: Json): Json {
  const subscriber = claim.subscriber as Json | undefined | null;
  const planted = (defect.subscriber ?? {}) as Json;
  if (!subscriber || typeof subscriber !== 'object') return claim;
  if (!('firstName' in planted)) subscriber.firstName = subscriber.sex === 'M' ? variation.firstName.M : variation.firstName.F;
  if (!('lastName' in planted)) subscriber.lastName = variation.lastName;
  return claim;
}
