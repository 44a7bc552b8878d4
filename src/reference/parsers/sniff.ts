import { guessDelimiter, splitDelimited } from '../text/csv.js';
import { matchHeader } from '../text/header.js';
import type { ReferenceKind } from '../types.js';
import { HEADER_LAYOUTS } from './headers.js';

/** The kind whose header this line is, other than `except`; for naming a file given as the wrong kind. */
export function matchingDelimitedKind(text: string, except: ReferenceKind): ReferenceKind | null {
  const cells = splitDelimited(text, guessDelimiter(text));
  if (cells === null || cells.length < 2) return null;
  for (const { kind, layout } of HEADER_LAYOUTS) {
    if (kind !== except && matchHeader(cells, layout.spec, layout.required) !== null) return kind;
  }
  return null;
}
