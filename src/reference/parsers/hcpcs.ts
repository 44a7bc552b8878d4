import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { HCPCS_COLUMNS } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { isoFromCompact } from '../text/dates.js';
import { cell, DelimitedReader } from './delimited.js';
import { HCPCS_CSV_LAYOUT, fixedWidthKindOf } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/**
 * CMS HCPCS Level II: the 320-character record file (disclaimer preamble; record id 3 starts a
 * procedure, 7 a modifier, 4 and 8 continue their long description) or a CSV with the same
 * fields (hcpcs, seqnum, recid, long_description, short_description, optional term date).
 */
export const hcpcsParser: ParserFactory = {
  kind: 'hcpcs',
  encoding: 'latin1',
  zipEntry: (name) => /^HCPC\d{4}.*\.txt$/i.test(name),
  zipEntryWhat: 'HCPCS record file (HCPCyyyy_..._ANWEB.txt)',
  create: (file) => new HcpcsParser(file),
};

const RECORD_LENGTH = 320;
const PROCEDURE = /^[A-Z0-9]{5}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;

interface Entry {
  modifier: boolean;
  short: string;
  long: string;
  terminated: number;
}

class HcpcsParser implements TableParser {
  private mode: 'unknown' | 'records' | 'csv' = 'unknown';
  private readonly csv: DelimitedReader<keyof typeof HCPCS_CSV_LAYOUT.spec>;
  private readonly entries = new Map<string, Entry>();
  private current: { code: string; entry: Entry } | null = null;

  constructor(private readonly file: string) {
    this.csv = new DelimitedReader(file, 'hcpcs', [HCPCS_CSV_LAYOUT]);
  }

  line(text: string, lineNo: number): void {
    if (this.mode === 'unknown') {
      if (fixedWidthKindOf(text) === 'hcpcs') this.mode = 'records';
      else {
        this.csv.line(text, lineNo);
        if (this.csv.headerFound) this.mode = 'csv';
        return;
      }
    }
    if (this.mode === 'records') this.record(text, lineNo);
    else this.csvRow(text, lineNo);
  }

  finish(lineCount: number): ParsedTable {
    if (this.mode !== 'records') this.csv.finish(lineCount);
    const rows: KeyedRow[] = [];
    for (const [code, e] of this.entries) {
      rows.push({ key: code, ints: [e.modifier ? 1 : 0, e.terminated], strings: [e.short || e.long, e.long] });
    }
    return { rows: rows.length, bytes: buildKeyedTable(rows, HCPCS_COLUMNS.intCount, HCPCS_COLUMNS.stringCount), hints: {} };
  }

  private record(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const fail = (expected: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, expected, text);
    };
    const recid = text.charAt(10);
    // Continuation records carry only text, and CMS's own files have some with the trailing blanks cut.
    const continuation = recid === '4' || recid === '8';
    if (continuation ? text.length < 12 || text.length > RECORD_LENGTH || text.slice(91).trim() !== '' : text.length !== RECORD_LENGTH) {
      fail(`a ${RECORD_LENGTH}-character HCPCS record (this one has ${text.length})`);
    }
    if (!/^\d{5}$/.test(text.slice(5, 10))) fail('a 5-digit sequence number in columns 6-10');
    const isModifier = recid === '7' || recid === '8';
    const code = isModifier ? text.slice(3, 5) : text.slice(0, 5);
    if (recid !== '3' && recid !== '4' && recid !== '7' && recid !== '8') fail('record identification code 3, 4, 7 or 8 in column 11');
    if (isModifier ? text.slice(0, 3) !== '   ' || !MODIFIER.test(code) : !PROCEDURE.test(code)) {
      fail(isModifier ? 'a 2-character modifier in columns 4-5' : 'a 5-character HCPCS code in columns 1-5');
    }
    const long = text.slice(11, 91).trim();
    if (recid === '4' || recid === '8') {
      this.continueLong(code, isModifier, long, lineNo, text);
      return;
    }
    const termText = text.slice(284, 292).trim();
    const terminated = termText === '' ? 0 : compactDate(termText);
    if (terminated < 0) fail('a termination date YYYYMMDD or blanks in columns 285-292');
    this.start(code, { modifier: isModifier, short: text.slice(91, 119).trim(), long, terminated }, lineNo, text);
  }

  private csvRow(text: string, lineNo: number): void {
    const row = this.csv.line(text, lineNo);
    if (row === null) return;
    const fail = (expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, expected, found);
    };
    const recid = cell(row, 'recid');
    if (recid !== '3' && recid !== '4' && recid !== '7' && recid !== '8') fail('record id 3, 4, 7 or 8', recid);
    const isModifier = recid === '7' || recid === '8';
    const code = cell(row, 'code').toUpperCase();
    if (!(isModifier ? MODIFIER : PROCEDURE).test(code)) fail(isModifier ? 'a 2-character modifier' : 'a 5-character HCPCS code', code);
    const seq = cell(row, 'seq');
    if (row.columns.seq !== undefined && !/^\d{1,5}$/.test(seq)) fail('a numeric sequence number', seq);
    const long = cell(row, 'long');
    if (recid === '4' || recid === '8') {
      this.continueLong(code, isModifier, long, lineNo, text);
      return;
    }
    const termText = cell(row, 'terminated');
    const terminated = termText === '' ? 0 : compactDate(termText);
    if (terminated < 0) fail('a termination date YYYYMMDD or nothing', termText);
    this.start(code, { modifier: isModifier, short: cell(row, 'short'), long, terminated }, lineNo, text);
  }

  private start(code: string, entry: Entry, lineNo: number, text: string): void {
    if (entry.short === '' && entry.long === '') throw new ReferenceFormatError(this.file, lineNo, `a description for ${code}`, text);
    if (this.entries.has(code)) throw new ReferenceFormatError(this.file, lineNo, `each code's first record once; ${code} appears again`, text);
    this.entries.set(code, entry);
    this.current = { code, entry };
  }

  private continueLong(code: string, isModifier: boolean, long: string, lineNo: number, text: string): void {
    const current = this.current;
    if (current === null || current.code !== code || current.entry.modifier !== isModifier) {
      throw new ReferenceFormatError(this.file, lineNo, `a continuation record right after the first record of ${code}`, text);
    }
    if (long !== '') current.entry.long = current.entry.long === '' ? long : `${current.entry.long} ${long}`;
  }
}

function compactDate(text: string): number {
  return isoFromCompact(text) === null ? -1 : Number(text);
}
