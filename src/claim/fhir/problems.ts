/**
 * The FHIR reader's problem catalog and the per-claim log that collects them. Every
 * problem names the FHIR element at fault (`Claim.item[1].productOrService`) and, when
 * there is one, the contract field it leaves unread or misread.
 */
import { inputProblem, type InputProblem } from '../source.js';

export const FHIR_PROBLEMS = {
  /** an element holds a JSON value of the wrong type (an object where a list belongs, a number as text) */
  'fhir-wrong-type': 'an element has the wrong JSON type',
  /** an element the claim needs is absent (no item, a diagnosis with no code) */
  'fhir-missing-element': 'an element the claim needs is missing',
  /** a reference names a resource that is not contained, not in the Bundle and not beside it */
  'fhir-reference-unresolved': 'a reference points at a resource that is not in the input',
  /** a reference resolves to a resource of a type that cannot stand there */
  'fhir-reference-wrong-type': 'a reference points at a resource of the wrong type',
  /** a code comes from a code system other than the one the claim field needs, or from none */
  'fhir-code-system': 'a code is from an unexpected code system',
  /** an item points at a diagnosis or care team sequence the claim does not have (or two entries share one) */
  'fhir-sequence-unmatched': 'an item points at a diagnosis or care team member the claim does not have',
  /** the claim is of a type Scrubjay does not check yet (institutional, oral, pharmacy, vision) */
  'fhir-claim-type-unsupported': 'the claim type is not yet supported',
  /** a value was derived rather than read (the patient taken as the subscriber, a line dated by the billable period) */
  'fhir-value-assumed': 'a value was derived from other elements',
  /** an element of a list in the input is not a FHIR resource at all */
  'fhir-not-a-resource': 'an entry is not a FHIR resource',
} as const;

export type FhirProblemCode = keyof typeof FHIR_PROBLEMS;

export interface FhirProblem {
  severity: InputProblem['severity'];
  code: FhirProblemCode;
  message: string;
  /** the FHIR path at fault */
  location: string;
  /** the contract field concerned */
  path?: string;
}

export class ProblemLog {
  readonly problems: InputProblem[] = [];
  private readonly seen = new Set<string>();

  error(code: FhirProblemCode, location: string, message: string, path?: string): void {
    this.add({ severity: 'error', code, location, message, path });
  }

  warning(code: FhirProblemCode, location: string, message: string, path?: string): void {
    this.add({ severity: 'warning', code, location, message, path });
  }

  /**
   * Adds a problem once per key: a resource that is referenced from five places and
   * missing is one problem, not five.
   */
  once(key: string, problem: FhirProblem): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.add(problem);
  }

  private add(problem: FhirProblem): void {
    this.problems.push(inputProblem(problem.severity, problem.code, problem.message, problem.location, problem.path));
  }
}
