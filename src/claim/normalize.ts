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
  raw: Record<string, unknown>;
}

import { display } from './display.js';
import { isIsoDate } from './dates.js';
import { isObject, type Json } from './json.js';

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
  return {
    line1: text(record(value).line1),
    city: text(record(value).city),
    state: code(record(value).state),
    zip: text(record(value).zip),
  };
}

function person(value: unknown): PersonView {
  return {
    firstName: text(record(value).firstName),
    lastName: text(record(value).lastName),
    birthDate: text(record(value).birthDate),
    sex: code(record(value).sex),
    address: address(record(value).address),
  };
}

function provider(value: unknown): ProviderView {
  return {
    present: isObject(value),
    npi: text(record(value).npi),
    firstName: text(record(value).firstName),
    lastName: text(record(value).lastName),
  };
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
  const rawModifiers = record(value).modifiers;
  const modifiers = Array.isArray(rawModifiers) && rawModifiers.length > 0 ? rawModifiers.map((m) => code(m) ?? '') : NONE;
  const rawPointers = record(value).diagnosisPointers;
  const diagnosisPointers = Array.isArray(rawPointers) ? rawPointers : [];
  return {
    number: index + 1,
    index,
    serviceDate: text(record(value).serviceDate),
    serviceDateEnd: text(record(value).serviceDateEnd),
    procedureCode: code(record(value).procedureCode),
    modifiers,
    modifierCount: modifiers.length,
    diagnosisPointers,
    pointerCount: diagnosisPointers.length,
    invalidPointers: pointerProblems(diagnosisPointers, diagnosisCount),
    units: amount(record(value).units),
    charge: amount(record(value).charge),
    placeOfService: text(record(value).placeOfService),
    renderingProviderNpi: text(record(value).renderingProviderNpi),
    ndc: text(record(value).ndc),
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

export function normalizeClaim(raw: Json): ClaimView {
  const rawDiagnoses = record(raw).diagnoses;
  const diagnoses = Array.isArray(rawDiagnoses) ? rawDiagnoses.map(code) : [];
  const rawLines = record(raw).lines;
  const lines = Array.isArray(rawLines) ? rawLines.map((l, i) => line(l, i, diagnoses.length)) : [];
  sumUnitsByDateAndCode(lines);
  const rawPatient = record(raw).patient;
  const relationship = code(record(rawPatient).relationship)?.toLowerCase() ?? null;
  const totalCharge = amount(record(raw).totalCharge);
  let lineCents = 0;
  for (const l of lines) if (l.charge !== null) lineCents += toCents(l.charge);
  const payer = record(raw).payer;
  const subscriber = record(raw).subscriber;
  const billing = record(raw).billingProvider;
  return {
    claimId: text(record(raw).claimId),
    type: text(record(raw).type),
    frequency: text(record(raw).frequency),
    originalClaimId: text(record(raw).originalClaimId),
    submissionDate: text(record(raw).submissionDate),
    payer: { id: text(record(payer).id), name: text(record(payer).name), kind: text(record(payer).kind)?.toLowerCase() ?? null },
    subscriber: Object.assign(person(subscriber), { memberId: text(record(subscriber).memberId), groupNumber: text(record(subscriber).groupNumber) }),
    patient: Object.assign(person(rawPatient), { relationship, isSubscriber: relationship === null || relationship === 'self' }),
    billingProvider: {
      npi: text(record(billing).npi),
      taxId: text(record(billing).taxId),
      name: text(record(billing).name),
      taxonomy: text(record(billing).taxonomy),
      address: address(record(billing).address),
    },
    renderingProvider: provider(record(raw).renderingProvider),
    referringProvider: provider(record(raw).referringProvider),
    placeOfService: text(record(raw).placeOfService),
    priorAuthorization: text(record(raw).priorAuthorization),
    diagnoses,
    diagnosisCount: diagnoses.length,
    diagnosisCodeSet: text(record(raw).diagnosisCodeSet)?.toLowerCase() ?? 'icd10',
    lastServiceDate: latestValidDate(lines),
    lines,
    lineCount: lines.length,
    totalCharge,
    lineChargeTotal: lineCents / 100,
    totalChargeMatchesLines: totalCharge !== null && toCents(totalCharge) === lineCents,
    raw,
  };
}

