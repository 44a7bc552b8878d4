/**
 * `scrubjay check FILE...`: scrub claim files of any format and size and report per claim.
 * Results are written as they come and never collected, so a million-claim 837 is checked
 * in flat memory; the summary (counts, top rules, CARCs) is tallied on the way.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import type { ClaimHistory } from '../../engine/history.js';
import { ScrubjayError } from '../../errors.js';
import { storeFiles } from '../../store/layout.js';
import { historyFromJournal } from '../../store/patient-history.js';
import { BatchProgress, showProgress, type ProgressDisplay } from '../../batch/progress.js';
import { FileWriter } from '../../batch/file-writer.js';
import { StreamWriter } from '../../batch/stream-writer.js';
import { BatchTally, type BatchSummary } from '../../batch/summary.js';
import { detectClaimsFile, unreadable } from '../../claim/read.js';
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { loadPreparedRuleSet } from '../../ruleset/load-prepared.js';
import { join } from 'node:path';
import { VersionRegistry } from '../../ruleset/history/registry.js';
import { rulesGitDir } from '../../server/rules-git.js';
import { Intake, unusableCode, type BatchResult } from '../../intake/index.js';
import { openReferenceData } from '../../reference/index.js';
import { colorsFor, formatResultText, formatSummaryText } from '../format-text.js';
import type { ErrorCode } from '../../errors.js';
import type { CliIo } from '../io.js';
import { EXIT, errorLine } from '../io.js';

export interface CheckOptions {
  format: 'text' | 'json';
  asOf: string;
  rules?: string;
  data?: string;
  engine: 'fast' | 'jre';
  /** write one result per line (NDJSON) to this file; standard output then gets the summary only */
  out?: string;
  /** show progress on standard error (default true) */
  progress?: boolean;
  /** check against the patients' earlier claims in the data folder's store */
  history?: boolean;
}

/** Where results go as they come, and what is said at the end. */
interface Report {
  result(result: BatchResult): Promise<void> | undefined;
  finish(summary: BatchSummary): Promise<void>;
  /** the run stopped on unusable input: keep what was written, close nothing half-said */
  abort(): Promise<void>;
}

export async function runCheck(files: string[], options: CheckOptions, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(options.data, (message) => io.err(`scrubjay: ${message}`));
  const reference = openReferenceData(dataDir);
  const rulesDir = resolveRulesDir(options.rules);
  const prepared = loadPreparedRuleSet(rulesDir);
  // the id the service's rules history gave these very files, so a result from the shell names the same version
  const known = VersionRegistry.lookup(rulesGitDir(rulesDir, dataDir).gitdir ?? join(rulesDir, '.git'), prepared.ruleSet.hash);
  if (known !== undefined) prepared.ruleSet.version = known;
  // every file is opened and its format told before any result is written
  const totalBytes = await checkInputs(files);
  const history = options.history === true ? await storedHistory(dataDir, io) : undefined;
  const intake = new Intake({ rules: prepared, reference, asOf: options.asOf, engine: options.engine, ...(history ? { history } : {}) });
  const report = openReport(options, io);
  const tally = new BatchTally();
  const progress = new BatchProgress(totalBytes);
  const display: ProgressDisplay | undefined = options.progress === false ? undefined : showProgress(progress, process.stderr);
  const onBytes = (bytes: number): void => progress.addBytes(bytes);
  // a JSON record that is not a claim at all is unusable input (exit 2), though the others are still checked
  const unusable: Array<{ code: ErrorCode; message: string }> = [];
  try {
    for (const file of files) {
      for await (const { result, unusable: notClaims } of intake.file(file, file, { onBytes })) {
        for (const problem of notClaims) unusable.push({ code: unusableCode(problem), message: problem.message });
        tally.add(result);
        progress.addClaim();
        const wait = report.result(result);
        if (wait) await wait;
      }
    }
  } catch (error) {
    display?.stop();
    await report.abort();
    throw error;
  }
  display?.stop();
  await report.finish(tally.summary());
  for (const { code, message } of unusable) io.err(errorLine(code, message));
  if (unusable.length > 0) return EXIT.USAGE;
  return tally.anyRejected ? EXIT.REJECTED : EXIT.OK;
}

/** The data folder's claim history, read from its journal (a running server may be appending to it: only complete lines are read). */
async function storedHistory(dataDir: string, io: CliIo): Promise<ClaimHistory> {
  const journal = storeFiles(dataDir).journal;
  if (!existsSync(journal)) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `--history needs the claim store of a data folder, and ${dataDir} has none (${journal} is missing): scrub claims through the service first, or give --data the folder it uses.`, { path: '--data', file: journal });
  }
  const { history, claims } = await historyFromJournal(journal);
  io.err(`scrubjay: checking against ${claims.toLocaleString('en-US')} stored claim${claims === 1 ? '' : 's'} in ${journal}`);
  return history;
}

/**
 * Every input exists and is in a format Scrubjay reads; answers the files' total size for
 * progress. A pipe (`/dev/stdin`, a named pipe) can be read only once: it is left for the
 * run to look at, and has no size.
 */
async function checkInputs(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    let stat: Stats;
    try {
      stat = statSync(file);
    } catch (error) {
      throw unreadable(error as NodeJS.ErrnoException, file);
    }
    if (stat.isDirectory()) throw unreadable(Object.assign(new Error('a folder'), { code: 'EISDIR' }), file);
    if (!stat.isFile()) continue;
    await detectClaimsFile(file);
    total += stat.size;
  }
  return total;
}

function openReport(options: CheckOptions, io: CliIo): Report {
  const stdout = new StreamWriter(io.stdout, 'standard output');
  if (options.out !== undefined) return ndjsonFileReport(options.out, options.format, stdout, io);
  return options.format === 'json' ? jsonArrayReport(stdout, io) : textReport(stdout, io);
}

/** The biller's report: one block per claim as it is scrubbed, the summary at the end. */
function textReport(stdout: StreamWriter, io: CliIo): Report {
  const c = colorsFor(io.stdout);
  return {
    result: (result) => stdout.write(`${formatResultText(result, c)}\n\n`),
    async finish(summary) {
      stdout.write(`${formatSummaryText(summary, c)}\n`);
      await stdout.flush();
    },
    abort: async () => stdout.flush(),
  };
}

/** A JSON array of results on standard output, written item by item; the summary goes to standard error so the array stays pure. */
function jsonArrayReport(stdout: StreamWriter, io: CliIo): Report {
  let first = true;
  return {
    result(result) {
      const item = `${first ? '[\n' : ',\n'}${JSON.stringify(result)}`;
      first = false;
      return stdout.write(item);
    },
    async finish(summary) {
      stdout.write(first ? '[]\n' : '\n]\n');
      await stdout.flush();
      io.err(formatSummaryText(summary, colorsFor(process.stderr)));
    },
    // an array left open says the output is incomplete; the exit code says why
    abort: async () => stdout.flush(),
  };
}

/** One result per line in the --out file as it comes; standard output gets the summary, in the chosen format. */
function ndjsonFileReport(path: string, format: CheckOptions['format'], stdout: StreamWriter, io: CliIo): Report {
  const file = new FileWriter(path);
  return {
    result(result) {
      file.write(`${JSON.stringify(result)}\n`);
      return undefined;
    },
    async finish(summary) {
      file.end();
      stdout.write(format === 'json' ? `${JSON.stringify(summary)}\n` : `${formatSummaryText(summary, colorsFor(io.stdout))}\n`);
      await stdout.flush();
    },
    async abort() {
      try {
        file.end();
      } finally {
        await stdout.flush();
      }
    },
  };
}
