/**
 * Resolving FHIR references: `#id` to a resource contained in the one that refers,
 * a Bundle entry's `fullUrl` (`urn:uuid:…` or absolute), and `Type/id` (relative, or
 * the tail of an absolute URL, with any `/_history/n` dropped) against the resources
 * of the Bundle or list the claim came in. A reference that leads nowhere is logged
 * once per target, naming where it was needed and what could not be read.
 */
import { display } from '../display.js';
import { get, getArray, getString, isObject, jsonKind, type Json } from '../json.js';
import type { ProblemLog } from './problems.js';
import { resourceLabel, resourceTypeOf } from './resources.js';

const TYPE_AND_ID = /([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})$/;

/** The resources a claim may refer to beside it: the rest of its Bundle, or of its list. */
export class ResourcePool {
  private readonly byUrl = new Map<string, Json>();
  private readonly byTypeAndId = new Map<string, Json>();

  add(resource: Json, fullUrl: string | null = null): void {
    if (fullUrl !== null && !this.byUrl.has(fullUrl)) this.byUrl.set(fullUrl, resource);
    const type = resourceTypeOf(resource);
    const id = getString(resource, 'id');
    if (type !== null && id !== null) {
      const key = `${type}/${id}`;
      if (!this.byTypeAndId.has(key)) this.byTypeAndId.set(key, resource);
    }
  }

  find(reference: string): Json | undefined {
    const exact = this.byUrl.get(reference);
    if (exact) return exact;
    const current = reference.replace(/\/_history\/[^/]*$/, '');
    const byUrl = this.byUrl.get(current);
    if (byUrl) return byUrl;
    const match = TYPE_AND_ID.exec(current);
    return match ? this.byTypeAndId.get(`${match[1]}/${match[2]}`) : undefined;
  }
}

/** Where references made from inside one resource are looked up. */
export interface Scope {
  pool: ResourcePool;
  /** the resource whose `contained` list answers `#id` references */
  container: Json;
}

/** A reference followed: the resource when found, and what the Reference itself says. */
export interface Followed {
  resource: Json | null;
  /** FHIRPath of the referenced resource (`Claim.provider.resolve()`), or of the Reference when unresolved */
  at: string;
  /** scope for references made from inside the resource */
  scope: Scope;
  /** `Reference.identifier`, for a logical reference (`{ "identifier": { "system": NPI, "value": … } }`) */
  identifier: unknown;
  display: string | null;
  /** `Reference.reference` as written, or null for a logical reference */
  reference: string | null;
}

export interface Need {
  /** the contract field the reference feeds */
  field?: string;
  /** what cannot be read when it leads nowhere, e.g. "the billing provider's NPI, tax id and address" */
  what: string;
}

export class Resolver {
  constructor(private readonly log: ProblemLog) {}

  /**
   * Follows the Reference at `at`. Null when there is no reference there at all;
   * otherwise what could be learned, with `resource` null (and a problem logged) when the
   * target is missing or of a type not in `expected`.
   */
  follow(reference: unknown, at: string, scope: Scope, expected: readonly string[], need: Need): Followed | null {
    if (reference === undefined || reference === null) return null;
    if (!isObject(reference)) {
      this.log.error('fhir-wrong-type', at, `${at} is ${jsonKind(reference)} (${display(reference)}), not a Reference; ${need.what} could not be read`, need.field);
      return null;
    }
    const target = getString(reference, 'reference');
    const followed: Followed = { resource: null, at, scope, identifier: get(reference, 'identifier'), display: getString(reference, 'display'), reference: target };
    if (target === null) return followed;
    const found = this.lookup(target, scope);
    if (!found) {
      const container = resourceLabel(scope.container);
      const beside = target.startsWith('#') ? `not contained in ${container}` : `neither contained in ${container} nor in a Bundle or list beside it`;
      this.log.once(`unresolved ${target}`, {
        severity: 'error',
        code: 'fhir-reference-unresolved',
        location: `${at}.reference`,
        message: `${at} refers to ${target}, which is not in the input (${beside}); ${need.what} could not be read`,
        path: need.field,
      });
      return followed;
    }
    const type = resourceTypeOf(found.resource);
    if (type === null || !expected.includes(type)) {
      this.log.error(
        'fhir-reference-wrong-type',
        `${at}.reference`,
        `${at} refers to ${target}, which is ${type === null ? 'not a FHIR resource' : `a ${type}`}, not ${expected.join(' or ')}; ${need.what} could not be read`,
        need.field,
      );
      return followed;
    }
    return { ...followed, resource: found.resource, at: `${at}.resolve()`, scope: found.scope };
  }

  private lookup(target: string, scope: Scope): { resource: Json; scope: Scope } | null {
    if (target.startsWith('#')) {
      const id = target.slice(1);
      const resource = getArray(scope.container, 'contained').find((r) => isObject(r) && getString(r, 'id') === id);
      // a contained resource's own references to `#…` still mean its container's list
      return isObject(resource) ? { resource, scope } : null;
    }
    const resource = scope.pool.find(target);
    return resource ? { resource, scope: { pool: scope.pool, container: resource } } : null;
  }
}
