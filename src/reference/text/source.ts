import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { unzipSync } from 'fflate';
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
}

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
    const member = readZipMember(file, options);
    const splitter = new LineSplitter(options.encoding, onLine);
    splitter.push(member);
    return splitter.end();
  }
  if (magic[0] === 0x1f && magic[1] === 0x8b) return readGzip(file, options, onLine);
  const splitter = new LineSplitter(options.encoding, onLine);
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

function readZipMember(file: string, options: SourceOptions): Buffer {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(readFileSync(file), { filter: (info) => options.zipEntry(baseName(info.name)) });
  } catch (cause) {
    throw new ReferenceFormatError(options.displayName, 0, 'a readable zip archive', String(cause));
  }
  const names = Object.keys(members);
  const first = names[0];
  if (names.length !== 1 || first === undefined) {
    throw new ReferenceFormatError(
      options.displayName,
      0,
      `exactly one ${options.zipEntryWhat} inside the zip archive`,
      names.length === 0 ? 'none' : names.join(', '),
    );
  }
  const data = members[first] as Uint8Array;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

async function readGzip(file: string, options: SourceOptions, onLine: LineHandler): Promise<number> {
  const splitter = new LineSplitter(options.encoding, onLine);
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK });
  const gunzip = createGunzip({ chunkSize: READ_CHUNK });
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  try {
    for await (const chunk of gunzip) splitter.push(chunk as Buffer);
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
  }

  private emit(line: string): void {
    this.lineNo++;
    const text = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    this.onLine(text, this.lineNo);
  }
}
