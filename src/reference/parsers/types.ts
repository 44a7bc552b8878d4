import type { TextEncoding } from '../text/source.js';
import type { ReferenceKind } from '../types.js';

/** What a file says about its own version, when it says anything. */
export interface VersionHints {
  /** ISO effective date read from the content. */
  effective?: string;
  /** Extra words for the version label (e.g. an MCE release number). */
  release?: string;
  /** What the version should say about how the file was read. */
  note?: string;
}

export interface ParsedTable {
  rows: number;
  bytes: Buffer;
  hints: VersionHints;
}

/** Receives a file line by line; throws ReferenceFormatError at the first line it cannot accept. */
export interface TableParser {
  line(text: string, lineNo: number): void;
  finish(lineCount: number): ParsedTable;
}

export interface ParserFactory {
  kind: ReferenceKind;
  encoding: TextEncoding;
  zipEntry(name: string): boolean;
  zipEntryWhat: string;
  create(fileName: string): TableParser;
}
