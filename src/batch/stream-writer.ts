/**
 * Writes text to a stream in large pieces and waits when the stream says it is full, so
 * a batch's results leave memory as fast as the disk or the pipe takes them and never
 * pile up behind a slow reader.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ScrubjayError } from '../errors.js';

/** Pieces are joined up to this size before they are written: one write per result would cost a call each. */
const PIECE_BYTES = 64 * 1024;
/** Text never waits longer than this to be written, so a reader watching the output sees results as they come. */
const LATEST_FLUSH_MS = 100;

export class StreamWriter {
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `name` says what the stream is in error messages (a file name, `standard output`). */
  constructor(
    private readonly stream: Writable,
    private readonly name: string,
  ) {
    stream.on('error', (error) => {
      this.failure = error;
    });
  }

  /** Queues text; returns a promise only when the caller must wait before writing more. */
  write(text: string): Promise<void> | undefined {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= PIECE_BYTES) return this.flush();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // a failure surfaces on the next write or at the end
      this.flush()?.catch(() => undefined);
    }, LATEST_FLUSH_MS);
    return undefined;
  }

  /** Hands queued text to the stream; the promise (when there is one) settles once the stream has room again. */
  flush(): Promise<void> | undefined {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.throwIfFailed();
    if (this.pending.length === 0) return undefined;
    const piece = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (this.stream.write(piece)) return undefined;
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        if (this.failure) reject(this.unwritable());
        else resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  /** Writes what is queued and ends the stream, settling once everything is on disk (or in the pipe). */
  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (error) {
      this.failure ??= error as Error;
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.unwritable();
  }

  private unwritable(): ScrubjayError {
    return new ScrubjayError('SJ_OUTPUT_UNWRITABLE', `${this.name}: cannot write the results (${this.failure?.message ?? 'the stream closed'})`, { file: this.name });
  }
}
