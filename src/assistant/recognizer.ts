/**
 * Intent recognition behind a small interface, so the full-text matcher used here can be
 * swapped for another NLU without touching the answers. The MiniSearch recognizer is
 * offline and deterministic: it indexes the corpus phrasings once (by their shape, with
 * entities replaced by slot words) and scores a question against them.
 */
import MiniSearch from 'minisearch';
import type { IntentCorpus } from './corpus.js';

export interface IntentMatch {
  intent: string;
  /** the search score of the best phrasing of this intent */
  score: number;
  /** the share (0–1) of the question's meaningful words that this intent's phrasings share */
  coverage: number;
}

export interface IntentRecognizer {
  /** intents resembling the question's shape, best first; empty when none does */
  recognize(shape: string): IntentMatch[];
}

// Filler that says nothing at all; dropped everywhere.
const FILLER = new Set(['the', 'a', 'an', 'please', 'pls', 'plz', 'just', 'hmm', 'um', 'ok', 'okay', 'so', 'then', 'again', 'scrubjay']);

// Function words: they carry no intent on their own, so a question is matched on its other
// words ("what is the capital of France" shares only these with "what is E11.9"). A
// question made only of them ("what can you do") is matched on all its words instead.
const FUNCTION_WORDS = new Set([
  'what', 'whats', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'of', 'to', 'on', 'in', 'at', 'for', 'with', 'by', 'from', 'me', 'i', 'im', 'you',
  'your', 'my', 'we', 'our', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here', 'do', 'does', 'did', 'can', 'could', 'would', 'will',
  'should', 'tell', 'and', 'or', 'any', 'some', 'about', 'get', 'got', 'give', 'have', 'has', 'know', 'want', 'need', 'like', 'going', 'gonna',
]);

const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}']+/u).filter((t) => t.length > 0);

/** Lower case, no possessive, and a light plural strip ("checks" → "check", "lines" → "line"). */
function normalizeTerm(term: string): string | null {
  let t = term.toLowerCase().replace(/'s$/, '').replace(/'/g, '');
  if (t.length === 0 || FILLER.has(t)) return null;
  if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') && !t.startsWith('slot') && !FUNCTION_WORDS.has(t)) t = t.slice(0, -1);
  return t;
}

const contentTerm = (term: string): string | null => {
  const t = normalizeTerm(term);
  return t === null || FUNCTION_WORDS.has(t) ? null : t;
};

interface PhrasingDoc {
  id: number;
  intent: string;
  text: string;
}

/** A recognizer over the corpus; `shapeOf` turns a corpus phrasing into the shape questions are given in. */
export function createMiniSearchRecognizer(corpus: IntentCorpus, shapeOf: (phrasing: string) => string): IntentRecognizer {
  const content = new MiniSearch<PhrasingDoc>({ fields: ['text'], storeFields: ['intent'], tokenize, processTerm: contentTerm });
  const full = new MiniSearch<PhrasingDoc>({ fields: ['text'], storeFields: ['intent'], tokenize, processTerm: normalizeTerm });
  let id = 0;
  for (const intent of corpus.intents) {
    const docs = intent.phrasings.map((p) => ({ id: id++, intent: intent.name, text: shapeOf(p) }));
    content.addAll(docs);
    full.addAll(docs);
  }
  return {
    recognize(shape) {
      const words = tokenize(shape);
      const contentTerms = new Set(words.map(contentTerm).filter((t): t is string => t !== null));
      const terms = contentTerms.size > 0 ? contentTerms : new Set(words.map(normalizeTerm).filter((t): t is string => t !== null));
      if (terms.size === 0) return [];
      const results = (contentTerms.size > 0 ? content : full).search([...terms].join(' '), {
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
        combineWith: 'OR',
      });
      // an intent's score is its best phrasing's; its coverage, the question's words that any of its phrasings share
      const best = new Map<string, { score: number; matched: Set<string> }>();
      for (const r of results) {
        const intent = String(r['intent']);
        const known = best.get(intent);
        if (known) for (const t of r.queryTerms) known.matched.add(t);
        else best.set(intent, { score: r.score, matched: new Set(r.queryTerms) });
      }
      return [...best].map(([intent, { score, matched }]) => ({ intent, score, coverage: matched.size / terms.size }));
    },
  };
}
