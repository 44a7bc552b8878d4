/**
 * Writes results to a file as they come, synchronously, through one reused buffer. A
 * batch writes a gigabyte or more: asynchronous writes would keep each piece alive until
 * the disk takes it (long enough for the garbage collector to move it to the old
 * generation), where a synchronous write into the page cache holds nothing at all.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ScrubjayError } from '../errors.js';

const BUFFER_BYTES = 256 * 1024;
// UTF-8 takes at most 3 bytes per UTF-16 code unit
const MAX_BYTES_PER_CHAR = 3;

export class FileWriter {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private fd: number | undefined;

  /** Opens (or empties) the file at once, so a folder that does not exist stops a run before any result. */
  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (error) {
      throw this.unwritable(error);
    }
  }

  write(text: string): void {
    if (this.used + text.length * MAX_BYTES_PER_CHAR > BUFFER_BYTES) {
      this.flush();
      if (text.length * MAX_BYTES_PER_CHAR > BUFFER_BYTES) {
        this.writeAll(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Writes what is buffered and closes the file. */
  end(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Buffer): void {
    if (this.fd === undefined) throw this.unwritable(new Error('the file is closed'));
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    } catch (error) {
      throw this.unwritable(error);
    }
  }

  private unwritable(error: unknown): ScrubjayError {
    const reasons: Record<string, string> = { ENOENT: 'no such folder', EISDIR: 'it is a folder', EACCES: 'permission denied', ENOSPC: 'the disk is full' };
    const reason = reasons[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    return new ScrubjayError('SJ_OUTPUT_UNWRITABLE', `${this.path}: cannot write the results (${reason})`, { file: this.path });
  }
}
