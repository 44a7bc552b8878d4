/**
 * The facts of each scope for one claim. A claim is scrubbed as one claim-scope item,
 * one item per diagnosis, one per line and one per pair of lines; each item is a plain
 * object of named facts (see rules/facts-catalog.ts) that both evaluators read.
 */
import { ageInYears, parseIsoDate, type CalendarDate } from '../claim/dates.js';
import type { ClaimView, LineView } from '../claim/normalize.js';
import { filingWindow, type FilingWindow } from '../payers/filing.js';
import type { PayerProfile } from '../payers/profile.js';
import type { GlobalSurgeryFacts } from './global-surgery.js';
import { lineHistory, type ClaimPast, type HistoryFacts } from './history.js';
import type { AddOnFacts, PfsFacts, HcpcsFacts, Icd10Facts, MceFacts, MueFacts, PosFacts, PtpFacts, ReferenceLookup, ReferenceSummaryFacts } from './reference-facts.js';

export interface ScrubContext {
  asOf: string;
  filingDate: string;
  filingDateSource: 'submissionDate' | 'asOf';
}

export interface DiagnosisFacts {
  position: number;
  code: string | null;
  codeWithoutDot: string | null;
  /** the claim's diagnosis code set: icd10 unless the claim says icd9 */
  codeSet: string;
  raw: unknown;
  /** the date of service the diagnosis is judged on: that of the first line pointing to it with this answer */
  serviceDate: string;
  /** line when that date is a line's own date of service, claim when it is the claim's */
  dateSource: 'line' | 'claim';
  /** numbers of the lines pointing to the diagnosis that are judged alike (none when no line points to it) */
  lines: number[];
  /** that date, in words for messages */
  judgedOn: string;
}

export interface PatientFacts {
  ageYears: number | null;
  sex: string | null;
  birthDate: string | null;
  isSubscriber: boolean;
}

export interface PairFacts {
  first: LineView;
  second: LineView;
  sameServiceDate: boolean;
  identical: boolean;
}

export interface ScopeFacts {
  claim: ClaimView;
  context: ScrubContext;
  reference?: ReferenceSummaryFacts;
  pos?: PosFacts;
  diagnosis?: DiagnosisFacts;
  icd10?: Icd10Facts;
  mce?: MceFacts;
  line?: LineView;
  patient?: PatientFacts;
  filing?: FilingWindow | null;
  hcpcs?: HcpcsFacts;
  mue?: MueFacts;
  pfs?: PfsFacts;
  addOn?: AddOnFacts;
  pair?: PairFacts;
  ptp?: PtpFacts;
  history?: HistoryFacts;
  globalSurgery?: GlobalSurgeryFacts;
}

export function scrubContext(claim: ClaimView, asOf: string): ScrubContext {
  const submitted = parseIsoDate(claim.submissionDate);
  return submitted
    ? { asOf, filingDate: claim.submissionDate as string, filingDateSource: 'submissionDate' }
    : { asOf, filingDate: asOf, filingDateSource: 'asOf' };
}

/** The code of a diagnosis without its dot, as the code sets are keyed. */
export function diagnosisCodeWithoutDot(claim: ClaimView, index: number): string | null {
  const code = claim.diagnoses[index] ?? null;
  return code === null ? null : code.replace('.', '');
}

export function diagnosisFacts(
  claim: ClaimView,
  index: number,
  codeWithoutDot: string | null,
  serviceDate: string,
  dateSource: 'line' | 'claim',
  lines: number[],
  judgedOn: string,
): DiagnosisFacts {
  return {
    position: index + 1,
    code: claim.diagnoses[index] ?? null,
    codeWithoutDot,
    codeSet: claim.diagnosisCodeSet,
    raw: (claim.raw.diagnoses as unknown[])[index],
    serviceDate,
    dateSource,
    lines,
    judgedOn,
  };
}

/** The patient whose age and sex the edits use: the subscriber when the patient is the subscriber. */
export function patientOf(claim: ClaimView): { person: ClaimView['subscriber'] | ClaimView['patient']; birth: CalendarDate | null } {
  const person = claim.patient.isSubscriber ? claim.subscriber : claim.patient;
  return { person, birth: parseIsoDate(person.birthDate) };
}

export function patientOn(claim: ClaimView, patient: ReturnType<typeof patientOf>, serviceDate: CalendarDate | null): PatientFacts {
  return {
    ageYears: patient.birth && serviceDate ? ageInYears(patient.birth, serviceDate) : null,
    sex: patient.person.sex,
    birthDate: patient.person.birthDate,
    isSubscriber: claim.patient.isSubscriber,
  };
}

export function lineFacts(
  claim: ClaimView,
  context: ScrubContext,
  line: LineView,
  patient: PatientFacts,
  lookupDate: string,
  profile: PayerProfile | undefined,
  reference: ReferenceLookup,
  sameDay: readonly LineView[],
  past: ClaimPast,
  serviceDate: CalendarDate | null,
  globalSurgery: GlobalSurgeryFacts,
  pfs: PfsFacts,
): ScopeFacts {
  return {
    claim,
    context,
    line,
    patient,
    filing: profile ? filingWindow(profile, line.serviceDate, context.filingDate, context.filingDateSource) : null,
    hcpcs: reference.hcpcs(line, lookupDate),
    mue: reference.mue(line, lookupDate),
    pos: reference.pos(line.placeOfService, lookupDate),
    pfs,
    addOn: reference.addOn(line, sameDay, lookupDate),
    history: lineHistory(past, claim, line, serviceDate, reference),
    globalSurgery,
  };
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  const sortedB = [...b].sort();
  return [...a].sort().every((m, i) => m === sortedB[i]);
}

/**
 * The facts of two lines; written into `into` when given (the fast path refills one object
 * for every pair). `firstDateValid` says whether the first line's date of service is a real date.
 */
export function pairFacts(first: LineView, second: LineView, firstDateValid: boolean, into?: PairFacts): PairFacts {
  const sameServiceDate = firstDateValid && first.serviceDate === second.serviceDate;
  const identical =
    first.procedureCode !== null &&
    first.procedureCode === second.procedureCode &&
    sameServiceDate &&
    first.serviceDateEnd === second.serviceDateEnd &&
    sameModifiers(first.modifiers, second.modifiers);
  if (into === undefined) return { first, second, sameServiceDate, identical };
  into.first = first;
  into.second = second;
  into.sameServiceDate = sameServiceDate;
  into.identical = identical;
  return into;
}
