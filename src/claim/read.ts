/**
 * One way in for every claims file: `readClaims(file or stream, name)` looks at the first
 * bytes to tell the format by content (whatever the file is called) and hands the stream
 * to that format's reader. Claims come out one at a time as the file is read, so a file
 * of any size is read in flat memory (a JSON document excepted: see read-json.ts).
 */
import { createReadStream } from 'node:fs';
import { ScrubjayError } from '../errors.js';
import { decodeHead, DETECT_HEAD_BYTES, detectFormat, sniffEncoding } from './detect.js';
import { isFhirResource, readFhirClaims } from './fhir/index.js';
import { claimOrProblem, claimsOfDocument, readJsonDocument, readNdjson, type JsonValueReader } from './read-json.js';
import type { ClaimFromFile, InputFormat } from './source.js';
import { readX12Claims } from './x12/index.js';

/** A file path, the whole content, or a stream of its bytes (a `fs.ReadStream`, an upload). */
export type ClaimSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export interface ReadClaimsOptions {
  /** told of every piece of the file as it is read, with its size in bytes (for progress) */
  onBytes?: (bytes: number) => void;
  /** told how many values a JSON document's top-level array holds, once it is parsed and before its first claim is read */
  onDocumentValues?: (values: number) => void;
}

/**
 * The file is read 64 KB at a time and handed to its reader in 4 KB pieces. A reader turns
 * a piece into claims at once, and whatever waits its turn across the young generation's
 * short collections (claims not yet scrubbed, the chunk they were cut from) is moved to
 * the old generation, which V8 lets grow to several times what is alive. Small chunks and
 * pieces keep a million-claim batch's memory flat and small.
 */
const READ_CHUNK_BYTES = 64 * 1024;
const PIECE_BYTES = 4 * 1024;

/**
 * The claims in `source`, in file order. `name` is what messages call it (default: the
 * path). A file that cannot be read at all (missing, empty, of no known format, not JSON)
 * throws a ScrubjayError naming it; a claim that cannot be read is yielded with its problems.
 */
export async function* readClaims(source: ClaimSource, name?: string, options: ReadClaimsOptions = {}): AsyncGenerator<ClaimFromFile> {
  const file = name ?? (typeof source === 'string' ? source : 'input');
  const opened = await openClaimsSource(source, file, options);
  switch (opened.format) {
    case 'json':
    case 'fhir':
      yield* readJsonDocument(opened.chunks, file, opened.encoding, readJsonValue, options.onDocumentValues);
      return;
    case 'ndjson':
      yield* readNdjson(opened.chunks, file, opened.encoding, readJsonValue);
      return;
    case 'x12':
      yield* readX12Claims(opened.chunks, file);
  }
}

/** The format of a claims file, from its first bytes; throws as readClaims would for a file that cannot be read. */
export async function detectClaimsFile(path: string, name = path): Promise<InputFormat> {
  const stream = createReadStream(path, { highWaterMark: DETECT_HEAD_BYTES });
  try {
    return (await openClaimsSource(stream, name, {})).format;
  } finally {
    stream.destroy();
  }
}

interface OpenedSource {
  format: InputFormat;
  encoding: string;
  /** every byte of the source, from the first */
  chunks: AsyncIterable<Buffer>;
}

async function openClaimsSource(source: ClaimSource, file: string, options: ReadClaimsOptions): Promise<OpenedSource> {
  const chunks = inPieces(bytesOf(source, file), options.onBytes);
  const { head, all } = await peek(chunks, DETECT_HEAD_BYTES);
  return { format: formatOf(head, file), encoding: sniffEncoding(head).encoding, chunks: all };
}

/**
 * The claims of a JSON value already parsed (a request body, a socket payload), read as a
 * JSON file with that content is read: a claim, a FHIR resource, or an array of them.
 */
export function readParsedClaims(value: unknown, name: string): ClaimFromFile[] {
  return [...claimsOfDocument(value, name, readJsonValue)];
}

/** Each value of a JSON or NDJSON file: a claim in the contract's shape (or the reason it is not one). */
const readJsonValue: JsonValueReader = (value, file, index, format) =>
  isFhirResource(value) ? readFhirClaims(value, file, index) : [claimOrProblem(value, file, index, format)];

function formatOf(head: Buffer, file: string): InputFormat {
  const text = decodeHead(head).trimStart();
  if (text === '') {
    throw new ScrubjayError('SJ_INPUT_NOT_JSON', `${file}: the file is empty; expected a claim object, an array of claims, NDJSON, an X12 837 or FHIR`, { file, line: 1, column: 1 });
  }
  const format = detectFormat(head);
  if (format !== 'unknown') return format;
  // a lone JSON value that is no claim (`42`, `"text"`) is read as JSON, which then says what it is
  if (/^(?:[-0-9"]|(?:true|false|null)\b)/.test(text)) return 'json';
  throw new ScrubjayError(
    'SJ_INPUT_FORMAT_UNKNOWN',
    `${file}: not a claims file; expected JSON claims (one object, an array or NDJSON), an X12 837 (starting with an ISA segment) or FHIR resources`,
    { file, line: 1, column: 1 },
  );
}

async function* bytesOf(source: ClaimSource, file: string): AsyncGenerator<Buffer> {
  if (source instanceof Uint8Array) {
    yield Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    return;
  }
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: READ_CHUNK_BYTES }) : source;
  try {
    for await (const chunk of stream) {
      yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    if (error instanceof ScrubjayError || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw unreadable(error as NodeJS.ErrnoException, file);
  }
}

export function unreadable(error: NodeJS.ErrnoException, file: string): ScrubjayError {
  const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied', EPERM: 'permission denied' };
  const reason = reasons[error.code ?? ''] ?? error.message;
  return new ScrubjayError('SJ_INPUT_UNREADABLE', `${file}: cannot read the file (${reason})`, { file });
}

/** The stream in pieces of at most PIECE_BYTES, each counted as it is handed on. */
async function* inPieces(chunks: AsyncIterable<Buffer>, onBytes: ((bytes: number) => void) | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; start += PIECE_BYTES) {
      const piece = chunk.subarray(start, start + PIECE_BYTES);
      onBytes?.(piece.length);
      yield piece;
    }
  }
}

/** Reads the first `bytes` of a stream to look at, and gives back the whole stream, those bytes first. */
async function peek(chunks: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(seen, size).subarray(0, bytes);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      yield* seen;
      seen.length = 0;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      done = true;
    } finally {
      // a reader that stops early closes the file behind it
      if (!done) await iterator.return?.();
    }
  }
  return { head, all: all() };
}
