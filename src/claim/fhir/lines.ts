/**
 * Service lines from `item[]`: dates, procedure code and modifiers, diagnosis pointers,
 * units, charge, place of service, the line's rendering provider and an NDC. Line `n`
 * of the claim is always `item[n]`, even when the item is unreadable, so that a finding
 * on `lines[n]` points at the right item.
 */
import { display } from '../display.js';
import type { ClaimContext } from './context.js';
import type { Diagnoses } from './diagnoses.js';
import { allCodes, anyCode, codeFrom, readCode, readDate, readDecimal, readList, readValueOf, roundCents, type CodingFound } from './datatypes.js';
import { get, getArray, isObject, jsonKind } from '../json.js';
import { memberInRole, type CareTeamMember } from './providers.js';
import { NDC_SYSTEMS, PLACE_OF_SERVICE_SYSTEMS, PROCEDURE_SYSTEMS, RENDERING_ROLES } from './systems.js';
import type { ClaimLine } from '../../contract/claim.js';

export interface Period {
  start: string | null;
  end: string | null;
  at: string;
}

export interface LineInputs {
  diagnoses: Diagnoses;
  team: readonly CareTeamMember[];
  /** the claim's billablePeriod, which dates an item that has no date of its own */
  billablePeriod: Period | null;
}

/** A line as the FHIR reader fills it in: the contract's line with every field present. */
export interface ContractLine extends ClaimLine {
  serviceDate: string | null;
  serviceDateEnd: string | null;
  procedureCode: string | null;
  modifiers: Array<string | null>;
  diagnosisPointers: number[];
  units: number | null;
  charge: number | null;
  placeOfService: string | null;
  renderingProviderNpi: string | null;
  ndc: string | null;
}

export interface LineRead {
  line: ContractLine;
  /** the item's own place of service, before it is compared with the claim's */
  placeOfService: CodingFound | null;
  /** the NPI of the item's rendering care team member, before it is compared with the claim's */
  renderingNpi: string | null;
}

export function emptyLine(): ContractLine {
  return {
    serviceDate: null,
    serviceDateEnd: null,
    procedureCode: null,
    modifiers: [],
    diagnosisPointers: [],
    units: null,
    charge: null,
    placeOfService: null,
    renderingProviderNpi: null,
    ndc: null,
  };
}

export function readLines(ctx: ClaimContext, inputs: LineInputs): LineRead[] {
  const at = `${ctx.root}.item`;
  ctx.trail.record('lines', at);
  const raw = get(ctx.resource, 'item');
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    ctx.log.error('fhir-missing-element', at, `${at} is ${raw === undefined ? 'missing' : 'empty'}; the claim has no service lines`, 'lines');
    return [];
  }
  return readList(ctx.resource, 'item', { at, field: 'lines' }, ctx.log).map((item, i) => readLine(ctx, item, i, inputs));
}

function readLine(ctx: ClaimContext, item: unknown, index: number, inputs: LineInputs): LineRead {
  const at = `${ctx.root}.item[${index}]`;
  const field = `lines[${index}]`;
  ctx.trail.record(field, at);
  const line = emptyLine();
  if (!isObject(item)) {
    ctx.log.error('fhir-wrong-type', at, `${at} is ${jsonKind(item)} (${display(item)}), not an item; line ${index + 1} could not be read`, field);
    return { line, placeOfService: null, renderingNpi: null };
  }
  readServiceDates(ctx, item, at, field, inputs.billablePeriod, line);
  line.procedureCode = readProcedure(ctx, item, at, field, index + 1);
  line.modifiers = readModifiers(ctx, item, at, field);
  line.diagnosisPointers = readPointers(ctx, item, at, field, inputs.diagnoses);
  line.units = readValueOf(get(item, 'quantity'), { at: `${at}.quantity`, field: `${field}.units` }, ctx.log);
  ctx.trail.record(`${field}.units`, `${at}.quantity`);
  line.charge = readCharge(ctx, item, at, field, line.units);
  line.ndc = readNdc(item, at, field, ctx);
  return { line, placeOfService: readPlaceOfService(ctx, item, at, field), renderingNpi: readLineRendering(ctx, item, at, field, inputs.team) };
}

