/**
 * What the assistant tests share: the shipped rules, reference data folders (one with the
 * excerpts of the official tables imported, one empty), the example claims and an assistant wired
 * as the service wires it, scrubbing with the real engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAssistant, type AssistantOptions } from '../../src/assistant/index.js';
import type { Assistant, AssistantReply, Conversation } from '../../src/assistant/assistant.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { importFixtureTables } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';
import type { ClaimInput } from '../../src/contract/claim.js';

export const AS_OF = '2026-11-27';

let prepared: PreparedRuleSet | undefined;
export function shippedRules(): PreparedRuleSet {
  prepared ??= loadPreparedRuleSet(RULES_DIR);
  return prepared;
}

/** A data folder with ICD-10-CM FY2025/FY2026, HCPCS, NCCI PTP, MUE, MCE and place of service imported (excerpts). */
export async function referenceWithTables(): Promise<ReferenceData> {
  const dir = tempDir();
  await importFixtureTables(dir);
  return openReferenceData(dir);
}

export function emptyReference(): ReferenceData {
  return openReferenceData(tempDir());
}

type Claim = Record<string, any> & { lines: any[] };

/** The contract's example claims: C-1001 (clean Medicare visit), C-1002 (Aetna, many errors), C-1003. */
export function exampleClaims(): Claim[] {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Claim[];
}

/** The Medicare example with 11042 on line 1 and 11000 on line 2: an NCCI PTP pair (indicator 1) that a modifier can bypass. */
export function ncciClaim(): Claim {
  const base = exampleClaims()[0]!;
  return {
    ...base,
    lines: [
      { ...base.lines[0], procedureCode: '11042', charge: 100 },
      { ...base.lines[0], procedureCode: '11000', charge: 25 },
    ],
    totalCharge: 125,
  };
}

export function scrubWith(reference: ReferenceData): (claim: ClaimInput) => ScrubResult {
  return (claim) => scrubClaim(claim, shippedRules(), { asOf: AS_OF, reference });
}

export function assistantWith(reference: ReferenceData, options: AssistantOptions = {}): Assistant {
  const rules = shippedRules();
  return createAssistant({ rules: () => rules, reference, scrub: scrubWith(reference) }, { today: () => AS_OF, ...options });
}

/** Asks one question about a claim (or about nothing). */
export function ask(assistant: Assistant, question: string, claim?: Claim): Promise<AssistantReply> {
  const conversation: Conversation = claim ? { claim } : {};
  return assistant.reply(question, conversation);
}
