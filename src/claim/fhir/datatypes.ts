/**
 * FHIR data types (date, Money, Quantity, CodeableConcept, Identifier, HumanName,
 * Address) read into plain values. A value of the wrong shape is logged as a problem at
 * its FHIR path and read as null; nothing here throws.
 */
import { display } from '../display.js';
import { get, getArray, getString, isObject, jsonKind, nonBlank, type Json } from '../json.js';
import type { ProblemLog } from './problems.js';
import { canonicalSystem } from './systems.js';

/** Where a value sits in the input and which contract field it feeds. */
export interface Site {
  /** FHIR path, e.g. `Claim.item[0].servicedDate` */
  at: string;
  /** contract path, e.g. `lines[0].serviceDate` */
  field?: string;
}

const FHIR_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T/;

/**
 * A FHIR date or dateTime as the contract's `YYYY-MM-DD`. A dateTime keeps the calendar
 * date it was written with (its own zone), so `2020-08-24T00:00:00-04:00` stays the 24th.
 * A partial date (`2020-08`) or any other text is passed on as written for the rules to
 * judge; only a value that is not text at all is a reader problem.
 */
export function readDate(value: unknown, site: Site, log: ProblemLog): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    log.error('fhir-wrong-type', site.at, `${site.at} is ${jsonKind(value)} (${display(value)}), not a FHIR date`, site.field);
    return null;
  }
  const text = value.trim();
  if (text === '') return null;
  const dateTime = FHIR_DATE_TIME.exec(text);
  return dateTime ? (dateTime[1] as string) : text;
}

/**
 * A FHIR decimal. FHIR JSON writes decimals as JSON numbers; a number written as text is
 * read, with a warning, because a biller would rather see the claim checked.
 */
export function readDecimal(value: unknown, site: Site, log: ProblemLog): number | null {
  if (value === undefined || value === null) return null;
  // adding 0 turns a -0 (which JSON can carry) into 0, as the claim will be written out
  if (typeof value === 'number' && Number.isFinite(value)) return value + 0;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    log.warning('fhir-wrong-type', site.at, `${site.at} is the text "${value.trim()}"; FHIR writes numbers without quotes. Read as ${Number(value)}.`, site.field);
    return Number(value) + 0;
  }
  log.error('fhir-wrong-type', site.at, `${site.at} is ${jsonKind(value)} (${display(value)}), not a number`, site.field);
  return null;
}

/** Money.value (or Quantity.value) of an element; a non-object is logged. */
export function readValueOf(element: unknown, site: Site, log: ProblemLog): number | null {
  if (element === undefined || element === null) return null;
  if (!isObject(element)) {
    log.error('fhir-wrong-type', site.at, `${site.at} is ${jsonKind(element)} (${display(element)}), not an object with a value`, site.field);
    return null;
  }
  return readDecimal(get(element, 'value'), { at: `${site.at}.value`, field: site.field }, log);
}

export const roundCents = (n: number): number => Math.round(n * 100) / 100 + 0;

/** A list element that must be an array: a value of another type is logged and read as empty. */
export function readList(source: unknown, key: string, site: Site, log: ProblemLog): unknown[] {
  const value = get(source, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    log.error('fhir-wrong-type', site.at, `${site.at} is ${jsonKind(value)}, not a list`, site.field);
    return [];
  }
  return value;
}

export interface CodingFound {
  code: string;
  /** the coding's system as written, or null */
  system: string | null;
  /** FHIR path of the coding's code */
  at: string;
}

interface CodingEntry {
  system: string | null;
  canonical: string | null;
  code: string | null;
  at: string;
}

function codingsOf(concept: Json, at: string): CodingEntry[] {
  return getArray(concept, 'coding').map((coding, i) => {
    const system = getString(coding, 'system');
    return { system, canonical: system === null ? null : canonicalSystem(system), code: getString(coding, 'code'), at: `${at}.coding[${i}].code` };
  });
}

/** Every code of a CodeableConcept, lower case, whatever its system: for role and category codes. */
export function allCodes(concept: unknown): string[] {
  if (!isObject(concept)) return [];
  return codingsOf(concept, '')
    .map((c) => c.code?.toLowerCase() ?? null)
    .filter((c): c is string => c !== null);
}

/** The first code of a CodeableConcept from any of the given systems, with no problem logged. */
export function codeFrom(concept: unknown, systems: ReadonlySet<string>, at = ''): CodingFound | null {
  if (!isObject(concept)) return null;
  const hit = codingsOf(concept, at).find((c) => c.code !== null && c.canonical !== null && systems.has(c.canonical));
  return hit ? { code: hit.code as string, system: hit.system, at: hit.at } : null;
}

/** Every code of a CodeableConcept, whatever its system (for lists of codes whose systems vary). */
export function anyCode(concept: unknown): string | null {
  if (!isObject(concept)) return null;
  return codingsOf(concept, '').find((c) => c.code !== null)?.code ?? null;
}

/**
 * The code a contract field needs from a CodeableConcept: the first coding in one of
 * `systems`; failing that a coding with no system (read, with a warning); a coding from
 * another system or a concept with only text is an error and reads as null.
 * `what` names the kind of code in messages ("a CPT or HCPCS code").
 */
