import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { ICD_COLUMNS } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { matchingDelimitedKind } from './sniff.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/**
 * CDC order file: order number (5), code without dot (7, left-justified), billable flag 1 or header
 * 0, short title (60), long title; one space between fields.
 */
const ORDER_LINE = /^(\d{5}) ([A-Z][0-9A-Z][0-9A-Z ]{5}) ([01]) (.{60}) (.*\S.*)$/;
// FY2026 brought codes with a letter second (QA0), so only the first character is fixed.
const CODE = /^[A-Z][0-9A-Z]{2,6}$/;
const EXPECTED = 'an order-file line: 5-digit order number, ICD-10-CM code, billable flag 0/1, 60-character short title, long title';

export const icd10cmParser: ParserFactory = {
  kind: 'icd10cm',
  encoding: 'latin1',
  zipEntry: (name) => /order/i.test(name) && !/addenda/i.test(name) && /\.txt$/i.test(name),
  zipEntryWhat: 'ICD-10-CM order file (icd10cm-order-YYYY.txt)',
  create: (file) => new IcdParser(file),
};

class IcdParser implements TableParser {
  private readonly rows: KeyedRow[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {}

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const m = ORDER_LINE.exec(text);
    const code = m === null ? '' : (m[2] as string).trimEnd();
    if (m === null || !CODE.test(code)) {
      const other = matchingDelimitedKind(text, 'icd10cm');
      throw new ReferenceFormatError(this.file, lineNo, other === null ? EXPECTED : `${EXPECTED}; this is the header of a ${other} table`, text);
    }
    if (this.seen.has(code)) throw new ReferenceFormatError(this.file, lineNo, `each code once; ${code} appears again`, text);
    this.seen.add(code);
    this.rows.push({ key: code, ints: [m[3] === '1' ? 1 : 0], strings: [(m[5] as string).trim(), (m[4] as string).trim()] });
  }

  finish(lineCount: number): ParsedTable {
    if (this.rows.length === 0) throw new ReferenceFormatError(this.file, Math.max(1, lineCount), EXPECTED, 'no code lines');
    return {
      rows: this.rows.length,
      bytes: buildKeyedTable(this.rows, ICD_COLUMNS.intCount, ICD_COLUMNS.stringCount),
      hints: {},
    };
  }
}
