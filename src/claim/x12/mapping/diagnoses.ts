/**
 * HI in loop 2300: the claim's diagnoses, each a composite of a code list qualifier
 * (ABK/ABF ICD-10-CM, BK/BF ICD-9-CM) and the code. A claim uses one code set; HI segments
 * of other qualifiers (anesthesia procedures, condition codes) hold no diagnoses.
 */
import type { ClaimDraft } from '../drafts.js';
import { problem, segmentLocation, segmentRef } from '../problems.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';
import { quote } from '../values.js';
import { separatorHint } from './read.js';

/** HI qualifiers of 837P HI segments that hold no diagnoses (anesthesia procedures, condition codes). */
const NON_DIAGNOSIS_HI = new Set(['BP', 'BO', 'BG']);
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'BK', 'BF']);

const hiName = (position: number): string => `HI${position < 10 ? '0' : ''}${position}`;

export function mapHi(s: ReadState, claim: ClaimDraft, el: SegmentView, n: number): void {
  const component = s.component;
  claim.hiAt ||= n;
  const split: string[] = [];
  for (let i = 1; i < el.count; i++) {
    const value = el.value(i);
    if (value === null) continue;
    // HI0n: qualifier, code, then date and amount components that professional claims leave empty
    const codeAt = value.indexOf(component);
    let qualifier = codeAt === -1 ? value : value.slice(0, codeAt);
    let code = '';
    if (codeAt !== -1) {
      const codeEnd = value.indexOf(component, codeAt + 1);
      code = (codeEnd === -1 ? value.slice(codeAt + 1) : value.slice(codeAt + 1, codeEnd)).trim();
    }
    // `HI*BK*8901`: qualifier and code sent as two elements instead of one composite
    const next = codeAt === -1 && DIAGNOSIS_QUALIFIERS.has(qualifier) ? el.value(i + 1) : null;
    if (next !== null && !next.includes(component) && !DIAGNOSIS_QUALIFIERS.has(next)) {
      code = next;
      split.push(`${hiName(i)}-${hiName(i + 1)} ${quote(qualifier)} ${quote(next)}`);
      i++;
    }
    let codeSet: 'icd9' | 'icd10';
    if (qualifier === 'ABK' || qualifier === 'ABF') codeSet = 'icd10';
    else if (qualifier === 'BK' || qualifier === 'BF') codeSet = 'icd9';
    else if (NON_DIAGNOSIS_HI.has(qualifier)) {
      if (i === 1) return; // an anesthesia-procedure or condition-code HI, not diagnoses
      continue;
    } else {
      qualifier = qualifier.length > 0 ? qualifier : value;
      s.scope().push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is ${quote(value)}, whose qualifier is not a diagnosis code list qualifier (ABK/ABF for ICD-10-CM, BK/BF for ICD-9-CM)${separatorHint(component, value)}; the diagnosis was not read.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
      continue;
    }
    if (code.length === 0) {
      s.scope().push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is ${quote(value)}: a qualifier without a diagnosis code (expected ${qualifier}${component}code); the diagnosis was not read.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
      continue;
    }
    if (claim.codeSet === null) claim.codeSet = codeSet;
    else if (claim.codeSet !== codeSet) {
      claim.problems.push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is an ${codeSet === 'icd9' ? 'ICD-9-CM' : 'ICD-10-CM'} diagnosis (${qualifier}) on a claim whose first diagnosis is ${claim.codeSet === 'icd9' ? 'ICD-9-CM' : 'ICD-10-CM'}; a claim uses one code set.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
    }
    claim.diagnoses.push(code);
    claim.diagnosisAt.push(n);
  }
  if (split.length > 0) {
    claim.problems.push(problem('error', 'x12-bad-value', `HI at ${segmentRef(n)} sends qualifier and code as separate elements (${split.join(', ')}) instead of one composite (qualifier${component}code); they were read as pairs.`, segmentLocation('HI', '2300', n), 'diagnoses'));
  }
}
