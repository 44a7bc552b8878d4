/**
 * Intent recognition behind a small interface, so the full-text matcher used here can be
 * swapped for another NLU without touching the answers. The MiniSearch recognizer is
 * offline and deterministic: it indexes the corpus phrasings once (by their shape, with
 * entities replaced by slot words) and scores a question against them.
 */
import MiniSearch from 'minisearch';
import type { IntentCorpus } from './corpus.js';
import { contentTerm, normalizeTerm, tokenize } from './words.js';

export interface IntentMatch {
  intent: string;
  /** the search score of the best phrasing of this intent */
  score: number;
  /**
   * the share (0–1) of the question's meaningful words that this intent's phrasings share,
   * each word weighted by how telling it is: a word few intents use, or none, weighs more
   * than one every intent uses ("how", "why")
   */
  coverage: number;
}

export interface IntentRecognizer {
  /** intents resembling the question's shape, best first; empty when none does */
  recognize(shape: string): IntentMatch[];
}

interface PhrasingDoc {
  id: number;
  intent: string;
  text: string;
}

/**
 * How much a word tells, from the number of intents whose phrasings or cues use it (an
 * inverse document frequency over intents). A word no intent uses weighs as much as one
 * only one intent uses: "what is the weather" is mostly about the weather, whatever
 * "what" matches.
 */
function wordWeights(corpus: IntentCorpus, shapeOf: (phrasing: string) => string): (term: string) => number {
  const intentsUsing = new Map<string, Set<string>>();
  for (const intent of corpus.intents) {
    for (const phrasing of [...intent.phrasings, ...intent.cues]) {
      for (const word of tokenize(shapeOf(phrasing))) {
        const term = normalizeTerm(word);
        if (term === null) continue;
        let using = intentsUsing.get(term);
        if (!using) intentsUsing.set(term, (using = new Set()));
        using.add(intent.name);
      }
    }
  }
  const n = Math.max(1, corpus.intents.length);
  return (term) => Math.log(1 + n / Math.max(1, intentsUsing.get(term)?.size ?? 0));
}

/** A recognizer over the corpus; `shapeOf` turns a corpus phrasing into the shape questions are given in. */
export function createMiniSearchRecognizer(corpus: IntentCorpus, shapeOf: (phrasing: string) => string): IntentRecognizer {
  const content = new MiniSearch<PhrasingDoc>({ fields: ['text'], storeFields: ['intent'], tokenize, processTerm: contentTerm });
  const full = new MiniSearch<PhrasingDoc>({ fields: ['text'], storeFields: ['intent'], tokenize, processTerm: normalizeTerm });
  let id = 0;
  for (const intent of corpus.intents) {
    const docs = intent.phrasings.map((p) => ({ id: id++, intent: intent.name, text: shapeOf(p) }));
    // the cue words belong to the intent's vocabulary too ("accept" is a denial word even if no phrasing says it)
    if (intent.cues.length > 0) docs.push({ id: id++, intent: intent.name, text: intent.cues.join(' ') });
    content.addAll(docs);
    full.addAll(docs);
  }
  const weight = wordWeights(corpus, shapeOf);
  return {
    recognize(shape) {
      const words = tokenize(shape);
      const contentTerms = new Set(words.map(contentTerm).filter((t): t is string => t !== null));
      const terms = contentTerms.size > 0 ? contentTerms : new Set(words.map(normalizeTerm).filter((t): t is string => t !== null));
      if (terms.size === 0) return [];
      // the query goes in already normalized, so it is not stemmed twice
      const results = (contentTerms.size > 0 ? content : full).search([...terms].join(' '), {
        processTerm: (t) => t,
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
        combineWith: 'OR',
      });
      // an intent's score is its best phrasing's; its coverage, the weight of the question's words that any of its phrasings share
      const best = new Map<string, { score: number; matched: Set<string> }>();
      for (const r of results) {
        const intent = String(r['intent']);
        const known = best.get(intent);
        if (known) for (const t of r.queryTerms) known.matched.add(t);
        else best.set(intent, { score: r.score, matched: new Set(r.queryTerms) });
      }
      let total = 0;
      for (const t of terms) total += weight(t);
      return [...best].map(([intent, { score, matched }]) => {
        let shared = 0;
        for (const t of matched) shared += weight(t);
        return { intent, score, coverage: total > 0 ? shared / total : 0 };
      });
    },
  };
}
