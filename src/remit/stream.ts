/** Reading an 835 from a stream of chunks or from one text, on the 837 reader's decoder and splitter. */
import type { InputProblem } from '../claim/source.js';
import { decodeChunks } from '../claim/x12/decode.js';
import { SegmentSplitter } from '../claim/x12/segments.js';
import { ScrubjayError } from '../errors.js';
import { Remittance835Reader } from './read.js';
import type { ClaimPayment } from './types.js';

/**
 * The claim payments of an 835, as they are read; the file's problems are added to
 * `problems` as they are found (all of them by the time the generator is done).
 */
export async function* readRemittance(input: AsyncIterable<Buffer | Uint8Array | string>, file: string, problems: InputProblem[] = []): AsyncGenerator<ClaimPayment> {
  const reader = new Remittance835Reader(file);
  const splitter = new SegmentSplitter(file, reader);
  try {
    for await (const text of decodeChunks(failuresNamed(input, file))) {
      splitter.push(text);
      yield* reader.take();
      problems.push(...reader.problems.splice(0));
    }
    splitter.end();
    reader.finish();
  } finally {
    problems.push(...reader.problems.splice(0));
  }
  yield* reader.take();
}

/** Every claim payment of a small 835 text at once (a request body, a test). */
export function readRemittanceText(text: string, file: string): { payments: ClaimPayment[]; problems: InputProblem[] } {
  const reader = new Remittance835Reader(file);
  const splitter = new SegmentSplitter(file, reader);
  splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  splitter.end();
  reader.finish();
  return { payments: reader.take(), problems: reader.problems };
}

/** A file that vanishes or a pipe that breaks mid-read is the input's failure, named as such. */
async function* failuresNamed<T>(input: AsyncIterable<T>, file: string): AsyncGenerator<T> {
  try {
    yield* input;
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScrubjayError('SJ_INPUT_UNREADABLE', `${file}: cannot be read (${reason})`, { file });
  }
}
