import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { POS_COLUMNS } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { cell, DelimitedReader } from './delimited.js';
import { POS_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/** CMS place of service code set: two-digit code and name. CMS lists unused ranges as "Unassigned". */
export const posParser: ParserFactory = {
  kind: 'pos',
  encoding: 'utf8',
  zipEntry: (name) => /\.csv$/i.test(name),
  zipEntryWhat: 'place of service table (.csv)',
  create: (file) => new PosParser(file),
};

class PosParser implements TableParser {
  private readonly reader: DelimitedReader<keyof typeof POS_LAYOUT.spec>;
  private readonly rows: KeyedRow[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {
    this.reader = new DelimitedReader(file, 'pos', [POS_LAYOUT]);
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const code = cell(row, 'code');
    const name = cell(row, 'name');
    if (/^\d{2}\s*-\s*\d{2}$/.test(code) && /unassigned/i.test(name)) return;
    if (!/^\d{2}$/.test(code)) throw new ReferenceFormatError(this.file, lineNo, 'a two-digit place of service code', code);
    if (name === '') throw new ReferenceFormatError(this.file, lineNo, `a name for place of service ${code}`, text);
    if (this.seen.has(code)) throw new ReferenceFormatError(this.file, lineNo, `each code once; ${code} appears again`, text);
    this.seen.add(code);
    this.rows.push({ key: code, ints: [], strings: [name] });
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    return { rows: this.rows.length, bytes: buildKeyedTable(this.rows, POS_COLUMNS.intCount, POS_COLUMNS.stringCount), hints: {} };
  }
}
