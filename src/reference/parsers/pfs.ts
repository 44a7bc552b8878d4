import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { PFS_COLUMNS, PFS_GLOBAL_DAYS } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { cell, DelimitedReader } from './delimited.js';
import { PFS_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser } from './types.js';

/**
 * The payment policy indicators of the Medicare PFS relative value file: CMS's PPRRVU CSV as
 * published inside the RVUyy zip (title and copyright rows, then the column names, some
 * stacked over two rows), or a decoded CSV with short column names. CMS lists the
 * professional (26), technical (TC) and reduced (53) parts of a code as rows of their own:
 * each is kept under its modifier.
 */
export const pfsParser: ParserFactory = {
  kind: 'pfs',
  encoding: 'latin1',
  // from 2026 a release holds the file twice, once per conversion factor; the indicators are the same, the non-QPP one is read
  zipEntry: (name) => /^pprrvu.*\.csv$/i.test(name) && !/(?<!non)qpp/i.test(name),
  zipEntryWhat: 'PPRRVU relative value file (PPRRVUyy_….csv)',
  create: (file) => new PfsParser(file),
};

type Column = keyof typeof PFS_LAYOUT.spec;

const CODE = /^[A-Z0-9]{5}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;
const DIGIT = /^[0-9]$/;

/** The column names the file itself uses, for naming the field a bad value is in. */
const FIELD_NAMES: Readonly<Record<Column, string>> = {
  code: 'HCPCS',
  modifier: 'MOD',
  status: 'STATUS CODE',
  pctc: 'PCTC IND',
  globalDays: 'GLOB DAYS',
  multipleProcedure: 'MULT PROC',
  bilateral: 'BILAT SURG',
  assistant: 'ASST SURG',
  coSurgeons: 'CO-SURG',
  team: 'TEAM SURG',
  endoscopicBase: 'ENDO BASE',
};

class PfsParser implements TableParser {
  private readonly reader: DelimitedReader<Column>;
  private readonly rows: KeyedRow[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {
    this.reader = new DelimitedReader(file, 'pfs', [PFS_LAYOUT], { stackedHeader: true, headerContinues: false });
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const fail = (field: Column, expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, lineNo, `${expected} in ${FIELD_NAMES[field]}`, found);
    };
    const code = cell(row, 'code').toUpperCase();
    if (!CODE.test(code)) fail('code', 'a 5-character CPT/HCPCS code', code);
    const modifier = cell(row, 'modifier').toUpperCase();
    if (modifier !== '' && !MODIFIER.test(modifier)) fail('modifier', 'a 2-character modifier or nothing', modifier);
    const key = code + modifier;
    if (this.seen.has(key)) fail('code', `each code and modifier once; ${code}${modifier === '' ? '' : `-${modifier}`} appears again`, text);
    this.seen.add(key);
    const status = cell(row, 'status').toUpperCase();
    if (!/^[A-Z]$/.test(status)) fail('status', 'a one-letter status code', status);
    const glob = cell(row, 'globalDays').toUpperCase();
    const globalDays = (PFS_GLOBAL_DAYS as readonly string[]).indexOf(glob);
    if (globalDays < 0) fail('globalDays', `global days ${PFS_GLOBAL_DAYS.join(', ')}`, glob);
    const endoscopicBase = cell(row, 'endoscopicBase').toUpperCase();
    if (endoscopicBase !== '' && !CODE.test(endoscopicBase)) fail('endoscopicBase', 'a 5-character endoscopic base code or nothing', endoscopicBase);
    const digit = (field: Column): number => {
      const value = cell(row, field);
      if (!DIGIT.test(value)) fail(field, 'a one-digit indicator 0-9', value);
      return Number(value);
    };
    const ints = [
      status.charCodeAt(0),
      digit('pctc'),
      globalDays,
      digit('multipleProcedure'),
      digit('bilateral'),
      digit('assistant'),
      digit('coSurgeons'),
      digit('team'),
    ];
    this.rows.push({ key, ints, strings: [endoscopicBase] });
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    return { rows: this.rows.length, bytes: buildKeyedTable(this.rows, PFS_COLUMNS.intCount, PFS_COLUMNS.stringCount), hints: {} };
  }
}
