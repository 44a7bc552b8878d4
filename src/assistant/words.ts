/**
 * How the assistant reads words, shared by intent recognition and the cue check so both
 * agree on what a word is: tokens, filler that means nothing, function words that carry
 * no intent, and a light stemmer so "denied", "denial" and "deny" are one word.
 */

export const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}']+/u).filter((t) => t.length > 0);

// Filler that says nothing at all; dropped everywhere.
const FILLER = new Set(['the', 'a', 'an', 'please', 'pls', 'plz', 'just', 'hmm', 'um', 'ok', 'okay', 'so', 'then', 'again', 'scrubjay']);

// Function words: they carry no intent on their own, so a question is matched on its other
// words ("what is the capital of France" shares only these with "what is E11.9"). A
// question made only of them ("what can you do") is matched on all its words instead.
const FUNCTION_WORDS = new Set([
  'what', 'whats', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'of', 'to', 'on', 'in', 'at', 'for', 'with', 'by', 'from', 'me', 'i', 'im', 'you',
  'your', 'my', 'we', 'our', 'us', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here', 'do', 'does', 'did', 'can', 'could', 'would', 'will',
  'should', 'tell', 'and', 'or', 'any', 'some', 'about', 'get', 'got', 'give', 'have', 'has', 'know', 'want', 'need', 'like', 'going', 'gonna',
]);

// Forms a suffix rule would get wrong, mapped to the stem their regular forms get.
const IRREGULAR: Record<string, string> = {
  paid: 'pay', denial: 'deny', denials: 'deny', denied: 'deny', denies: 'deny', rejection: 'reject', rejections: 'reject',
  submission: 'submit', submitted: 'submit', submitting: 'submit', diagnoses: 'diagnosis', diagnose: 'diagnosis', diagnosed: 'diagnosis',
  meaning: 'mean', meant: 'mean', understood: 'understand', wrong: 'wrong', went: 'go', gone: 'go', goes: 'go', done: 'do',
};

const CONSONANT_TWICE = /([bdfgkmnprtv])\1$/;

/**
 * A light suffix stemmer (plural, -ed, -ing, final e). It only has to be consistent: the
 * corpus, the cues and the question all go through it, so "flagged" and "flag" meet at
 * "flag" and "filing", "filed" and "file" at "fil".
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3 || word.startsWith('slot')) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3).replace(CONSONANT_TWICE, '$1');
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2).replace(CONSONANT_TWICE, '$1');
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Lower case without possessive or apostrophe; null for filler. */
function plain(term: string): string | null {
  const t = term.toLowerCase().replace(/'s$/, '').replace(/'/g, '');
  return t.length === 0 || FILLER.has(t) ? null : t;
}

/** A word as the recognizer indexes it: filler dropped, everything else stemmed (function words kept as they are). */
export function normalizeTerm(term: string): string | null {
  const t = plain(term);
  if (t === null) return null;
  return FUNCTION_WORDS.has(t) ? t : stem(t);
}

/** A word that can carry an intent: filler and function words dropped, the rest stemmed. */
export function contentTerm(term: string): string | null {
  const t = plain(term);
  return t === null || FUNCTION_WORDS.has(t) ? null : stem(t);
}

/** Every word of a text, stemmed, function words included (cues may be made of them: "how long", "what if"). */
export function stemmedWords(text: string): string[] {
  return tokenize(text.toLowerCase())
    .map(plain)
    .filter((t): t is string => t !== null)
    .map((t) => (FUNCTION_WORDS.has(t) ? t : stem(t)));
}
