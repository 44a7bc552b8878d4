/**
 * fast-check arbitraries for claims that are anything but well-formed: realistic claims
 * with values replaced by hostile ones (wrong types, `{"toString": ""}`, huge numbers,
 * unicode, deep nesting), and claims built from random JSON around a `lines` array.
 */
import fc from 'fast-check';
import { generateClaim, seededRng } from './claim-generator.js';
import type { ClaimInput } from '../../src/contract/claim.js';

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constant({ toString: '' }),
  fc.constant({ valueOf: 1, toString: 2 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(Number.MAX_VALUE),
  fc.constant(-0),
  fc.constant(1e308 * 10),
  fc.constant('2026-02-30'),
  fc.constant('99213\u0000'),
  fc.constant('𝒳🦜 Ω'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.constant(deepNesting(200)),
);

function deepNesting(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
}

const PATHS: ReadonlyArray<ReadonlyArray<string | number>> = [
  ['claimId'], ['frequency'], ['submissionDate'], ['payer'], ['payer', 'id'], ['payer', 'kind'],
  ['subscriber'], ['subscriber', 'memberId'], ['subscriber', 'birthDate'], ['subscriber', 'sex'], ['subscriber', 'address'],
  ['patient'], ['patient', 'relationship'], ['patient', 'birthDate'], ['billingProvider'], ['billingProvider', 'npi'],
  ['billingProvider', 'taxId'], ['billingProvider', 'address', 'zip'], ['renderingProvider'], ['referringProvider'],
  ['placeOfService'], ['diagnoses'], ['diagnoses', 0], ['totalCharge'],
  ['lines', 0], ['lines', 0, 'serviceDate'], ['lines', 0, 'serviceDateEnd'], ['lines', 0, 'procedureCode'], ['lines', 0, 'modifiers'],
  ['lines', 0, 'modifiers', 0], ['lines', 0, 'diagnosisPointers'], ['lines', 0, 'diagnosisPointers', 0], ['lines', 0, 'units'],
  ['lines', 0, 'charge'], ['lines', 0, 'placeOfService'], ['lines', 0, 'renderingProviderNpi'],
];

function setPath(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: any = target;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node?.[path[i] as string];
    if (next === null || typeof next !== 'object') return;
    node = next;
  }
  if (node !== null && typeof node === 'object') node[path[path.length - 1] as string] = value;
}

/** A realistic claim (from a seed) with 1–5 fields replaced by hostile values. */
export const mutatedClaim: fc.Arbitrary<ClaimInput> = fc
  .tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.tuple(fc.constantFrom(...PATHS), hostileValue), { minLength: 1, maxLength: 5 }))
  .map(([seed, mutations]) => {
    const claim = generateClaim(seededRng(seed), seed);
    // each mutation gets its own copy: JSON input never shares or nests an object inside itself
    for (const [path, value] of mutations) setPath(claim, path, value === undefined ? undefined : structuredClone(value));
    if (!Array.isArray(claim.lines)) claim.lines = [];
    return claim;
  });

/** A claim of random JSON: any keys and values, but with a `lines` array so it is claim-shaped. */
export const randomClaim: fc.Arbitrary<ClaimInput> = fc
  .tuple(fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 3 })), fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 6 }))
  .map(([fields, lines]) => ({ ...fields, lines }));

/** A realistic generated claim, clean or with common defects. */
export const realisticClaim: fc.Arbitrary<ClaimInput> = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => generateClaim(seededRng(seed), seed));
