import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { MUE_COLUMNS } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { cell, DelimitedReader } from './delimited.js';
import { MUE_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/**
 * Practitioner MUE table: CMS's CSV (copyright preamble, "HCPCS/CPT Code", "... MUE Values",
 * "MUE Adjudication Indicator" holding e.g. "3 Date of Service Edit: Clinical", "MUE Rationale")
 * or a CSV with hcpcs_code, mue_units, mue_mai, mue_rationale.
 */
export const mueParser: ParserFactory = {
  kind: 'mue',
  encoding: 'latin1',
  zipEntry: (name) => /\.(csv|txt)$/i.test(name) && !/readme|changes/i.test(name),
  zipEntryWhat: 'MUE table (.csv)',
  create: (file) => new MueParser(file),
};

const CODE = /^[A-Z0-9]{5}$/;
const MAI = /^([123])(?:$|[^0-9])/;

class MueParser implements TableParser {
  private readonly reader: DelimitedReader<keyof typeof MUE_LAYOUT.spec>;
  private readonly rows: KeyedRow[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {
    this.reader = new DelimitedReader(file, 'mue', [MUE_LAYOUT]);
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const fail = (expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, expected, found);
    };
    const code = cell(row, 'code').toUpperCase();
    if (!CODE.test(code)) fail('a 5-character CPT/HCPCS code', code);
    if (this.seen.has(code)) fail(`each code once; ${code} appears again`, text);
    this.seen.add(code);
    const unitsText = cell(row, 'units');
    if (!/^\d{1,9}$/.test(unitsText)) fail('a whole number of MUE units', unitsText);
    const maiText = cell(row, 'mai');
    const mai = MAI.exec(maiText);
    if (mai === null) fail('an MUE adjudication indicator 1, 2 or 3 (optionally followed by its description)', maiText);
    this.rows.push({ key: code, ints: [Number(unitsText), Number((mai as RegExpExecArray)[1])], strings: [cell(row, 'rationale')] });
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    return { rows: this.rows.length, bytes: buildKeyedTable(this.rows, MUE_COLUMNS.intCount, MUE_COLUMNS.stringCount), hints: {} };
  }
}
