/**
 * The chat assistant: recognises what a question asks (offline, from the phrasing
 * corpus), pulls out the codes, lines and payers it names, and answers from the current
 * claim's findings, the rule files, the code catalog, the loaded code sets and the payer
 * profiles, and — when the service passes it — what happened to the claim after it was sent
 * (its remittances and worklist state). An optional language model may reword the answer,
 * never add to it.
 *
 * Follow-ups ("how do I fix it?") are read against the reply's `focus`, which the caller
 * passes back with the next question; the assistant itself keeps no conversation state.
 */
import { z } from 'zod';
import { todayIso } from '../claim/dates.js';
import type { PreparedRuleSet } from '../engine/prepare.js';
import type { ClaimFollowUp } from '../contract/follow-up.js';
import { ScrubjayError } from '../errors.js';
import { codeCatalogFor, type CodeCatalog } from '../rules/codes.js';
import { FOLLOW_UP_TOPICS, type Assistant, type AssistantReply, type AssistantSources, type Conversation, type ConversationFocus } from './assistant.js';
import { codeLookup, codeMeaning } from './answers/codes.js';
import { greeting, help, thanks, unknown } from './answers/conversation.js';
import { appealAdvice, appealDeadline } from './answers/appeal.js';
import { filingDeadline } from './answers/filing.js';
import { followUpDate } from './answers/follow-up-date.js';
import { remitDenial } from './answers/remit-denial.js';
import { followUpIntent } from './follow-up-route.js';
import { explainFinding, howToFix, whyDenied } from './answers/findings.js';
import { ruleSearch } from './answers/rule-search.js';
import { applyChange, whatIf } from './answers/what-if.js';
import { concept } from './answers/concepts.js';
import { fixFirst } from './answers/fix-first.js';
import { pairCheck } from './answers/pair-check.js';
import { unitsLimit } from './answers/units.js';
import { chooseConcept, CONCEPT, pairNotChange } from './concept-choice.js';
import { loadTopics } from './topics.js';
import { currentClaim, type Answer, type AnswerContext } from './context.js';
import { loadIntentCorpus, type IntentCorpus } from './corpus.js';
import { extractEntities, type EntityVocabulary } from './entities.js';
import { isEmpty, readFocus, resolveReferences, withImplicitFocus } from './focus.js';
import { createIntentChooser, UNKNOWN } from './intent-choice.js';
import { createMiniSearchRecognizer, type IntentRecognizer } from './recognizer.js';
import { createRephraser, DEFAULT_LLM_TIMEOUT_MS, type LlmOptions, type Rephraser } from './rephrase.js';
import { GENERAL_SUGGESTIONS } from './suggestions.js';

export type { Assistant, AssistantReply, AssistantSources, Conversation, ConversationFocus } from './assistant.js';
export type { IntentMatch, IntentRecognizer } from './recognizer.js';
export type { LlmOptions } from './rephrase.js';
export { createMiniSearchRecognizer } from './recognizer.js';
export { loadIntentCorpus, DEFAULT_CORPUS_FILE } from './corpus.js';
export { extractEntities } from './entities.js';

export interface AssistantOptions {
  /** rephrase answers with a language model; off when absent */
  llm?: LlmOptions;
  /** the intent corpus file (default: the one shipped in src/assistant/intents.yaml) */
  corpusFile?: string;
  /** another intent recognizer, built over the same corpus (default: MiniSearch) */
  recognizer?: (corpus: IntentCorpus, shapeOf: (phrasing: string) => string) => IntentRecognizer;
  /** the concept topic file (default: the one shipped in src/assistant/topics.yaml) */
  topicsFile?: string;
  /** the date used when neither the claim nor its result gives one (default: today) */
  today?: () => string;
}

type Handler = (ctx: AnswerContext) => Answer;

