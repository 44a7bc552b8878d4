import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { ReferenceArgumentError, ReferenceFormatError } from './errors.js';
import { aocParser } from './parsers/aoc.js';
import { hcpcsParser } from './parsers/hcpcs.js';
import { icd10cmParser } from './parsers/icd10cm.js';
import { mceParser } from './parsers/mce.js';
import { mueParser } from './parsers/mue.js';
import { pfsParser } from './parsers/pfs.js';
import { posParser } from './parsers/pos.js';
import { ptpParser } from './parsers/ptp.js';
import type { ParsedTable, ParserFactory } from './parsers/types.js';
import { commitVersion, scanVersions } from './store.js';
import { isIsoDate } from './text/dates.js';
import { readLines } from './text/source.js';
import { REFERENCE_KINDS, isReferenceKind, type ReferenceKind, type TableVersion } from './types.js';
import { resolveVersion } from './versions.js';

export const PARSERS: Readonly<Record<ReferenceKind, ParserFactory>> = {
  icd10cm: icd10cmParser,
  hcpcs: hcpcsParser,
  'ncci-ptp': ptpParser,
  mue: mueParser,
  mce: mceParser,
  pos: posParser,
  pfs: pfsParser,
  'ncci-aoc': aocParser,
};

export interface ImportOptions {
  /** ISO date from which the table applies; otherwise taken from the file name or content. */
  effective?: string;
  /** Name to record and to read the version from, when `file` is a temporary download. */
  sourceName?: string;
  /** Most bytes a .gz or .zip input may inflate to; default `DEFAULT_MAX_INFLATED_BYTES` (2 GiB). */
  maxInflatedBytes?: number;
}

/**
 * Reads a reference file whole, then stores it as a version of `kind`. Nothing in the data folder
 * changes unless the whole file was accepted; a version with the same kind and effective date is
 * replaced.
 */
export async function importTable(dataDir: string, kind: ReferenceKind, file: string, options: ImportOptions = {}): Promise<TableVersion> {
  if (!isReferenceKind(kind)) throw new ReferenceArgumentError(`unknown reference kind ${JSON.stringify(kind)}; expected one of ${REFERENCE_KINDS.join(', ')}`);
  if (options.effective !== undefined && !isIsoDate(options.effective)) {
    throw new ReferenceArgumentError(`effective date must be a real date YYYY-MM-DD, not ${JSON.stringify(options.effective)}`);
  }
  const parsed = await parseTable(kind, file, options.maxInflatedBytes === undefined ? {} : { maxInflatedBytes: options.maxInflatedBytes });
  const source = options.sourceName ?? basename(file);
  const { effective, label } = resolveVersion(kind, source, parsed.hints, options.effective);
  const version: TableVersion = { kind, effective, label, rows: parsed.rows, source, importedAt: new Date().toISOString() };
  if (parsed.hints.note !== undefined) version.note = parsed.hints.note;
  commitVersion(dataDir, version, parsed.bytes);
  return version;
}

/** Parses a file into the binary table of its kind without storing it. */
export async function parseTable(kind: ReferenceKind, file: string, limits: { maxInflatedBytes?: number } = {}): Promise<ParsedTable> {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new ReferenceFormatError(file, 0, 'a readable file', 'nothing at that path');
  const factory = PARSERS[kind];
  const parser = factory.create(file);
  const lines = await readLines(
    file,
    { displayName: file, encoding: factory.encoding, zipEntry: factory.zipEntry, zipEntryWhat: factory.zipEntryWhat, ...limits },
    (text, lineNo) => parser.line(text, lineNo),
  );
  return parser.finish(lines);
}

/** Every stored version, sorted by kind then effective date. */
export function listTables(dataDir: string): TableVersion[] {
  return scanVersions(dataDir).map((s) => s.version);
}
