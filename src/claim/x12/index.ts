/**
 * The X12 837P reader: an 837 file (005010X222A1, with the A2 errata envelopes; 4010 as
 * far as it maps) → claims in the contract's shape, one `ClaimFromFile` per 2300 loop,
 * each handed over as soon as its loop ends.
 *
 * A file that cannot be split into segments at all (no ISA, unusable separators) throws a
 * `ScrubjayError` (`SJ_X12_UNREADABLE`) naming the file and segment; so does an interchange
 * none of whose transaction sets is an 837, such as an 835 remittance (`SJ_X12_NOT_A_CLAIM_FILE`).
 * Everything else is a problem of the claim it concerns, and the other claims are still read.
 */
import { ScrubjayError } from '../../errors.js';
import type { ClaimFromFile } from '../source.js';
import { decodeChunks } from './decode.js';
import { Claims837Reader } from './reader.js';
import { SegmentSplitter } from './segments.js';
import { findIsa, looksLikeHeader } from './separators.js';

export { X12_PROBLEMS, type X12ProblemCode, type X12ProblemKind } from './problems.js';

/** How far into a file `looksLikeX12` looks for the ISA header. */
const HEAD_WINDOW = 8 * 1024;

/**
 * Reads claims from a stream of chunks (a `fs.createReadStream` is one). Bytes are
 * decoded as UTF-8, or UTF-16 when a BOM or the NUL pattern says so.
 */
export async function* readX12Claims(input: AsyncIterable<Buffer | Uint8Array | string>, file: string): AsyncGenerator<ClaimFromFile> {
  const reader = new Claims837Reader(file);
  const splitter = new SegmentSplitter(file, reader);
  try {
    for await (const text of decodeChunks(readable(input, file))) {
      splitter.push(text);
      for (const claim of reader.take()) yield claim;
    }
    splitter.end();
    reader.finish(splitter.segmentCount);
  } catch (error) {
    // the claims read before a file-level failure (a later ISA that cannot be read) still count
    if (error instanceof ScrubjayError) for (const claim of reader.takeAll()) yield claim;
    throw error;
  }
  for (const claim of reader.take()) yield claim;
}

/** Reads every claim of a small X12 text at once (a request body, a test). */
export function readX12Text(text: string, file: string): ClaimFromFile[] {
  const reader = new Claims837Reader(file);
  const splitter = new SegmentSplitter(file, reader);
  splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  splitter.end();
  reader.finish(splitter.segmentCount);
  return reader.take();
}

/**
 * Whether the start of a file is an X12 interchange: an ISA header within the first
 * 8 KiB, after an optional BOM, whitespace or a cover note. JSON is never X12.
 */
export function looksLikeX12(head: string): boolean {
  let text = head.length > HEAD_WINDOW ? head.slice(0, HEAD_WINDOW) : head;
  // a UTF-16 head read as single bytes has a NUL beside every character
  if (text.includes('\u0000')) text = text.replace(/\u0000/g, '');
  text = text.replace(/^[\ufeff\ufffe]/, '');
  const firstSolid = text.search(/\S/);
  if (firstSolid === -1 || text[firstSolid] === '{' || text[firstSolid] === '[') return false;
  for (let at = findIsa(text, 0); at !== -1; at = findIsa(text, at + 3)) {
    if (looksLikeHeader(text, at)) return true;
  }
  return false;
}

/** The input's own failures (a file that vanished, a broken pipe) as Scrubjay errors naming the file. */
async function* readable<T>(input: AsyncIterable<T>, file: string): AsyncGenerator<T> {
  const iterator = input[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      let step: IteratorResult<T>;
      try {
        step = await iterator.next();
      } catch (error) {
        done = true;
        if (error instanceof ScrubjayError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new ScrubjayError('SJ_INPUT_UNREADABLE', `${file}: cannot be read (${reason})`, { file });
      }
      if (step.done) {
        done = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // a consumer that stops early (or a file-level error) closes the input, e.g. the file handle
    if (!done) await iterator.return?.();
  }
}
