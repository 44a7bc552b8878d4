/**
 * What a reader could not read cleanly, as findings a biller reads like any other: an
 * input problem is a reason the claim cannot be sent as it is, so it sits in the result
 * beside the rule findings, with the place in the file where it was found. The readers'
 * catalogs say what each problem code means and how to fix it.
 */
import { FHIR_PROBLEMS } from '../claim/fhir/index.js';
import type { ClaimFromFile, InputProblem } from '../claim/source.js';
import { X12_PROBLEMS } from '../claim/x12/index.js';
import type { Finding } from '../engine/finding.js';

/** The finding category of every input problem. */
export const INPUT_CATEGORY = 'input';

/** CARC 16: claim lacks information or has submission/billing errors — what a payer answers to a claim it cannot read. */
const UNREADABLE_CARC = '16';

interface ProblemKind {
  meaning: string;
  fix: string;
}

/** The JSON reader's and the batch's own problems. */
const OWN_PROBLEMS: Record<string, ProblemKind> = {
  'json-syntax': {
    meaning: 'This record of the file is not valid JSON, so nothing of the claim could be read.',
    fix: 'Correct the JSON at the line and column given (a missing comma, quote or bracket is the usual cause), or export the claim again.',
  },
  'json-not-a-claim': {
    meaning: 'This value of the file is not a claim: a claim is a JSON object with a "lines" array of its service lines.',
    fix: 'Write the claim in the shape of the claim JSON contract, with its service lines under "lines", or remove the value from the file.',
  },
  'claim-unreadable': {
    meaning: 'The claim could not be read from the file.',
    fix: 'Export the claim again from the system that produced the file.',
  },
  'claim-type-not-supported': {
    meaning: 'Only professional claims (837P, CMS-1500) are checked; the professional rules would say wrong things of another kind of claim.',
    fix: 'Check institutional claims with a tool for 837I claims; send professional claims as 837P.',
  },
};

const FHIR_FIX = 'Correct the resource in the system that produced it (the FHIR path is given) and send it again.';

function kindOf(code: string): ProblemKind | undefined {
  if (Object.hasOwn(X12_PROBLEMS, code)) return X12_PROBLEMS[code as keyof typeof X12_PROBLEMS];
  if (Object.hasOwn(FHIR_PROBLEMS, code)) {
    const meaning = FHIR_PROBLEMS[code as keyof typeof FHIR_PROBLEMS];
    return { meaning: `In the FHIR input, ${meaning}.`, fix: FHIR_FIX };
  }
  return Object.hasOwn(OWN_PROBLEMS, code) ? OWN_PROBLEMS[code] : undefined;
}

const LINE_PATH = /^lines\[(\d+)\]/;

/** The 1-based service line a contract path points into, or null for a claim-level path. */
function lineOfPath(path: string | undefined): number | null {
  const match = path === undefined ? null : LINE_PATH.exec(path);
  return match ? Number(match[1]) + 1 : null;
}

export function findingFromProblem(problem: InputProblem, claim: Pick<ClaimFromFile, 'locate'>): Finding {
  const isError = problem.severity === 'error';
  const kind = kindOf(problem.code);
  const consequence = isError
    ? 'The claim cannot be checked or sent as it is: a payer rejects a claim with missing or unreadable data with CARC 16 (claim lacks information or has submission/billing errors).'
    : 'The claim was read and checked, but clearinghouses and payers that validate files strictly may refuse the file, or the batch it is in.';
  const finding: Finding = {
    ruleId: problem.code,
    category: INPUT_CATEGORY,
    severity: problem.severity,
    carc: isError ? UNREADABLE_CARC : null,
    rarc: [],
    line: lineOfPath(problem.where?.field),
    path: problem.where?.field ?? null,
    message: problem.message,
    explanation: kind ? `${kind.meaning} ${consequence}` : consequence,
    fix: kind?.fix ?? 'Correct the claim in the system that produced the file, export the file again and scrub the new file.',
  };
  const field = problem.where?.field;
  const location = problem.where?.location ?? (field === undefined ? undefined : claim.locate?.(field));
  if (location !== undefined) finding.location = location;
  return finding;
}
