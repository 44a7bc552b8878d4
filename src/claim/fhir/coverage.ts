/**
 * The insurance side of a claim: which `insurance` entry is in force (the focal one),
 * its Coverage (member id, group, relationship, plan type) and the payer it names.
 */
import { display } from '../display.js';
import type { ClaimContext } from './context.js';
import { allCodes, codeFrom, findIdentifier, firstIdentifier, readList, type IdentifierFound } from './datatypes.js';
import { get, getArray, getString, isObject, jsonKind, type Json } from '../json.js';
import type { Followed } from './references.js';
import {
  ACT_CODE_SYSTEMS,
  MEMBER_ID_TYPES,
  NPI_SYSTEMS,
  PAYER_ID_TYPES,
  PAYMENT_TYPOLOGY_SYSTEMS,
  TAX_ID_SYSTEMS,
  canonicalSystem,
  payerKindOfFilingIndicator,
  payerKindOfName,
  payerKindOfPaymentTypology,
  relationshipOf,
  type PayerKind,
} from './systems.js';

export interface Insurance {
  /** FHIR path of the insurance entry in force, or null when the claim has none */
  at: string | null;
  entry: Json | null;
  coverage: Followed | null;
}

/** The insurance entry in force: the one marked focal, else the lowest sequence, else the first. */
export function readInsurance(ctx: ClaimContext): Insurance {
  const at = `${ctx.root}.insurance`;
  const entries = readList(ctx.resource, 'insurance', { at, field: 'subscriber' }, ctx.log);
  let best = -1;
  for (let i = 0; i < entries.length; i++) {
    if (!isObject(entries[i])) {
      ctx.log.error('fhir-wrong-type', `${at}[${i}]`, `${at}[${i}] is ${jsonKind(entries[i])}, not an insurance entry`);
      continue;
    }
    if (get(entries[i], 'focal') === true) {
      best = i;
      break;
    }
    if (best < 0 || sequenceOf(entries[i]) < sequenceOf(entries[best])) best = i;
  }
  if (best < 0) {
    const what = entries.length === 0 ? 'is missing' : 'has no readable entry';
    ctx.log.error('fhir-missing-element', at, `${at} ${what}; the member id, group number and patient relationship come from the Coverage it names`, 'subscriber.memberId');
    return { at: null, entry: null, coverage: null };
  }
  const entryAt = `${at}[${best}]`;
  const entry = entries[best] as Json;
  const coverage = ctx.resolver.follow(get(entry, 'coverage'), `${entryAt}.coverage`, ctx.scope, ['Coverage'], {
    field: 'subscriber.memberId',
    what: "the member id, group number and the patient's relationship to the subscriber",
  });
  if (!coverage) ctx.log.error('fhir-missing-element', `${entryAt}.coverage`, `${entryAt} names no coverage`, 'subscriber.memberId');
  return { at: entryAt, entry, coverage };
}

function sequenceOf(entry: unknown): number {
  const sequence = get(entry, 'sequence');
  return typeof sequence === 'number' ? sequence : Number.POSITIVE_INFINITY;
}

export interface MemberFacts {
  memberId: IdentifierFound | null;
  groupNumber: IdentifierFound | null;
  relationship: { value: 'self' | 'spouse' | 'child' | 'other'; at: string } | null;
}

export function readMemberFacts(coverage: Json, at: string): MemberFacts {
  const subscriberId = getString(coverage, 'subscriberId');
  const memberId = subscriberId !== null ? { value: subscriberId, at: `${at}.subscriberId` } : findIdentifier(get(coverage, 'identifier'), `${at}.identifier`, new Set(), MEMBER_ID_TYPES);
  let groupNumber: IdentifierFound | null = null;
  const classes = getArray(coverage, 'class');
  for (let i = 0; i < classes.length && groupNumber === null; i++) {
    const value = getString(classes[i], 'value');
    if (value !== null && allCodes(get(classes[i], 'type')).includes('group')) groupNumber = { value, at: `${at}.class[${i}].value` };
  }
  const code = allCodes(get(coverage, 'relationship'))[0];
  const relationship = code === undefined ? null : { value: relationshipOf(code), at: `${at}.relationship` };
  return { memberId, groupNumber, relationship };
}

export interface Payer {
  id: string | null;
  name: string | null;
  kind: PayerKind | null;
  at: { self: string; id: string; name: string; kind: string };
}

/**
 * The payer: the claim's insurer, else the Coverage's first payor. Its id is the
 * Organization's payer identifier (or any identifier that is not an NPI or tax id);
 * its kind comes from Coverage.type, else from a name that says it plainly.
 */