const HANDLERS: Record<string, Handler> = {
  greeting,
  help,
  thanks,
  'why-denied': whyDenied,
  'explain-finding': explainFinding,
  'how-to-fix': howToFix,
  'code-meaning': codeMeaning,
  'code-lookup': codeLookup,
  'filing-deadline': filingDeadline,
  'rule-search': ruleSearch,
  'what-if': whatIf,
  'apply-change': applyChange,
  'remit-denial': remitDenial,
  'appeal-advice': appealAdvice,
  'appeal-deadline': appealDeadline,
  'follow-up-date': followUpDate,
  'pair-check': pairCheck,
  'units-limit': unitsLimit,
  'fix-first': fixFirst,
  [CONCEPT]: concept,
};

/** The service builds the follow-up; anything else in its place is left out rather than read. */
function isFollowUp(value: unknown): value is ClaimFollowUp {
  return value !== null && typeof value === 'object' && Array.isArray((value as { remits?: unknown }).remits);
}

/** Questions longer than this are cut: nobody types more, and a pasted document must not slow a reply. */
const MAX_QUESTION = 500;

/** The vocabulary of a rule set: its payer profiles, rule ids and RARCs (remembered per set). */
function vocabularyOf(prepared: PreparedRuleSet, catalog: CodeCatalog): EntityVocabulary {
  return {
    payers: prepared.ruleSet.payers.map((p) => ({ id: p.id, name: p.name, kinds: p.match?.kinds ?? [], payerIds: p.match?.payerIds ?? [] })),
    ruleIds: new Set(prepared.byId.keys()),
    isRarc: (code) => catalog.rarc(code) !== undefined,
  };
}

export function createAssistant(sources: AssistantSources, options: AssistantOptions = {}): Assistant {
  const corpus = loadIntentCorpus(options.corpusFile);
  const topics = loadTopics(options.topicsFile);
  const perRuleSet = new WeakMap<PreparedRuleSet, { catalog: CodeCatalog; vocabulary: EntityVocabulary }>();
  const setup = (prepared: PreparedRuleSet): { catalog: CodeCatalog; vocabulary: EntityVocabulary } => {
    let known = perRuleSet.get(prepared);
    if (!known) {
      const catalog = codeCatalogFor(prepared.ruleSet.dir);
      known = { catalog, vocabulary: vocabularyOf(prepared, catalog) };
      perRuleSet.set(prepared, known);
    }
    return known;
  };
  // the index is built once, over the phrasings shaped with the rule set's vocabulary at start
  const startVocabulary = setup(sources.rules()).vocabulary;
  const shapeOf = (phrasing: string): string => extractEntities(phrasing, startVocabulary).shape;
  const recognizer = (options.recognizer ?? createMiniSearchRecognizer)(corpus, shapeOf);
  const chooser = createIntentChooser(corpus);
  const rephrase: Rephraser | undefined = options.llm ? createRephraser(options.llm) : undefined;
  const today = options.today ?? todayIso;

  const answer = (question: string, conversation: Conversation, focus: ConversationFocus | undefined): AssistantReply => {
    const prepared = sources.rules();
    const { catalog, vocabulary } = setup(prepared);
    // "how do I fix it?" is answered as "how do I fix line 2?" when line 2 is in focus
    let asked = question;
    let { entities, shape } = extractEntities(question, vocabulary);
    const resolved = resolveReferences(question, entities, focus, (id) => prepared.byId.get(id)?.rule.carc);
    if (resolved !== undefined) {
      asked = resolved;
      ({ entities, shape } = extractEntities(resolved, vocabulary));
    }
    const matches = recognizer.recognize(shape);
    const followUp = isFollowUp(conversation.followUp) ? conversation.followUp : undefined;
    const chosen = followUpIntent(pairNotChange(chooser.choose(matches, shape, entities), asked, entities), asked, entities.lines.length, focus, followUp);
    const claim = currentClaim(conversation.claim, conversation.result, sources.scrub);
    const hasClaim = claim.result !== undefined;
    // a question about what the payer did to this claim is answered from its remittance, not taught as a concept
    const aboutRemit = followUp !== undefined && followUp.remits.length > 0 && (FOLLOW_UP_TOPICS as readonly string[]).includes(chosen);
    const intent = !aboutRemit && chooseConcept(topics, { question: asked, intent: chosen, matches, entities, hasClaim }) ? CONCEPT : chosen;
    const ctx: AnswerContext = {
      question: asked,
      entities: withImplicitFocus(intent, asked, entities, focus),
      vocabulary,
      prepared,
      catalog,
      reference: sources.reference,
      corpus,
      topics,
      scrub: sources.scrub,
      ...(claim.claim ? { claim: claim.claim } : {}),
      ...(claim.result ? { result: claim.result } : {}),
      ...(claim.problem ? { claimProblem: claim.problem } : {}),
      ...(focus ? { focus } : {}),
      ...(isFollowUp(conversation.followUp) ? { followUp: conversation.followUp } : {}),
      today: today(),
    };
    const handler = HANDLERS[intent];
    const reply = handler ? handler(ctx) : unknown(ctx, matches);
    const out: AssistantReply = { ...reply, intent: handler ? intent : UNKNOWN };
    // an answer that says nothing about the focus leaves it as it was; an empty one clears it
    let next = reply.focus ?? focus;
    // a what-if change waits for "apply that" through other questions, until it is applied or another replaces it
    if (reply.focus && reply.focus.change === undefined && focus?.change !== undefined && intent !== 'apply-change') next = { ...reply.focus, change: focus.change };
    if (isEmpty(next)) delete out.focus;
    else out.focus = next;
    return out;
  };

  return {
    async reply(question, conversation) {
      const text = typeof question === 'string' ? question.slice(0, MAX_QUESTION) : '';
      const talk: Conversation = conversation !== null && typeof conversation === 'object' ? conversation : {};
      let focus: ConversationFocus | undefined;
      let reply: AssistantReply;
      try {
        focus = readFocus(talk.focus, setup(sources.rules()).vocabulary);
        reply = answer(text, talk, focus);
      } catch (error) {
        // an answer must never take the chat down; say so plainly instead
        const message = error instanceof Error ? error.message : String(error);
        reply = { intent: 'unknown', text: `Sorry, I could not answer that (${message}). Try asking another way.`, suggestions: [], ...(focus ? { focus } : {}) };
      }
      if (!reply.suggestions || reply.suggestions.length < 2) reply.suggestions = GENERAL_SUGGESTIONS.slice(0, 3);
      if (rephrase) reply = { ...reply, text: await rephrase(reply.text) };
      return reply;
    },
  };
}

