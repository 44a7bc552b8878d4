/**
 * Searching a code table for the codes to put on a named code list: codes that start with the
 * query, then codes whose description holds every word of it. The tables stay as they are
 * stored; a word search reads every description in place, as bytes, which for a whole
 * ICD-10-CM year (98,000 rows) takes some 15-25 ms (bench/code-search.ts), so no index is
 * kept beside the table.
 */
import { CODE_SEARCH_DEFAULT_LIMIT, CODE_SEARCH_MAX_LIMIT } from '../contract/code-search.js';
import type { CodeMatch, CodeSearchResult, UndescribedCodes } from './types.js';

export const DEFAULT_SEARCH_LIMIT = CODE_SEARCH_DEFAULT_LIMIT;
export const MAX_SEARCH_LIMIT = CODE_SEARCH_MAX_LIMIT;

/** The words of a query, ASCII letters lowered (the tables' descriptions are compared the same way), as text and as UTF-8. */
export interface SearchWords {
  text: readonly string[];
  bytes: readonly Uint8Array[];
}

/** What a search needs of a table, whichever way it is stored. */
export interface SearchableRows {
  readonly rows: number;
  /** rows [from, to) whose code starts with `prefix` (upper case, no dot), in code order */
  prefixRows(prefix: string): readonly [number, number];
  /** the row's code, upper case without a dot */
  key(row: number): string;
  /** whether the row is of the set searched: HCPCS keeps procedure codes and modifiers in one table */
  includes(row: number): boolean;
  /** whether the row's description holds every word */
  describes(row: number, words: SearchWords): boolean;
  match(row: number): CodeMatch;
}

/** Lowers A-Z only, as the byte comparison of stored descriptions does, so both sides fold alike. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export function searchWords(query: string): SearchWords {
  const text = asciiLower(query)
    .split(/[\s,;]+/)
    .filter((w) => w !== '');
  return { text, bytes: text.map((w) => new Uint8Array(Buffer.from(w, 'utf8'))) };
}

/** The start of a code the query can be, upper case without dots; undefined when it holds anything but letters, digits and dots. */
export function codePrefix(query: string): string | undefined {
  const code = query.trim().toUpperCase().replaceAll('.', '');
  return /^[A-Z0-9]{1,10}$/.test(code) ? code : undefined;
}

export function searchLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(limit)));
}

export function searchRows(source: SearchableRows, query: string, limit?: number, also?: UndescribedCodes): CodeSearchResult {
  const max = searchLimit(limit);
  const codes: CodeMatch[] = [];
  let total = 0;
  const take = (match: () => CodeMatch): void => {
    total++;
    if (codes.length < max) codes.push(match());
  };
  const prefix = codePrefix(query);
  const [from, to] = prefix === undefined ? [0, 0] : source.prefixRows(prefix);
  if (prefix !== undefined && also !== undefined) {
    mergeByCode(source, from, to, also.codesStartingWith(prefix), (row) => take(() => source.match(row)), (code) => take(() => ({ code, meaning: also.meaning })));
  } else {
    for (let row = from; row < to; row++) if (source.includes(row)) take(() => source.match(row));
  }
  const words = searchWords(query);
  if (words.text.length > 0) {
    // a code already found by its start is not listed again for its words
    const scan = (start: number, end: number): void => {
      for (let row = start; row < end; row++) if (source.includes(row) && source.describes(row, words)) take(() => source.match(row));
    };
    scan(0, from);
    scan(to, source.rows);
  }
  return { codes, total };
}

/** Walks the rows [from, to) and the other codes together in code order; a code in both is the row's. */
function mergeByCode(source: SearchableRows, from: number, to: number, others: Iterable<string>, row: (row: number) => void, other: (code: string) => void): void {
  const rest = others[Symbol.iterator]();
  let next = rest.next();
  for (let r = from; r < to; r++) {
    if (!source.includes(r)) continue;
    const key = source.key(r);
    while (!next.done && next.value < key) {
      other(next.value);
      next = rest.next();
    }
    if (!next.done && next.value === key) next = rest.next();
    row(r);
  }
  for (; !next.done; next = rest.next()) other(next.value);
}

/** ICD-10-CM codes are stored without the dot and written with it after the category. */
export function dottedIcd(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export interface ListedCode {
  /** upper case, without a dot */
  key: string;
  match: CodeMatch;
  /** the descriptions its words are looked for in */
  texts: readonly string[];
}

/** Rows of a small table held in memory (a rule test's reference data), searched as the stored tables are. */
export function listedRows(entries: readonly ListedCode[]): SearchableRows {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const folded = sorted.map((e) => e.texts.map(asciiLower));
  return {
    rows: sorted.length,
    prefixRows(prefix) {
      let from = 0;
      while (from < sorted.length && (sorted[from] as ListedCode).key < prefix) from++;
      let to = from;
      while (to < sorted.length && (sorted[to] as ListedCode).key.startsWith(prefix)) to++;
      return [from, to];
    },
    key: (row) => (sorted[row] as ListedCode).key,
    includes: () => true,
    describes: (row, words) => (folded[row] as string[]).some((text) => words.text.every((w) => text.includes(w))),
    match: (row) => ({ ...(sorted[row] as ListedCode).match }),
  };
}
