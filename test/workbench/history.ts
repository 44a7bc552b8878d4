/** A stored history of real scrubs for the workbench tests: claims scrubbed by the intake with the shipped rules, kept in a real store. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimInput } from '../../src/contract/claim.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { Intake } from '../../src/intake/index.js';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { openClaimStore, type EmbeddedClaimStore, type StoreOptions } from '../../src/store/index.js';
import type { Actor, ScrubRecord } from '../../src/store/store.js';
import { generateClaims } from '../support/claim-generator.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';

export const AS_OF = '2026-11-27';
const BY: Actor = { username: 'avery', role: 'biller', address: null };

export function shippedRules(): PreparedRuleSet {
  return loadPreparedRuleSet(RULES_DIR);
}

/** Reference data with no tables imported: the rules that need none still run. */
export function noTables(): ReferenceData {
  return openReferenceData(tempDir('scrubjay-reference-'));
}

export function exampleClaims(): ClaimInput[] {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as ClaimInput[];
}

export async function openTempStore(options: StoreOptions = {}): Promise<EmbeddedClaimStore> {
  return openClaimStore(tempDir('scrubjay-workbench-'), options);
}

/** One scrub to keep: the claim, and the date it was scrubbed as. */
export interface ToStore {
  claim: ClaimInput;
  asOf?: string;
}

/**
 * Scrubs each claim with `rules` as the service does and keeps it, in order. A claim the
 * intake does not scrub (an institutional one) is kept with the result the intake gave it.
 */
export async function storeScrubs(store: EmbeddedClaimStore, items: readonly ToStore[], rules: PreparedRuleSet, reference: ReferenceData): Promise<ScrubRecord[]> {
  const intakes = new Map<string, Intake>();
  const recorded = items.map(({ claim, asOf = AS_OF }) => {
    let intake = intakes.get(asOf);
    if (intake === undefined) intakes.set(asOf, (intake = new Intake({ rules, reference, asOf })));
    const taken = intake.claim(claim, 'test');
    if (taken instanceof Promise) throw new Error('the fast evaluator answers at once');
    return store.recordScrub({ claim, result: taken.result, origin: 'rest', by: BY });
  });
  return Promise.all(recorded);
}

/** The generated claims and the examples, each scrubbed as of AS_OF. */
export function realClaims(count: number, seed = 12): ToStore[] {
  return [...exampleClaims(), ...generateClaims(count, seed)].map((claim) => ({ claim }));
}
