/**
 * Concept questions ("what is a diagnosis pointer?", "what's the difference between a
 * CARC and a RARC?"): answered from the topic file, in our own words, with the public
 * sources the answer rests on, so a trainee can read the rule where it is written.
 */
import type { Answer, AnswerContext } from '../context.js';
import type { ConceptTopic } from '../topics.js';
import { claimFollowUps, GENERAL_SUGGESTIONS, pickSuggestions } from '../suggestions.js';

/** A topic's first phrasing as a question a chip can send. */
export function askAbout(topic: ConceptTopic): string {
  const q = topic.phrasings[0] ?? topic.title;
  return `${q.charAt(0).toUpperCase()}${q.slice(1).replace(/[?.!\s]+$/, '')}?`;
}

/** The topic explained: its title, the answer and where to read more. */
export function teach(topic: ConceptTopic): string {
  const sources = topic.sources.map((s) => `• ${s.title}: ${s.url}`).join('\n');
  return `${topic.title}\n${topic.answer.trim()}\nSources:\n${sources}`;
}

export function concept(ctx: AnswerContext): Answer {
  const topic = ctx.topics.match(ctx.question)?.topic;
  if (!topic) {
    return {
      text: `I don't know that concept yet. Topics I can explain: ${ctx.topics.topics.slice(0, 8).map((t) => t.title).join('; ')}, and more.`,
      suggestions: pickSuggestions(ctx.question, ctx.topics.topics.slice(0, 3).map(askAbout), ctx),
    };
  }
  const related = topic.related.map((id) => ctx.topics.byId.get(id)).filter((t): t is ConceptTopic => t !== undefined).map(askAbout);
  const base = ctx.result ? claimFollowUps(ctx) : [...GENERAL_SUGGESTIONS];
  // a modifier's topic keeps the modifier in focus: "which rule checks it?" is about that modifier
  const modifier = topic.modifiers[0];
  return { text: teach(topic), suggestions: pickSuggestions(ctx.question, [...related, ...base], ctx), ...(modifier ? { focus: { code: `modifier ${modifier}` } } : {}) };
}
