import { ReferenceFormatError, ReferenceStoreError } from '../errors.js';
import { isoFromDay } from '../text/dates.js';
import type { PtpEdit } from '../types.js';
import { binarySearch, packCode5, unpackCode5 } from './code-pack.js';
import { HEADER_BYTES, SectionReader, SectionWriter, readHeader, writeHeader } from './layout.js';
import { StringTable, StringTableBuilder } from './string-table.js';

/**
 * On-disk PTP layout. Each distinct code gets a 16-bit index into a sorted array of packed codes;
 * a pair is the 32-bit key (index1 << 16 | index2). Keys are sorted, so a lookup is two binary
 * searches over typed arrays read straight from the file. Dates are 16-bit day numbers since
 * 1970-01-01 (0 = none) and rationales index a small string table: 11 bytes a pair in all.
 */
const MAGIC = 'SJPT';
const FORMAT = 1;
const MAX_CODES = 65_536;

export class PtpBuilder {
  private size = 0;
  private column1 = new Int32Array(1 << 16);
  private column2 = new Int32Array(1 << 16);
  private effective = new Uint16Array(1 << 16);
  private deleted = new Uint16Array(1 << 16);
  private modifier = new Uint8Array(1 << 16);
  private rationale = new Uint16Array(1 << 16);
  private readonly rationales = new StringTableBuilder();

  get rows(): number {
    return this.size;
  }

  /** Codes are already packed with packCode5; days are 0 when absent. */
  add(column1: number, column2: number, effectiveDay: number, deletedDay: number, modifier: 0 | 1 | 9, rationale: string): void {
    if (this.size === this.column1.length) this.grow();
    const i = this.size++;
    this.column1[i] = column1;
    this.column2[i] = column2;
    this.effective[i] = effectiveDay;
    this.deleted[i] = deletedDay;
    this.modifier[i] = modifier;
    this.rationale[i] = this.rationales.add(rationale);
  }

  build(file: string): Buffer {
    const n = this.size;
    const all = new Int32Array(n * 2);
    all.set(this.column1.subarray(0, n), 0);
    all.set(this.column2.subarray(0, n), n);
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i] as number;
    if (distinct > MAX_CODES) throw new ReferenceFormatError(file, 0, `at most ${MAX_CODES} distinct codes in one PTP table`, String(distinct));
    if (this.rationales.count > 65_535) throw new ReferenceFormatError(file, 0, 'at most 65,535 distinct rationales', String(this.rationales.count));
    const codes = all.slice(0, distinct);

    const keys = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const a = binarySearch(codes, this.column1[i] as number);
      const b = binarySearch(codes, this.column2[i] as number);
      keys[i] = a * 65_536 + b;
    }
    const order = radixOrder(keys);

    const sortedKeys = new Uint32Array(n);
    const effective = new Uint16Array(n);
    const deleted = new Uint16Array(n);
    const modifier = new Uint8Array(n);
    const rationale = new Uint16Array(n);
    for (let r = 0; r < n; r++) {
      const i = order[r] as number;
      sortedKeys[r] = keys[i] as number;
      effective[r] = this.effective[i] as number;
      deleted[r] = this.deleted[i] as number;
      modifier[r] = this.modifier[i] as number;
      rationale[r] = this.rationale[i] as number;
    }
    const writer = new SectionWriter();
    writer.add(codes);
    writer.add(sortedKeys);
    writer.add(effective);
    writer.add(deleted);
    writer.add(modifier);
    writer.add(rationale);
    const blobBytes = this.rationales.write(writer);
    return writer.concat(writeHeader(MAGIC, [FORMAT, distinct, n, this.rationales.count, blobBytes, 0]));
  }

  private grow(): void {
    const size = this.column1.length * 2;
    const grow = <T extends Int32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.column1 = grow(this.column1, (s) => new Int32Array(s));
    this.column2 = grow(this.column2, (s) => new Int32Array(s));
    this.effective = grow(this.effective, (s) => new Uint16Array(s));
    this.deleted = grow(this.deleted, (s) => new Uint16Array(s));
    this.modifier = grow(this.modifier, (s) => new Uint8Array(s));
    this.rationale = grow(this.rationale, (s) => new Uint16Array(s));
  }
}

