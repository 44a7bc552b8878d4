import { ReferenceStoreError } from '../errors.js';

/** Sections start on 8-byte boundaries so typed arrays can view the file buffer without copying. */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

export const HEADER_BYTES = 32;

export function writeHeader(magic: string, fields: readonly number[]): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(magic, 0, 4, 'latin1');
  // Written in the machine's byte order, as the typed-array sections are; the reader checks it.
  new Uint32Array(header.buffer, header.byteOffset + 4, 1)[0] = 0x01020304;
  const view = new Uint32Array(header.buffer, header.byteOffset + 8, 6);
  fields.forEach((value, i) => {
    view[i] = value;
  });
  return header;
}

/** Returns the file's buffer aligned for typed-array views, and the six header fields. */
export function readHeader(path: string, file: Buffer, magic: string): { buffer: ArrayBuffer; base: number; fields: Uint32Array } {
  if (file.length < HEADER_BYTES || file.toString('latin1', 0, 4) !== magic) {
    throw new ReferenceStoreError(path, `not a ${magic} table file; import the table again`);
  }
  let bytes: Uint8Array = file;
  if (file.byteOffset % 8 !== 0) bytes = new Uint8Array(file);
  const order = new Uint32Array(bytes.buffer, bytes.byteOffset + 4, 1)[0];
  if (order !== 0x01020304) {
    throw new ReferenceStoreError(path, 'table written on a machine of another byte order; import the table again');
  }
  const fields = new Uint32Array(bytes.buffer, bytes.byteOffset + 8, 6);
  return { buffer: bytes.buffer as ArrayBuffer, base: bytes.byteOffset, fields };
}

/** Appends typed arrays and raw bytes, padding each to 8 bytes. */
export class SectionWriter {
  private parts: Buffer[] = [];
  private size = 0;

  add(data: ArrayBufferView): void {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.parts.push(buf);
    this.size += buf.length;
    const padded = align8(this.size);
    if (padded > this.size) {
      this.parts.push(Buffer.alloc(padded - this.size));
      this.size = padded;
    }
  }

  concat(header: Buffer): Buffer {
    return Buffer.concat([header, ...this.parts]);
  }
}

/** Reads consecutive sections from an aligned buffer, checking they fit. */
export class SectionReader {
  constructor(
    private readonly path: string,
    private readonly buffer: ArrayBuffer,
    private offset: number,
    private readonly end: number,
  ) {}

  private take(bytes: number): number {
    const at = this.offset;
    if (at + bytes > this.end) throw new ReferenceStoreError(this.path, 'table file is truncated; import the table again');
    this.offset = align8(at + bytes);
    return at;
  }

  float64(count: number): Float64Array {
    return new Float64Array(this.buffer, this.take(count * 8), count);
  }

  int32(count: number): Int32Array {
    return new Int32Array(this.buffer, this.take(count * 4), count);
  }

  uint32(count: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(count * 4), count);
  }

  uint16(count: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(count * 2), count);
  }

  uint8(count: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(count), count);
  }
}
