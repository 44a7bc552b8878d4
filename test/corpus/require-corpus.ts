/** Stops the corpus suite before any test when the corpus is missing, saying where it was looked for. */
import { corpusProblem } from './paths.js';

export default function requireCorpus(): void {
  const problem = corpusProblem();
  if (problem !== null) throw new Error(problem);
}
