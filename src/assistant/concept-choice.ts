/**
 * When a question is a concept question. The intent corpus answers about the claim on
 * screen; the topic file teaches. A concept wins when no intent fits, when a claim
 * question is asked with no claim to answer it from, or when its topic fits the question
 * better than the intent chosen (as well, for a question asking what something is) —
 * unless the question is plainly about this claim (a line, a rule, "this claim", "it"),
 * names a code to look up, or asks for a change or a check of codes it names.
 */
import type { Entities } from './entities.js';
import { UNKNOWN } from './intent-choice.js';
import type { IntentMatch } from './recognizer.js';
import type { TopicBook, TopicMatch } from './topics.js';

export const CONCEPT = 'concept';

/** Intents that act on the claim or on codes named; a topic never takes their place. */
const NEVER_OVERRIDDEN = new Set(['apply-change', 'greeting', 'thanks']);
/** Intents that look a code up; a modifier's look-up teaches its topic itself and keeps it in focus. */
const LOOK_UPS = new Set(['code-lookup', 'code-meaning']);
const ASKS_A_CHANGE = /^(?:and |so )?(?:what if|if i|suppose|what happens if|what would happen)\b/;
/** Intents about codes the question names: without such a code, the question is a concept one. */
const ABOUT_NAMED_CODES = new Set(['pair-check', 'units-limit']);
/** Intents answered from the conversation's claim. */
const ABOUT_A_CLAIM = new Set(['why-denied', 'explain-finding', 'how-to-fix', 'fix-first']);

const ABOUT_THE_CLAIM = /\b(?:this|my|the|our|that) (?:claim|one|line)\b|\bit\b|\bhere\b/;
const ASKS_WHAT_IT_IS = /^(?:so |and |ok |okay )?(?:what is|what's|whats|what are|what does|what do|explain|define|describe|teach me|tell me about|how does|how do .* work|meaning of)\b|\bdifference between\b|\bvs\.?\b|\bversus\b/;

export interface ConceptQuestion {
  question: string;
  intent: string;
  matches: readonly IntentMatch[];
  entities: Entities;
  /** whether the conversation has a claim (or its result) to answer claim questions from */
  hasClaim: boolean;
}

export function chooseConcept(book: TopicBook, q: ConceptQuestion): TopicMatch | undefined {
  const { intent, entities: e } = q;
  if (NEVER_OVERRIDDEN.has(intent)) return undefined;
  const procedures = e.cpt.length + e.hcpcs.length;
  if (ABOUT_NAMED_CODES.has(intent) && procedures > 0) return undefined;
  const topic = book.match(q.question);
  if (!topic) return undefined;
  if (intent === UNKNOWN || ABOUT_NAMED_CODES.has(intent)) return topic;
  const text = q.question.toLowerCase();
  if (e.lines.length > 0 || e.ruleIds.length > 0 || (q.hasClaim && ABOUT_THE_CLAIM.test(text))) return undefined;
  // a code named is looked up; a modifier the topic file explains is taught either way
  const taughtModifiers = e.modifiers.every((m) => book.forModifier(m) !== undefined);
  if (e.carc.length + e.rarc.length + e.icd.length + procedures > 0 || !taughtModifiers) return undefined;
  if (LOOK_UPS.has(intent) && e.modifiers.length > 0) return undefined;
  const definition = ASKS_WHAT_IT_IS.test(text) && e.payer === undefined;
  // "what is an add-on code?" shares "add" with a change, but asks what something is
  if (intent === 'what-if') return ASKS_A_CHANGE.test(text) || (q.hasClaim && !definition) ? undefined : topic;
  if (ABOUT_A_CLAIM.has(intent) && !q.hasClaim) return topic;
  const chosen = q.matches.find((m) => m.intent === intent)?.coverage ?? 0;
  return topic.coverage > chosen || (definition && topic.coverage >= chosen) ? topic : undefined;
}

const TWO_CODES_TOGETHER = /\b(?:together|same (?:day|date)|both|along ?side|along with)\b/;

/** "Can I bill 11042 and 0213T together if I add modifier 59?" checks a pair; it is not a change to the claim. */
export function pairNotChange(intent: string, question: string, e: Entities): string {
  if (intent !== 'what-if' || e.lines.length > 0 || e.cpt.length + e.hcpcs.length < 2) return intent;
  return TWO_CODES_TOGETHER.test(question.toLowerCase()) ? 'pair-check' : intent;
}
