/**
 * The subscriber and the patient. The Coverage says who the subscriber is and how the
 * patient relates to them; `Claim.patient` is the patient. When the patient is the
 * subscriber the contract's patient is `{ "relationship": "self" }`.
 */
import { display } from '../display.js';
import type { ClaimContext } from './context.js';
import { findIdentifier, readAddress, readDate, readHumanName } from './datatypes.js';
import { get, jsonKind, type Json } from '../json.js';
import { checkSubscriberId, readMemberFacts, type Insurance } from './coverage.js';
import type { Followed } from './references.js';
import { MEMBER_ID_TYPES, sexOf } from './systems.js';
import type { Claim } from '../../contract/claim.js';

type Address = { line1: string | null; city: string | null; state: string | null; zip: string | null };

interface Person {
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  sex: string | null;
  address: Address | null;
}

const NOBODY: Person = { firstName: null, lastName: null, birthDate: null, sex: null, address: null };

/** Name, birth date, sex and address of a Patient or RelatedPerson, recording where each came from under `field`. */
function readPerson(ctx: ClaimContext, followed: Followed | null, field: string): Person {
  if (!followed?.resource) {
    ctx.trail.record(field, followed?.at ?? `${ctx.root}.patient`);
    return NOBODY;
  }
  const { resource, at } = followed;
  ctx.trail.record(field, at);
  const name = readHumanName(get(resource, 'name'), `${at}.name`);
  ctx.trail.record(`${field}.firstName`, name?.at ?? `${at}.name`);
  ctx.trail.record(`${field}.lastName`, name?.at ?? `${at}.name`);
  const birthDate = readDate(get(resource, 'birthDate'), { at: `${at}.birthDate`, field: `${field}.birthDate` }, ctx.log);
  ctx.trail.record(`${field}.birthDate`, `${at}.birthDate`);
  ctx.trail.record(`${field}.sex`, `${at}.gender`);
  const address = readAddress(get(resource, 'address'), `${at}.address`, 'home');
  ctx.trail.recordAddress(`${field}.address`, address?.at ?? `${at}.address`, address !== null);
  return {
    firstName: name?.firstName ?? null,
    lastName: name?.lastName ?? null,
    birthDate,
    sex: readSex(ctx, get(resource, 'gender'), `${at}.gender`, `${field}.sex`),
    address: address ? { line1: address.line1, city: address.city, state: address.state, zip: address.zip } : null,
  };
}

function readSex(ctx: ClaimContext, gender: unknown, at: string, field: string): string | null {
  if (gender === undefined || gender === null) return null;
  const sex = typeof gender === 'string' ? sexOf(gender.trim()) : null;
  if (sex !== null) return sex;
  if (typeof gender === 'string' && /^[FMU]$/i.test(gender.trim())) {
    ctx.log.warning('fhir-wrong-type', at, `${at} is "${gender}"; FHIR writes male, female, other or unknown. Read as ${gender.trim().toUpperCase()}.`, field);
    return gender.trim().toUpperCase();
  }
  ctx.log.error('fhir-wrong-type', at, `${at} is ${typeof gender === 'string' ? `"${display(gender)}"` : jsonKind(gender)}, not male, female, other or unknown`, field);
  return null;
}

export interface People {
  subscriber: NonNullable<Claim['subscriber']>;
  patient: NonNullable<Claim['patient']>;
}

export function readPeople(ctx: ClaimContext, insurance: Insurance): People {
  const patientAt = `${ctx.root}.patient`;
  const patient = ctx.resolver.follow(get(ctx.resource, 'patient'), patientAt, ctx.scope, ['Patient'], {
    field: 'subscriber',
    what: "the patient's name, birth date, sex and address",
  });
  if (!patient) ctx.log.error('fhir-missing-element', patientAt, `${patientAt} is missing; the claim names no patient`, 'subscriber');

  const coverage = insurance.coverage?.resource ? insurance.coverage : null;
  if (!coverage) return patientAsSubscriber(ctx, patient, null, insurance.coverage?.at ?? insurance.at ?? `${ctx.root}.insurance`);

  const facts = readMemberFacts(coverage.resource as Json, coverage.at);
  checkSubscriberId(ctx, coverage.resource as Json, coverage.at);
  const member = { memberId: facts.memberId?.value ?? null, groupNumber: facts.groupNumber?.value ?? null };
  ctx.trail.record('subscriber.memberId', facts.memberId?.at ?? `${coverage.at}.subscriberId`);
  ctx.trail.record('subscriber.groupNumber', facts.groupNumber?.at ?? `${coverage.at}.class`);

  const subscriberRef = get(coverage.resource, 'subscriber');
  const subscriber = ctx.resolver.follow(subscriberRef, `${coverage.at}.subscriber`, coverage.scope, ['Patient', 'RelatedPerson'], {
    field: 'subscriber',
    what: "the subscriber's name, birth date, sex and address",
  });
  const samePerson = subscriber?.resource != null && subscriber.resource === patient?.resource;
  let relationship = facts.relationship;
  if (relationship === null) {
    // the relationship is required on a Coverage; without it the references decide
    const assumed = subscriber === null || samePerson ? 'self' : 'other';
    ctx.log.warning('fhir-value-assumed', `${coverage.at}.relationship`, `${coverage.at}.relationship is missing; read as ${assumed} because the subscriber ${assumed === 'self' ? 'is the patient' : 'is another person'}`, 'patient.relationship');
    relationship = { value: assumed, at: `${coverage.at}.subscriber` };
  }
  ctx.trail.record('patient.relationship', relationship.at);
  if (relationship.value === 'self') {
    return patientAsSubscriber(ctx, patient?.resource || !subscriber?.resource ? patient : subscriber, member, coverage.at);
  }
  const subscriberPerson = readPerson(ctx, subscriber, 'subscriber');
  if (!subscriber) ctx.log.error('fhir-missing-element', `${coverage.at}.subscriber`, `${coverage.at}.subscriber is missing, and the patient is the subscriber's ${relationship.value}; the subscriber's name, birth date and sex could not be read`, 'subscriber');
  const patientPerson = readPerson(ctx, patient, 'patient');
  return {
    subscriber: { ...member, ...subscriberPerson },
    patient: { relationship: relationship.value, ...patientPerson },
  };
}

/**
 * The patient is the subscriber. Without a Coverage this is assumed (and said), and the
 * member id is looked for among the Patient's identifiers.
 */
function patientAsSubscriber(ctx: ClaimContext, patient: Followed | null, member: { memberId: string | null; groupNumber: string | null } | null, coverageAt: string): People {
  let ids = member;
  if (ids === null) {
    if (patient?.resource) {
      ctx.log.warning('fhir-value-assumed', coverageAt, `no Coverage could be read at ${coverageAt}, so the patient is taken as the subscriber`, 'patient.relationship');
    }
    const found = patient?.resource ? findIdentifier(get(patient.resource, 'identifier'), `${patient.at}.identifier`, new Set(), MEMBER_ID_TYPES) : null;
    ctx.trail.record('subscriber.memberId', found?.at ?? coverageAt);
    ctx.trail.record('subscriber.groupNumber', coverageAt);
    ctx.trail.record('patient.relationship', coverageAt);
    ids = { memberId: found?.value ?? null, groupNumber: null };
  }
  const person = readPerson(ctx, patient, 'subscriber');
  ctx.trail.record('patient', patient?.at ?? `${ctx.root}.patient`);
  return { subscriber: { ...ids, ...person }, patient: { relationship: 'self' } };
}
