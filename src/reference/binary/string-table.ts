import type { SectionReader, SectionWriter } from './layout.js';

/** Deduplicates strings so repeated rationales and descriptions are stored once. */
export class StringTableBuilder {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];

  add(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  get count(): number {
    return this.values.length;
  }

  /** Writes offsets then UTF-8 bytes; returns the byte length of the text, needed to read it back. */
  write(writer: SectionWriter): number {
    const encoded = this.values.map((v) => Buffer.from(v, 'utf8'));
    const offsets = new Uint32Array(encoded.length + 1);
    let at = 0;
    encoded.forEach((b, i) => {
      offsets[i] = at;
      at += b.length;
    });
    offsets[encoded.length] = at;
    writer.add(offsets);
    writer.add(Buffer.concat(encoded));
    return at;
  }
}

/** Decodes strings on first use only; most rows of a large table are never looked at. */
export class StringTable {
  private readonly offsets: Uint32Array;
  private readonly text: Buffer;
  private readonly cache: Array<string | undefined>;

  constructor(reader: SectionReader, count: number, bytes: number) {
    this.offsets = reader.uint32(count + 1);
    const raw = reader.uint8(bytes);
    this.text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    this.cache = new Array<string | undefined>(count);
  }

  get size(): number {
    return this.cache.length;
  }

  get(i: number): string {
    let value = this.cache[i];
    if (value === undefined) {
      value = this.text.toString('utf8', this.offsets[i], this.offsets[i + 1]);
      this.cache[i] = value;
    }
    return value;
  }

  /**
   * Whether string `i` holds every needle, comparing the stored UTF-8 bytes in place: ASCII
   * capitals in the text count as lower case, so needles are given with ASCII letters lowered.
   * A search over a whole table reads each description this way without making a string of it.
   */
  containsAll(i: number, needles: readonly Uint8Array[]): boolean {
    const start = this.offsets[i] as number;
    const end = this.offsets[i + 1] as number;
    for (const needle of needles) if (!holds(this.text, start, end, needle)) return false;
    return true;
  }
}

function holds(text: Buffer, start: number, end: number, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const first = needle[0] as number;
  const last = end - n;
  for (let at = start; at <= last; at++) {
    let c = text[at] as number;
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== first) continue;
    let k = 1;
    for (; k < n; k++) {
      let d = text[at + k] as number;
      if (d >= 65 && d <= 90) d |= 32;
      if (d !== needle[k]) break;
    }
    if (k === n) return true;
  }
  return false;
}
