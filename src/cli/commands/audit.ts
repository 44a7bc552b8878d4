/** `scrubjay audit verify`: whether the audit trail is whole, and if not, where it was changed. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { auditPaths, storeFiles, verifyAuditChain } from '../../store/index.js';
import { EXIT, type CliIo } from '../io.js';

export async function runAuditVerify(opts: { data?: string; format: 'text' | 'json' }, io: CliIo): Promise<number> {
  // not resolveDataDir: checking must not create a folder that was not there
  const dataDir = resolve(opts.data ?? process.env.SCRUBJAY_DATA ?? DEFAULT_DATA_DIR);
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `there is no data folder at ${dataDir} (give it with --data or SCRUBJAY_DATA)`, { file: dataDir });
  }
  const paths = auditPaths(storeFiles(dataDir));
  let verification;
  try {
    verification = await verifyAuditChain(paths);
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    const failure = error as NodeJS.ErrnoException;
    const file = typeof failure.path === 'string' ? failure.path : paths.log;
    throw new ScrubjayError('SJ_STORE_IO', `could not read ${file} (${failure.code ?? failure.message})`, { file });
  }
  const { ok, entries, archives, lastSeq, firstProblem, unfinishedTail } = verification;
  if (opts.format === 'json') {
    io.out(JSON.stringify({ ok, entries, archives, lastSeq, firstProblem, unfinishedTail }, null, 2));
  } else if (firstProblem === null) {
    io.out(`audit chain whole: ${entries} ${entries === 1 ? 'entry' : 'entries'}, ${archives} archive ${archives === 1 ? 'file' : 'files'}, last seq ${lastSeq}`);
    if (unfinishedTail) io.out(`${paths.log} ends in an unfinished line: a write cut short by a crash, never acknowledged; the next append removes it`);
  } else {
    io.out(`audit chain broken: ${firstProblem.message}`);
    io.out(`the ${entries} ${entries === 1 ? 'entry' : 'entries'} before it are whole`);
  }
  return ok ? EXIT.OK : EXIT.REJECTED;
}
