/**
 * Questions about what happened after the claim was sent share words with questions about
 * the scrub ("why was it denied?" may mean the payer's denial or the predicted one). When
 * the conversation has the claim's remittance, a question in the past tense about a denial
 * or a payment is about the remittance; "and line 2?" after an answer about the remittance
 * asks the same of line 2. A question in the conditional ("why would it be denied?") is about
 * the scrub's prediction, remittance or not.
 */
import type { ClaimFollowUp } from '../contract/follow-up.js';
import type { ConversationFocus } from './assistant.js';
import { UNKNOWN } from './intent-choice.js';

const PAST_OUTCOME = /\b(?:was|were|did|got|has been|have been|wasn'?t|weren'?t|didn'?t|hasn'?t|haven'?t)\b.*\b(?:deny|denied|denial|reject|rejected|paid|pay|cut|reduced)\b/;
const PREDICTION = /\b(?:would|will|going to|gonna|could|might)\b/;
const FOLLOW_ON = /^\s*(?:and|what about|how about|same for|now)\b/;
const APPEAL = /\bappeal/;
/** intents a short follow-on question is taken for when it names no more than a line or "the second one" */
const BENDABLE = new Set([UNKNOWN, 'why-denied', 'explain-finding', 'how-to-fix', 'filing-deadline', 'remit-denial', 'appeal-advice', 'appeal-deadline', 'follow-up-date']);

export function followUpIntent(intent: string, question: string, lines: number, focus: ConversationFocus | undefined, followUp: ClaimFollowUp | undefined): string {
  const q = question.toLowerCase().replace(/[’‘]/g, "'");
  if (focus?.about && FOLLOW_ON.test(q) && BENDABLE.has(intent)) return focus.about;
  if ((intent === 'why-denied' || intent === 'explain-finding') && (followUp?.remits.length ?? 0) > 0 && PAST_OUTCOME.test(q)) return 'remit-denial';
  // "why would this claim be denied?" asks what the scrub predicts, whatever the payer later said
  if (intent === 'remit-denial' && PREDICTION.test(q)) return lines > 0 ? 'explain-finding' : 'why-denied';
  if (intent === 'filing-deadline' && APPEAL.test(q)) return 'appeal-deadline';
  return intent;
}
