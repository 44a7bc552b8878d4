/**
 * Text → segments, as the text arrives. Each interchange declares its own separators in
 * its ISA, so they are read again at every ISA. Whitespace between segments (newlines,
 * indentation) is skipped; anything before the first ISA is taken as a cover note and
 * skipped. Segments are numbered from the start of the file, ISA = 1, which is how every
 * problem names its place.
 *
 * At a million claims per file this loop is the reader's floor, so a segment is not cut
 * into strings up front: one pass over the text notes where its elements start, and the
 * reader takes out only the elements it maps (`SegmentView`).
 */
import { ScrubjayError } from '../../errors.js';
import { findIsa, isIsaAt, looksLikeHeader, readIsa, type IsaHeader, type Separators } from './separators.js';

/**
 * One segment, valid only during the `segment` call it is passed to (the same view is
 * refilled for the next segment).
 */
export class SegmentView {
  /** the segment id, e.g. `NM1` */
  id = '';
  /** the number of elements, the id included */
  count = 0;
  private text = '';
  /** where element i starts; it ends one character before `starts[i + 1]` */
  private starts = new Int32Array(64);

  /** Element `i` as written ('' when absent). */
  get(i: number): string {
    if (i >= this.count) return '';
    return this.text.slice(this.starts[i] as number, (this.starts[i + 1] as number) - 1);
  }

  /** Element `i` trimmed, or null when empty or absent. */
  value(i: number): string | null {
    if (i >= this.count) return null;
    let start = this.starts[i] as number;
    let end = (this.starts[i + 1] as number) - 1;
    if (start === end) return null;
    const text = this.text;
    if (text.charCodeAt(start) <= 32 || text.charCodeAt(end - 1) <= 32) {
      while (start < end && text.charCodeAt(start) <= 32) start++;
      while (end > start && text.charCodeAt(end - 1) <= 32) end--;
      if (start === end) return null;
    }
    return text.slice(start, end);
  }

  /** Whether element `i` is absent or blank (without taking it out of the text). */
  isEmpty(i: number): boolean {
    if (i >= this.count) return true;
    const text = this.text;
    const end = (this.starts[i + 1] as number) - 1;
    for (let at = this.starts[i] as number; at < end; at++) if (text.charCodeAt(at) > 32) return false;
    return true;
  }

  /** The whole segment as written, for messages. */
  raw(): string {
    return this.text.slice(this.starts[0] as number, (this.starts[this.count] as number) - 1);
  }

  /**
   * Refills the view with the segment starting at `from`: notes where its elements start
   * up to the segment terminator, and returns the terminator's offset, or -1 when the text
   * ends first (the segment is not complete yet).
   */
  scan(text: string, from: number, terminator: number, separator: number): number {
    let starts = this.starts;
    let count = 1;
    starts[0] = from;
    const length = text.length;
    let i = from;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === terminator) break;
      if (c !== separator) continue;
      if (count + 1 >= starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        this.starts = starts = grown;
      }
      starts[count++] = i + 1;
    }
    if (i >= length) return -1;
    // trailing line breaks or spaces before the terminator are layout, not data
    let stop = i;
    while (stop > from && text.charCodeAt(stop - 1) <= 32) stop--;
    starts[count] = stop + 1;
    this.text = text;
    this.count = count;
    const idEnd = count > 1 ? (starts[1] as number) - 1 : stop;
    this.id = knownId(text, from, idEnd) ?? text.slice(from, idEnd);
    return i;
  }

  /** Whether the last segment scanned holds nothing but layout. */
  get empty(): boolean {
    return this.count === 1 && this.starts[1] === (this.starts[0] as number) + 1;
  }
}

// The ids an 837 (and an 835) uses, looked up by their character codes: the same few strings
// every time instead of a new one per segment.
const KNOWN_IDS = new Map<number, string>();
for (const id of 'ISA IEA GS GE ST SE BHT NM1 N2 N3 N4 PER REF PRV CUR HL SBR PAT DMG CLM DTP PWK CN1 AMT K3 NTE CR1 CR2 CR3 CR4 CR5 CRC HI HCP CAS OI MIA MOA LX SV1 SV2 SV5 QTY MEA PS1 HSD LIN CTP SVD LQ FRM CL1 BPR TRN DTM N1 RDM TS3 TS2 CLP SVC PLB'.split(' ')) {
  KNOWN_IDS.set(idKey(id, 0, id.length), id);
}

function idKey(text: string, from: number, to: number): number {
  let key = 0;
  for (let i = from; i < to; i++) key = key * 128 + text.charCodeAt(i);
  return key;
}

function knownId(text: string, from: number, to: number): string | undefined {
  const length = to - from;
  if (length < 2 || length > 3) return undefined;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return undefined;
  return KNOWN_IDS.get(idKey(text, from, to));
}

