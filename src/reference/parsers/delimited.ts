import { ReferenceFormatError } from '../errors.js';
import { guessDelimiter, splitDelimited } from '../text/csv.js';
import { matchHeader } from '../text/header.js';
import type { ReferenceKind } from '../types.js';
import { HEADER_LAYOUTS, type HeaderLayout, describeHeader, fixedWidthKindOf } from './headers.js';

/** CMS puts a licence or disclaimer before the header; more lines than this means no header. */
const MAX_PREAMBLE_LINES = 200;
/** CMS text files spread their header over a few lines (the modifier legend, "*=no data"). */
const MAX_HEADER_CONTINUATION_LINES = 6;

export interface DataRow<K extends string> {
  layout: HeaderLayout<K>;
  columns: Partial<Record<K, number>>;
  cells: string[];
  lineNo: number;
}

/**
 * Skips a preamble, finds the header row of one of `layouts`, then hands back data rows split into
 * cells. Rejects a file whose header belongs to another kind, a header that never comes, unclosed
 * quotes and rows with too few or too many cells.
 */
export class DelimitedReader<K extends string> {
  private state: 'preamble' | 'header' | 'data' = 'preamble';
  private delimiter = ',';
  private width = 0;
  private layout: HeaderLayout<K> | null = null;
  private columns: Partial<Record<K, number>> = {};
  private headerLine = 0;
  private keyColumns: number[] = [];
  /** preamble rows with an empty first cell, the upper rows of a header stacked over several */
  private stacked: string[] = [];
  dataRows = 0;

  get headerFound(): boolean {
    return this.state !== 'preamble';
  }

  constructor(
    private readonly file: string,
    private readonly kind: ReferenceKind,
    private readonly layouts: ReadonlyArray<HeaderLayout<K>>,
    private readonly options: {
      /** column names may be written over several rows, the key column's name on the last */
      stackedHeader?: boolean;
      /** rows right after the header with an empty key may continue it (CMS text files); default true */
      headerContinues?: boolean;
    } = {},
  ) {}

  /** Returns the cells of a data row, or null for a line that is preamble, header or blank. */
  line(text: string, lineNo: number): DataRow<K> | null {
    if (this.state === 'preamble') {
      this.findHeader(text, lineNo);
      return null;
    }
    if (text.trim() === '') return null;
    const cells = splitDelimited(text, this.delimiter);
    if (cells === null) throw new ReferenceFormatError(this.file, lineNo, 'a delimited row with balanced quotes', text);
    if (this.state === 'header') {
      if (this.options.headerContinues !== false && lineNo - this.headerLine <= MAX_HEADER_CONTINUATION_LINES && this.isHeaderContinuation(cells)) return null;
      this.state = 'data';
    }
    if (cells.length !== this.width && !this.onlyEmptyExtras(cells)) {
      throw new ReferenceFormatError(this.file, lineNo, `${this.width} fields separated by ${this.delimiterName()}`, text);
    }
    this.dataRows++;
    return { layout: this.layout as HeaderLayout<K>, columns: this.columns, cells, lineNo };
  }

  /** Checks the file had a header and data; call after the last line. */
  finish(lineCount: number): void {
    if (this.state === 'preamble') {
      throw new ReferenceFormatError(this.file, Math.max(1, lineCount), this.expectedHeader(), lineCount === 0 ? 'an empty file' : 'no header row');
    }
    if (this.dataRows === 0) {
      throw new ReferenceFormatError(this.file, Math.max(1, lineCount), 'at least one data row after the header');
    }
  }

  private findHeader(text: string, lineNo: number): void {
    if (text.trim() !== '') {
      const delimiter = guessDelimiter(text);
      const cells = splitDelimited(text, delimiter);
      if (cells !== null && cells.length > 1) {
        const candidates = [cells];
        if (this.options.stackedHeader === true && this.stacked.length > 0) candidates.push(this.unstack(cells, delimiter));
        for (const layout of this.layouts) for (const candidate of candidates) {
          const columns = matchHeader(candidate, layout.spec, layout.required);
          if (columns !== null) {
            this.state = 'header';
            this.delimiter = delimiter;
            this.width = cells.length;
            // Some exports end the header with an empty column the data rows do not repeat.
            while (this.width > 1 && (cells[this.width - 1] ?? '').trim() === '') this.width--;
            this.layout = layout;
            this.columns = columns;
            this.headerLine = lineNo;
            const first = layout.required[0];
            this.keyColumns = first === undefined ? [] : [columns[first] as number];
            return;
          }
        }
        if (this.options.stackedHeader === true) {
          if ((cells[0] ?? '').trim() === '') this.stacked = [...this.stacked.slice(-3), text];
          else this.stacked = [];
        }
        for (const other of HEADER_LAYOUTS) {
          if (other.kind !== this.kind && matchHeader(cells, other.layout.spec, other.layout.required) !== null) {
            throw new ReferenceFormatError(this.file, lineNo, `${this.expectedHeader()}; this is the header of a ${other.kind} table`, text);
          }
        }
      }
      const fixed = fixedWidthKindOf(text);
      if (fixed !== null && fixed !== this.kind) {
        throw new ReferenceFormatError(this.file, lineNo, `${this.expectedHeader()}; this line is a ${fixed} record`, text);
      }
    }
    if (lineNo >= MAX_PREAMBLE_LINES) {
      throw new ReferenceFormatError(this.file, lineNo, `${this.expectedHeader()} within the first ${MAX_PREAMBLE_LINES} lines`);
    }
  }

  /** Each column's name read down the stacked rows above and this one ("STATUS" over "CODE" is "STATUS CODE"). */
  private unstack(cells: string[], delimiter: string): string[] {
    const above = this.stacked.map((row) => splitDelimited(row, delimiter) ?? []);
    return cells.map((c, i) => [...above.map((row) => row[i] ?? ''), c].join(' ').trim());
  }

  private onlyEmptyExtras(cells: string[]): boolean {
    if (cells.length < this.width) return false;
    for (let i = this.width; i < cells.length; i++) if ((cells[i] as string).trim() !== '') return false;
    return true;
  }

  /** A header continuation has empty key cells and nothing that looks like a number or date. */
  private isHeaderContinuation(cells: string[]): boolean {
    if (this.keyColumns.some((i) => (cells[i] ?? '').trim() !== '')) return false;
    return cells.every((c) => !/^\s*\d+\s*$/.test(c));
  }

  private expectedHeader(): string {
    return this.layouts.map(describeHeader).join(' or ');
  }

  private delimiterName(): string {
    return this.delimiter === '\t' ? 'tabs' : 'commas';
  }
}

/** The trimmed cell of a named column, or '' when the layout has no such column. */
export function cell<K extends string>(row: DataRow<K>, key: K): string {
  const index = row.columns[key];
  return index === undefined ? '' : (row.cells[index] ?? '').trim();
}
