/** What every answer reads: the question's entities, the rule set, the code catalog, the data and the current claim. */
import { normalizeClaim, type ClaimView } from '../claim/normalize.js';
import type { ScrubResult } from '../engine/finding.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { ReferenceData } from '../reference/types.js';
import type { CodeCatalog } from '../rules/codes.js';
import type { IntentCorpus } from './corpus.js';
import type { TopicBook } from './topics.js';
import type { Entities, EntityVocabulary } from './entities.js';
import type { AssistantReply, ConversationFocus } from './assistant.js';
import type { ClaimInput } from '../contract/claim.js';
import type { ClaimFollowUp } from '../contract/follow-up.js';

/** The claim being discussed: as sent, as the rules read it, and its scrub result. */
export interface CurrentClaim {
  raw: ClaimInput;
  view: ClaimView;
  result: ScrubResult;
}

export interface AnswerContext {
  question: string;
  entities: Entities;
  vocabulary: EntityVocabulary;
  prepared: PreparedRuleSet;
  catalog: CodeCatalog;
  reference: ReferenceData;
  corpus: IntentCorpus;
  /** the concept topics the chat teaches */
  topics: TopicBook;
  /** scrubs a changed copy of the claim (what-if) */
  scrub(claim: ClaimInput): ScrubResult;
  /** the claim with its result, when the conversation has one */
  claim?: CurrentClaim;
  /** the latest result, even when the claim itself was not sent with it */
  result?: ScrubResult;
  /** why the conversation's claim could not be read, when it could not */
  claimProblem?: string;
  /** what the conversation is about, as the previous reply left it */
  focus?: ConversationFocus;
  /** the claim's remittances and worklist state, when the one asking may see them */
  followUp?: ClaimFollowUp;
  today: string;
}

export type Answer = Omit<AssistantReply, 'intent'>;

export function currentClaim(raw: ClaimInput | undefined, result: ScrubResult | undefined, scrub: (claim: ClaimInput) => ScrubResult): { claim?: CurrentClaim; result?: ScrubResult; problem?: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return result ? { result } : {};
  try {
    const scrubbed = result ?? scrub(raw);
    return { claim: { raw, view: normalizeClaim(raw), result: scrubbed }, result: scrubbed };
  } catch (error) {
    return { ...(result ? { result } : {}), problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The 1-based line numbers the question names, with "last" resolved against the claim. */
export function namedLines(ctx: AnswerContext): number[] {
  const count = ctx.claim?.view.lineCount ?? Math.max(0, ...(ctx.result?.findings.map((f) => f.line ?? 0) ?? []));
  return ctx.entities.lines.map((l) => (l === 'last' ? count : l)).filter((n) => n > 0);
}
