/** What makes a JSON value a FHIR resource, and how resources are named in messages. */
import { get, getString, isObject, type Json } from '../json.js';

/** FHIR resource type names are upper camel case ASCII (`Claim`, `ExplanationOfBenefit`). */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/** The resource types that carry a claim. */
export const CLAIM_RESOURCE_TYPES: ReadonlySet<string> = new Set(['Claim', 'ExplanationOfBenefit']);

/** Whether a parsed JSON value is a FHIR resource: an object whose `resourceType` is a resource type name. */
export function isFhirResource(value: unknown): boolean {
  const type = get(value, 'resourceType');
  return typeof type === 'string' && RESOURCE_TYPE.test(type);
}

export function resourceTypeOf(value: unknown): string | null {
  return isFhirResource(value) ? (get(value, 'resourceType') as string) : null;
}

export function isClaimResource(value: unknown): value is Json {
  const type = resourceTypeOf(value);
  return type !== null && CLAIM_RESOURCE_TYPES.has(type);
}

/** `Patient/ExamplePatient1`, or the bare type when the resource has no id. */
export function resourceLabel(resource: unknown): string {
  const type = resourceTypeOf(resource) ?? 'resource';
  const id = getString(resource, 'id');
  return id === null ? type : `${type}/${id}`;
}

/** `Patient ×2, Coverage` — what a list of resources holds, for a message saying it holds no claim. */
export function describeContents(resources: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const type = isObject(resource) ? (resourceTypeOf(resource) ?? 'non-resource value') : 'non-resource value';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  if (counts.size === 0) return 'nothing';
  return [...counts].map(([type, n]) => (n === 1 ? type : `${type} ×${n}`)).join(', ');
}
