/**
 * A file that only ever grows at its end (the journal, the audit log), written and read
 * without holding up the event loop. An append is on disk before it counts as done, and a
 * failed one leaves nothing behind past the old end. Now and then the file is replaced by a
 * shorter copy written beside it; reads already under way finish on the old copy.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { flushFolder, openPrivateTemp, tempPathFor } from './durable-file.js';

/** Copies go through memory in pieces of this size. */
const COPY_CHUNK = 1 << 20;

interface OpenCopy {
  handle: FileHandle;
  /** reads under way on this handle */
  reads: number;
  /** replaced: closed once its last read is done */
  retired: boolean;
}

export class AppendFile {
  readonly path: string;
  #open: OpenCopy;
  #size: number;

  private constructor(path: string, handle: FileHandle, size: number) {
    this.path = path;
    this.#open = { handle, reads: 0, retired: false };
    this.#size = size;
  }

  /** Opens an existing file for appending. */
  static async open(path: string): Promise<AppendFile> {
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      return new AppendFile(path, handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Creates the file (replacing any there) with `content`, durably. */
  static async create(path: string, content: string): Promise<AppendFile> {
    const replacement = await Replacement.begin(path);
    await replacement.write(Buffer.from(content, 'utf8'));
    const handle = await replacement.commit();
    return new AppendFile(path, handle, replacement.size);
  }

  /** Bytes in the file, all of them on disk. */
  get size(): number {
    return this.#size;
  }

  /** Writes `data` at the end and flushes it to disk; on failure the file is cut back to where it was, and the error thrown. */
  async append(data: Buffer): Promise<void> {
    const start = this.#size;
    const { handle } = this.#open;
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await handle.write(data, written, data.length - written, start + written);
        written += bytesWritten;
      }
      await handle.datasync();
    } catch (error) {
      // a part written before the failure must not become the start of the next record
      await handle.truncate(start).catch(() => undefined);
      throw error;
    }
    this.#size = start + data.length;
  }

  /** Cuts the file to `size` bytes (what follows was never acknowledged), durably. */
  async truncate(size: number): Promise<void> {
    await this.#open.handle.truncate(size);
    await this.#open.handle.datasync();
    this.#size = size;
  }

  /** `length` bytes from `offset`; resolves on the copy that was current when called, even if it is replaced meanwhile. */
  async read(offset: number, length: number): Promise<Buffer> {
    const copy = this.#open;
    copy.reads++;
    try {
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await copy.handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) throw new Error(`${this.path} ends at byte ${offset + filled}, before the ${length} bytes asked for at ${offset}`);
        filled += bytesRead;
      }
      return buffer;
    } finally {
      copy.reads--;
      if (copy.retired && copy.reads === 0) await copy.handle.close().catch(() => undefined);
    }
  }

  /** Starts writing a replacement for this file beside it. */
  beginReplacement(): Promise<Replacement> {
    return Replacement.begin(this.path);
  }

  /**
   * Puts a finished replacement in place of this file. `switched` runs in the same step as
   * the switch, so that nothing can read the new file with the old file's positions.
   */
  async adopt(replacement: Replacement, switched: () => void = () => undefined): Promise<void> {
    const handle = await replacement.commit();
    const old = this.#open;
    this.#open = { handle, reads: 0, retired: false };
    this.#size = replacement.size;
    old.retired = true;
    switched();
    if (old.reads === 0) await old.handle.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#open.retired = true;
    if (this.#open.reads === 0) await this.#open.handle.close();
  }
}

/** A new version of a file, written beside it and renamed over it when complete. */
export class Replacement {
  readonly #path: string;
  readonly #temp: string;
  readonly #handle: FileHandle;
  #size = 0;

  private constructor(path: string, temp: string, handle: FileHandle) {
    this.#path = path;
    this.#temp = temp;
    this.#handle = handle;
  }

  static async begin(path: string): Promise<Replacement> {
    const temp = tempPathFor(path);
    return new Replacement(path, temp, await openPrivateTemp(temp, 'w+'));
  }

  get size(): number {
    return this.#size;
  }

  async write(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.#handle.write(data, written, data.length - written, this.#size + written);
      written += bytesWritten;
    }
    this.#size += data.length;
  }

  /** Appends bytes `[from, from + length)` of `source`. */
  async copyFrom(source: AppendFile, from: number, length: number): Promise<void> {
    for (let done = 0; done < length; done += COPY_CHUNK) {
      await this.write(await source.read(from + done, Math.min(COPY_CHUNK, length - done)));
    }
  }

  /** Flushes what was written (the slow part, which need not wait for the rename). */
  async flush(): Promise<void> {
    await this.#handle.datasync();
  }

  /** Flushes, renames over the file and returns the handle, now the file's. */
  async commit(): Promise<FileHandle> {
    try {
      await this.#handle.sync();
      await rename(this.#temp, this.#path);
    } catch (error) {
      await this.abandon();
      throw error;
    }
    await flushFolder(dirname(this.#path));
    return this.#handle;
  }

  /** Gives up: the file stays as it was. */
  async abandon(): Promise<void> {
    await this.#handle.close().catch(() => undefined);
    await unlink(this.#temp).catch(() => undefined);
  }
}
