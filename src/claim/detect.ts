/**
 * Which format a claims file is in, judged by its content whatever its name: X12 837
 * (an ISA segment, possibly after prose), FHIR (JSON whose first object has a
 * `resourceType`), NDJSON (an object, a newline, another object) or JSON. Works on the
 * first bytes of a file (`DETECT_HEAD_BYTES`): nothing here needs the whole document,
 * and a head cut anywhere, even inside a string or a UTF-8 sequence, is fine.
 *
 * FHIR resources one per line (bulk-data NDJSON) are `ndjson`: the layout decides how
 * the file is split, and each line's value then goes to the FHIR reader when
 * `isFhirResource` says so.
 */
import type { InputFormat } from './source.js';

/** How much of a file `detectFormat` needs. */
export const DETECT_HEAD_BYTES = 64 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How many leading bytes are looked at for a UTF-16 NUL pattern. */
const SAMPLE = 512;

/**
 * The encoding of a file from its first bytes: a byte order mark, or for UTF-16 without
 * one, NULs in every other byte (ASCII text in UTF-16 has a zero high byte). UTF-8
 * otherwise.
 */
export function sniffEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const pairs = Math.floor(Math.min(bytes.length, SAMPLE) / 2);
  if (pairs === 0) return { encoding: 'utf-8', bomLength: 0 };
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** The text of a file's first bytes, in the encoding `sniffEncoding` finds, without its byte order mark. */
export function decodeHead(bytes: Uint8Array): string {
  const { encoding, bomLength } = sniffEncoding(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bomLength));
}

/**
 * Text that was decoded with the wrong encoding: UTF-16 read as UTF-8 or Latin-1 keeps a
 * NUL beside every ASCII character, and its byte order mark shows as `ÿþ`, `þÿ` or two
 * replacement characters. Such text is taken back to its characters.
 */
function repairText(text: string): string {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sample = body.slice(0, SAMPLE);
  let nuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nuls++;
  if (sample.length > 0 && nuls >= sample.length * 0.3) {
    body = body.replace(/^(\u00ff\u00fe|\u00fe\u00ff|\ufffd\ufffd)/, '').replace(/\u0000/g, '');
    if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  }
  return body;
}

export function detectFormat(head: string | Uint8Array): InputFormat | 'unknown' {
  const text = typeof head === 'string' ? repairText(head) : repairText(decodeHead(head));
  const start = skipWhitespace(text, 0);
  const first = text[start];
  if (first === '{' || first === '[') return detectJson(text, start);
  if (looksLikeX12Text(text, start)) return 'x12';
  return 'unknown';
}

function detectJson(text: string, start: number): InputFormat {
  if (text[start] === '{') {
    const end = valueEnd(text, start);
    if (end > 0 && startsNextLineWithObject(text, end)) return 'ndjson';
    return hasResourceType(text, start) ? 'fhir' : 'json';
  }
  const element = skipWhitespace(text, start + 1);
  return text[element] === '{' && hasResourceType(text, element) ? 'fhir' : 'json';
}

/** After a complete first object: only blanks to the end of its line, then (past blank lines) another object. */
function startsNextLineWithObject(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  if (text[i] !== '\n') return false;
  return text[skipWhitespace(text, i)] === '{';
}

/** A `resourceType` key among the object's own keys, whose value is a resource type name. */
function hasResourceType(text: string, objectStart: number): boolean {
  let found = false;
  walkValue(text, objectStart, (key, depth, after) => {
    if (depth !== 1 || key !== 'resourceType') return false;
    const value = skipWhitespace(text, after);
    found = text[value] === '"' && /[A-Z]/.test(text[value + 1] ?? '');
    return true;
  });
  return found;
}

function valueEnd(text: string, start: number): number {
  return walkValue(text, start);
}

/**
 * Walks the JSON value that starts at `start` (an object or array), calling `onKey` with
 * each object key, its nesting depth (1 for the value's own keys) and the index after its
 * colon; `onKey` returning true stops the walk. Returns the index just after the value,
 * or -1 when the text ends first (or the walk was stopped).
 */
function walkValue(text: string, start: number, onKey?: (key: string, depth: number, after: number) => boolean): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const close = stringEnd(text, i);
      if (close < 0) return -1;
      if (onKey) {
        const colon = skipWhitespace(text, close + 1);
        if (text[colon] === ':' && onKey(text.slice(i + 1, close), depth, colon + 1)) return -1;
      }
      i = close;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The index of the quote that closes the string opening at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}

/** JSON's whitespace (space, tab, CR, LF), plus the form feeds and no-break spaces text editors leave. */
function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/**
 * An ISA interchange header anywhere in the head (prose before it is allowed): `ISA`
 * followed by a separator that recurs at least 15 more times in the 106-character
 * fixed-length segment. A file that starts straight with a GS or ST segment is X12 too,
 * so the X12 reader can say what is missing.
 */
function looksLikeX12Text(text: string, start: number): boolean {
  const isa = /(?:^|[^A-Za-z0-9])ISA([^A-Za-z0-9\s])/g;
  for (let match = isa.exec(text); match !== null; match = isa.exec(text)) {
    const separator = match[1] as string;
    const from = match.index + match[0].length - 1;
    const segment = text.slice(from, from + 110);
    let count = 0;
    for (const ch of segment) if (ch === separator) count++;
    if (count >= 16 || (from + 110 > text.length && count >= 3)) return true;
  }
  return /^(GS|ST)[*|^~:](?:[A-Z0-9]{2,3})[*|^~:]/.test(text.slice(start, start + 10));
}
