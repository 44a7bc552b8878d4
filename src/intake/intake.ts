/**
 * The one way a claim reaches the rules, whatever door it came through: `check`, a batch
 * upload, `POST /api/scrub` and `/api/scrub/text`, a claim sent with a chat message, and a
 * what-if the assistant scrubs. Bytes (a file, a stream, a body) or a JSON value already
 * parsed go in with a name and an as-of date; each claim comes out with its result. The
 * intake tells the format, reads the claim, keeps institutional claims from the
 * professional rules, turns reader problems into findings, places each finding in the file
 * and picks the evaluator, so no door can scrub a claim differently from another.
 */
import { refuseDeepValue } from '../claim/json-depth.js';
import { readClaims, readParsedClaims, type ClaimSource } from '../claim/read.js';
import type { ClaimFromFile, InputFormat, InputProblem } from '../claim/source.js';
import { looksLikeX12, readX12Text } from '../claim/x12/index.js';
import type { ClaimInput } from '../contract/claim.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { ClaimHistory } from '../engine/history.js';
import { ScrubjayError, type ErrorCode } from '../errors.js';
import type { ReferenceData } from '../reference/types.js';
import { createBatchScrubber, scrubClaimFromFile, type BatchResult, type BatchScrubber } from './scrub-read.js';

export interface IntakeOptions {
  /** the rule set in force for this intake's claims */
  rules: PreparedRuleSet;
  /** the date the scrub runs as, YYYY-MM-DD */
  asOf: string;
  reference?: ReferenceData;
  /** `jre` evaluates with json-rules-engine itself; results are identical, only slower */
  engine?: 'fast' | 'jre';
  /** the most claims one input may hold; past it the input is refused (SJ_INPUT_TOO_LARGE) */
  maxClaims?: number;
  /** the patients' earlier claims, for history edits (the store's, or a data folder's journal) */
  history?: ClaimHistory;
}

/** One claim as the intake read it, and its result. */
export interface Intaken {
  format: InputFormat;
  /** the claim in the contract's shape; null when nothing usable could be read (nothing to keep) */
  claim: ClaimInput | null;
  result: BatchResult;
  /**
   * When the record is not a claim at all (a broken NDJSON line, a value without `lines`),
   * what its reader said; `check` exits 2 for such input though the other claims are scrubbed.
   */
  unusable: readonly InputProblem[];
}

/** A claim that was read (so there is something to keep), and its result. */
export type KnownClaim = Intaken & { claim: ClaimInput };

export interface FileOptions {
  /** told of every piece of the input as it is read, with its size in bytes (for progress) */
  onBytes?: (bytes: number) => void;
}

/** Reader problems that mean a record is not a claim at all (as opposed to a claim read with problems), and the error each is. */
const UNUSABLE_RECORD: ReadonlyMap<string, ErrorCode> = new Map([
  ['json-syntax', 'SJ_INPUT_NOT_JSON'],
  ['json-not-a-claim', 'SJ_INPUT_NOT_A_CLAIM'],
]);

/** The catalog code of a problem that makes a record unusable (one of `Intaken.unusable`). */
export function unusableCode(problem: InputProblem): ErrorCode {
  return UNUSABLE_RECORD.get(problem.code) ?? 'SJ_INPUT_NOT_A_CLAIM';
}
const NONE: readonly InputProblem[] = Object.freeze([]);

export class Intake {
  private readonly scrubber: BatchScrubber;
  private readonly maxClaims: number;

  constructor(options: IntakeOptions) {
    this.scrubber = createBatchScrubber(options.rules, { asOf: options.asOf, ...(options.reference ? { reference: options.reference } : {}), ...(options.history ? { history: options.history } : {}) }, options.engine ?? 'fast');
    this.maxClaims = options.maxClaims ?? Number.POSITIVE_INFINITY;
  }

  get asOf(): string {
    return this.scrubber.asOf;
  }

  get rulesetVersion(): string {
    return this.scrubber.rulesetVersion;
  }

