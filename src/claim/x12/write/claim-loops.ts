/**
 * One claim's loops of an 837P: the billing provider (2000A/2010AA) and subscriber
 * (2000B/2010BA/2010BB, with 2000C/2010CA when the patient is someone else) when the claim
 * does not share them with the claim before it, then the claim (2300, 2310A/B) and its
 * service lines (2400, 2410, 2420A). Each loop is written from the contract's fields the
 * 837 reader fills, so reading the file back gives the same claim.
 */
import type { ClaimInput } from '../../../contract/claim.js';
import { text } from '../../normalize.js';
import type { Element, SegmentWriter } from './segment-writer.js';
import { amountElement, dateElement, hasText, list, NONE, record, shown, textElement } from './values.js';

/** SBR09 claim filing indicator of the contract's payer kinds. */
const FILING_INDICATOR: Record<string, string> = { medicare: 'MB', medicaid: 'MC', tricare: 'CH', 'workers-comp': 'WC', other: 'ZZ', commercial: 'CI' };
/** PAT01 individual relationship codes. */
const RELATIONSHIP: Record<string, string> = { spouse: '01', child: '19' };
/** CLM05-3 frequencies that replace or void a claim the payer already has, so they must name it (REF*F8). */
const NAMES_ORIGINAL = new Set(['7', '8']);
const MAX_DIAGNOSES = 12;
const MAX_MODIFIERS = 4;
const MAX_POINTERS = 4;
/** CLM01, the patient control number */
const MAX_CLAIM_ID = 38;

export function isSelf(claim: ClaimInput): boolean {
  const relationship = text(record(claim.patient).relationship)?.toLowerCase() ?? null;
  return relationship === null || relationship === 'self';
}

/** Claims with equal keys share a loop: the provider's, then the subscriber's. */
export function billingKey(claim: ClaimInput): string {
  return JSON.stringify(claim.billingProvider ?? null);
}

export function subscriberKey(claim: ClaimInput): string {
  return JSON.stringify([claim.subscriber ?? null, claim.payer ?? null, isSelf(claim) ? null : (claim.patient ?? null)]);
}

function address(w: SegmentWriter, value: unknown, path: string): void {
  const a = record(value);
  if (hasText(a.line1) || hasText(a.line2)) w.put('N3', textElement(w, a.line1, `${path}.line1`), textElement(w, a.line2, `${path}.line2`));
  if (hasText(a.city) || hasText(a.state) || hasText(a.zip)) {
    w.put('N4', textElement(w, a.city, `${path}.city`), textElement(w, a.state, `${path}.state`), textElement(w, a.zip, `${path}.zip`));
  }
}

/** NM1 of a person: last name, first name, and an id with its qualifier when there is one. */
function personName(w: SegmentWriter, entity: string, person: Record<string, unknown>, path: string, id?: { qualifier: string; value: unknown; field: string }): void {
  const withId = id !== undefined && hasText(id.value);
  w.put('NM1', entity, '1', textElement(w, person.lastName, `${path}.lastName`), textElement(w, person.firstName, `${path}.firstName`), NONE, NONE, NONE, withId ? id.qualifier : NONE, withId ? textElement(w, id.value, id.field) : NONE);
}

function demographics(w: SegmentWriter, person: Record<string, unknown>, path: string): void {
  if (!hasText(person.birthDate) && !hasText(person.sex)) return;
  w.put('DMG', 'D8', dateElement(w, person.birthDate, `${path}.birthDate`), textElement(w, person.sex, `${path}.sex`));
}

/** 2000A and 2010AA, as HL number `hl`. */
export function writeBillingProvider(w: SegmentWriter, claim: ClaimInput, hl: number): void {
  const provider = record(claim.billingProvider);
  w.put('HL', String(hl), NONE, '20', '1');
  if (hasText(provider.taxonomy)) w.put('PRV', 'BI', 'PXC', textElement(w, provider.taxonomy, 'billingProvider.taxonomy'));
  const npi = hasText(provider.npi);
  w.put('NM1', '85', '2', textElement(w, provider.name, 'billingProvider.name'), NONE, NONE, NONE, NONE, npi ? 'XX' : NONE, textElement(w, provider.npi, 'billingProvider.npi'));
  address(w, provider.address, 'billingProvider.address');
  if (hasText(provider.taxId)) w.put('REF', 'EI', textElement(w, provider.taxId, 'billingProvider.taxId'));
}