function readServiceDates(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string, billable: Period | null, line: ContractLine): void {
  const dateField = `${field}.serviceDate`;
  const endField = `${field}.serviceDateEnd`;
  const date = get(item, 'servicedDate');
  const period = get(item, 'servicedPeriod');
  if (date !== undefined && date !== null) {
    line.serviceDate = readDate(date, { at: `${at}.servicedDate`, field: dateField }, ctx.log);
    ctx.trail.record(dateField, `${at}.servicedDate`);
    ctx.trail.record(endField, `${at}.servicedDate`);
    return;
  }
  let range: Period | null = null;
  if (period !== undefined && period !== null) {
    const periodAt = `${at}.servicedPeriod`;
    if (!isObject(period)) {
      ctx.log.error('fhir-wrong-type', periodAt, `${periodAt} is ${jsonKind(period)}, not a Period`, dateField);
    } else {
      range = {
        start: readDate(get(period, 'start'), { at: `${periodAt}.start`, field: dateField }, ctx.log),
        end: readDate(get(period, 'end'), { at: `${periodAt}.end`, field: endField }, ctx.log),
        at: periodAt,
      };
    }
  } else if (billable !== null && billable.start !== null) {
    ctx.log.warning('fhir-value-assumed', `${at}.serviced[x]`, `${at} has no servicedDate or servicedPeriod; the claim's billablePeriod (${billable.start}${billable.end && billable.end !== billable.start ? ` to ${billable.end}` : ''}) is used as its dates of service`, dateField);
    range = billable;
  }
  ctx.trail.record(dateField, range ? `${range.at}.start` : `${at}.servicedDate`);
  ctx.trail.record(endField, range ? `${range.at}.end` : `${at}.servicedPeriod`);
  if (range === null) return;
  line.serviceDate = range.start;
  line.serviceDateEnd = range.end !== null && range.end !== range.start ? range.end : null;
}

function readProcedure(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string, lineNumber: number): string | null {
  const site = { at: `${at}.productOrService`, field: `${field}.procedureCode` };
  ctx.trail.record(site.field, site.at);
  const concept = get(item, 'productOrService');
  if (concept === undefined || concept === null) {
    ctx.log.error('fhir-missing-element', site.at, `${site.at} is missing; line ${lineNumber} has no procedure code`, site.field);
    return null;
  }
  return readCode(concept, site, PROCEDURE_SYSTEMS, 'a CPT or HCPCS code', ctx.log)?.code ?? null;
}

function readModifiers(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string): Array<string | null> {
  ctx.trail.record(`${field}.modifiers`, `${at}.modifier`);
  return readList(item, 'modifier', { at: `${at}.modifier`, field: `${field}.modifiers` }, ctx.log).map((modifier, i) => {
    const modifierAt = `${at}.modifier[${i}]`;
    ctx.trail.record(`${field}.modifiers[${i}]`, modifierAt);
    // modifiers come from CPT's and HCPCS's own modifier lists under several system names: any coding's code is taken
    const code = anyCode(modifier);
    if (code === null) ctx.log.error(isObject(modifier) ? 'fhir-missing-element' : 'fhir-wrong-type', modifierAt, `${modifierAt} has no code`, `${field}.modifiers[${i}]`);
    return code;
  });
}

function readPointers(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string, diagnoses: Diagnoses): number[] {
  const site = { at: `${at}.diagnosisSequence`, field: `${field}.diagnosisPointers` };
  ctx.trail.record(site.field, site.at);
  const pointers: number[] = [];
  readList(item, 'diagnosisSequence', site, ctx.log).forEach((sequence, i) => {
    const sequenceAt = `${site.at}[${i}]`;
    if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
      ctx.log.error('fhir-wrong-type', sequenceAt, `${sequenceAt} is ${display(sequence)}, not a diagnosis sequence number`, site.field);
      return;
    }
    const pointer = diagnoses.pointerOf(sequence);
    if (pointer === null) {
      ctx.log.error('fhir-sequence-unmatched', sequenceAt, `${sequenceAt} points at diagnosis sequence ${sequence}, which the claim does not have`, site.field);
      return;
    }
    pointers.push(pointer);
  });
  return pointers;
}

/**
 * The line charge: `net`; else `unitPrice` × quantity × factor; else, on an
 * ExplanationOfBenefit, the amount the provider submitted (`adjudication` of category
 * `submitted`).
 */
