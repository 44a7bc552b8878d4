import { ReferenceStoreError } from '../errors.js';
import { isoFromDay } from '../text/dates.js';
import type { AocEdit, AocEditType } from '../types.js';
import { lowerBound, packCode5, unpackCode5 } from './code-pack.js';
import { HEADER_BYTES, SectionReader, SectionWriter, readHeader, writeHeader } from './layout.js';

/**
 * On-disk add-on code edit layout: one row per add-on and primary, sorted by add-on code then
 * primary, each code packed into 32 bits, the edit type in a byte and the dates as 16-bit day
 * numbers since 1970-01-01 (0 = none): 13 bytes an edit. A lookup is a binary search over the
 * add-on column read straight from the file.
 */
const MAGIC = 'SJAO';
const FORMAT = 1;

export interface AocRow {
  addOn: number;
  primary: number;
  type: AocEditType;
  effectiveDay: number;
  deletedDay: number;
}

export function buildAocTable(rows: readonly AocRow[]): Buffer {
  const sorted = [...rows].sort((a, b) => a.addOn - b.addOn || a.primary - b.primary || a.effectiveDay - b.effectiveDay);
  const n = sorted.length;
  const addOn = new Int32Array(n);
  const primary = new Int32Array(n);
  const type = new Uint8Array(n);
  const effective = new Uint16Array(n);
  const deleted = new Uint16Array(n);
  sorted.forEach((row, i) => {
    addOn[i] = row.addOn;
    primary[i] = row.primary;
    type[i] = row.type;
    effective[i] = row.effectiveDay;
    deleted[i] = row.deletedDay;
  });
  const writer = new SectionWriter();
  writer.add(addOn);
  writer.add(primary);
  writer.add(type);
  writer.add(effective);
  writer.add(deleted);
  return writer.concat(writeHeader(MAGIC, [FORMAT, n, 0, 0, 0, 0]));
}

export class AocBinary {
  readonly rows: number;
  private readonly addOn: Int32Array;
  private readonly primary: Int32Array;
  private readonly type: Uint8Array;
  private readonly effective: Uint16Array;
  private readonly deleted: Uint16Array;

  constructor(path: string, file: Buffer) {
    const { buffer, base, fields } = readHeader(path, file, MAGIC);
    const format = fields[0] ?? 0;
    if (format !== FORMAT) throw new ReferenceStoreError(path, `add-on code table format ${format} is not readable by this version; import the table again`);
    const rows = fields[1] ?? 0;
    const reader = new SectionReader(path, buffer, base + HEADER_BYTES, base + file.length);
    this.rows = rows;
    this.addOn = reader.int32(rows);
    this.primary = reader.int32(rows);
    this.type = reader.uint8(rows);
    this.effective = reader.uint16(rows);
    this.deleted = reader.uint16(rows);
  }

  /** Every edit of the add-on code, or, with `day`, those in force on it (deletion dates are the last day an edit applies). */
  edits(addOnCode: string, day?: number): AocEdit[] {
    const packed = packCode5(addOnCode);
    const out: AocEdit[] = [];
    if (packed < 0) return out;
    for (let r = lowerBound(this.addOn, packed); r < this.rows && this.addOn[r] === packed; r++) {
      const start = this.effective[r] as number;
      const end = this.deleted[r] as number;
      if (day !== undefined && ((start !== 0 && start > day) || (end !== 0 && end < day))) continue;
      out.push({
        addOn: addOnCode,
        primary: unpackCode5(this.primary[r] as number),
        type: this.type[r] as AocEditType,
        effective: start === 0 ? null : isoFromDay(start),
        deleted: end === 0 ? null : isoFromDay(end),
      });
    }
    return out;
  }
}
