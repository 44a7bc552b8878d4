/**
 * Conversation memory: what "it", "that", "this line", "why?" and "how do I fix it?"
 * refer to. The focus is the line, rule or code the previous answer was about; it travels
 * with the conversation (the caller stores it and passes it back), so the assistant itself
 * keeps no state between questions.
 *
 * A reference is resolved by writing the focus into the question ("how do I fix it?" →
 * "how do I fix line 2?"), so recognition, entity extraction and every answer work on the
 * question as if it had been asked in full.
 */
import { z } from 'zod';
import { FOLLOW_UP_TOPICS, type ConversationFocus } from './assistant.js';
import { extractEntities, type Entities, type EntityVocabulary } from './entities.js';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Each part is checked on its own: the focus comes back from a client, and one bad part must not drop the others.
const focusSchema = z.object({
  line: z.number().int().min(1).max(99_999).nullable().optional().catch(undefined),
  ruleId: z.string().max(200).regex(RULE_ID).optional().catch(undefined),
  code: z.string().trim().max(40).regex(/^[A-Za-z0-9. -]+$/).optional().catch(undefined),
  change: z.string().trim().min(1).max(500).optional().catch(undefined),
  about: z.enum(FOLLOW_UP_TOPICS).optional().catch(undefined),
});

const codeKinds = (e: Entities): number => e.icd.length + e.cpt.length + e.hcpcs.length + e.modifiers.length + e.carc.length + e.rarc.length;

/**
 * The focus a client passed back, kept only where it still makes sense: a rule the rule
 * set still has, a code that still reads as one. Anything else is dropped, never an error.
 */
export function readFocus(value: unknown, vocabulary: EntityVocabulary): ConversationFocus | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const parsed = focusSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { line, ruleId, code, change, about } = parsed.data;
  const focus: ConversationFocus = {
    ...(line !== undefined ? { line } : {}),
    ...(ruleId !== undefined && vocabulary.ruleIds.has(ruleId) ? { ruleId } : {}),
    ...(code !== undefined && codeKinds(extractEntities(code, vocabulary).entities) > 0 ? { code } : {}),
    ...(change !== undefined ? { change } : {}),
    ...(about !== undefined ? { about } : {}),
  };
  return isEmpty(focus) ? undefined : focus;
}

export function isEmpty(focus: ConversationFocus | undefined): boolean {
  return !focus || (focus.line === undefined && focus.ruleId === undefined && focus.code === undefined && focus.change === undefined && focus.about === undefined);
}

type Kind = 'line' | 'rule' | 'code';

/** What the question already names, so a reference is never resolved over it. */
function named(e: Entities): Set<Kind> {
  const out = new Set<Kind>();
  if (e.lines.length > 0) out.add('line');
  if (e.ruleIds.length > 0) out.add('rule');
  if (codeKinds(e) > 0) out.add('code');
  return out;
}

/** The words that name the focus's part of a kind ("line 2", the rule id, "CARC 97"), when it has one. */
function mention(focus: ConversationFocus, kind: Kind): string | undefined {
  if (kind === 'line') return typeof focus.line === 'number' ? `line ${focus.line}` : undefined;
  if (kind === 'rule') return focus.ruleId;
  return focus.code;
}

function firstMention(focus: ConversationFocus, order: readonly Kind[], skip: ReadonlySet<Kind>): string | undefined {
  for (const kind of order) {
    if (skip.has(kind)) continue;
    const words = mention(focus, kind);
    if (words) return words;
  }
  return undefined;
}

