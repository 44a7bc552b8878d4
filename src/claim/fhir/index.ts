/** The FHIR R4 claim reader: Claim, ExplanationOfBenefit, Bundles and arrays of them → `ClaimFromFile`. */
export { readFhirClaims } from './read.js';
export { isFhirResource } from './resources.js';
export { FHIR_PROBLEMS, type FhirProblemCode } from './problems.js';
