/**
 * One Claim or ExplanationOfBenefit → one claim in the contract's shape, with the
 * problems met on the way and a map from contract paths to FHIR paths.
 */
import type { ClaimFromFile } from '../source.js';
import type { ClaimContext } from './context.js';
import { readPayer, readInsurance } from './coverage.js';
import { allCodes, readDate, readList, readValueOf } from './datatypes.js';
import { readDiagnoses } from './diagnoses.js';
import { get, getArray, getString, isObject, jsonKind, type Json } from '../json.js';
import { placeOfServiceOfLocation, readLines, type LineRead, type Period } from './lines.js';
import { readPeople } from './persons.js';
import { ProblemLog } from './problems.js';
import { memberInRole, readBillingProvider, readCareTeam, recordParty, sameParty, takeTaxonomyFromCareTeam, type Party } from './providers.js';
import { Resolver, type Scope } from './references.js';
import { resourceLabel } from './resources.js';
import { REFERRING_ROLES, RENDERING_ROLES } from './systems.js';
import { Trail } from './trail.js';
import type { Address, Claim } from '../../contract/claim.js';

const CLAIM_TYPES: ReadonlySet<string> = new Set(['professional', 'institutional', 'oral', 'pharmacy', 'vision']);

export function readClaimResource(resource: Json, scope: Scope, file: string, index: number): ClaimFromFile {
  const log = new ProblemLog();
  const claim = mapResource(resource, scope, log, new Trail(false));
  let trail: Trail | null = null;
  return {
    format: 'fhir',
    file,
    index,
    claim,
    problems: log.problems,
    // Keeping every claim's paths would cost more than reading them again for the few
    // claims with findings: the first question reads the (unchanged) resource once more.
    locate(path: string): string | undefined {
      if (trail === null) {
        trail = new Trail();
        mapResource(resource, scope, new ProblemLog(), trail);
      }
      return trail.locate(path);
    },
  };
}

function mapResource(resource: Json, scope: Scope, log: ProblemLog, trail: Trail): Claim | null {
  const root = get(resource, 'resourceType') as string;
  const ctx: ClaimContext = { resource, root, scope, resolver: new Resolver(log), log, trail };
  const type = readClaimType(ctx);
  if (type === 'professional') return mapClaim(ctx);
  log.error(
    'fhir-claim-type-unsupported',
    `${root}.type`,
    `${resourceLabel(resource)} is ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} claim; ${type} claims are not yet supported (only professional claims are checked)`,
    'type',
  );
  return null;
}

/** The claim-type code (claim-type code system, or the same code under another system); professional when it says nothing. */
function readClaimType(ctx: ClaimContext): string {
  const at = `${ctx.root}.type`;
  ctx.trail.record('type', at);
  const concept = get(ctx.resource, 'type');
  const code = allCodes(concept).find((c) => CLAIM_TYPES.has(c));
  if (code) return code;
  const why = concept === undefined ? 'is missing' : `says ${isObject(concept) ? (allCodes(concept).join(', ') || getString(concept, 'text') || 'nothing') : jsonKind(concept)}`;
  ctx.log.warning('fhir-value-assumed', at, `${at} ${why}; the claim is read as professional`, 'type');
  return 'professional';
}

