/**
 * The chat assistant's boundary. It answers a trainee's or biller's question from what
 * Scrubjay knows: the current claim's findings, the rule files, the loaded code sets and
 * the payer profiles. It never invents a fact.
 */
import type { Finding, ScrubResult } from '../engine/finding.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { ReferenceData } from '../reference/types.js';

/** What a conversation is about: the claim currently discussed and its latest result. */
export interface Conversation {
  claim?: Record<string, unknown>;
  result?: ScrubResult;
}

export interface AssistantReply {
  text: string;
  /** the findings the answer is about, when it is about some */
  findings?: Finding[];
  /** follow-up questions the page shows as clickable chips */
  suggestions?: string[];
  /** the recognised intent, or `unknown` */
  intent: string;
}

/** What the assistant reads; the service passes its live rule set and data. */
export interface AssistantSources {
  rules(): PreparedRuleSet;
  reference: ReferenceData;
  /** scrubs a claim as the service would (used for what-if questions) */
  scrub(claim: Record<string, unknown>): ScrubResult;
}

export interface Assistant {
  reply(question: string, conversation: Conversation): Promise<AssistantReply>;
}
