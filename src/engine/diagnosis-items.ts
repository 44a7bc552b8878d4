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
function sameVerdict(icdA: Icd10Facts, mceA: MceFacts, ageA: number | null, icdB: Icd10Facts, mceB: MceFacts, ageB: number | null): boolean {
  if (ageA !== ageB) return false;
  if (icdA !== icdB && (icdA.loaded !== icdB.loaded || icdA.found !== icdB.found || icdA.billable !== icdB.billable || icdA.outOfRange !== icdB.outOfRange)) return false;
  if (mceA === mceB) return true;
  return mceA.loaded === mceB.loaded && mceA.found === mceB.found && mceA.outOfRange === mceB.outOfRange && mceA.sex === mceB.sex && mceA.manifestation === mceB.manifestation && sameAges(mceA.ages, mceB.ages);
}

/** A verdict other than a diagnosis's first: rare (lines across October 1 or a birthday), so an object of its own. */
interface OtherJudgement {
  first: number;
  lines: number[];
  icd10: Icd10Facts;
  mce: MceFacts;
  patient: PatientFacts;
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
  const texts: JudgedOnTexts = { byLine: undefined, unpointed: undefined };
  for (let i = 0; i < claim.diagnoses.length; i++) {
    const code = diagnosisCodeWithoutDot(claim, i);
    // the first verdict is kept in locals: most diagnoses have no other
    let first = -1;
    let firstLines: number[] = NO_LINES;
    let firstIcd: Icd10Facts | undefined;
    let firstMce: MceFacts | undefined;
    let firstPatient: PatientFacts = patientOnClaimDate;
    let others: OtherJudgement[] | undefined;
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
      const number = lines[k]!.number;
      if (firstIcd === undefined || firstMce === undefined) {
        first = k;
        firstLines = [number];
        firstIcd = icd10;
        firstMce = mce;
        firstPatient = patient;
        continue;
      }
      if (sameVerdict(firstIcd, firstMce, firstPatient.ageYears, icd10, mce, patient.ageYears)) {
        firstLines.push(number);
        continue;
      }
      let other: OtherJudgement | undefined;
      if (others !== undefined) {
        for (let g = 0; g < others.length; g++) {
          const o = others[g]!;
          if (sameVerdict(o.icd10, o.mce, o.patient.ageYears, icd10, mce, patient.ageYears)) {
            other = o;
            break;
          }
        }
      }
      if (other === undefined) {
        other = { first: k, lines: [], icd10, mce, patient };
        if (others === undefined) others = [other];
        else others.push(other);
      }
      other.lines.push(number);
    }
    if (firstIcd === undefined || firstMce === undefined) {
      visitOne(walk, texts, code, i, -1, NO_LINES, reference.icd10(code, claimDate), reference.mce(code, claimDate), patientOnClaimDate, visit);
      continue;
    }
    visitOne(walk, texts, code, i, first, firstLines, firstIcd, firstMce, firstPatient, visit);
    if (others === undefined) continue;
    for (let g = 0; g < others.length; g++) {
      const o = others[g]!;
      visitOne(walk, texts, code, i, o.first, o.lines, o.icd10, o.mce, o.patient, visit);
    }
  }
}

/** The words for each date a claim's diagnoses are judged on, worked out once per claim: diagnoses share lines. */
interface JudgedOnTexts {
  byLine: Array<string | undefined> | undefined;
  unpointed: string | undefined;
}

function judgedOn(walk: DiagnosisWalk, texts: JudgedOnTexts, first: number): string {
  const { claim, claimDate, earliest, validDates } = walk;
  if (first < 0) return (texts.unpointed ??= judgedOnText(claim, first, claimDate, earliest !== null, validDates));
  const byLine = (texts.byLine ??= new Array<string | undefined>(claim.lines.length));
  return (byLine[first] ??= judgedOnText(claim, first, claimDate, earliest !== null, validDates));
}

function visitOne(
  walk: DiagnosisWalk,
  texts: JudgedOnTexts,
  code: string | null,
  index: number,
  first: number,
  lines: number[],
  icd10: Icd10Facts,
  mce: MceFacts,
  patient: PatientFacts,
  visit: (item: ClaimItem) => void,
): void {
  const { claim, context, claimDate, earliest, validDates } = walk;
  const lineDate = first >= 0 ? (validDates[first] ?? null) : null;
  const diagnosis = diagnosisFacts(claim, index, code, lineDate ?? claimDate, lineDate !== null ? 'line' : 'claim', lines, judgedOn(walk, texts, first));
  visit({
    scope: 'diagnosis',
    facts: { claim, context, diagnosis, patient, icd10, mce },
    line: first >= 0 ? claim.lines[first]!.number : null,
    index,
    serviceDate: lineDate ?? earliest,
  });
}
