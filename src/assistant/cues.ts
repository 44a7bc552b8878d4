/**
 * Cues: the words an intent cannot be asked without. A filing question says "file",
 * "deadline", "late" or "how long"; a question about a CARC names one. Full-text
 * similarity alone takes "what day of the week is it" for a filing question (it shares
 * "day"); requiring a cue turns such near-misses into the honest "I don't know".
 */
import { stemmedWords } from './words.js';

export interface CueMatcher {
  /** true when the question (in its shape: entities already slot words) holds one of the cues */
  heard(shape: string): boolean;
  /** false for an intent without cues */
  cued: boolean;
}

/** Always true: an intent without cues is judged on its phrasings alone. */
const ANYTHING: CueMatcher = { heard: () => true, cued: false };

function holds(words: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let i = 0; i + sequence.length <= words.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (words[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

/** A matcher over cue words and phrases ("deadline", "how long", "slotcarc"), stemmed as questions are. */
export function cueMatcher(cues: readonly string[] | undefined): CueMatcher {
  const sequences = (cues ?? []).map(stemmedWords).filter((s) => s.length > 0);
  if (sequences.length === 0) return ANYTHING;
  return {
    cued: true,
    heard(shape) {
      const words = stemmedWords(shape);
      return sequences.some((s) => holds(words, s));
    },
  };
}
