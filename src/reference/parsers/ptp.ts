import { PtpBuilder } from '../binary/ptp-binary.js';
import { packCode5 } from '../binary/code-pack.js';
import { ReferenceFormatError } from '../errors.js';
import { dayNumber, isoFromCompact } from '../text/dates.js';
import { cell, DelimitedReader } from './delimited.js';
import { PTP_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

const CODE = 'a 5-character CPT/HCPCS code';

/**
 * NCCI practitioner PTP edits: CMS's tab-delimited text (licence preamble, a header spread over a
 * few lines, "*" for no deletion date) or a CSV with column_1/column_2 style headers.
 */
export const ptpParser: ParserFactory = {
  kind: 'ncci-ptp',
  encoding: 'latin1',
  zipEntry: (name) => /\.(txt|csv)$/i.test(name) && !/readme|changes|disclaim/i.test(name),
  zipEntryWhat: 'PTP edit table (.txt or .csv)',
  create: (file) => new PtpParser(file),
};

class PtpParser implements TableParser {
  private readonly reader: DelimitedReader<keyof typeof PTP_LAYOUT.spec>;
  private readonly builder = new PtpBuilder();
  private readonly days = new Map<string, number>();

  constructor(private readonly file: string) {
    this.reader = new DelimitedReader(file, 'ncci-ptp', [PTP_LAYOUT]);
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const fail = (expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, expected, found);
    };
    const c1Text = cell(row, 'column1');
    const c1 = packCode5(c1Text);
    if (c1 < 0) fail(`${CODE} in Column 1`, c1Text);
    const c2Text = cell(row, 'column2');
    const c2 = packCode5(c2Text);
    if (c2 < 0) fail(`${CODE} in Column 2`, c2Text);
    const prior = cell(row, 'prior1996');
    if (prior !== '' && prior !== '*') fail('"*" or nothing in the "in existence prior to 1996" column', prior);
    const effective = this.day(cell(row, 'effective'), lineNo, 'an effective date YYYYMMDD');
    const deleted = this.day(cell(row, 'deleted'), lineNo, 'a deletion date YYYYMMDD, "*" or nothing');
    const modText = cell(row, 'modifier');
    const modifier = modText === '0' ? 0 : modText === '1' ? 1 : modText === '9' ? 9 : fail('a modifier indicator 0, 1 or 9', modText);
    this.builder.add(c1, c2, effective, deleted, modifier, cell(row, 'rationale'));
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    return { rows: this.builder.rows, bytes: this.builder.build(this.file), hints: {} };
  }

  /** Day number of a CMS date cell, 0 when blank or "*". */
  private day(text: string, lineNo: number, expected: string): number {
    if (text === '' || text === '*') return 0;
    let day = this.days.get(text);
    if (day === undefined) {
      const iso = isoFromCompact(text);
      day = iso === null ? -1 : dayNumber(iso);
      if (day < 1 || day > 65_535) day = -1;
      this.days.set(text, day);
    }
    if (day < 0) throw new ReferenceFormatError(this.file, lineNo, `${expected} between 1970 and 2149`, text);
    return day;
  }
}
