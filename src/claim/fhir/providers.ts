/**
 * Providers: the billing provider (`Claim.provider`), and the rendering and referring
 * providers from the care team. A provider may be an Organization, a Practitioner or a
 * PractitionerRole, or only a logical reference carrying its NPI.
 */
import { display } from '../display.js';
import type { ClaimContext } from './context.js';
import { allCodes, codeFrom, findIdentifier, readAddress, readHumanName, readList, type AddressFound } from './datatypes.js';
import { get, getString, isObject, jsonKind, type Json } from '../json.js';
import type { Followed, Need } from './references.js';
import { resourceTypeOf } from './resources.js';
import { NPI_SYSTEMS, REFERRING_ROLES, RENDERING_ROLES, TAX_ID_SYSTEMS, TAX_ID_TYPES, TAXONOMY_SYSTEMS } from './systems.js';

const PROVIDER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization'] as const;

export interface Party {
  npi: string | null;
  taxId: string | null;
  /** an organization's name, or a person's given and family names */
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  isOrganization: boolean;
  taxonomy: string | null;
  address: AddressFound | null;
  /** FHIR paths of what was read, by contract field name */
  at: Record<'self' | 'npi' | 'taxId' | 'name' | 'taxonomy' | 'address', string>;
  /** the resource read, and the reference written, to tell whether two references name the same provider */
  resource: Json | null;
  reference: string | null;
}

/**
 * Reads a provider from a followed reference. For a PractitionerRole, `prefer` says
 * whether the organization (billing) or the practitioner (rendering, referring) speaks.
 */
function readParty(ctx: ClaimContext, followed: Followed, prefer: 'organization' | 'person', need: Need): Party {
  let resource = followed.resource;
  let at = followed.at;
  let roleIdentifiers: unknown;
  let roleAt = '';
  let taxonomy: string | null = null;
  let taxonomyAt = at;
  if (resource && resourceTypeOf(resource) === 'PractitionerRole') {
    roleIdentifiers = get(resource, 'identifier');
    roleAt = `${at}.identifier`;
    const specialties = readList(resource, 'specialty', { at: `${at}.specialty` }, ctx.log);
    for (let i = 0; i < specialties.length && taxonomy === null; i++) {
      const found = codeFrom(specialties[i], TAXONOMY_SYSTEMS, `${at}.specialty[${i}]`);
      if (found) [taxonomy, taxonomyAt] = [found.code, found.at];
    }
    const order = prefer === 'organization' ? (['organization', 'practitioner'] as const) : (['practitioner', 'organization'] as const);
    for (const key of order) {
      const next = ctx.resolver.follow(get(resource, key), `${at}.${key}`, followed.scope, [key === 'organization' ? 'Organization' : 'Practitioner'], need);
      if (next?.resource) {
        [resource, at] = [next.resource, next.at];
        break;
      }
    }
  }
  const isOrganization = resource !== null && resourceTypeOf(resource) === 'Organization';
  const identifiers = resource ? get(resource, 'identifier') : followed.identifier;
  const identifiersAt = resource ? `${at}.identifier` : `${followed.at}.identifier`;
  // where a missing NPI or tax id is to be fixed: the resource's identifiers, or the reference that led nowhere
  const missingAt = resource || followed.reference === null ? identifiersAt : followed.at;
  const npi = findIdentifier(roleIdentifiers, roleAt, NPI_SYSTEMS) ?? findIdentifier(identifiers, identifiersAt, NPI_SYSTEMS);
  const taxId = findIdentifier(identifiers, identifiersAt, TAX_ID_SYSTEMS, TAX_ID_TYPES);
  let firstName: string | null = null;
  let lastName: string | null = null;
  let name: string | null = null;
  let nameAt = resource ? `${at}.name` : `${followed.at}.display`;
  if (isOrganization) {
    name = getString(resource, 'name');
    lastName = name;
  } else if (resource) {
    const human = readHumanName(get(resource, 'name'), `${at}.name`);
    if (human) [firstName, lastName, name, nameAt] = [human.firstName, human.lastName, human.fullName, human.at];
    const qualifications = readList(resource, 'qualification', { at: `${at}.qualification` }, ctx.log);
    for (let i = 0; i < qualifications.length && taxonomy === null; i++) {
      const found = codeFrom(get(qualifications[i], 'code'), TAXONOMY_SYSTEMS, `${at}.qualification[${i}].code`);
      if (found) [taxonomy, taxonomyAt] = [found.code, found.at];
    }
  }
  if (name === null && followed.display !== null) {
    name = followed.display;
    nameAt = `${followed.at}.display`;
  } else if (name === null && !resource) {
    nameAt = missingAt;
  }
  const address = resource ? readAddress(get(resource, 'address'), `${at}.address`, 'work') : null;
  return {
    npi: npi?.value ?? null,
    taxId: taxId?.value ?? null,
    name,
    firstName,
    lastName,
    isOrganization,
    taxonomy,
    address,
    at: { self: followed.at, npi: npi?.at ?? missingAt, taxId: taxId?.at ?? missingAt, name: nameAt, taxonomy: taxonomyAt, address: address?.at ?? (resource ? `${at}.address` : missingAt) },
    resource: resource ?? null,
    reference: followed.reference,
  };
}

