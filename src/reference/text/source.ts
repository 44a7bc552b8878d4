import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ReferenceFormatError } from '../errors.js';

export type TextEncoding = 'utf8' | 'latin1';

export interface SourceOptions {
  /** Name used in error messages. */
  displayName: string;
  encoding: TextEncoding;
  /** Picks the member to read when the file is a zip archive. */
  zipEntry: (name: string) => boolean;
  /** What the zip member is, for the error when none or several match. */
  zipEntryWhat: string;
  /** Most bytes a .gz or .zip input may inflate to (default `DEFAULT_MAX_INFLATED_BYTES`). */
  maxInflatedBytes?: number;
}

/**
 * The largest official files (the NCCI PTP tables) inflate to a few hundred megabytes; a file
 * that inflates past this is refused as a decompression bomb before it can fill memory or disk.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 ** 3;

/** No official file has lines longer than a few hundred characters; a longer one is never a table row. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Compressed input is handed to the zip inflater in pieces this small, so one piece never inflates to more than ~16 MiB (deflate's ratio is at most about 1:1032). */
const ZIP_INPUT_CHUNK = 16 * 1024;

export type LineHandler = (text: string, lineNo: number) => void;

const READ_CHUNK = 1 << 20;

/**
 * Feeds every line of a plain, gzip or zip file to `onLine` (1-based numbers, line breaks and a
 * leading byte-order mark removed). Resolves to the number of lines read. Errors thrown by
 * `onLine` stop the read and propagate unchanged.
 */
export async function readLines(file: string, options: SourceOptions, onLine: LineHandler): Promise<number> {
  const magic = readMagic(file);
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) {
    return readZip(file, options, onLine);
  }
  if (magic[0] === 0x1f && magic[1] === 0x8b) return readGzip(file, options, onLine);
  const splitter = new LineSplitter(options.encoding, onLine, options.displayName);
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream) splitter.push(chunk as Buffer);
  } finally {
    stream.destroy();
  }
  return splitter.end();
}

function readMagic(file: string): Uint8Array {
  const bytes = new Uint8Array(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Refuses input that has inflated past the cap, naming the file and the limit. */
class InflatedSize {
  readonly limit: number;
  #total = 0;

  constructor(private readonly options: SourceOptions) {
    this.limit = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  }

  add(bytes: number): void {
    this.#total += bytes;
    if (this.#total > this.limit) {
      throw new ReferenceFormatError(
        this.options.displayName,
        0,
        `at most ${formatBytes(this.limit)} once uncompressed`,
        `more than that: refused as a possible decompression bomb`,
      );
    }
  }
}

export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]];
  for (const [unit, size] of units) if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  return `${bytes} bytes`;
}

/**
 * Streams the one member picked by `options.zipEntry` out of a zip archive: the archive is read
 * and inflated a small piece at a time, so memory stays bounded whatever the member inflates to.
 */
async function readZip(file: string, options: SourceOptions, onLine: LineHandler): Promise<number> {
  const splitter = new LineSplitter(options.encoding, onLine, options.displayName);
  const size = new InflatedSize(options);
  const names: string[] = [];
  // fflate calls back from inside push(); what goes wrong there is kept and thrown after it returns
  let failure: unknown = null;
  let reading: UnzipFile | null = null;
  const unzip = new Unzip((entry) => {
    if (!options.zipEntry(baseName(entry.name))) return;
    names.push(entry.name);
    if (names.length > 1) {
      failure ??= tooManyMembers(options, names);
      return;
    }
    reading = entry;
    entry.ondata = (error, data, final) => {
      if (failure !== null) return;
      try {
        if (error) throw new ReferenceFormatError(options.displayName, 0, 'a readable zip archive', String(error.message));
        size.add(data.length);
        splitter.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        if (final) reading = null;
      } catch (caught) {
        failure = caught;
        entry.terminate();
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const stream = createReadStream(file, { highWaterMark: ZIP_INPUT_CHUNK });
  try {
    for await (const chunk of stream) {
      try {
        unzip.push(chunk as Buffer);
      } catch (cause) {
        failure ??= new ReferenceFormatError(options.displayName, 0, 'a readable zip archive', String(cause));
      }
      if (failure !== null) throw failure;
    }
    try {
      unzip.push(new Uint8Array(0), true);
    } catch (cause) {
      failure ??= new ReferenceFormatError(options.displayName, 0, 'a readable zip archive', String(cause));
    }
    if (failure !== null) throw failure;
  } finally {
    stream.destroy();
  }
  if (names.length !== 1) throw tooManyMembers(options, names);
  if (reading !== null) throw new ReferenceFormatError(options.displayName, 0, 'a complete zip archive (the file ends early or is damaged)', names[0]);
  return splitter.end();
}

function tooManyMembers(options: SourceOptions, names: readonly string[]): ReferenceFormatError {
  return new ReferenceFormatError(
    options.displayName,
    0,
    `exactly one ${options.zipEntryWhat} inside the zip archive`,
    names.length === 0 ? 'none' : names.join(', '),
  );
}

async function readGzip(file: string, options: SourceOptions, onLine: LineHandler): Promise<number> {
  const splitter = new LineSplitter(options.encoding, onLine, options.displayName);
  const size = new InflatedSize(options);
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK });
  const gunzip = createGunzip({ chunkSize: READ_CHUNK });
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  try {
    // chunks of at most READ_CHUNK bytes, taken one at a time: memory stays bounded, and the count stops a bomb early
    for await (const chunk of gunzip) {
      size.add((chunk as Buffer).length);
      splitter.push(chunk as Buffer);
    }
  } catch (cause) {
    if (cause instanceof ReferenceFormatError) throw cause;
    const code = (cause as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ReferenceFormatError(
        options.displayName,
        splitter.lineNo + 1,
        'a complete gzip stream (the file ends early or is damaged)',
        String((cause as Error).message),
      );
    }
    throw cause;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
  return splitter.end();
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

class LineSplitter {
  lineNo = 0;
  private rest = '';
  private decoder: StringDecoder | null = null;
  private started = false;

  constructor(
    private encoding: TextEncoding,
    private readonly onLine: LineHandler,
    private readonly displayName: string,
  ) {}

  push(chunk: Buffer): void {
    if (!this.started) {
      this.started = true;
      // A UTF-8 byte-order mark means the file is UTF-8 whatever the format usually uses.
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.encoding = 'utf8';
        chunk = chunk.subarray(3);
      }
      this.decoder = new StringDecoder(this.encoding);
    }
    this.take((this.decoder as StringDecoder).write(chunk));
  }

  end(): number {
    if (this.decoder !== null) this.take(this.decoder.end());
    if (this.rest.length > 0) this.emit(this.rest);
    this.rest = '';
    return this.lineNo;
  }

  private take(text: string): void {
    if (text.length === 0) return;
    const buffer = this.rest.length > 0 ? this.rest + text : text;
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf('\n', start);
      if (nl === -1) break;
      this.emit(buffer.slice(start, nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? buffer : buffer.slice(start);
    // Without this a newline-free input (a bomb of zeros) would grow one string until memory runs out.
    if (this.rest.length > MAX_LINE_CHARS) {
      throw new ReferenceFormatError(this.displayName, this.lineNo + 1, `lines of at most ${formatBytes(MAX_LINE_CHARS)}`, this.rest.slice(0, 40));
    }
  }

  private emit(line: string): void {
    this.lineNo++;
    const text = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    this.onLine(text, this.lineNo);
  }
}