export function readCode(concept: unknown, site: Site, systems: ReadonlySet<string>, what: string, log: ProblemLog): CodingFound | null {
  if (concept === undefined || concept === null) return null;
  if (!isObject(concept)) {
    log.error('fhir-wrong-type', site.at, `${site.at} is ${jsonKind(concept)} (${display(concept)}), not a CodeableConcept`, site.field);
    return null;
  }
  const codings = codingsOf(concept, site.at);
  const known = codings.find((c) => c.code !== null && c.canonical !== null && systems.has(c.canonical));
  if (known) return { code: known.code as string, system: known.system, at: known.at };
  const bare = codings.find((c) => c.code !== null && c.system === null);
  if (bare) {
    log.warning('fhir-code-system', bare.at, `${bare.at} (${bare.code}) has no code system; read as ${what}`, site.field);
    return { code: bare.code as string, system: null, at: bare.at };
  }
  const foreign = codings.find((c) => c.code !== null);
  if (foreign) {
    log.error('fhir-code-system', foreign.at, `${foreign.at} is ${foreign.code} from ${foreign.system}, not ${what}`, site.field);
    return null;
  }
  const text = getString(concept, 'text');
  const why = text === null ? 'has no coding' : `has only the text "${text}" and no coding`;
  log.error('fhir-missing-element', site.at, `${site.at} ${why}; ${what} is needed`, site.field);
  return null;
}

export interface IdentifierFound {
  value: string;
  at: string;
}

function typeCodes(identifier: unknown): string[] {
  const type = get(identifier, 'type');
  return getArray(type, 'coding')
    .map((c) => getString(c, 'code'))
    .filter((c): c is string => c !== null)
    .map((c) => c.toUpperCase());
}

/** The first identifier with a value whose system is one of `systems`, or whose type code is one of `types`. */
export function findIdentifier(identifiers: unknown, at: string, systems: ReadonlySet<string>, types: ReadonlySet<string> = new Set()): IdentifierFound | null {
  const list = Array.isArray(identifiers) ? identifiers : isObject(identifiers) ? [identifiers] : [];
  const where = (i: number): string => (Array.isArray(identifiers) ? `${at}[${i}].value` : `${at}.value`);
  for (let i = 0; i < list.length; i++) {
    const identifier = list[i];
    const value = getString(identifier, 'value');
    if (value === null) continue;
    const system = getString(identifier, 'system');
    if (system !== null && systems.has(canonicalSystem(system))) return { value, at: where(i) };
    if (typeCodes(identifier).some((code) => types.has(code))) return { value, at: where(i) };
  }
  return null;
}

/** The first identifier with a value that is none of the `excluded` systems (an NPI is not a payer id). */
export function firstIdentifier(identifiers: unknown, at: string, excluded: ReadonlySet<string> = new Set()): IdentifierFound | null {
  const list = Array.isArray(identifiers) ? identifiers : [];
  for (let i = 0; i < list.length; i++) {
    const value = getString(list[i], 'value');
    const system = getString(list[i], 'system');
    if (value !== null && (system === null || !excluded.has(canonicalSystem(system)))) return { value, at: `${at}[${i}].value` };
  }
  return null;
}

export interface NameFound {
  firstName: string | null;
  lastName: string | null;
  /** given names then family, for a provider's single name field */
  fullName: string | null;
  at: string;
}

/** A HumanName: the official (or usual) one when several are given, else the first. */
export function readHumanName(names: unknown, at: string): NameFound | null {
  const list = Array.isArray(names) ? names : [];
  const ranked = [...list.keys()].filter((i) => isObject(list[i]) && get(list[i], 'use') !== 'old');
  const best = ranked.find((i) => get(list[i], 'use') === 'official') ?? ranked.find((i) => get(list[i], 'use') === 'usual') ?? ranked[0];
  if (best === undefined) return null;
  const name = list[best];
  const given = getArray(name, 'given').map(nonBlank).filter((g): g is string => g !== null);
  const family = getString(name, 'family');
  const text = getString(name, 'text');
  const full = [...given, family].filter((p) => p !== null).join(' ');
  return { firstName: given[0] ?? null, lastName: family, fullName: full === '' ? text : full, at: `${at}[${best}]` };
}

export interface AddressFound {
  line1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  at: string;
}

/** An Address: the first one in use for `preferredUse` (home, work, billing), else the first not marked old. */
export function readAddress(addresses: unknown, at: string, preferredUse: string): AddressFound | null {
  const list = Array.isArray(addresses) ? addresses : [];
  const current = [...list.keys()].filter((i) => isObject(list[i]) && get(list[i], 'use') !== 'old');
  const best = current.find((i) => get(list[i], 'use') === preferredUse) ?? current[0];
  if (best === undefined) return null;
  const address = list[best];
  const line1 = getArray(address, 'line').map(nonBlank).find((l) => l !== null) ?? null;
  return {
    line1,
    city: getString(address, 'city'),
    state: getString(address, 'state'),
    zip: getString(address, 'postalCode'),
    at: `${at}[${best}]`,
  };
}
