/**
 * Untrusted claim JSON → the clean, typed view the rules read. Nothing here throws:
 * a value of the wrong type becomes null (or an empty list), and the original stays
 * reachable through `raw` so findings can quote what the biller actually sent.
 */

export interface AddressView {
  line1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export interface PersonView {
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  sex: string | null;
  address: AddressView;
}

export interface ProviderView {
  present: boolean;
  npi: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface LineView {
  number: number;
  index: number;
  serviceDate: string | null;
  serviceDateEnd: string | null;
  procedureCode: string | null;
  modifiers: string[];
  modifierCount: number;
  diagnosisPointers: unknown[];
  pointerCount: number;
  /** pointers that are not whole numbers naming one of the claim's diagnoses, as written */
  invalidPointers: string[];
  units: number | null;
  charge: number | null;
  placeOfService: string | null;
  renderingProviderNpi: string | null;
  ndc: string | null;
  sameDayUnitsOfCode: number;
  /** numbers of the lines (this one included) with the same procedure code and date of service */
  sameDayLinesOfCode: number[];
  /** true for the first of those lines, where a date-of-service unit limit is reported */
  firstSameDayLineOfCode: boolean;
  /** the line as received, for quoting in messages */
  raw: unknown;
}

export interface ClaimView {
  claimId: string | null;
  type: string | null;
  frequency: string | null;
  originalClaimId: string | null;
  submissionDate: string | null;
  payer: { id: string | null; name: string | null; kind: string | null };
  subscriber: PersonView & { memberId: string | null; groupNumber: string | null };
  patient: PersonView & { relationship: string | null; isSubscriber: boolean };
  billingProvider: { npi: string | null; taxId: string | null; name: string | null; taxonomy: string | null; address: AddressView };
  renderingProvider: ProviderView;
  referringProvider: ProviderView;
  placeOfService: string | null;
  priorAuthorization: string | null;
  diagnoses: Array<string | null>;
  diagnosisCount: number;
  /** `icd10` unless the claim says its diagnoses are ICD-9 (an 837 with HI*BK/BF), lower-case */
  diagnosisCodeSet: string;
  /** the latest valid date of service on the claim's lines, or null */
  lastServiceDate: string | null;
  lines: LineView[];
  lineCount: number;
  totalCharge: number | null;
  lineChargeTotal: number;
  totalChargeMatchesLines: boolean;
  raw: ClaimInput;
}

import { display } from './display.js';
import { isIsoDate } from './dates.js';
import { isObject, type Json } from './json.js';
import type { ClaimInput } from '../contract/claim.js';

const NO_FIELDS: Json = Object.freeze({});

/**
 * The object to read named fields from, or an empty one. Fields are then read with
 * plain property access at each site (fast, unlike one shared lookup by a variable key).
 * The names read are the contract's, none of which Object.prototype has, and JSON.parse
 * only makes own properties (even one called "__proto__"), so a plain read cannot reach
 * anything the sender did not send.
 */
function record(source: unknown): Json {
  return isObject(source) ? source : NO_FIELDS;
}

/** Text fields: trimmed, empty → null; numbers are accepted as their decimal form (a ZIP or NPI typed as a number). */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const n = value.length;
    // most values arrive already trimmed: keep the same string rather than copy it
    if (n > 0 && value.charCodeAt(0) > 32 && value.charCodeAt(n - 1) > 32) return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Code fields compare case-insensitively, so they are kept upper-case. */
export function code(value: unknown): string | null {
  const t = text(value);
  if (t === null) return null;
  for (let i = 0; i < t.length; i++) {
    if (t.charCodeAt(i) > 96) return t.toUpperCase();
  }
  return t;
}

function amount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function address(value: unknown): AddressView {
  const r = record(value);
  return { line1: text(r.line1), city: text(r.city), state: code(r.state), zip: text(r.zip) };
}

function person(value: unknown): PersonView {
  const r = record(value);
  return { firstName: text(r.firstName), lastName: text(r.lastName), birthDate: text(r.birthDate), sex: code(r.sex), address: address(r.address) };
}

function provider(value: unknown): ProviderView {
  const r = record(value);
  return { present: r !== NO_FIELDS, npi: text(r.npi), firstName: text(r.firstName), lastName: text(r.lastName) };
}

// Most lines have no modifiers and no bad pointers: they share one empty list (nothing writes to these lists).
const NONE: string[] = [];

function pointerProblems(pointers: unknown[], diagnosisCount: number): string[] {
  let bad = NONE;
  for (const pointer of pointers) {
    const ok = typeof pointer === 'number' && Number.isInteger(pointer) && pointer >= 1 && pointer <= diagnosisCount;
    if (ok) continue;
    if (bad === NONE) bad = [];
    bad.push(display(pointer));
  }
  return bad;
}

function line(value: unknown, index: number, diagnosisCount: number): LineView {
  const r = record(value);
  const rawModifiers = r.modifiers;
  const modifiers = Array.isArray(rawModifiers) && rawModifiers.length > 0 ? rawModifiers.map((m) => code(m) ?? '') : NONE;
  const rawPointers = r.diagnosisPointers;
  const diagnosisPointers = Array.isArray(rawPointers) ? rawPointers : [];
  return {
    number: index + 1,
    index,
    serviceDate: text(r.serviceDate),
    serviceDateEnd: text(r.serviceDateEnd),
    procedureCode: code(r.procedureCode),
    modifiers,
    modifierCount: modifiers.length,
    diagnosisPointers,
    pointerCount: diagnosisPointers.length,
    invalidPointers: pointerProblems(diagnosisPointers, diagnosisCount),
    units: amount(r.units),
    charge: amount(r.charge),
    placeOfService: text(r.placeOfService),
    renderingProviderNpi: text(r.renderingProviderNpi),
    ndc: text(r.ndc),
    sameDayUnitsOfCode: 0,
    sameDayLinesOfCode: [],
    firstSameDayLineOfCode: true,
    raw: value,
  };
}

/** Units a payer adds up for a date-of-service unit limit (MUE adjudication indicators 2 and 3). */
function sumUnitsByDateAndCode(lines: LineView[]): void {
  // claims have a handful of lines: comparing every pair is cheaper than building keys
  for (const l of lines) {
    let total = 0;
    const same: number[] = [];
    for (const other of lines) {
      if (other.serviceDate !== l.serviceDate || other.procedureCode !== l.procedureCode) continue;
      same.push(other.number);
      if (other.units !== null) total += other.units;
    }
    l.sameDayUnitsOfCode = total;
    l.sameDayLinesOfCode = same;
    l.firstSameDayLineOfCode = same[0] === l.number;
  }
}

function latestValidDate(lines: readonly LineView[]): string | null {
  let latest: string | null = null;
  for (const l of lines) {
    const date = l.serviceDate;
    if (date !== null && (latest === null || date > latest) && isIsoDate(date)) latest = date;
  }
  return latest;
}

const toCents = (n: number): number => Math.round(n * 100);

export function normalizeClaim(raw: ClaimInput): ClaimView {
  const claim = record(raw);
  const rawDiagnoses = claim.diagnoses;
  const diagnoses = Array.isArray(rawDiagnoses) ? rawDiagnoses.map(code) : [];
  const rawLines = claim.lines;
  const lines = Array.isArray(rawLines) ? rawLines.map((l, i) => line(l, i, diagnoses.length)) : [];
  sumUnitsByDateAndCode(lines);
  const rawPatient = claim.patient;
  const relationship = code(record(rawPatient).relationship)?.toLowerCase() ?? null;
  const totalCharge = amount(claim.totalCharge);
  let lineCents = 0;
  for (const l of lines) if (l.charge !== null) lineCents += toCents(l.charge);
  const payer = record(claim.payer);
  const subscriber = record(claim.subscriber);
  const billing = record(claim.billingProvider);
  return {
    claimId: text(claim.claimId),
    type: text(claim.type),
    frequency: text(claim.frequency),
    originalClaimId: text(claim.originalClaimId),
    submissionDate: text(claim.submissionDate),
    payer: { id: text(payer.id), name: text(payer.name), kind: text(payer.kind)?.toLowerCase() ?? null },
    subscriber: Object.assign(person(subscriber), { memberId: text(subscriber.memberId), groupNumber: text(subscriber.groupNumber) }),
    patient: Object.assign(person(rawPatient), { relationship, isSubscriber: relationship === null || relationship === 'self' }),
    billingProvider: {
      npi: text(billing.npi),
      taxId: text(billing.taxId),
      name: text(billing.name),
      taxonomy: text(billing.taxonomy),
      address: address(billing.address),
    },
    renderingProvider: provider(claim.renderingProvider),
    referringProvider: provider(claim.referringProvider),
    placeOfService: text(claim.placeOfService),
    priorAuthorization: text(claim.priorAuthorization),
    diagnoses,
    diagnosisCount: diagnoses.length,
    diagnosisCodeSet: text(claim.diagnosisCodeSet)?.toLowerCase() ?? 'icd10',
    lastServiceDate: latestValidDate(lines),
    lines,
    lineCount: lines.length,
    totalCharge,
    lineChargeTotal: lineCents / 100,
    totalChargeMatchesLines: totalCharge !== null && toCents(totalCharge) === lineCents,
    raw,
  };
}

