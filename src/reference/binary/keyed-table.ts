import { binarySearch, lowerBound, packCode, prefixBounds, unpackCode } from './code-pack.js';
import { HEADER_BYTES, SectionReader, SectionWriter, readHeader, writeHeader } from './layout.js';
import { StringTable, StringTableBuilder } from './string-table.js';
import { ReferenceStoreError } from '../errors.js';

/**
 * File layout for the code-keyed tables (ICD-10-CM, HCPCS, MUE, MCE, POS): packed keys sorted
 * ascending, then fixed integer columns, then per-row indexes into a shared string table. A load
 * is one file read and a few typed-array views, whatever the row count.
 */
const MAGIC = 'SJKT';
const FORMAT = 1;

export interface KeyedRow {
  key: string;
  ints: readonly number[];
  strings: readonly string[];
}

export function buildKeyedTable(rows: readonly KeyedRow[], intColumns: number, stringColumns: number): Buffer {
  const packed = rows.map((row) => {
    const value = packCode(row.key);
    if (value < 0) throw new Error(`cannot pack key ${JSON.stringify(row.key)}`);
    return { value, row };
  });
  packed.sort((a, b) => a.value - b.value);
  const n = packed.length;
  const keys = new Float64Array(n);
  const ints = new Int32Array(n * intColumns);
  const refs = new Uint32Array(n * stringColumns);
  const strings = new StringTableBuilder();
  packed.forEach(({ value, row }, r) => {
    if (r > 0 && keys[r - 1] === value) throw new Error(`duplicate key ${JSON.stringify(row.key)}`);
    keys[r] = value;
    for (let c = 0; c < intColumns; c++) ints[c * n + r] = row.ints[c] ?? 0;
    for (let c = 0; c < stringColumns; c++) refs[c * n + r] = strings.add(row.strings[c] ?? '');
  });
  const writer = new SectionWriter();
  writer.add(keys);
  writer.add(ints);
  writer.add(refs);
  const blobBytes = strings.write(writer);
  return writer.concat(writeHeader(MAGIC, [FORMAT, n, intColumns, stringColumns, strings.count, blobBytes]));
}

export class KeyedTable {
  readonly rows: number;
  private readonly keys: Float64Array;
  private readonly ints: Int32Array;
  private readonly refs: Uint32Array;
  private readonly strings: StringTable;

  constructor(path: string, file: Buffer) {
    const { buffer, base, fields } = readHeader(path, file, MAGIC);
    const [format = 0, rows = 0, intColumns = 0, stringColumns = 0, stringCount = 0, blobBytes = 0] = fields;
    if (format !== FORMAT) throw new ReferenceStoreError(path, `table format ${format} is not readable by this version; import the table again`);
    const reader = new SectionReader(path, buffer, base + HEADER_BYTES, base + file.length);
    this.rows = rows;
    this.keys = reader.float64(rows);
    this.ints = reader.int32(rows * intColumns);
    this.refs = reader.uint32(rows * stringColumns);
    this.strings = new StringTable(reader, stringCount, blobBytes);
  }

  /** Row of the code, or -1. */
  find(code: string): number {
    const value = packCode(code);
    return value < 0 ? -1 : binarySearch(this.keys, value);
  }

  /** The code of a row, upper case as it was imported. */
  key(row: number): string {
    return unpackCode(this.keys[row] as number);
  }

  /** The rows [from, to) whose codes start with `prefix`, in code order; empty when none can. */
  prefixRows(prefix: string): readonly [number, number] {
    const bounds = prefixBounds(prefix);
    if (bounds === undefined) return [0, 0];
    return [lowerBound(this.keys, bounds[0]), lowerBound(this.keys, bounds[1])];
  }

  /** Whether a row's text in the column holds every needle (see StringTable.containsAll), without decoding it. */
  stringContainsAll(column: number, row: number, needles: readonly Uint8Array[]): boolean {
    return this.strings.containsAll(this.refs[column * this.rows + row] as number, needles);
  }

  int(column: number, row: number): number {
    return this.ints[column * this.rows + row] as number;
  }

  string(column: number, row: number): string {
    return this.strings.get(this.refs[column * this.rows + row] as number);
  }
}
