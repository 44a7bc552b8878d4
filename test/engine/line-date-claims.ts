/**
 * Claims whose lines fall on both sides of a date that changes a verdict: October 1, 2025
 * (ICD-10-CM FY2025 to FY2026) and a patient's birthday. Built on the contract's example
 * claim (Medicare, the subscriber is the patient), with real codes of the committed
 * excerpts of the official tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimInput } from '../../src/contract/claim.js';
import { REPO_ROOT } from '../support/paths.js';

const example = (JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, any>>)[0]!;

export interface DatedLine {
  date: string;
  pointers: number[];
  code?: string;
}

/** The example claim with these diagnoses and lines (100.00 each), filed ten days after its last valid date of service. */
export function datedClaim(diagnoses: string[], lines: DatedLine[], subscriber: Record<string, unknown> = {}): ClaimInput {
  const built = lines.map((l) => ({ ...example.lines[0], serviceDate: l.date, procedureCode: l.code ?? '99213', diagnosisPointers: l.pointers, charge: 100 }));
  const last = lines.map((l) => l.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().pop() ?? '2025-10-01';
  const filed = new Date(Date.parse(last) + 10 * 86_400_000).toISOString().slice(0, 10);
  return { ...structuredClone(example), submissionDate: filed, subscriber: { ...example.subscriber, ...subscriber }, diagnoses, lines: built, totalCharge: 100 * built.length };
}

export const SEPT_30 = '2025-09-30';
export const OCT_1 = '2025-10-01';

/** Born on October 1: 17 or 64 on September 30, 2025, 18 or 65 the next day. */
export const TURNS_18 = { birthDate: '2007-10-01' };
export const TURNS_65 = { birthDate: '1960-10-01' };

export const LINE_DATE_CLAIMS = {
  /** S30.1XXA (contusion of abdominal wall) is in FY2025 and was deleted from FY2026 */
  deletedCodeAcrossOct1: datedClaim(['S30.1XXA'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }]),
  deletedCodeBeforeOct1: datedClaim(['S30.1XXA'], [{ date: SEPT_30, pointers: [1] }, { date: SEPT_30, pointers: [1], code: '36415' }]),
  deletedCodeLinesReversed: datedClaim(['S30.1XXA'], [{ date: OCT_1, pointers: [1] }, { date: SEPT_30, pointers: [1] }]),
  /** only the September line points to the deleted code; the October line to E11.9 */
  deletedCodeOnlyBeforeOct1: datedClaim(['S30.1XXA', 'E11.9'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [2] }]),
  /** B88.01 was added in FY2026 */
  addedCodeAcrossOct1: datedClaim(['B88.01'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }]),
  /** B88.0 is a full code in FY2025 and a header in FY2026; two October lines fail alike */
  headerAfterOct1: datedClaim(['B88.0'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }, { date: '2025-10-02', pointers: [1], code: '36415' }]),
  /** no line points to the deleted code: it is judged on the earliest date of service */
  unpointedDeletedCodeEarliestBefore: datedClaim(['E11.9', 'S30.1XXA'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }]),
  unpointedDeletedCodeEarliestAfter: datedClaim(['E11.9', 'S30.1XXA'], [{ date: '2025-10-02', pointers: [1] }, { date: OCT_1, pointers: [1] }]),
  /** A48.51 (infant botulism) is a pediatric (0-17) diagnosis */
  pediatricTurns18: datedClaim(['A48.51'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }], TURNS_18),
  pediatricBefore18: datedClaim(['A48.51'], [{ date: '2025-09-29', pointers: [1] }, { date: SEPT_30, pointers: [1] }], TURNS_18),
  /** O80 is a maternity (9-64) and female-only diagnosis; recorded male, both edits apply */
  maternityTurns65: datedClaim(['O80'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }], TURNS_65),
  maternityTurns65Male: datedClaim(['O80'], [{ date: SEPT_30, pointers: [1] }, { date: OCT_1, pointers: [1] }], { ...TURNS_65, sex: 'M' }),
  /** 99396 is the established-patient preventive visit for ages 40-64 */
  preventiveTurns65: datedClaim(['Z00.00'], [{ date: SEPT_30, pointers: [1], code: '99396' }, { date: OCT_1, pointers: [1], code: '99396' }], TURNS_65),
  /** 99394 is the established-patient preventive visit for ages 12-17 */
  preventiveTurns18: datedClaim(['Z00.00'], [{ date: SEPT_30, pointers: [1], code: '99394' }, { date: OCT_1, pointers: [1], code: '99394' }], TURNS_18),
} satisfies Record<string, ClaimInput>;