function mapClaim(ctx: ClaimContext): Claim {
  const { resource, root, trail, log } = ctx;
  const use = getString(resource, 'use');
  if (use !== null && use !== 'claim') {
    log.warning('fhir-value-assumed', `${root}.use`, `${root}.use is ${use}: this is not a claim for payment, but it is checked as one`);
  }
  const claimId = readClaimId(ctx);
  const frequency = readFrequency(ctx);
  const submissionDate = readDate(get(resource, 'created'), { at: `${root}.created`, field: 'submissionDate' }, log);
  trail.record('submissionDate', `${root}.created`);

  const insurance = readInsurance(ctx);
  const payer = readPayer(ctx, insurance.coverage);
  trail.record('payer', payer.at.self);
  trail.record('payer.id', payer.at.id);
  trail.record('payer.name', payer.at.name);
  trail.record('payer.kind', payer.at.kind);
  const people = readPeople(ctx, insurance);

  const billing = readBillingProvider(ctx);
  const team = readCareTeam(ctx);
  takeTaxonomyFromCareTeam(billing, team);
  recordParty(ctx, 'billingProvider', billing, `${root}.provider`);
  const rendering = otherThan(memberInRole(team, RENDERING_ROLES)?.party ?? null, billing);
  recordParty(ctx, 'renderingProvider', rendering, `${root}.careTeam`);
  const referringMember = memberInRole(team, REFERRING_ROLES);
  recordParty(ctx, 'referringProvider', referringMember?.party ?? null, `${root}.careTeam`);

  const diagnoses = readDiagnoses(ctx);
  const lines = readLines(ctx, { diagnoses, team, billablePeriod: readBillablePeriod(ctx) });
  const placeOfService = settlePlaceOfService(ctx, lines);
  settleLineRendering(lines, rendering ?? billing);

  return {
    claimId,
    type: 'professional',
    frequency: frequency.frequency,
    originalClaimId: frequency.originalClaimId,
    submissionDate,
    payer: { id: payer.id, name: payer.name, kind: payer.kind },
    subscriber: people.subscriber,
    patient: people.patient,
    billingProvider: billing
      ? { npi: billing.npi, taxId: billing.taxId, name: billing.name, taxonomy: billing.taxonomy, address: billing.address ? plainAddress(billing.address) : null }
      : null,
    renderingProvider: rendering ? asContractProvider(rendering) : null,
    referringProvider: referringMember?.party ? asContractProvider(referringMember.party) : null,
    placeOfService,
    priorAuthorization: readPriorAuthorization(ctx, insurance.entry, insurance.at),
    diagnoses: diagnoses.codes,
    lines: lines.map((l) => l.line),
    totalCharge: readTotal(ctx),
    diagnosisCodeSet: diagnoses.codeSet,
  };
}

/** The rendering provider is left out when it is the billing provider itself, as an 837P leaves out loop 2310B. */
function otherThan(party: Party | null, billing: Party | null): Party | null {
  return party !== null && !sameParty(party, billing) ? party : null;
}

function asContractProvider(party: Party): NonNullable<Claim['renderingProvider']> {
  return { npi: party.npi, firstName: party.isOrganization ? null : party.firstName, lastName: party.lastName ?? (party.isOrganization ? party.name : null) };
}

function plainAddress(address: { line1: string | null; city: string | null; state: string | null; zip: string | null }): Address {
  return { line1: address.line1, city: address.city, state: address.state, zip: address.zip };
}

/** The biller's claim number: the first identifier with a value, else the resource id. */
function readClaimId(ctx: ClaimContext): string | null {
  const identifiers = readList(ctx.resource, 'identifier', { at: `${ctx.root}.identifier`, field: 'claimId' }, ctx.log);
  for (let i = 0; i < identifiers.length; i++) {
    const value = getString(identifiers[i], 'value');
    if (value !== null) {
      ctx.trail.record('claimId', `${ctx.root}.identifier[${i}].value`);
      return value;
    }
  }
  ctx.trail.record('claimId', `${ctx.root}.id`);
  return getString(ctx.resource, 'id');
}

/**
 * FHIR has no claim frequency code: a cancelled claim is a void (8), a claim that names a
 * prior claim (`related.relationship` = prior) replaces it (7), any other is an original (1).
 */
function readFrequency(ctx: ClaimContext): { frequency: string; originalClaimId: string | null } {
  const { resource, root, trail } = ctx;
  const related = readList(resource, 'related', { at: `${root}.related`, field: 'originalClaimId' }, ctx.log);
  let originalClaimId: string | null = null;
  let priorAt: string | null = null;
  for (let i = 0; i < related.length && priorAt === null; i++) {
    if (!allCodes(get(related[i], 'relationship')).includes('prior')) continue;
    priorAt = `${root}.related[${i}]`;
    const reference = getString(get(related[i], 'reference'), 'value');
    const claimReference = getString(get(get(related[i], 'claim'), 'identifier'), 'value');
    if (reference !== null) [originalClaimId, priorAt] = [reference, `${priorAt}.reference.value`];
    else if (claimReference !== null) [originalClaimId, priorAt] = [claimReference, `${priorAt}.claim.identifier.value`];
    else ctx.log.error('fhir-missing-element', priorAt, `${priorAt} names a prior claim but gives no claim number (reference.value or claim.identifier)`, 'originalClaimId');
  }
  trail.record('originalClaimId', priorAt ?? `${root}.related`);
  if (get(resource, 'status') === 'cancelled') {
    trail.record('frequency', `${root}.status`);
    return { frequency: '8', originalClaimId };
  }
  trail.record('frequency', priorAt ?? `${root}.related`);
  return { frequency: priorAt !== null ? '7' : '1', originalClaimId };
}

