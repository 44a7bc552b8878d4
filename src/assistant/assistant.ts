/**
 * The chat assistant's boundary. It answers a trainee's or biller's question from what
 * Scrubjay knows: the current claim's findings, the rule files, the loaded code sets and
 * the payer profiles. It never invents a fact.
 */
import type { Finding, ScrubResult } from '../engine/finding.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { ReferenceData } from '../reference/types.js';
import type { ClaimInput } from '../contract/claim.js';
import type { ClaimFollowUp } from '../contract/follow-up.js';

/**
 * What the conversation is on about right now, so "it", "that", "this line", "why?" and
 * "how do I fix it?" have something to refer to. The assistant returns it with every
 * reply; the caller keeps it and passes it back with the next question.
 */
export interface ConversationFocus {
  /** the line discussed; null for a claim-level finding */
  line?: number | null;
  /** the rule (finding) discussed */
  ruleId?: string;
  /** the code discussed, written as a question names it: `CARC 97`, `RARC N362`, `modifier 25`, `E11.9`, `99213` */
  code?: string;
  /** the last what-if question that changed something, which "apply that" makes to the claim */
  change?: string;
  /** the after-sending question last answered, so "and line 2?" asks it again of line 2 */
  about?: FollowUpTopic;
}

/** The questions answered from what happened after the claim was sent. */
export const FOLLOW_UP_TOPICS = ['remit-denial', 'appeal-advice', 'appeal-deadline', 'follow-up-date'] as const;
export type FollowUpTopic = (typeof FOLLOW_UP_TOPICS)[number];

/** What a conversation is about: the claim currently discussed, its latest result and the focus. */
export interface Conversation {
  claim?: ClaimInput;
  result?: ScrubResult;
  /** the previous reply's `focus`, passed back as it came */
  focus?: ConversationFocus;
  /**
   * What happened to the claim after it was sent (its remittances and worklist state), when
   * the one asking may see it; the service builds it fresh for each question.
   */
  followUp?: ClaimFollowUp;
}

export interface AssistantReply {
  text: string;
  /** the findings the answer is about, when it is about some */
  findings?: Finding[];
  /** follow-up questions the page shows as clickable chips */
  suggestions?: string[];
  /** the recognised intent, or `unknown` */
  intent: string;
  /** what the conversation is now about; pass it back as `Conversation.focus` with the next question (absent: nothing in focus) */
  focus?: ConversationFocus;
  /**
   * The claim with a what-if change applied, when the question asked for that ("apply that"):
   * the caller scrubs and keeps it as a new claim and makes it the conversation's claim. The
   * claim it was made from is left as it was.
   */
  claim?: ClaimInput;
}

/** What the assistant reads; the service passes its live rule set and data. */
export interface AssistantSources {
  rules(): PreparedRuleSet;
  reference: ReferenceData;
  /** scrubs a claim as the service would (used for what-if questions) */
  scrub(claim: ClaimInput): ScrubResult;
}

export interface Assistant {
  reply(question: string, conversation: Conversation): Promise<AssistantReply>;
}