export interface SegmentSink {
  /** an ISA header, with the separators that hold until the next one */
  interchange(header: IsaHeader, segmentNumber: number): void;
  /** any other segment */
  segment(segment: SegmentView, segmentNumber: number): void;
  /** the file ends with text that no segment terminator closes; it was passed to `segment` */
  unterminated(segmentNumber: number): void;
}

/** Text before the first ISA that is still taken as a cover note. */
const MAX_PREAMBLE = 64 * 1024;
/** No real segment comes near this; past it the declared terminator is evidently not used. */
const MAX_SEGMENT = 64 * 1024;

export class SegmentSplitter {
  private rest = '';
  private separators: Separators | null = null;
  private count = 0;
  private preambleSeen = 0;
  /** 1 when the kept text starts with one character of a dropped cover note, kept only to tell where a word begins */
  private context = 0;
  private ended = false;
  private readonly view = new SegmentView();

  constructor(
    private readonly file: string,
    private readonly sink: SegmentSink,
  ) {}

  /** Segments read so far (the number of the last one). */
  get segmentCount(): number {
    return this.count;
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.rest = this.rest.length === 0 ? text : this.rest + text;
    this.split(false);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.split(true);
    const separators = this.separators;
    if (separators === null) {
      throw new ScrubjayError('SJ_X12_UNREADABLE', `${this.file}: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing and the separators are unknown`, { file: this.file });
    }
    const tail = this.rest.trim();
    this.rest = '';
    if (tail.length > 0) {
      this.count++;
      // scan up to an added terminator: the tail is a segment that lacks its own
      this.view.scan(tail + separators.segment, 0, separators.segment.charCodeAt(0), separators.element.charCodeAt(0));
      this.sink.segment(this.view, this.count);
      // a file of one segment per line may well lack the last line break
      if (separators.segment !== '\n' && separators.segment !== '\r') this.sink.unterminated(this.count);
    }
  }

  private split(atEnd: boolean): void {
    const text = this.rest;
    const length = text.length;
    const view = this.view;
    let at = 0;
    let separators = this.separators;
    let terminatorCode = separators?.segment.charCodeAt(0) ?? -1;
    let elementCode = separators?.element.charCodeAt(0) ?? -1;
    for (;;) {
      while (at < length && text.charCodeAt(at) <= 32) at++;
      if (at >= length) break;
      if (separators === null) {
        const found = this.findFirstHeader(text, Math.max(at, this.context), atEnd);
        if (found === -1) {
          // drop the cover note but its last characters: a header may start there and go on in the next chunk;
          // the first one kept is there only to tell whether "ISA" starts a word
          at = Math.max(0, length - 8);
          if (at > 0) this.context = 1;
          this.dropPreamble(at);
          break;
        }
        at = found;
        this.context = 0;
      }
      if (isIsaAt(text, at)) {
        const scan = readIsa(text, at, atEnd);
        if (scan.kind === 'incomplete') break;
        if (scan.kind === 'invalid') throw this.unreadable(`the ISA header at segment ${this.count + 1} (counting ISA as segment 1) cannot be read: ${scan.reason}`);
        separators = this.separators = scan.header.separators;
        terminatorCode = separators.segment.charCodeAt(0);
        elementCode = separators.element.charCodeAt(0);
        this.count++;
        this.sink.interchange(scan.header, this.count);
        at = scan.header.end;
        continue;
      }
      if (separators === null) break; // unreachable: the first header found is an ISA
      const terminator = view.scan(text, at, terminatorCode, elementCode);
      if (terminator === -1) {
        if (length - at > MAX_SEGMENT) {
          throw this.unreadable(`segment ${this.count + 1} (counting ISA as segment 1) runs over ${MAX_SEGMENT} characters without the segment terminator ${JSON.stringify(separators.segment)} that the ISA declares`);
        }
        break;
      }
      at = terminator + 1;
      if (view.empty) continue;
      this.count++;
      this.sink.segment(view, this.count);
    }
    this.rest = at >= length ? '' : text.slice(at);
  }

  /** Offset of the first real ISA header from `from`, or -1 when the text so far holds none. */
  private findFirstHeader(text: string, from: number, atEnd: boolean): number {
    let at = findIsa(text, from);
    while (at !== -1) {
      // "ISA" in a cover note is not a header unless it has the header's shape
      if (looksLikeHeader(text, at)) return at;
      if (text.length < at + 7 && !atEnd) return -1;
      at = findIsa(text, at + 3);
    }
    return -1;
  }

  private dropPreamble(characters: number): void {
    this.preambleSeen += characters;
    if (this.preambleSeen > MAX_PREAMBLE) {
      throw this.unreadable(`not an X12 interchange: no ISA header in the first ${MAX_PREAMBLE / 1024} KiB, so segment 1 (ISA) is missing and the separators are unknown`);
    }
  }

  private unreadable(reason: string): ScrubjayError {
    return new ScrubjayError('SJ_X12_UNREADABLE', `${this.file}: ${reason}`, { file: this.file });
  }
}
