/**
 * Turns the text of a claims file into raw claim objects: one JSON object, a JSON
 * array of objects, or NDJSON (one object per line). Syntax errors name the line and
 * column; things that are not claims at all name the claim's index. Everything else
 * about a claim (missing or mistyped fields) is left for the rules to report.
 */
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ScrubjayError } from '../errors.js';
import type { ClaimInput } from '../contract/claim.js';

export interface RawClaim {
  /** zero-based position in the file */
  index: number;
  /** 1-based line of the file where this claim starts, when known */
  line?: number;
  value: ClaimInput;
}

export function parseClaimsText(text: string, source: string): RawClaim[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trim();
  if (trimmed === '') {
    throw new ScrubjayError('SJ_INPUT_NOT_JSON', `${source}: the file is empty; expected a claim object, an array of claims or NDJSON`, { file: source, line: 1, column: 1 });
  }
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch {
    if (looksLikeNdjson(body)) return parseNdjson(body, source);
    throw syntaxError(body, source, 0);
  }
  const items = Array.isArray(whole) ? whole : [whole];
  return items.map((value, index) => ({ index, value: asClaimObject(value, index, source) }));
}

/** Accepts any JSON value and insists it is claim-shaped: an object with a `lines` array. */
export function asClaimObject(value: unknown, index: number, source: string): ClaimInput {
  const where = `${source}: claim ${index + 1}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${where} is ${found}, not a claim object`, { file: source, claimIndex: index });
  }
  const lines = (value as Record<string, unknown>).lines;
  if (!Array.isArray(lines)) {
    const problem = lines === undefined ? 'has no "lines" array' : `has "lines" that is not an array`;
    throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${where} ${problem}; a claim needs its service lines`, { file: source, claimIndex: index, path: 'lines' });
  }
  return value as ClaimInput;
}

/**
 * Parses one JSON text: a whole document, or one NDJSON record that starts on line
 * `firstLine` of its file. A syntax error names `file:line:col` in the file's own lines.
 */
export function parseJsonText(text: string, source: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw syntaxError(text, source, firstLine - 1);
  }
}

function looksLikeNdjson(text: string): boolean {
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  if (!firstLine.startsWith('{')) return false;
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

function parseNdjson(text: string, source: string): RawClaim[] {
  const claims: RawClaim[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw syntaxError(line, source, i);
    }
    const index = claims.length;
    claims.push({ index, line: i + 1, value: asClaimObject(value, index, source) });
  }
  return claims;
}

/** Re-parses tolerantly to find where the first syntax error is, since V8's messages do not always say. */
function syntaxError(text: string, source: string, lineOffset: number): ScrubjayError {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first ? first.offset : text.length;
  const { line, column } = lineAndColumn(text, offset);
  const what = first ? describeParseError(printParseErrorCode(first.error)) : 'invalid JSON';
  const absoluteLine = line + lineOffset;
  return new ScrubjayError('SJ_INPUT_NOT_JSON', `${source}:${absoluteLine}:${column}: not valid JSON (${what})`, {
    file: source,
    line: absoluteLine,
    column,
  });
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
