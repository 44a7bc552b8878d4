/**
 * The two judgements the JSON readers make of a claim file's text: whether it is JSON at
 * all (a syntax error names `file:line:col`), and whether a value is claim-shaped (a value
 * that is not names the claim's index). Everything else about a claim (missing or mistyped
 * fields) is left for the rules to report.
 */
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ScrubjayError } from '../errors.js';
import type { ClaimInput } from '../contract/claim.js';
import { refuseDeepText } from './json-depth.js';
import { lineAndColumn } from './text-position.js';

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
 * `firstLine` of its file. A syntax error names `file:line:col` in the file's own lines, and
 * so does a text nested too deeply to be used (SJ_INPUT_TOO_DEEP).
 */
export function parseJsonText(text: string, source: string, firstLine = 1): unknown {
  refuseDeepText(text, source, firstLine);
  try {
    return JSON.parse(text);
  } catch {
    throw syntaxError(text, source, firstLine - 1);
  }
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