export function sameParty(a: Party | null, b: Party | null): boolean {
  if (a === null || b === null) return false;
  if (a.resource !== null && a.resource === b.resource) return true;
  if (a.reference !== null && a.reference === b.reference) return true;
  return a.npi !== null && a.npi === b.npi;
}

export interface CareTeamMember {
  sequence: number | null;
  /** role codes, lower case */
  roles: Set<string>;
  /** the member's provider taxonomy (`careTeam.qualification`) */
  qualification: { code: string; at: string } | null;
  party: Party | null;
  at: string;
}

export function readCareTeam(ctx: ClaimContext): CareTeamMember[] {
  const at = `${ctx.root}.careTeam`;
  const members: CareTeamMember[] = [];
  readList(ctx.resource, 'careTeam', { at }, ctx.log).forEach((entry, i) => {
    const memberAt = `${at}[${i}]`;
    if (!isObject(entry)) {
      ctx.log.error('fhir-wrong-type', memberAt, `${memberAt} is ${jsonKind(entry)}, not a care team member`);
      return;
    }
    const sequence = get(entry, 'sequence');
    const roles = new Set(allCodes(get(entry, 'role')));
    const field = REFERRING_ROLES.some((r) => roles.has(r)) ? 'referringProvider' : RENDERING_ROLES.some((r) => roles.has(r)) ? 'renderingProvider' : undefined;
    const need = { field, what: `the NPI and name of care team member ${display(sequence)}` };
    const qualification = codeFrom(get(entry, 'qualification'), TAXONOMY_SYSTEMS, `${memberAt}.qualification`);
    const followed = ctx.resolver.follow(get(entry, 'provider'), `${memberAt}.provider`, ctx.scope, PROVIDER_TYPES, need);
    if (!followed) ctx.log.error('fhir-missing-element', `${memberAt}.provider`, `${memberAt} has no provider`, field);
    members.push({
      sequence: typeof sequence === 'number' ? sequence : null,
      roles,
      qualification: qualification ? { code: qualification.code, at: qualification.at } : null,
      party: followed ? readParty(ctx, followed, 'person', need) : null,
      at: memberAt,
    });
  });
  return members;
}

/** The member that fills a contract provider: the first role of `roles` any member has wins. */
export function memberInRole(team: readonly CareTeamMember[], roles: readonly string[]): CareTeamMember | null {
  for (const role of roles) {
    const member = team.find((m) => m.roles.has(role));
    if (member) return member;
  }
  return null;
}

export function readBillingProvider(ctx: ClaimContext): Party | null {
  const need = { field: 'billingProvider', what: "the billing provider's NPI, tax id, name and address" };
  const followed = ctx.resolver.follow(get(ctx.resource, 'provider'), `${ctx.root}.provider`, ctx.scope, PROVIDER_TYPES, need);
  if (!followed) {
    ctx.log.error('fhir-missing-element', `${ctx.root}.provider`, `${ctx.root}.provider is missing; the claim names no billing provider`, 'billingProvider');
    return null;
  }
  return readParty(ctx, followed, 'organization', need);
}

/** The billing provider's taxonomy is most often given as its care team qualification. */
export function takeTaxonomyFromCareTeam(billing: Party | null, team: readonly CareTeamMember[]): void {
  if (billing === null) return;
  const asMember = team.find((m) => m.qualification !== null && sameParty(m.party, billing));
  if (asMember?.qualification) [billing.taxonomy, billing.at.taxonomy] = [asMember.qualification.code, asMember.qualification.at];
}

export function recordParty(ctx: ClaimContext, field: string, party: Party | null, fallbackAt: string): void {
  if (party === null) {
    ctx.trail.record(field, fallbackAt);
    return;
  }
  ctx.trail.record(field, party.at.self);
  ctx.trail.record(`${field}.npi`, party.at.npi);
  ctx.trail.record(`${field}.taxId`, party.at.taxId);
  ctx.trail.record(`${field}.name`, party.at.name);
  ctx.trail.record(`${field}.firstName`, party.at.name);
  ctx.trail.record(`${field}.lastName`, party.at.name);
  ctx.trail.record(`${field}.taxonomy`, party.at.taxonomy);
  ctx.trail.recordAddress(`${field}.address`, party.at.address, party.address !== null);
}
