/**
 * FHIR input → claims. Accepts a Claim or an ExplanationOfBenefit, a Bundle holding
 * them (with the Patient, Coverage, Practitioner, Organization and Location resources
 * they refer to), or a JSON array of any of these. Input that holds no claim at all
 * (a lone Patient, something that is not FHIR) is refused with a `ScrubjayError`;
 * everything wrong inside a claim becomes one of its problems.
 */
import { ScrubjayError } from '../../errors.js';
import { inputProblem, type ClaimFromFile } from '../source.js';
import { readClaimResource } from './claim.js';
import { get, getArray, getString, isObject, jsonKind, type Json } from '../json.js';
import { ResourcePool } from './references.js';
import { describeContents, isClaimResource, isFhirResource, resourceLabel, resourceTypeOf } from './resources.js';

export function readFhirClaims(value: unknown, file: string, startIndex = 0): ClaimFromFile[] {
  const records: ClaimFromFile[] = [];
  const next = (): number => startIndex + records.length;
  if (Array.isArray(value)) {
    readList(value, file, next, records);
  } else if (resourceTypeOf(value) === 'Bundle') {
    readBundle(value as Json, file, next, records);
  } else if (isClaimResource(value)) {
    records.push(readClaimResource(value, { pool: new ResourcePool(), container: value }, file, next()));
  }
  if (records.length === 0) throw notClaims(value, file, startIndex);
  return records;
}

/** An array of resources is read like a Bundle: its claims refer to the other resources in it. */
function readList(values: unknown[], file: string, next: () => number, records: ClaimFromFile[]): void {
  const pool = new ResourcePool();
  for (const value of values) if (isFhirResource(value)) pool.add(value as Json);
  values.forEach((value, i) => {
    if (isClaimResource(value)) {
      records.push(readClaimResource(value, { pool, container: value }, file, next()));
    } else if (resourceTypeOf(value) === 'Bundle') {
      readBundle(value as Json, file, next, records);
    } else if (!isFhirResource(value)) {
      records.push(notAResource(`[${i}]`, value, file, next()));
    }
  });
}

function readBundle(bundle: Json, file: string, next: () => number, records: ClaimFromFile[]): void {
  const pool = new ResourcePool();
  const entries = getArray(bundle, 'entry');
  for (const entry of entries) {
    const resource = get(entry, 'resource');
    if (isFhirResource(resource)) pool.add(resource as Json, getString(entry, 'fullUrl'));
  }
  entries.forEach((entry, i) => {
    const resource = get(entry, 'resource');
    if (isClaimResource(resource)) records.push(readClaimResource(resource, { pool, container: resource }, file, next()));
    else if (resource !== undefined && !isFhirResource(resource)) records.push(notAResource(`Bundle.entry[${i}].resource`, resource, file, next()));
  });
}

function notAResource(at: string, value: unknown, file: string, index: number): ClaimFromFile {
  return {
    format: 'fhir',
    file,
    index,
    claim: null,
    problems: [inputProblem('error', 'fhir-not-a-resource', `${at} is ${jsonKind(value)} without a FHIR resourceType, not a Claim or ExplanationOfBenefit`, at)],
  };
}

function notClaims(value: unknown, file: string, claimIndex: number): ScrubjayError {
  const where = { file, claimIndex };
  const expected = 'expected a FHIR Claim or ExplanationOfBenefit, a Bundle of them, or an array of those';
  let found: string;
  if (Array.isArray(value)) found = `an array holding ${describeContents(value)}`;
  else if (resourceTypeOf(value) === 'Bundle') found = `a Bundle holding ${describeContents(getArray(value, 'entry').map((e) => get(e, 'resource')))}`;
  else if (isFhirResource(value)) found = `a FHIR ${resourceLabel(value)} resource`;
  else if (isObject(value)) found = 'a JSON object without a FHIR resourceType';
  else found = jsonKind(value);
  return new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${file}: ${found}, not a claim; ${expected}`, where);
}