/** 2000B (and 2000C); answers the last HL number written. */
export function writeSubscriber(w: SegmentWriter, claim: ClaimInput, hl: number, parent: number): number {
  const self = isSelf(claim);
  const subscriber = record(claim.subscriber);
  const payer = record(claim.payer);
  const kind = text(payer.kind)?.toLowerCase() ?? null;
  w.put('HL', String(hl), String(parent), '22', self ? '0' : '1');
  // commercial stands for every kind the contract has no own filing indicator for
  const indicator = kind === null ? NONE : (FILING_INDICATOR[kind] ?? 'CI');
  w.put('SBR', 'P', self ? '18' : NONE, textElement(w, subscriber.groupNumber, 'subscriber.groupNumber'), NONE, NONE, NONE, NONE, NONE, indicator);
  personName(w, 'IL', subscriber, 'subscriber', { qualifier: 'MI', value: subscriber.memberId, field: 'subscriber.memberId' });
  address(w, subscriber.address, 'subscriber.address');
  demographics(w, subscriber, 'subscriber');
  const payerId = hasText(payer.id);
  w.put('NM1', 'PR', '2', textElement(w, payer.name, 'payer.name'), NONE, NONE, NONE, NONE, payerId ? 'PI' : NONE, textElement(w, payer.id, 'payer.id'));
  if (self) return hl;
  const patient = record(claim.patient);
  const relationship = text(patient.relationship)?.toLowerCase() ?? '';
  w.put('HL', String(hl + 1), String(hl), '23', '0');
  // G8: another relationship than those the contract names
  w.put('PAT', RELATIONSHIP[relationship] ?? 'G8');
  personName(w, 'QC', patient, 'patient');
  address(w, patient.address, 'patient');
  demographics(w, patient, 'patient');
  return hl + 1;
}

function providerName(w: SegmentWriter, entity: string, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  const provider = record(value);
  const npi = hasText(provider.npi);
  w.put('NM1', entity, '1', textElement(w, provider.lastName, `${path}.lastName`), textElement(w, provider.firstName, `${path}.firstName`), NONE, NONE, NONE, npi ? 'XX' : NONE, textElement(w, provider.npi, `${path}.npi`));
}

function diagnoses(w: SegmentWriter, claim: ClaimInput): void {
  const codes = list(claim.diagnoses);
  if (codes.length === 0) return;
  if (codes.length > MAX_DIAGNOSES) w.refuse('diagnoses', `${codes.length} codes`, `holds more than the ${MAX_DIAGNOSES} diagnoses an 837P claim carries`);
  const icd9 = text(claim.diagnosisCodeSet)?.toLowerCase() === 'icd9';
  const parts = codes.map((code, i) => {
    const field = `diagnoses[${i}]`;
    const t = text(code);
    // an empty place would move every later diagnosis, and the pointers to it, one up
    if (t === null) w.refuse(field, shown(code ?? null), 'is empty, and the diagnoses after it would move up a place');
    const qualifier = i === 0 ? (icd9 ? 'BK' : 'ABK') : icd9 ? 'BF' : 'ABF';
    return w.composite([qualifier, w.value(t.replace('.', ''), field)]);
  });
  w.put('HI', ...parts);
}