function readBillablePeriod(ctx: ClaimContext): Period | null {
  const at = `${ctx.root}.billablePeriod`;
  const period = get(ctx.resource, 'billablePeriod');
  if (!isObject(period)) return null;
  return {
    start: readDate(get(period, 'start'), { at: `${at}.start` }, ctx.log),
    end: readDate(get(period, 'end'), { at: `${at}.end` }, ctx.log),
    at,
  };
}

/**
 * The claim's place of service is the first item's (or the facility Location's type when
 * no item has one); an item keeps its own only where it differs, as SV105 overrides CLM05-1.
 */
function settlePlaceOfService(ctx: ClaimContext, lines: LineRead[]): string | null {
  let claimPos = lines.find((l) => l.placeOfService !== null)?.placeOfService ?? null;
  if (claimPos === null) {
    const facility = ctx.resolver.follow(get(ctx.resource, 'facility'), `${ctx.root}.facility`, ctx.scope, ['Location'], { field: 'placeOfService', what: 'the place of service' });
    if (facility?.resource) claimPos = placeOfServiceOfLocation(facility.resource, facility.at);
  }
  ctx.trail.record('placeOfService', claimPos?.at ?? `${ctx.root}.item.locationCodeableConcept`);
  for (const l of lines) {
    l.line.placeOfService = l.placeOfService !== null && l.placeOfService.code !== claimPos?.code ? l.placeOfService.code : null;
  }
  return claimPos?.code ?? null;
}

/** An item names its own rendering NPI only where it differs from the claim's rendering (or billing) provider. */
function settleLineRendering(lines: LineRead[], claimProvider: Party | null): void {
  for (const l of lines) {
    l.line.renderingProviderNpi = l.renderingNpi !== null && l.renderingNpi !== claimProvider?.npi ? l.renderingNpi : null;
  }
}

/**
 * The prior authorization number: the insurance entry's preAuthRef, an
 * ExplanationOfBenefit's own preAuthRef, or a supportingInfo of a prior-authorization
 * category.
 */
function readPriorAuthorization(ctx: ClaimContext, insurance: Json | null, insuranceAt: string | null): string | null {
  const owners: Array<[Json, string]> = [];
  if (insurance && insuranceAt) owners.push([insurance, `${insuranceAt}.preAuthRef`]);
  owners.push([ctx.resource, `${ctx.root}.preAuthRef`]);
  for (const [owner, at] of owners) {
    const refs = readList(owner, 'preAuthRef', { at, field: 'priorAuthorization' }, ctx.log);
    for (let i = 0; i < refs.length; i++) {
      const value = typeof refs[i] === 'string' ? (refs[i] as string).trim() : '';
      if (value !== '') {
        ctx.trail.record('priorAuthorization', `${at}[${i}]`);
        return value;
      }
    }
  }
  const infos = getArray(ctx.resource, 'supportingInfo');
  for (let i = 0; i < infos.length; i++) {
    if (!allCodes(get(infos[i], 'category')).some((c) => /prior-?auth/.test(c))) continue;
    const at = `${ctx.root}.supportingInfo[${i}]`;
    const value = getString(infos[i], 'valueString') ?? getString(get(infos[i], 'valueIdentifier'), 'value') ?? getString(get(get(infos[i], 'valueReference'), 'identifier'), 'value');
    if (value !== null) {
      ctx.trail.record('priorAuthorization', at);
      return value;
    }
  }
  ctx.trail.record('priorAuthorization', insuranceAt ? `${insuranceAt}.preAuthRef` : `${ctx.root}.insurance`);
  return null;
}

/** The claim total: a Claim's `total` (Money), or an ExplanationOfBenefit's `total` of category `submitted`. */
function readTotal(ctx: ClaimContext): number | null {
  const at = `${ctx.root}.total`;
  const total = get(ctx.resource, 'total');
  if (Array.isArray(total)) {
    for (let i = 0; i < total.length; i++) {
      if (!allCodes(get(total[i], 'category')).includes('submitted')) continue;
      ctx.trail.record('totalCharge', `${at}[${i}].amount`);
      return readValueOf(get(total[i], 'amount'), { at: `${at}[${i}].amount`, field: 'totalCharge' }, ctx.log);
    }
    ctx.trail.record('totalCharge', at);
    return null;
  }
  ctx.trail.record('totalCharge', at);
  return readValueOf(total, { at, field: 'totalCharge' }, ctx.log);
}
