/**
 * The 277CA reader: a claim acknowledgment file (005010X214) → one record per claim and per
 * batch-level status, each handed over as soon as its loop ends. The 837 reader's lower
 * parts do the rest: bytes are decoded as UTF-8 or UTF-16 (BOM or NUL pattern), a cover
 * note before the ISA is skipped, and the separators are the ones the ISA declares.
 *
 * A file that cannot be split into segments throws `SJ_X12_UNREADABLE`; one that holds
 * another transaction set, or a 277 of another guide, throws `SJ_X12_NOT_AN_ACKNOWLEDGMENT`;
 * both name the file and the segment. Problems that leave the file readable (a wrong trailer
 * count, a qualifier a 277CA does not use) go to `onProblem` and reading goes on.
 */
import { ScrubjayError } from '../errors.js';
import type { InputProblem } from '../claim/source.js';
import { decodeChunks } from '../claim/x12/decode.js';
import { SegmentSplitter } from '../claim/x12/segments.js';
import { AckSink } from './ack-sink.js';
import type { Acknowledgment } from './ack-types.js';
import { shippedClaimStatusCatalog, type ClaimStatusCatalog } from './claim-status.js';

export interface AckReadOptions {
  /** told of each problem as it is found */
  onProblem?: (problem: InputProblem) => void;
  catalog?: ClaimStatusCatalog;
}

export interface AckText {
  acknowledgments: Acknowledgment[];
  problems: InputProblem[];
}

/** Reads the records of a stream of chunks (a `fs.createReadStream` is one). */
export async function* readAcks(input: AsyncIterable<Buffer | Uint8Array | string>, file: string, options: AckReadOptions = {}): AsyncGenerator<Acknowledgment> {
  const sink = new AckSink(file, options.catalog ?? shippedClaimStatusCatalog());
  const splitter = new SegmentSplitter(file, sink);
  // problems are handed on and dropped, so a file with a warning on every claim still reads in flat memory
  const tell = (): void => {
    for (const problem of sink.problems) options.onProblem?.(problem);
    sink.problems.length = 0;
  };
  for await (const text of decodeChunks(readable(input, file))) {
    splitter.push(text);
    tell();
    yield* sink.take();
  }
  splitter.end();
  sink.finish();
  tell();
  yield* sink.take();
}

/** Reads a whole text at once (a request body, a test). */
export function readAckText(text: string, file: string, catalog: ClaimStatusCatalog = shippedClaimStatusCatalog()): AckText {
  const sink = new AckSink(file, catalog);
  const splitter = new SegmentSplitter(file, sink);
  splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  splitter.end();
  sink.finish();
  return { acknowledgments: sink.take(), problems: sink.problems };
}

/** A file that vanishes or a pipe that breaks is reported as the file's failure, by name. */
async function* readable<T>(input: AsyncIterable<T>, file: string): AsyncGenerator<T> {
  try {
    for await (const chunk of input) yield chunk;
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    throw new ScrubjayError('SJ_INPUT_UNREADABLE', `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`, { file });
  }
}
