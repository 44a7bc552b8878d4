import { buildKeyedTable, type KeyedRow } from '../binary/keyed-table.js';
import { MCE_AGE_BITS, MCE_COLUMNS, MCE_SEX } from '../binary/columns.js';
import { ReferenceFormatError } from '../errors.js';
import { cell, type DataRow, DelimitedReader } from './delimited.js';
import { type HeaderLayout, MCE_EDIT_TYPE_LAYOUT, MCE_GROUP_LAYOUT } from './headers.js';
import type { ParserFactory, ParsedTable, TableParser, VersionHints } from './types.js';

/**
 * Medicare Code Editor diagnosis lists (age, sex, manifestation). Two layouts: a conflict group
 * and rule per row ("Age", "Maternity (Ages 9-64)"), or CMS's section edit types ("Female_Only")
 * with procedure rows and the edits this API does not model, which are skipped.
 */
export const mceParser: ParserFactory = {
  kind: 'mce',
  encoding: 'utf8',
  zipEntry: (name) => /\.(csv|tsv|txt)$/i.test(name),
  zipEntryWhat: 'MCE table (.csv or .tsv)',
  create: (file) => new MceParser(file),
};

type Edit = { ages: number } | { sex: number } | { manifestation: true };

const RULES: ReadonlyArray<[RegExp, Edit]> = [
  [/newborn|perinatal/i, { ages: MCE_AGE_BITS.newborn }],
  [/pediatric/i, { ages: MCE_AGE_BITS.pediatric }],
  [/maternity/i, { ages: MCE_AGE_BITS.maternity }],
  [/adult/i, { ages: MCE_AGE_BITS.adult }],
  [/female/i, { sex: MCE_SEX.female }],
  [/male/i, { sex: MCE_SEX.male }],
  [/manifestation/i, { manifestation: true }],
];

const EDIT_TYPES: Readonly<Record<string, Edit | null>> = {
  newborn_only: { ages: MCE_AGE_BITS.newborn },
  pediatric_only: { ages: MCE_AGE_BITS.pediatric },
  maternity_only: { ages: MCE_AGE_BITS.maternity },
  adult_only: { ages: MCE_AGE_BITS.adult },
  female_only: { sex: MCE_SEX.female },
  male_only: { sex: MCE_SEX.male },
  principal_manifestation: { manifestation: true },
  // Edits outside age, sex and manifestation: known, but not part of this table.
  principal_unacceptable: null,
  principal_questionable_admit: null,
  wrong_performed: null,
  noncovered_always: null,
  noncovered_over60: null,
  noncovered_los_96hr: null,
  limited_coverage: null,
};

const ICD_CODE = /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/;

interface Entry {
  ages: number;
  sex: number;
  manifestation: boolean;
  description: string;
}

type Column = keyof typeof MCE_GROUP_LAYOUT.spec | keyof typeof MCE_EDIT_TYPE_LAYOUT.spec;

class MceParser implements TableParser {
  private readonly reader: DelimitedReader<Column>;
  private readonly entries = new Map<string, Entry>();
  private mceVersion = '';

  constructor(private readonly file: string) {
    // The two layouts name different columns; rows say which layout matched, and cell() of a
    // column the layout lacks is ''.
    const layouts = [MCE_EDIT_TYPE_LAYOUT, MCE_GROUP_LAYOUT] as unknown as ReadonlyArray<HeaderLayout<Column>>;
    this.reader = new DelimitedReader<Column>(file, 'mce', layouts);
  }

  line(text: string, lineNo: number): void {
    const row = this.reader.line(text, lineNo);
    if (row === null) return;
    const edit = row.layout.name === MCE_EDIT_TYPE_LAYOUT.name ? this.editTypeRow(row) : this.ruleRow(row);
    if (edit === null) return;
    const codeText = cell(row, 'code').toUpperCase();
    const m = ICD_CODE.exec(codeText);
    if (m === null) throw new ReferenceFormatError(this.file, lineNo, 'an ICD-10-CM diagnosis code', codeText);
    const code = (m[1] as string) + (m[2] ?? '');
    let entry = this.entries.get(code);
    if (entry === undefined) {
      entry = { ages: 0, sex: MCE_SEX.none, manifestation: false, description: cell(row, 'description') };
      this.entries.set(code, entry);
    }
    if ('ages' in edit) entry.ages |= edit.ages;
    else if ('sex' in edit) {
      if (entry.sex !== MCE_SEX.none && entry.sex !== edit.sex) {
        throw new ReferenceFormatError(this.file, lineNo, `one sex edit per code; ${codeText} is listed for both sexes`, text);
      }
      entry.sex = edit.sex;
    } else entry.manifestation = true;
  }

  finish(lineCount: number): ParsedTable {
    this.reader.finish(lineCount);
    if (this.entries.size === 0) {
      throw new ReferenceFormatError(this.file, lineCount, 'at least one diagnosis age, sex or manifestation edit');
    }
    const rows: KeyedRow[] = [];
    for (const [code, e] of this.entries) rows.push({ key: code, ints: [e.ages, e.sex, e.manifestation ? 1 : 0], strings: [e.description] });
    const hints: VersionHints = {};
    if (this.mceVersion !== '') {
      hints.release = `v${this.mceVersion}`;
      hints.effective = `${Number(this.mceVersion) + 1982}-10-01`;
    }
    return { rows: rows.length, bytes: buildKeyedTable(rows, MCE_COLUMNS.intCount, MCE_COLUMNS.stringCount), hints };
  }

  private ruleRow(row: DataRow<Column>): Edit {
    const rule = cell(row, 'rule');
    for (const [pattern, edit] of RULES) if (pattern.test(rule)) return edit;
    throw new ReferenceFormatError(this.file, row.lineNo, 'an MCE rule naming newborn, pediatric, maternity, adult, female, male or manifestation', rule);
  }

  private editTypeRow(row: DataRow<Column>): Edit | null {
    const fail = (expected: string, found: string): never => {
      throw new ReferenceFormatError(this.file, row.lineNo, expected, found);
    };
    const version = cell(row, 'mceVersion');
    if (row.columns.mceVersion !== undefined) {
      if (!/^\d{2}$/.test(version)) fail('a two-digit MCE version', version);
      if (this.mceVersion === '') this.mceVersion = version;
      else if (version !== this.mceVersion) fail(`MCE version ${this.mceVersion} on every row`, version);
    }
    const icdVersion = cell(row, 'icdVersion');
    if (icdVersion !== '' && icdVersion !== '10' && icdVersion !== '9') fail('ICD version 9 or 10', icdVersion);
    const codeType = cell(row, 'codeType').toUpperCase();
    if (codeType !== 'D' && codeType !== 'P') fail('code type D (diagnosis) or P (procedure)', codeType);
    const editType = cell(row, 'editType').toLowerCase();
    const edit = EDIT_TYPES[editType];
    if (edit === undefined) fail(`an MCE edit type (${Object.keys(EDIT_TYPES).join(', ')})`, cell(row, 'editType'));
    if (codeType === 'P' || icdVersion === '9') return null;
    return edit ?? null;
  }
}
