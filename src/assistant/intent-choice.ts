/**
 * Picks the intent a question asks, from the recognizer's matches. Being wrong costs more
 * than saying "I don't know": a wrong intent answers a question nobody asked with claim
 * facts that look authoritative. So a match must pass these checks:
 *
 * - cues: the question holds one of the intent's cue words (intents.yaml);
 * - confidence: it covers enough of the question's telling words — a little when the
 *   question is about something Scrubjay knows (a claim, a line, a code, a rule, "it"),
 *   every word when it is not ("how do I fix my car" is not "how do I fix it");
 * - out of scope: the corpus's out-of-scope phrasings do not fit the question better.
 */
import type { IntentCorpus } from './corpus.js';
import { cueMatcher, type CueMatcher } from './cues.js';
import type { Entities } from './entities.js';
import type { IntentMatch } from './recognizer.js';

/** The corpus's intent for questions outside what Scrubjay knows; it has no answer. */
export const OUT_OF_SCOPE = 'out-of-scope';
export const UNKNOWN = 'unknown';

/** Coverage an intent without cues (greetings, help) needs: most of the question. */
export const MIN_COVERAGE = 0.45;
/** Coverage a cued intent needs when the question names one of Scrubjay's subjects. */
export const MIN_COVERAGE_ON_SUBJECT = 0.3;
/** Coverage a cued intent needs when the question names no subject: all of it (a little slack for rounding). */
export const MIN_COVERAGE_OFF_SUBJECT = 0.99;

export interface IntentChooser {
  choose(matches: readonly IntentMatch[], shape: string, entities: Entities): string;
}

export function createIntentChooser(corpus: IntentCorpus): IntentChooser {
  const cues = new Map<string, CueMatcher>(corpus.intents.map((i) => [i.name, cueMatcher(i.cues)]));
  const subjects = cueMatcher(corpus.subjects);
  return {
    choose(matches, shape, e) {
      const onSubject = subjects.heard(shape);
      const confident = (m: IntentMatch): boolean => {
        const cue = cues.get(m.intent);
        if (!cue?.cued) return m.coverage >= MIN_COVERAGE;
        return cue.heard(shape) && m.coverage >= (onSubject ? MIN_COVERAGE_ON_SUBJECT : MIN_COVERAGE_OFF_SUBJECT);
      };
      const outOfScope = matches.find((m) => m.intent === OUT_OF_SCOPE);
      // the intent sharing most of the question wins; the search score breaks ties
      const ranked = [...matches].sort((a, b) => b.coverage - a.coverage || b.score - a.score);
      const chosen = ranked.find((m) => m.intent !== OUT_OF_SCOPE && confident(m));
      if (chosen) {
        // the out-of-scope phrasings fit better: "how much will Medicare pay us" is not a denial question
        if (outOfScope && (outOfScope.coverage > chosen.coverage || (outOfScope.coverage === chosen.coverage && outOfScope.score > chosen.score))) return UNKNOWN;
        // "is anything wrong with line 3?" asks about that line, not the whole claim
        if (chosen.intent === 'why-denied' && e.lines.length > 0) return 'explain-finding';
        return chosen.intent;
      }
      if (outOfScope && outOfScope.coverage >= MIN_COVERAGE) return UNKNOWN;
      // a question no phrasing fits that still names a code is a look-up of that code
      if (e.carc.length > 0 || e.rarc.length > 0) return 'code-meaning';
      if (e.icd.length > 0 || e.cpt.length > 0 || e.hcpcs.length > 0) return 'code-lookup';
      return UNKNOWN;
    },
  };
}
