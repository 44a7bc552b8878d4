import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PARSERS } from '../../src/reference/import.js';
import type { ParsedTable } from '../../src/reference/parsers/types.js';
import type { ReferenceKind } from '../../src/reference/index.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';

/** The table excerpts the reference tests read: the tables scrubbing uses, and other editions and layouts. */
export const FILES = FIXTURE_FILES;

/** Every file below `dir` with a hash of its content, to compare a folder before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const rel = `${prefix}${name}`;
      if (statSync(path).isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(path, `${rel}/`);
      } else out[rel] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** Runs a kind's parser over in-memory lines, as an import would over a file's lines. */
export function parseLines(kind: ReferenceKind, lines: readonly string[], name = 'test-input.csv'): ParsedTable {
  const parser = PARSERS[kind].create(name);
  lines.forEach((line, i) => parser.line(line, i + 1));
  return parser.finish(lines.length);
}

/** Lines of a text table holding a record (not blank), less its header lines: what an import should count. */
export function recordLines(file: string, header = 0, encoding: BufferEncoding = 'utf8'): number {
  return readFileSync(file, encoding).split(/\r?\n/).filter((l) => l.trim() !== '').length - header;
}

/** Codes and modifiers of a CMS HCPCS record file: records with id 3 (procedure) or 7 (modifier). */
export function hcpcsRecordCodes(file: string): number {
  return readFileSync(file, 'latin1').split(/\r?\n/).filter((l) => /^[ A-Z0-9]{5}\d{5}[37]/.test(l)).length;
}