function readCharge(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string, units: number | null): number | null {
  const chargeField = `${field}.charge`;
  const net = get(item, 'net');
  if (net !== undefined && net !== null) {
    ctx.trail.record(chargeField, `${at}.net`);
    return readValueOf(net, { at: `${at}.net`, field: chargeField }, ctx.log);
  }
  const unitPrice = get(item, 'unitPrice');
  if (unitPrice !== undefined && unitPrice !== null) {
    ctx.trail.record(chargeField, `${at}.unitPrice`);
    const price = readValueOf(unitPrice, { at: `${at}.unitPrice`, field: chargeField }, ctx.log);
    const factor = readDecimal(get(item, 'factor'), { at: `${at}.factor`, field: chargeField }, ctx.log) ?? 1;
    if (price === null) return null;
    const charge = roundCents(price * (units ?? 1) * factor);
    if (Number.isFinite(charge)) return charge;
    // each value alone was a number, their product is not: no charge a payer could read
    ctx.log.error('fhir-wrong-type', `${at}.unitPrice`, `${at}: unitPrice × quantity × factor is too large to be a charge`, chargeField);
    return null;
  }
  const adjudications = getArray(item, 'adjudication');
  for (let i = 0; i < adjudications.length; i++) {
    if (!allCodes(get(adjudications[i], 'category')).includes('submitted')) continue;
    const amountAt = `${at}.adjudication[${i}].amount`;
    ctx.trail.record(chargeField, amountAt);
    return readValueOf(get(adjudications[i], 'amount'), { at: amountAt, field: chargeField }, ctx.log);
  }
  ctx.trail.record(chargeField, `${at}.net`);
  return null;
}

/** The item's place of service: locationCodeableConcept, or the type of the Location it names. */
function readPlaceOfService(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string): CodingFound | null {
  const posField = `${field}.placeOfService`;
  const concept = get(item, 'locationCodeableConcept');
  if (concept !== undefined && concept !== null) {
    ctx.trail.record(posField, `${at}.locationCodeableConcept`);
    return readCode(concept, { at: `${at}.locationCodeableConcept`, field: posField }, PLACE_OF_SERVICE_SYSTEMS, 'a CMS place of service code', ctx.log);
  }
  const location = ctx.resolver.follow(get(item, 'locationReference'), `${at}.locationReference`, ctx.scope, ['Location'], { field: posField, what: 'the place of service' });
  ctx.trail.record(posField, location?.at ?? `${at}.locationCodeableConcept`);
  return location?.resource ? placeOfServiceOfLocation(location.resource, location.at) : null;
}

export function placeOfServiceOfLocation(location: Record<string, unknown>, at: string): CodingFound | null {
  const types = getArray(location, 'type');
  for (let i = 0; i < types.length; i++) {
    const found = codeFrom(types[i], PLACE_OF_SERVICE_SYSTEMS, `${at}.type[${i}]`);
    if (found) return found;
  }
  return null;
}

/** The NPI of the care team member the item names as its rendering provider. */
function readLineRendering(ctx: ClaimContext, item: Record<string, unknown>, at: string, field: string, team: readonly CareTeamMember[]): string | null {
  const site = { at: `${at}.careTeamSequence`, field: `${field}.renderingProviderNpi` };
  ctx.trail.record(site.field, site.at);
  const members: CareTeamMember[] = [];
  readList(item, 'careTeamSequence', site, ctx.log).forEach((sequence, i) => {
    const member = team.find((m) => m.sequence === sequence);
    if (member) members.push(member);
    else ctx.log.error('fhir-sequence-unmatched', `${site.at}[${i}]`, `${site.at}[${i}] points at care team sequence ${display(sequence)}, which the claim does not have`, site.field);
  });
  const rendering = memberInRole(members, RENDERING_ROLES) ?? (members.length === 1 ? members[0] : null);
  return rendering?.party?.npi ?? null;
}

function readNdc(item: Record<string, unknown>, at: string, field: string, ctx: ClaimContext): string | null {
  const own = codeFrom(get(item, 'productOrService'), NDC_SYSTEMS, `${at}.productOrService`);
  let found = own;
  const details = getArray(item, 'detail');
  for (let i = 0; i < details.length && found === null; i++) found = codeFrom(get(details[i], 'productOrService'), NDC_SYSTEMS, `${at}.detail[${i}].productOrService`);
  ctx.trail.record(`${field}.ndc`, found?.at ?? `${at}.detail`);
  return found?.code ?? null;
}
