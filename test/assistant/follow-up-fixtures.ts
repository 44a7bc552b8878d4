/**
 * A claim's follow-up as the service builds it for the chat: the claim scrubbed and kept in
 * a real store in a temp folder, a real 835 read, explained, matched and kept, the states it
 * sets recorded, and the context read back from the store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimFollowUp } from '../../src/contract/follow-up.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { claimFollowUp, remitsFromText } from '../../src/remit/index.js';
import { remitState, remitSummary } from '../../src/remit/remit-state.js';
import { codeCatalogFor } from '../../src/rules/codes.js';
import { openClaimStore } from '../../src/store/index.js';
import { tempDir } from '../support/folders.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';
import { emptyReference, exampleClaims, scrubWith, shippedRules } from './fixtures.js';

export const remitFixture = (name: string): string => readFileSync(join(FIXTURES_DIR, 'x12', '835', name), 'utf8');

/** C-1001 billed as the denied.835 fixture answers it: 99213 and 93000 on 2026-10-01, $240. */
export function deniedMedicareClaim(): ClaimInput {
  const base = exampleClaims()[0]!;
  return { ...base, lines: [base.lines[0], { ...base.lines[0], procedureCode: '93000', charge: 115 }], totalCharge: 240 } as ClaimInput;
}

/** C-5001, the Medicare claim remarks.835 denies with CO-16 and MA130. */
export function incompleteMedicareClaim(): ClaimInput {
  const base = exampleClaims()[0]!;
  return { ...base, claimId: 'C-5001', lines: [{ ...base.lines[0], procedureCode: '99212', serviceDate: '2026-11-05', charge: 90 }], totalCharge: 90 } as ClaimInput;
}

/** The follow-up context of `claim` after the 835 texts were posted (none: scrubbed only), `sent` first when asked. */
export async function followUpOf(claim: ClaimInput, remits: readonly string[], options: { sent?: boolean } = {}): Promise<ClaimFollowUp> {
  const store = await openClaimStore(tempDir('scrubjay-chat-remit-'));
  try {
    const result = scrubWith(emptyReference())(claim);
    const record = await store.recordScrub({ claim, result, origin: 'rest', by: { username: 'biller', role: 'biller', address: '127.0.0.1' } });
    const profiles = shippedRules().ruleSet.payers;
    if (options.sent) await store.recordStateChanges([{ scrubId: record.id, state: 'sent', by: 'biller', source: 'ack' }]);
    for (const text of remits) {
      const { remits: explained } = await remitsFromText(text, 'posted.835', { catalog: codeCatalogFor(RULES_DIR), profiles, store });
      await store.recordRemits(explained.map((r) => ({ remit: r as unknown as Record<string, unknown>, summary: remitSummary(r), scrubId: r.scrub?.scrubId ?? null, claimId: r.claimId, file: 'posted.835' })), 'biller');
      const matched = explained.filter((r) => r.scrub !== null);
      await store.recordStateChanges(matched.map((r) => ({ scrubId: r.scrub!.scrubId, state: remitState(r), by: 'biller', source: 'remit' as const })));
    }
    return await claimFollowUp(record, store, profiles);
  } finally {
    await store.close();
  }
}