export function readPayer(ctx: ClaimContext, coverage: Followed | null): Payer {
  const need = { field: 'payer', what: "the payer's id and name" };
  const insurer = ctx.resolver.follow(get(ctx.resource, 'insurer'), `${ctx.root}.insurer`, ctx.scope, ['Organization'], need);
  const payors = coverage?.resource ? getArray(coverage.resource, 'payor') : [];
  const payor =
    payors.length > 0 && coverage?.resource
      ? ctx.resolver.follow(payors[0], `${coverage.at}.payor[0]`, coverage.scope, ['Organization', 'Patient', 'RelatedPerson'], need)
      : null;
  // a Patient or RelatedPerson as payor means self-pay: no payer organization to read
  const payorOrganization = payor?.resource && get(payor.resource, 'resourceType') === 'Organization' ? payor : null;
  const source = insurer?.resource ? insurer : (payorOrganization ?? insurer ?? payor);
  const at = source?.at ?? `${ctx.root}.insurer`;
  // a reference that led nowhere is the place to fix; a found or logical one has identifiers of its own
  const idAt = source && !source.resource && source.reference !== null ? at : `${at}.identifier`;
  if (!insurer && !payor) ctx.log.error('fhir-missing-element', `${ctx.root}.insurer`, `${ctx.root}.insurer is missing and no Coverage names a payor; the claim names no payer`, 'payer');

  let id: IdentifierFound | null = null;
  let name: string | null = null;
  let nameAt = source?.resource ? `${at}.name` : idAt;
  for (const candidate of [insurer, payorOrganization, payor]) {
    if (!candidate) continue;
    if (id === null) id = payerIdOf(candidate);
    const own = candidate.resource ? getString(candidate.resource, 'name') : null;
    if (name === null && own !== null) [name, nameAt] = [own, `${candidate.at}.name`];
    else if (name === null && candidate.display !== null) [name, nameAt] = [candidate.display, `${candidate.at}.display`];
  }
  const typed = coverage?.resource ? kindOfCoverageType(coverage.resource, `${coverage.at}.type`) : null;
  const named = typed === null && name !== null ? payerKindOfName(name) : null;
  return {
    id: id?.value ?? null,
    name,
    kind: typed?.kind ?? named,
    at: { self: at, id: id?.at ?? idAt, name: nameAt, kind: typed?.at ?? (named !== null ? nameAt : coverage?.resource ? `${coverage.at}.type` : at) },
  };
}

const NOT_PAYER_IDS = new Set([...NPI_SYSTEMS, ...TAX_ID_SYSTEMS]);

function payerIdOf(followed: Followed): IdentifierFound | null {
  const identifiers = followed.resource ? get(followed.resource, 'identifier') : followed.identifier;
  const at = `${followed.at}.identifier`;
  if (!followed.resource) {
    // a logical reference carries one Identifier, not a list
    const value = getString(identifiers, 'value');
    const system = getString(identifiers, 'system');
    return value !== null && (system === null || !NOT_PAYER_IDS.has(canonicalSystem(system))) ? { value, at: `${at}.value` } : null;
  }
  return findIdentifier(identifiers, at, new Set(), PAYER_ID_TYPES) ?? firstIdentifier(identifiers, at, NOT_PAYER_IDS);
}

/** Coverage.type as a payer kind: Source of Payment Typology, X12 claim filing indicator codes, or v3 ActCode for workers' compensation. */
function kindOfCoverageType(coverage: Json, at: string): { kind: PayerKind; at: string } | null {
  const type = get(coverage, 'type');
  const typology = codeFrom(type, PAYMENT_TYPOLOGY_SYSTEMS, at);
  if (typology) {
    const kind = payerKindOfPaymentTypology(typology.code);
    if (kind) return { kind, at: typology.at };
  }
  const act = codeFrom(type, ACT_CODE_SYSTEMS, at);
  if (act?.code === 'WCBPOL') return { kind: 'workers-comp', at: act.at };
  const codings = getArray(type, 'coding');
  for (let i = 0; i < codings.length; i++) {
    const code = getString(codings[i], 'code');
    const kind = code === null ? null : payerKindOfFilingIndicator(code);
    if (kind) return { kind, at: `${at}.coding[${i}].code` };
  }
  return null;
}

/** Reports a Coverage.subscriberId written as something other than text (a number would lose leading zeros). */
export function checkSubscriberId(ctx: ClaimContext, coverage: Json, at: string): void {
  const value = get(coverage, 'subscriberId');
  if (value !== undefined && value !== null && typeof value !== 'string') {
    ctx.log.error('fhir-wrong-type', `${at}.subscriberId`, `${at}.subscriberId is ${jsonKind(value)} (${display(value)}), not text`, 'subscriber.memberId');
  }
}
