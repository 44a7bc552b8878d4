/**
 * Claims from JSON files, read from a stream of bytes: NDJSON one line at a time (a file
 * of any size), a JSON document (one claim, an array of claims, a FHIR resource) whole,
 * up to MAX_JSON_DOCUMENT_BYTES. A record that is not JSON or not a claim is that
 * claim's problem and the rest of the file is still read; a document that is not JSON
 * at all is the file's problem (file:line:col).
 */
import { ScrubjayError } from '../errors.js';
import { asClaimObject, parseJsonText } from './input.js';
import { inputProblem, type ClaimFromFile, type InputFormat } from './source.js';

/**
 * A JSON document is parsed whole, and its claims take several times its size in memory:
 * 64 MB of claims (about 50,000) stay well under the memory a batch may use. NDJSON has
 * no such limit, nor does X12.
 */
export const MAX_JSON_DOCUMENT_BYTES = 64 * 1024 * 1024;

const MB = MAX_JSON_DOCUMENT_BYTES / 2 ** 20;

/** Turns a JSON value into the claims it holds; FHIR resources are handed to their reader. */
export type JsonValueReader = (value: unknown, file: string, index: number, format: InputFormat) => ClaimFromFile[];

/** A value that is claim-shaped becomes a claim; anything else, a claim that could not be read, with its reason. */
export function claimOrProblem(value: unknown, file: string, index: number, format: InputFormat, location?: string): ClaimFromFile {
  try {
    return { format, file, index, claim: asClaimObject(value, index, file), problems: [] };
  } catch (error) {
    if (!(error instanceof ScrubjayError)) throw error;
    return { format, file, index, claim: null, problems: [inputProblem('error', 'json-not-a-claim', error.message, location, error.location.path)] };
  }
}

/** Reads a whole JSON document: one claim (or FHIR resource), or an array of them. */
export async function* readJsonDocument(
  chunks: AsyncIterable<Buffer>,
  file: string,
  encoding: string,
  readValue: JsonValueReader,
  onValues?: (values: number) => void,
): AsyncGenerator<ClaimFromFile> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_JSON_DOCUMENT_BYTES) {
      throw new ScrubjayError(
        'SJ_INPUT_TOO_LARGE',
        `${file}: a JSON document is read whole, and this one is over ${MB} MB; write the claims one per line (NDJSON) to check a file of any size`,
        { file },
      );
    }
    parts.push(chunk);
  }
  const text = new TextDecoder(encoding).decode(Buffer.concat(parts, size));
  parts.length = 0;
  const whole = parseJsonText(text, file);
  if (Array.isArray(whole)) onValues?.(whole.length);
  yield* claimsOfDocument(whole, file, readValue);
}

/** The claims of a parsed JSON document: one claim (or FHIR resource), or an array of them. */
export function* claimsOfDocument(whole: unknown, file: string, readValue: JsonValueReader): Generator<ClaimFromFile> {
  if (!Array.isArray(whole)) {
    // a lone value that is not a claim leaves nothing in the file to check
    if (whole === null || typeof whole !== 'object') asClaimObject(whole, 0, file);
    yield* readValue(whole, file, 0, 'json');
    return;
  }
  let index = 0;
  for (const value of whole) {
    const claims = readValue(value, file, index, 'json');
    index += claims.length;
    yield* claims;
  }
}

/** Reads NDJSON line by line: memory holds one line, whatever the file's size. */
export async function* readNdjson(chunks: AsyncIterable<Buffer>, file: string, encoding: string, readValue: JsonValueReader): AsyncGenerator<ClaimFromFile> {
  const decoder = new TextDecoder(encoding);
  let carry = '';
  let lineNumber = 0;
  let index = 0;

  function* record(line: string): Generator<ClaimFromFile> {
    lineNumber++;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = parseJsonText(line, file, lineNumber);
    } catch (error) {
      // a line too deep to use is refused with the file, as a document would be: it is no claim with a typo
      if (!(error instanceof ScrubjayError) || error.code === 'SJ_INPUT_TOO_DEEP') throw error;
      const column = error.location.column ?? 1;
      yield { format: 'ndjson', file, index: index++, claim: null, problems: [inputProblem('error', 'json-syntax', error.message, `line ${lineNumber}, column ${column}`)] };
      return;
    }
    const claims = readValue(value, file, index, 'ndjson');
    index += claims.length;
    yield* claims;
  }

  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield* record(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_JSON_DOCUMENT_BYTES) {
      throw new ScrubjayError('SJ_INPUT_TOO_LARGE', `${file}:${lineNumber + 1}: a line over ${MB} MB long; NDJSON holds one claim per line`, { file, line: lineNumber + 1 });
    }
  }
  carry += decoder.decode();
  if (carry !== '') yield* record(carry);
}