  /**
   * The claims of a file, stream or body in any format Scrubjay reads, told by content, each
   * with its result, in input order; each is scrubbed before the next is read. Input that
   * cannot be read at all throws a ScrubjayError naming `name` (and the line or segment).
   */
  async *file(source: ClaimSource, name: string, options: FileOptions = {}): AsyncGenerator<Intaken> {
    let count = 0;
    const max = this.maxClaims;
    // a JSON document's array is counted before its first claim is scrubbed
    const onDocumentValues = (values: number): void => {
      if (values > max) throw tooMany(name, max);
    };
    for await (const item of readClaims(source, name, { onDocumentValues, ...(options.onBytes ? { onBytes: options.onBytes } : {}) })) {
      if (++count > this.maxClaims) throw tooMany(name, this.maxClaims);
      const scrubbed = scrubClaimFromFile(item, this.scrubber);
      yield intaken(item, scrubbed instanceof Promise ? await scrubbed : scrubbed);
    }
  }

  /**
   * The claims of a JSON value already parsed (a request body, a socket payload), read as a
   * JSON file holding it would be: a claim, a FHIR Claim, ExplanationOfBenefit or Bundle, or
   * an array of them; a string holding an 837 is read as that 837. A value nested too deeply
   * to be a claim is refused (SJ_INPUT_TOO_DEEP). With the fast evaluator the answer is synchronous.
   */
  json(value: unknown, name: string): Intaken[] | Promise<Intaken[]> {
    // counted before a claim is read: a huge array costs nothing more than this
    if (Array.isArray(value) && value.length > this.maxClaims) throw tooMany(name, this.maxClaims);
    // a parsed body or payload comes here as it is: refused before anything walks it by recursion
    refuseDeepValue(value, name);
    const items = typeof value === 'string' && looksLikeX12(value) ? readX12Text(value, name) : readParsedClaims(value, name);
    if (items.length > this.maxClaims) throw tooMany(name, this.maxClaims);
    return this.all(items);
  }

  /** A claim built in the program (a what-if's changed copy), scrubbed as a claim read from JSON is. */
  claim(claim: ClaimInput, name: string): KnownClaim | Promise<KnownClaim> {
    const item: ClaimFromFile = { format: 'json', file: name, index: 0, claim, problems: [] };
    const scrubbed = scrubClaimFromFile(item, this.scrubber);
    return scrubbed instanceof Promise ? scrubbed.then((result) => intaken(item, result) as KnownClaim) : (intaken(item, scrubbed) as KnownClaim);
  }

  private all(items: readonly ClaimFromFile[]): Intaken[] | Promise<Intaken[]> {
    const scrubbed = items.map((item) => scrubClaimFromFile(item, this.scrubber));
    const withClaims = (results: readonly BatchResult[]): Intaken[] => results.map((result, index) => intaken(items[index]!, result));
    // the fast evaluator answers at once: no promise to wait for then
    return scrubbed.some((r) => r instanceof Promise) ? Promise.all(scrubbed).then(withClaims) : withClaims(scrubbed as BatchResult[]);
  }
}

function intaken(item: ClaimFromFile, result: BatchResult): Intaken {
  return { format: item.format, claim: item.claim, result, unusable: item.claim === null ? unusableProblems(item.problems) : NONE };
}

function unusableProblems(problems: readonly InputProblem[]): readonly InputProblem[] {
  const unusable = problems.filter((p) => UNUSABLE_RECORD.has(p.code));
  return unusable.length === 0 ? NONE : unusable;
}

function tooMany(name: string, max: number): ScrubjayError {
  return new ScrubjayError('SJ_INPUT_TOO_LARGE', `${name} holds more than ${max} claims; scrub it as a file of claims (POST /api/batch or \`scrubjay check\`) instead`, { file: name });
}

/**
 * For the doors that take one JSON value (the contract's JSON body, a chat message's
 * claim): a value that is not a claim at all is a bad request, refused with what is wrong
 * with it, rather than a result. A file holding such a value is different: its other claims
 * are still checked, so there it is a result with an input finding.
 */
export function refuseUnusable(items: readonly Intaken[], name: string): void {
  for (const [index, item] of items.entries()) {
    const [problem] = item.unusable;
    if (problem !== undefined) throw new ScrubjayError(unusableCode(problem), problem.message, { file: name, claimIndex: index, ...(problem.where?.field !== undefined ? { path: problem.where.field } : {}) });
  }
}