/** Stable order of 32-bit keys by two 16-bit counting passes; linear, unlike a comparator sort. */
function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65_537);
    for (let i = 0; i < n; i++) {
      const bucket = (((keys[i] as number) >>> shift) & 0xffff) + 1;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    for (let b = 1; b <= 65_536; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    for (let r = 0; r < n; r++) {
      const i = order[r] as number;
      const bucket = ((keys[i] as number) >>> shift) & 0xffff;
      next[counts[bucket] as number] = i;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

export class PtpBinary {
  readonly rows: number;
  private readonly codes: Int32Array;
  private readonly keys: Uint32Array;
  private readonly effective: Uint16Array;
  private readonly deleted: Uint16Array;
  private readonly modifier: Uint8Array;
  private readonly rationaleIndex: Uint16Array;
  private readonly rationales: StringTable;
  private readonly codeText: Array<string | undefined>;
  /** row of the first pair of each column-1 code (keys are sorted by column 1, then column 2) */
  private readonly starts: Uint32Array;
  private readonly indexes = new Map<string, number>();

  constructor(path: string, file: Buffer) {
    const { buffer, base, fields } = readHeader(path, file, MAGIC);
    const format = fields[0] ?? 0;
    if (format !== FORMAT) throw new ReferenceStoreError(path, `PTP format ${format} is not readable by this version; import the table again`);
    const codeCount = fields[1] ?? 0;
    const rows = fields[2] ?? 0;
    const reader = new SectionReader(path, buffer, base + HEADER_BYTES, base + file.length);
    this.rows = rows;
    this.codes = reader.int32(codeCount);
    this.keys = reader.uint32(rows);
    this.effective = reader.uint16(rows);
    this.deleted = reader.uint16(rows);
    this.modifier = reader.uint8(rows);
    this.rationaleIndex = reader.uint16(rows);
    this.rationales = new StringTable(reader, fields[3] ?? 0, fields[4] ?? 0);
    this.codeText = new Array<string | undefined>(codeCount);
    // A lookup then searches only its column-1 code's few hundred rows, which sit together in
    // memory, instead of 2.5 million: one pass at load buys far fewer cache misses per claim.
    this.starts = new Uint32Array(codeCount + 1);
    let row = 0;
    for (let code = 0; code <= codeCount; code++) {
      while (row < rows && (this.keys[row] as number) >>> 16 < code) row++;
      this.starts[code] = row;
    }
  }

  /** Position of a code in the sorted code list, or -1; claims repeat codes, so answers are remembered. */
  private codeIndex(code: string): number {
    let index = this.indexes.get(code);
    if (index === undefined) {
      index = binarySearch(this.codes, packCode5(code));
      if (this.indexes.size >= 100_000) this.indexes.clear();
      this.indexes.set(code, index);
    }
    return index;
  }

  /** First row of the pair and the row after its last, or null when the pair has no edit. */
  private range(column1: string, column2: string): [number, number] | null {
    const a = this.codeIndex(column1);
    if (a < 0) return null;
    const b = this.codeIndex(column2);
    if (b < 0) return null;
    const key = a * 65_536 + b;
    const last = this.starts[a + 1] as number;
    let lo = this.starts[a] as number;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= last || this.keys[lo] !== key) return null;
    let end = lo + 1;
    while (end < last && this.keys[end] === key) end++;
    return [lo, end];
  }

  /**
   * The pair's record in force on `day` (not yet deleted: deletion dates are the last day an
   * edit applies), or else the most recently deleted record; undefined when the pair has no
   * record, or only records that start after `day`.
   */
  find(column1: string, column2: string, day: number): PtpEdit | undefined {
    const range = this.range(column1, column2);
    if (range === null) return undefined;
    let inForce = -1;
    let lastDeleted = -1;
    for (let r = range[0]; r < range[1]; r++) {
      const start = this.effective[r] as number;
      if (start !== 0 && start > day) continue;
      const end = this.deleted[r] as number;
      if (end === 0 || end >= day) {
        if (inForce < 0 || this.preferred(r, inForce)) inForce = r;
      } else if (lastDeleted < 0 || (this.deleted[lastDeleted] as number) < end) {
        lastDeleted = r;
      }
    }
    const row = inForce >= 0 ? inForce : lastDeleted;
    return row < 0 ? undefined : this.edit(row);
  }

  /**
   * Of two records in force on the same day, the later start wins; without start dates, the one
   * deleted first, since a pair re-added after a deletion is recorded as a second, open record.
   */
  private preferred(a: number, b: number): boolean {
    const sa = this.effective[a] as number;
    const sb = this.effective[b] as number;
    if (sa !== sb) return sa > sb;
    const da = (this.deleted[a] as number) || 65_536;
    const db = (this.deleted[b] as number) || 65_536;
    return da < db;
  }

  history(column1: string, column2: string): PtpEdit[] {
    const range = this.range(column1, column2);
    const out: PtpEdit[] = [];
    if (range !== null) for (let r = range[0]; r < range[1]; r++) out.push(this.edit(r));
    return out;
  }

  private edit(row: number): PtpEdit {
    const key = this.keys[row] as number;
    const effective = this.effective[row] as number;
    const deleted = this.deleted[row] as number;
    return {
      column1: this.code(key >>> 16),
      column2: this.code(key & 0xffff),
      effective: effective === 0 ? null : isoFromDay(effective),
      deleted: deleted === 0 ? null : isoFromDay(deleted),
      modifierIndicator: this.modifier[row] as 0 | 1 | 9,
      rationale: this.rationales.get(this.rationaleIndex[row] as number),
    };
  }

  private code(index: number): string {
    let text = this.codeText[index];
    if (text === undefined) {
      text = unpackCode5(this.codes[index] as number);
      this.codeText[index] = text;
    }
    return text;
  }
}
