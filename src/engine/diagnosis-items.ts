/**
 * The items a diagnosis is checked as. A diagnosis is judged on the date of service of each
 * line that points to it, as Medicare's front-end ICD-10 edits judge it, and the age edits
 * count the patient's age on that line's date: the code set version, its answer and the age
 * can differ from line to line when the lines straddle October 1 or a birthday. Lines whose
 * answers agree are one item, reported on the first of them; a diagnosis no line points to
 * is judged on the claim's date, and its facts say so.
 */
import type { ClaimView } from '../claim/normalize.js';
import { diagnosisCodeWithoutDot, diagnosisFacts, type PatientFacts, type ScrubContext } from './facts.js';
import type { Icd10Facts, MceFacts, ReferenceLookup } from './reference-facts.js';
import type { ClaimItem } from './items.js';

const NO_LINES: number[] = [];

/** What one diagnosis item is judged with, and the lines it stands for. */
interface Judgement {
  /** index of the first line judged so (its date names the item), or -1 for the claim's date */
  first: number;
  lines: number[];
  icd10: Icd10Facts;
  mce: MceFacts;
  patient: PatientFacts;
}

function sameAges(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two lines get the same answer: what rules test of the code set entry and the age.
 * The version labels may differ (FY2025 and FY2026 both list E11.9): that alone is not a
 * different verdict, and one finding is enough.
 */
function sameVerdict(j: Judgement, icd10: Icd10Facts, mce: MceFacts, patient: PatientFacts): boolean {
  if (j.patient.ageYears !== patient.ageYears) return false;
  const a = j.icd10;
  if (a !== icd10 && (a.loaded !== icd10.loaded || a.found !== icd10.found || a.billable !== icd10.billable || a.outOfRange !== icd10.outOfRange)) return false;
  const m = j.mce;
  if (m === mce) return true;
  return m.loaded === mce.loaded && m.found === mce.found && m.outOfRange === mce.outOfRange && m.sex === mce.sex && m.manifestation === mce.manifestation && sameAges(m.ages, mce.ages);
}

function pointsTo(pointers: readonly unknown[], position: number): boolean {
  for (let p = 0; p < pointers.length; p++) if (pointers[p] === position) return true;
  return false;
}

/** The date a diagnosis was judged on, in words, for messages. */
function judgedOnText(claim: ClaimView, first: number, claimDate: string, hasValidDate: boolean, validDates: ReadonlyArray<string | null>): string {
  if (first >= 0) {
    const line = claim.lines[first]!;
    const date = validDates[first];
    if (date !== null && date !== undefined) return `the date of service of line ${line.number} (${date})`;
    return hasValidDate
      ? `the claim's earliest date of service (${claimDate}), since line ${line.number} has no valid date of service`
      : `the filing date (${claimDate}), since no line has a valid date of service`;
  }
  return hasValidDate
    ? `the claim's earliest date of service (${claimDate}), since no line points to it`
    : `the filing date (${claimDate}), since no line points to it and no line has a valid date of service`;
}

export interface DiagnosisWalk {
  claim: ClaimView;
  context: ScrubContext;
  reference: ReferenceLookup;
  /** the earliest valid date of service, else the filing date */
  claimDate: string;
  /** the earliest valid date of service, or null */
  earliest: string | null;
  /** each line's date of service when it is a real date, else null */
  validDates: ReadonlyArray<string | null>;
  /** the patient on each line's date of service */
  linePatients: readonly PatientFacts[];
  patientOnClaimDate: PatientFacts;
}

/** Calls `visit` with the items of every diagnosis of the claim, in list order and, within one, in line order. */
export function visitDiagnoses(walk: DiagnosisWalk, visit: (item: ClaimItem) => void): void {
  const { claim, reference, claimDate, validDates, linePatients, patientOnClaimDate } = walk;
  const lines = claim.lines;
  for (let i = 0; i < claim.diagnoses.length; i++) {
    const code = diagnosisCodeWithoutDot(claim, i);
    let judgements: Judgement[] | undefined;
    // lines mostly share a date: its answers are looked up once
    let lastDate: string | undefined;
    let icd10: Icd10Facts | undefined;
    let mce: MceFacts | undefined;
    for (let k = 0; k < lines.length; k++) {
      if (!pointsTo(lines[k]!.diagnosisPointers, i + 1)) continue;
      const valid = validDates[k] ?? null;
      const date = valid ?? claimDate;
      if (date !== lastDate || icd10 === undefined || mce === undefined) {
        icd10 = reference.icd10(code, date);
        mce = reference.mce(code, date);
        lastDate = date;
      }
      // a line without a date of service of its own is judged on the claim's date, age included
      const patient = valid === null ? patientOnClaimDate : linePatients[k]!;
      let judgement: Judgement | undefined;
      if (judgements !== undefined) {
        for (let g = 0; g < judgements.length; g++) {
          if (sameVerdict(judgements[g]!, icd10, mce, patient)) {
            judgement = judgements[g];
            break;
          }
        }
      }
      if (judgement === undefined) {
        judgement = { first: k, lines: [], icd10, mce, patient };
        if (judgements === undefined) judgements = [judgement];
        else judgements.push(judgement);
      }
      judgement.lines.push(lines[k]!.number);
    }
    if (judgements === undefined) {
      visitOne(walk, code, i, { first: -1, lines: NO_LINES, icd10: reference.icd10(code, claimDate), mce: reference.mce(code, claimDate), patient: patientOnClaimDate }, visit);
      continue;
    }
    for (let g = 0; g < judgements.length; g++) visitOne(walk, code, i, judgements[g]!, visit);
  }
}

function visitOne(walk: DiagnosisWalk, code: string | null, index: number, judgement: Judgement, visit: (item: ClaimItem) => void): void {
  const { claim, context, claimDate, earliest, validDates } = walk;
  const first = judgement.first;
  const lineDate = first >= 0 ? (validDates[first] ?? null) : null;
  const diagnosis = diagnosisFacts(claim, index, code, {
    serviceDate: lineDate ?? claimDate,
    dateSource: lineDate !== null ? 'line' : 'claim',
    lines: judgement.lines,
    judgedOn: judgedOnText(claim, first, claimDate, earliest !== null, validDates),
  });
  visit({
    scope: 'diagnosis',
    facts: { claim, context, diagnosis, patient: judgement.patient, icd10: judgement.icd10, mce: judgement.mce },
    line: first >= 0 ? claim.lines[first]!.number : null,
    index,
    serviceDate: lineDate ?? earliest,
  });
}
