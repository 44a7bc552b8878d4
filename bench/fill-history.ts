/** A stored history for the bench parts that read one: generated claims scrubbed and kept as the service keeps them. */
import type { PreparedRuleSet } from '../src/engine/prepare.js';
import { Intake } from '../src/intake/index.js';
import type { ReferenceData } from '../src/reference/index.js';
import { openClaimStore } from '../src/store/index.js';
import type { ScrubOrigin } from '../src/store/store.js';
import { generateClaims } from '../test/support/claim-generator.js';

/** scrubs in flight at once, as many requests would be */
const IN_FLIGHT = 64;

export interface FillOptions {
  rules: PreparedRuleSet;
  reference: ReferenceData;
  asOf: string;
  seed: number;
  origin: ScrubOrigin;
}

/** Stores a scrub of each of `count` generated claims in the data folder's store, then closes it. */
export async function fillHistory(dataDir: string, count: number, options: FillOptions): Promise<void> {
  const claims = generateClaims(count, options.seed);
  const intake = new Intake({ rules: options.rules, reference: options.reference, asOf: options.asOf });
  const store = await openClaimStore(dataDir);
  let next = 0;
  const caller = async (): Promise<void> => {
    while (next < claims.length) {
      const claim = claims[next++]!;
      const taken = await intake.claim(claim, 'bench');
      await store.recordScrub({ claim, result: taken.result, origin: options.origin, by: { username: null, role: null, address: null } });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
  await store.close();
}
