/** `scrubjay data import|list|fetch`: the official code sets and edit tables in the data folder. */
import { resolveDataDir } from '../../config/paths.js';
import { fetchTable, importTable, isReferenceKind, listTables, REFERENCE_KINDS, type ReferenceKind, type TableVersion } from '../../reference/index.js';
import { ScrubjayError } from '../../errors.js';
import { textTable } from '../../text/table.js';
import { EXIT, type CliIo } from '../io.js';

function kindOf(value: string): ReferenceKind {
  if (!isReferenceKind(value)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `unknown kind "${value}"; expected one of ${REFERENCE_KINDS.join(', ')}`);
  return value;
}

function describe(version: TableVersion): string {
  return `${version.label} (${version.kind}, effective ${version.effective}, ${version.rows.toLocaleString('en-US')} rows, from ${version.source})`;
}

export async function runDataImport(kind: string, file: string, opts: { effective?: string; maxInflatedBytes?: number; data?: string }, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  const started = performance.now();
  const version = await importTable(dataDir, kindOf(kind), file, {
    ...(opts.effective ? { effective: opts.effective } : {}),
    ...(opts.maxInflatedBytes === undefined ? {} : { maxInflatedBytes: opts.maxInflatedBytes }),
  });
  io.out(`imported ${describe(version)} into ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return EXIT.OK;
}

export async function runDataFetch(kind: string, opts: { year?: number; quarter?: number; baseUrl?: string; effective?: string; data?: string }, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  const { data: _data, ...fetchOptions } = opts;
  const version = await fetchTable(dataDir, kindOf(kind), fetchOptions);
  io.out(`downloaded and imported ${describe(version)} into ${dataDir}`);
  return EXIT.OK;
}

export function runDataList(opts: { data?: string; format: 'text' | 'json' }, io: CliIo): number {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  const versions = listTables(dataDir);
  if (opts.format === 'json') {
    io.out(JSON.stringify(versions, null, 2));
    return EXIT.OK;
  }
  if (versions.length === 0) {
    io.out(`nothing imported in ${dataDir}: codes are checked by format only (see scrubjay data import --help)`);
    return EXIT.OK;
  }
  const rows = versions.map((v) => [v.kind, v.effective, v.label, v.rows.toLocaleString('en-US'), v.source]);
  const header = ['kind', 'effective', 'version', 'rows', 'source file'];
  for (const line of textTable(header, rows, { rightAligned: [3] })) io.out(line);
  for (const v of versions) if (v.note !== undefined) io.out(`note: ${v.kind} ${v.effective}: ${v.note}`);
  return EXIT.OK;
}
