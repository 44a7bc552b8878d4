/** What every part of the mapping of one claim resource shares. */
import type { Json } from '../json.js';
import type { ProblemLog } from './problems.js';
import type { Resolver, Scope } from './references.js';
import type { Trail } from './trail.js';

export interface ClaimContext {
  /** the claim resource (Claim or ExplanationOfBenefit) */
  resource: Json;
  /** its resource type, the root of every FHIR path reported (`Claim.item[0]`) */
  root: string;
  scope: Scope;
  resolver: Resolver;
  log: ProblemLog;
  trail: Trail;
}
