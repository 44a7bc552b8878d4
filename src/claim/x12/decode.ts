/**
 * Bytes of an X12 file → text. Practice systems write 837 files as ASCII/UTF-8 (sometimes
 * with a byte order mark) and, from Windows tools, as UTF-16 with or without one; the
 * encoding is read from the BOM, else from where the NUL bytes fall in the first bytes.
 */

export type X12TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How many leading bytes the NUL-pattern guess looks at. */
const SNIFF_BYTES = 64;

/**
 * The encoding of a file from its first bytes, or null when `atEnd` is false and too few
 * bytes have arrived to tell.
 */
export function sniffEncoding(head: Uint8Array, atEnd: boolean): X12TextEncoding | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length < SNIFF_BYTES && !atEnd) return null;
  // ASCII text in UTF-16 has a NUL in every pair: after each character (LE) or before it (BE)
  let evenNuls = 0;
  let oddNuls = 0;
  const pairs = Math.floor(Math.min(head.length, SNIFF_BYTES) / 2);
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  if (pairs > 0 && oddNuls * 2 >= pairs && evenNuls === 0) return 'utf-16le';
  if (pairs > 0 && evenNuls * 2 >= pairs && oddNuls === 0) return 'utf-16be';
  return 'utf-8';
}

/**
 * Decodes a stream of chunks as they come; string chunks are taken as already decoded.
 * A leading BOM is dropped. Bytes that are not valid in the encoding become U+FFFD rather
 * than an error: the segment reader then reports the field they sit in.
 */
export async function* decodeChunks(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let head: Uint8Array | null = new Uint8Array(0);
  let decoder: TextDecoder | null = null;
  let first = true;
  const emit = (text: string): string => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      if (decoder !== null) {
        const tail = decoder.decode();
        if (tail) yield emit(tail);
        decoder = null;
      }
      if (head !== null && head.length > 0) {
        decoder = makeDecoder(sniffEncoding(head, true) ?? 'utf-8');
        const text = decoder.decode(head);
        decoder = null;
        if (text) yield emit(text);
      }
      head = null;
      const text = emit(chunk);
      if (text) yield text;
      continue;
    }
    if (decoder === null) {
      const bytes: Uint8Array = head === null || head.length === 0 ? chunk : concat(head, chunk);
      const encoding = sniffEncoding(bytes, false);
      if (encoding === null) {
        head = bytes;
        continue;
      }
      head = null;
      decoder = makeDecoder(encoding);
      const text = emit(decoder.decode(bytes, { stream: true }));
      if (text) yield text;
      continue;
    }
    const text = emit(decoder.decode(chunk, { stream: true }));
    if (text) yield text;
  }
  if (decoder === null && head !== null && head.length > 0) decoder = makeDecoder(sniffEncoding(head, true) ?? 'utf-8');
  if (decoder !== null) {
    const text = emit(head !== null && head.length > 0 ? decoder.decode(head) : decoder.decode());
    if (text) yield text;
  }
}

/** Decodes a whole buffer at once (small inputs). */
export function decodeBuffer(bytes: Uint8Array): string {
  const text = makeDecoder(sniffEncoding(bytes, true) ?? 'utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function makeDecoder(encoding: X12TextEncoding): TextDecoder {
  // ignoreBOM false: the decoder itself swallows a BOM of its own encoding
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