function serviceLine(w: SegmentWriter, line: Record<string, unknown>, index: number): void {
  const path = `lines[${index}]`;
  w.put('LX', String(index + 1));
  const modifiers = list(line.modifiers).filter((m) => hasText(m));
  if (modifiers.length > MAX_MODIFIERS) w.refuse(`${path}.modifiers`, shown(modifiers), `holds more than the ${MAX_MODIFIERS} modifiers a service line carries`);
  const procedure = w.composite(['HC', textElement(w, line.procedureCode, `${path}.procedureCode`), ...modifiers.map((m, i) => textElement(w, m, `${path}.modifiers[${i}]`))]);
  const pointers = list(line.diagnosisPointers);
  if (pointers.length > MAX_POINTERS) w.refuse(`${path}.diagnosisPointers`, shown(pointers), `holds more than the ${MAX_POINTERS} diagnosis pointers a service line carries`);
  const pointerParts: Element[] = pointers.map((p, i) => {
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > MAX_DIAGNOSES) w.refuse(`${path}.diagnosisPointers[${i}]`, shown(p), `is not a diagnosis position from 1 to ${MAX_DIAGNOSES}`);
    return String(p);
  });
  w.put('SV1', procedure, amountElement(w, line.charge, `${path}.charge`), 'UN', amountElement(w, line.units, `${path}.units`), textElement(w, line.placeOfService, `${path}.placeOfService`), NONE, w.composite(pointerParts));
  if (hasText(line.serviceDateEnd)) {
    const start = dateElement(w, line.serviceDate, `${path}.serviceDate`);
    const end = dateElement(w, line.serviceDateEnd, `${path}.serviceDateEnd`);
    if (start === NONE) w.refuse(`${path}.serviceDate`, '', 'is empty while the line has an end date');
    w.put('DTP', '472', 'RD8', `${start as string}-${end as string}`);
  } else if (hasText(line.serviceDate)) {
    w.put('DTP', '472', 'D8', dateElement(w, line.serviceDate, `${path}.serviceDate`));
  }
  // the line item control number: how the payer's remittance names this line back
  w.put('REF', '6R', String(index + 1));
  if (hasText(line.ndc)) w.put('LIN', NONE, 'N4', textElement(w, line.ndc, `${path}.ndc`));
  if (hasText(line.renderingProviderNpi)) w.put('NM1', '82', '1', NONE, NONE, NONE, NONE, NONE, 'XX', textElement(w, line.renderingProviderNpi, `${path}.renderingProviderNpi`));
}

/** 2300 CLM with its references and diagnoses, 2310A/B, then every line. */
export function writeClaim(w: SegmentWriter, claim: ClaimInput): void {
  const frequency = text(claim.frequency);
  const claimId = text(claim.claimId);
  // the payer's acknowledgment and remittance name the claim by this number, so it is never cut short
  if (claimId !== null && claimId.length > MAX_CLAIM_ID) w.refuse('claimId', claimId, `is ${claimId.length} characters, more than the ${MAX_CLAIM_ID} CLM01 holds`);
  const facility = w.composite([textElement(w, claim.placeOfService, 'placeOfService'), 'B', textElement(w, claim.frequency, 'frequency')]);
  // CLM06-09: provider signature on file, assignment accepted, benefits assigned, release of information
  w.put('CLM', textElement(w, claim.claimId, 'claimId'), amountElement(w, claim.totalCharge, 'totalCharge'), NONE, NONE, facility, 'Y', 'A', 'Y', 'Y');
  if (hasText(claim.priorAuthorization)) w.put('REF', 'G1', textElement(w, claim.priorAuthorization, 'priorAuthorization'));
  if (hasText(claim.originalClaimId)) w.put('REF', 'F8', textElement(w, claim.originalClaimId, 'originalClaimId'));
  else if (frequency !== null && NAMES_ORIGINAL.has(frequency)) {
    w.refuse('originalClaimId', '', `is empty, but a claim of frequency ${frequency} (${frequency === '7' ? 'replacement' : 'void'}) must name the payer's number of the claim it ${frequency === '7' ? 'replaces' : 'voids'} (REF*F8)`);
  }
  diagnoses(w, claim);
  providerName(w, 'DN', claim.referringProvider, 'referringProvider');
  providerName(w, '82', claim.renderingProvider, 'renderingProvider');
  list(claim.lines).forEach((line, i) => serviceLine(w, record(line), i));
}
