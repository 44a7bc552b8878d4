import { buildAocTable, type AocRow } from '../binary/aoc-binary.js';
import { packCode5 } from '../binary/code-pack.js';
import { ReferenceFormatError } from '../errors.js';
import { dayNumber, isoFromCompact, isIsoDate } from '../text/dates.js';
import { cell, DelimitedReader } from './delimited.js';
import { AOC_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/**
 * NCCI add-on code edits: CMS's table saved as CSV or tab-delimited text (Add-on Code,
 * Primary Code, AOC Edit Type, and the edit's effective and deletion dates in Julian
 * YYYYDDD, YYYYMMDD or ISO form, "*" or blank for none) or the decoded CSV, which has no
 * dates at all. Type 2 edits name no primary: CMS writes CCCCC, contractor-defined.
 */
export const aocParser: ParserFactory = {
  kind: 'ncci-aoc',
  encoding: 'latin1',
  zipEntry: (name) => /\.(csv|txt)$/i.test(name) && !/readme|changes|disclaim/i.test(name),
  zipEntryWhat: 'NCCI add-on code edit table (.csv or .txt)',
  create: (file) => new AocParser(file),
};

type Column = keyof typeof AOC_LAYOUT.spec;

const FIELD_NAMES: Readonly<Record<Column, string>> = {
  addOn: 'Add-on Code',
  primary: 'Primary Code',
  type: 'AOC Edit Type',
  effective: 'AOC Edit Eff Dt',
  deleted: 'AOC Edit Del Dt',
  addOnDeleted: 'AOC Del Dt',
  primaryDeleted: 'Primary Code Del Dt',
};

/** Marks the version of a table without dates, so whoever reads the list knows how it was read. */
export const UNDATED_AOC_NOTE = 'the file gives no effective or deletion dates: every edit in it is read as active';

const CODE = 'a 5-character CPT/HCPCS code';

class AocParser implements TableParser {
  private readonly reader: DelimitedReader<Column>;
  private readonly rows: AocRow[] = [];
  private readonly seen = new Set<string>();
  private dated = false;

  constructor(private readonly file: string) {
    this.reader = new DelimitedReader(file, 'ncci-aoc', [AOC_LAYOUT], { headerContinues: false });
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const fail = (field: Column, expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, `${expected} in ${FIELD_NAMES[field]}`, found);
    };
    const addOnText = cell(row, 'addOn').toUpperCase();
    const addOn = packCode5(addOnText);
    if (addOn < 0) fail('addOn', CODE, addOnText);
    const primaryText = cell(row, 'primary').toUpperCase();
    const primary = packCode5(primaryText);
    if (primary < 0) fail('primary', `${CODE} or CCCCC`, primaryText);
    const typeText = cell(row, 'type');
    const type = typeText === '1' ? 1 : typeText === '2' ? 2 : typeText === '3' ? 3 : fail('type', 'an add-on code edit type 1, 2 or 3', typeText);
    if (type === 2 && primaryText !== 'CCCCC') fail('primary', 'CCCCC (contractor-defined primaries) for an edit of type 2', primaryText);
    const day = (field: Column): number => {
      const value = cell(row, field);
      if (value === '' || value === '*') return 0;
      const parsed = parseDay(value);
      if (parsed < 0) fail(field, 'a date (Julian YYYYDDD, YYYYMMDD or YYYY-MM-DD) between 1970 and 2149, "*" or nothing', value);
      this.dated = true;
      return parsed;
    };
    const effectiveDay = day('effective');
    // an edit ends with its own deletion, or with the add-on or primary code's
    const ends = [day('deleted'), day('addOnDeleted'), day('primaryDeleted')].filter((d) => d > 0);
    const deletedDay = ends.length === 0 ? 0 : Math.min(...ends);
    const key = `${addOnText} ${primaryText} ${effectiveDay}`;
    if (this.seen.has(key)) fail('primary', `each add-on and primary pair once per effective date; ${addOnText}/${primaryText} appears again`, text);
    this.seen.add(key);
    this.rows.push({ addOn, primary, type, effectiveDay, deletedDay });
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    return { rows: this.rows.length, bytes: buildAocTable(this.rows), hints: this.dated ? {} : { note: UNDATED_AOC_NOTE } };
  }
}

/** Day number of a CMS date, or -1 when it is not one. */
function parseDay(text: string): number {
  let iso: string | null = null;
  if (/^\d{7}$/.test(text)) iso = isoFromJulian(text);
  else if (/^\d{8}$/.test(text)) iso = isoFromCompact(text);
  else if (isIsoDate(text)) iso = text;
  if (iso === null) return -1;
  const day = dayNumber(iso);
  return day >= 1 && day <= 65_535 ? day : -1;
}

/** YYYYDDD, the day of the year counted from 001. */
function isoFromJulian(text: string): string | null {
  const year = Number(text.slice(0, 4));
  const dayOfYear = Number(text.slice(4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (year < 1970 || dayOfYear < 1 || dayOfYear > (leap ? 366 : 365)) return null;
  return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10);
}
