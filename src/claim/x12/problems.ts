/**
 * What the 837 reader reports about the file itself, as `InputProblem`s. Each code has a
 * short meaning and a fix for the biller; the batch layer turns problems into findings
 * with the code as the rule id. Errors mean a field was not read or would be misread;
 * warnings mean the file breaks a rule of the format that does not change what was read.
 */
import { inputProblem, type InputProblem } from '../source.js';

export interface X12ProblemKind {
  meaning: string;
  fix: string;
}

export const X12_PROBLEMS = {
  'x12-control-count': {
    meaning: 'A trailer count (SE01, GE01 or IEA01) differs from what its envelope holds.',
    fix: 'Have the practice system regenerate the file; trailers are counted when the file is written.',
  },
  'x12-control-number': {
    meaning: 'A trailer control number (SE02, GE02 or IEA02) differs from its header (ST02, GS06 or ISA13).',
    fix: 'Have the practice system regenerate the file so each trailer repeats its header control number.',
  },
  'x12-version': {
    meaning: 'The file says it follows a different implementation guide than 837P 005010X222A1, or its headers disagree about the version.',
    fix: 'Send claims as 837P 005010X222A1 (GS08 and ST03 both 005010X222A1).',
  },
  'x12-isa-format': {
    meaning: 'The ISA header breaks its fixed format (field widths, or a separator that cannot be used).',
    fix: 'Correct the ISA header: each field has a fixed width and the file is 106 characters to the end of ISA16.',
  },
  'x12-envelope': {
    meaning: 'An ISA/GS/ST header or trailer is missing or out of place.',
    fix: 'Have the practice system regenerate the file; each ST..SE sits inside GS..GE inside ISA..IEA.',
  },
  'x12-truncated': {
    meaning: 'The file ends before the claim does; the claim may be missing lines or data.',
    fix: 'Export the file again: it was cut off before its trailers.',
  },
  'x12-unknown-segment': {
    meaning: 'A segment that does not belong where it stands in the 837P, or that has no valid segment id; its data was not read.',
    fix: 'Correct or remove the segment; check the loop it stands in against the 837P implementation guide.',
  },
  'x12-segment-order': {
    meaning: 'A segment stands out of its required order within its loop; it was read anyway.',
    fix: 'Put the segments of the loop in the order the 837P implementation guide gives.',
  },
  'x12-missing-loop': {
    meaning: 'A loop the 837P requires is missing, so the claim lacks the data it carries.',
    fix: 'Add the missing loop; the claim cannot be read fully without it.',
  },
  'x12-missing-element': {
    meaning: 'An element the 837P requires in its segment is empty.',
    fix: 'Fill in the element in the practice system and export again.',
  },
  'x12-missing-segment': {
    meaning: 'A segment the 837P requires is missing from its loop, so the claim lacks the data it carries.',
    fix: 'Add the missing segment to the loop.',
  },
  'x12-repeat': {
    meaning: 'A loop or segment appears more often than the 837P allows; the repeat was not read.',
    fix: 'Send the loop or segment once; put other parties or claims in loops of their own.',
  },
  'x12-hierarchy': {
    meaning: 'The HL hierarchy (billing provider, subscriber, patient) is broken.',
    fix: 'Number the HL segments so each subscriber HL names its billing provider HL, and each patient HL its subscriber HL.',
  },
  'x12-bad-value': {
    meaning: 'An element holds a value that cannot be read as what it should be (a date, an amount, a qualifier).',
    fix: 'Correct the element value in the practice system and export again.',
  },
  'x12-institutional': {
    meaning: 'The claim is an institutional claim (837I); only professional claims are checked.',
    fix: 'Scrub institutional claims with an 837I tool; send professional claims as 837P.',
  },
  'x12-not-a-claim': {
    meaning: 'A transaction set in the file is not an 837 claim (e.g. an 835 or 999); it was skipped.',
    fix: 'Send only 837P claim files to the scrubber.',
  },
  'x12-no-claims': {
    meaning: 'A transaction set holds no claim (no CLM segment).',
    fix: 'Check that the export holds the claims you meant to send.',
  },
} as const satisfies Record<string, X12ProblemKind>;

export type X12ProblemCode = keyof typeof X12_PROBLEMS;

/** How a problem names its segment: the count starts at the file's first ISA. */
export function segmentRef(segmentNumber: number): string {
  return `segment ${segmentNumber} (counting ISA as segment 1)`;
}

/** Where a segment sits, in the 837's own terms: `SV1 in loop 2400, segment 37`. */
export function segmentLocation(segmentId: string, loopId: string | null, segmentNumber: number): string {
  if (loopId === null) return `${segmentId}, segment ${segmentNumber}`;
  if (loopId === 'header') return `${segmentId} in the transaction header, segment ${segmentNumber}`;
  return `${segmentId} in loop ${loopId}, segment ${segmentNumber}`;
}

export function problem(
  severity: InputProblem['severity'],
  code: X12ProblemCode,
  message: string,
  location?: string,
  path?: string,
): InputProblem {
  return inputProblem(severity, code, message, location, path);
}