const BARE_WHY = /^\s*(?:(?:but|and|so|ok|okay|hmm|wait)[\s,]+)?(?:why|how come|why so|why not|why(?: is| was|'s) (?:that|it))\s*[?!.]*\s*$/;
const LINE_REFERENCE = /\b(?:this|that|the same|same) (?:service )?line\b/g;
const CODE_REFERENCE = /\b(?:this|that|the same) (carc|rarc|remark code|remark|denial code|reason code|adjustment code|modifier|diagnosis code|diagnosis|procedure code|procedure|cpt code|hcpcs code|icd code|code)\b/g;
const CARC_WORDS = /^(?:carc|denial code|reason code|adjustment code)$/;
const FINDING_REFERENCE = /\b(?:this|that|the same) (rule|edit|check|finding|error|warning|problem|issue|flag|denial|one)\b/g;
// "this"/"that" standing alone ("why is that?", "explain this", "what does that mean"), not "this claim" or "a rule that checks"
const PRONOUN = /\bit\b|\b(?:this|that)\b(?=\s*(?:[?.!,;:]|$)|\s+(?:mean|means|meant|is|was|about|for|on|in|again|please|exactly)\b)/g;
const ASKS_FOR_RULE = /\b(?:rules?|edits?|checks?)\b/;
// "do it", "apply that": a request to make the last what-if change, answered as asked (not read as a reference)
const APPLY_REQUEST = /^\s*(?:(?:ok|okay|yes|sure)[\s,]+)?(?:do|apply|make|go ahead)(?:\s+(?:it|that|this|the change|that change|so))*\s*(?:please|now)?\s*[?!.]*\s*$/;

/**
 * The question with its references to the focus written out, or undefined when it has
 * none (or nothing to resolve them to). `carcOf` gives a rule's CARC, for "that denial
 * code" about a finding.
 */
export function resolveReferences(question: string, entities: Entities, focus: ConversationFocus | undefined, carcOf: (ruleId: string) => string | undefined): string | undefined {
  const text = question.toLowerCase().replace(/[’‘]/g, "'");
  if (BARE_WHY.test(text)) {
    // "why?" alone: why the thing in focus is flagged, or, with nothing in focus, why the claim would be denied
    const about = focus ? firstMention(focus, ['line', 'rule', 'code'], new Set()) : undefined;
    return about ? `explain ${about}` : 'why would this claim be denied';
  }
  if (!focus || APPLY_REQUEST.test(text)) return undefined;
  const skip = named(entities);
  let changed = false;
  const swap = (words: string | undefined, original: string): string => {
    if (words === undefined) return original;
    changed = true;
    return words;
  };
  // pronouns first, so the words written in for one are never read as another reference
  const order: Kind[] = ASKS_FOR_RULE.test(text) ? ['code', 'rule', 'line'] : ['code', 'line', 'rule'];
  let out = text.replace(PRONOUN, (m) => swap(firstMention(focus, order, skip), m));
  out = out.replace(LINE_REFERENCE, (m) => swap(skip.has('line') ? undefined : mention(focus, 'line'), m));
  out = out.replace(CODE_REFERENCE, (m, what: string) => {
    if (skip.has('code')) return m;
    const carc = CARC_WORDS.test(what) && !focus.code && focus.ruleId ? carcOf(focus.ruleId) : undefined;
    return swap(carc ? `CARC ${carc}` : mention(focus, 'code'), m);
  });
  out = out.replace(FINDING_REFERENCE, (m, what: string) => {
    const order: Kind[] = /^(?:rule|edit|check)$/.test(what) ? ['rule', 'line', 'code'] : ['line', 'rule', 'code'];
    return swap(firstMention(focus, order, skip), m);
  });
  return changed ? out : undefined;
}

// Words that make a fix or explain question about the whole claim rather than the focus.
const WHOLE_CLAIM = /\b(?:claim|all|every|each|everything|errors|warnings|findings|problems|issues|them|they|those|these|whole|overall|lines|denied|rejected)\b/;

/**
 * "what's the fix?", "explain the error": a question about a finding that names none
 * means the finding in focus. The entities get the focus's line (or rule) added.
 */
export function withImplicitFocus(intent: string, question: string, e: Entities, focus: ConversationFocus | undefined): Entities {
  if (!focus || (intent !== 'explain-finding' && intent !== 'how-to-fix')) return e;
  if (e.lines.length > 0 || e.ruleIds.length > 0 || e.carc.length > 0 || WHOLE_CLAIM.test(question.toLowerCase())) return e;
  if (typeof focus.line === 'number') return { ...e, lines: [focus.line] };
  if (focus.ruleId) return { ...e, ruleIds: [focus.ruleId] };
  return e;
}