const envSchema = z.object({
  SCRUBJAY_LLM_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1' }).optional(),
  SCRUBJAY_LLM_MODEL: z.string().trim().min(1).optional(),
  SCRUBJAY_LLM_API_KEY: z.string().min(1).optional(),
  SCRUBJAY_LLM_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).optional(),
});

/**
 * Assistant options from the environment. The language model is off unless
 * `SCRUBJAY_LLM_URL` is set; it then needs `SCRUBJAY_LLM_MODEL`. A bad value is an
 * error naming the variable, so a typo does not silently turn rephrasing off.
 */
export function assistantOptionsFromEnv(env: Record<string, string | undefined> = process.env): AssistantOptions {
  const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = envSchema.safeParse({
    SCRUBJAY_LLM_URL: blankToUndefined(env.SCRUBJAY_LLM_URL),
    SCRUBJAY_LLM_MODEL: blankToUndefined(env.SCRUBJAY_LLM_MODEL),
    SCRUBJAY_LLM_API_KEY: blankToUndefined(env.SCRUBJAY_LLM_API_KEY),
    SCRUBJAY_LLM_TIMEOUT_MS: blankToUndefined(env.SCRUBJAY_LLM_TIMEOUT_MS),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'SCRUBJAY_LLM_URL');
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `${name} ${issue?.message ?? 'is invalid'}`, { path: name });
  }
  const { SCRUBJAY_LLM_URL: url, SCRUBJAY_LLM_MODEL: model, SCRUBJAY_LLM_API_KEY: apiKey, SCRUBJAY_LLM_TIMEOUT_MS: timeoutMs } = parsed.data;
  if (!url) return {};
  if (!model) throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'SCRUBJAY_LLM_MODEL must name the model to use when SCRUBJAY_LLM_URL is set', { path: 'SCRUBJAY_LLM_MODEL' });
  return { llm: { baseURL: url, model, ...(apiKey ? { apiKey } : {}), timeoutMs: timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS } };
}
