/**
 * The `scrubjay` command line. Every command returns its exit code rather than exiting,
 * so the process ends only after its output is flushed.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isIsoDate, todayIso } from '../claim/dates.js';
import { ScrubjayError } from '../errors.js';
import { runCheck, type CheckOptions } from './commands/check.js';
import { runLint, runRulesTest } from './commands/rules.js';
import { runServe, type ServeOptions } from './commands/serve.js';
import { runDataFetch, runDataImport, runDataList } from './commands/data.js';
import { runUsersAdd, runUsersDisable, runUsersEnable, runUsersList, runUsersResetPassword, runUsersSetRole } from './commands/users.js';
import { ROLES } from '../access/index.js';
import { runAuditVerify } from './commands/audit.js';
import { runAck } from './commands/ack.js';
import { runExport837, type Export837Options } from './commands/export-837.js';
import { runRemit, type RemitOptions } from './commands/remit.js';
import { runMissedReport, type MissedReportOptions } from './commands/report.js';
import { REFERENCE_KINDS } from '../reference/index.js';
import { EXIT, errorLine, processIo, type CliIo } from './io.js';

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD');
  return value;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

export function buildProgram(io: CliIo, setExit: (code: number | Promise<number>) => void): Command {
  const program = new Command('scrubjay')
    .description('Checks professional healthcare claims before they are sent: what a payer would reject, why, and how to fix it.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('check')
    .description('scrub claim files (JSON object, array, NDJSON, X12 837P or FHIR, told by content) and print each claim\'s findings')
    .argument('<files...>', 'claim files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--as-of <date>', 'scrub as of this date (YYYY-MM-DD); the filing date of claims without a submissionDate', isoDate)
    .option('--rules <dir>', 'rules folder (default: the shipped rules)')
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .addOption(new Option('--engine <engine>', 'evaluator: fast (compiled) or jre (json-rules-engine)').choices(['fast', 'jre']).default('fast'))
    .option('--out <file>', 'write one result per line (NDJSON) to this file as they come; standard output gets the summary only')
    .option('--history', "check each claim against the patient's earlier claims in the data folder's store (duplicates, frequency limits)")
    .option('--no-progress', 'no progress on standard error')
    .action((files: string[], opts: Omit<CheckOptions, 'asOf'> & { asOf?: string }) => {
      setExit(runCheck(files, { ...opts, asOf: opts.asOf ?? todayIso() }, io));
    });

  program
    .command('remit')
    .description('read X12 835 remittances: per claim payment what the payer paid and adjusted, why, what to do next, and the appeal deadline')
    .argument('<files...>', '835 files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--data <dir>', 'data folder whose stored scrubs the payments are matched to (default: none)')
    .option('--rules <dir>', 'rules folder for the code catalog and payer profiles (default: the shipped rules)')
    .action((files: string[], opts: RemitOptions) => setExit(runRemit(files, opts, io)));

  const report = program.command('report').description('reports over the remittances kept in the data folder');
  report
    .command('missed-denials')
    .description('denials by CARC and payer: how many the scrub predicted, missed, or could not compare, with example claims of the missed ones and where a rule would go')
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .option('--from <date>', 'remittances dated on or after this day (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'remittances dated on or before this day (YYYY-MM-DD)', isoDate)
    .option('--payer <payer>', 'a payer id, or part of a payer name')
    .option('--examples <n>', 'example claims per group (default 5)', wholeNumber)
    .action((opts: MissedReportOptions) => setExit(runMissedReport(opts, io)));

  const rules = program.command('rules').description('work on rule files');
  rules
    .command('lint')
    .description('report every problem in the rule files as file:line:col message')
    .argument('[dir]', 'rules folder (default: the shipped rules)')
    .action((dir?: string) => setExit(runLint(dir, io)));
  rules
    .command('test')
    .description('run the test cases written inside each rule file')
    .argument('[dir]', 'rules folder (default: the shipped rules)')
    .action((dir?: string) => setExit(runRulesTest(dir, io)));

  const data = program.command('data').description('official code sets and edit tables in the data folder');
  data
    .command('import')
    .description(`load an official file: ${REFERENCE_KINDS.join(', ')}`)
    .argument('<kind>', `one of ${REFERENCE_KINDS.join(', ')}`)
    .argument('<file>', 'the file as CMS/CDC publish it (text, CSV, .gz or .zip)')
    .option('--effective <date>', 'date the version takes effect (default: from the file name or content)', isoDate)
    .option('--max-inflated-bytes <bytes>', 'refuse a .gz or .zip that inflates to more than this (default: 2 GiB)', wholeNumber)
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .action((kind: string, file: string, opts: { effective?: string; maxInflatedBytes?: number; data?: string }) => setExit(runDataImport(kind, file, opts, io)));
  data
    .command('list')
    .description('show what is loaded: kind, effective date, rows, source file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .action((opts: { data?: string; format: 'text' | 'json' }) => setExit(runDataList(opts, io)));
  data
    .command('fetch')
    .description('download an official file from CMS/CDC and import it (icd10cm, hcpcs, pfs, ncci-aoc)')
    .argument('<kind>', 'icd10cm, hcpcs, pfs or ncci-aoc')
    .option('--year <year>', 'ICD-10-CM fiscal year, HCPCS or PFS year (default: the one in force today; for pfs the newest listed)', wholeNumber)
    .option('--quarter <n>', 'HCPCS or PFS release quarter 1-4 (January, April, July, October)', wholeNumber)
    .option('--base-url <url>', 'download from a mirror instead of the publisher (for pfs and ncci-aoc: the download page)')
    .option('--effective <date>', 'date the version takes effect (default: known from the release)', isoDate)
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .action((kind: string, opts: { year?: number; quarter?: number; baseUrl?: string; effective?: string; data?: string }) => setExit(runDataFetch(kind, opts, io)));

  const users = program.command('users').description('accounts of the web service (passwords from standard input only)');
  const dataOption = (): Option => new Option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)');
  users
    .command('add')
    .description(`add an account; role one of ${ROLES.join(', ')}; password at least 12 characters, first line of standard input`)
    .argument('<username>')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dataOption())
    .action((username: string, opts: { role: string; passwordStdin?: boolean; data?: string }) => setExit(runUsersAdd(username, opts, io)));
  users
    .command('list')
    .description('user, role, state, created, last sign-in')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(dataOption())
    .action((opts: { format: 'text' | 'json'; data?: string }) => setExit(runUsersList(opts, io)));
  users
    .command('disable')
    .description('disable an account; its sessions end at once')
    .argument('<username>')
    .addOption(dataOption())
    .action((username: string, opts: { data?: string }) => setExit(runUsersDisable(username, opts, io)));
  users
    .command('enable')
    .description('enable a disabled account')
    .argument('<username>')
    .addOption(dataOption())
    .action((username: string, opts: { data?: string }) => setExit(runUsersEnable(username, opts, io)));
  users
    .command('set-role')
    .description('change the role of an account; it counts from the next request')
    .argument('<username>')
    .argument('<role>', ROLES.join(', '))
    .addOption(dataOption())
    .action((username: string, role: string, opts: { data?: string }) => setExit(runUsersSetRole(username, role, opts, io)));
  users
    .command('reset-password')
    .description('set a new password (first line of standard input); the account\'s sessions end')
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dataOption())
    .action((username: string, opts: { passwordStdin?: boolean; data?: string }) => setExit(runUsersResetPassword(username, opts, io)));
  const audit = program.command('audit').description('the audit trail kept in the data folder');
  audit
    .command('verify')
    .description('check the audit chain: exit 0 when whole, 1 naming the first entry edited, removed or reordered')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .action((opts: { data?: string; format: 'text' | 'json' }) => setExit(runAuditVerify(opts, io)));

  program
    .command('ack')
    .description('read 277CA claim acknowledgments (005010X214): whether each claim, or a whole batch, was accepted or rejected, and why')
    .argument('<files...>', '277CA files')
    .addOption(new Option('--format <format>', 'output format (json: one array)').choices(['text', 'json']).default('text'))
    .action((files: string[], opts: { format: 'text' | 'json' }) => setExit(runAck(files, opts, io)));

  program
    .command('export-837')
    .description('write claims (the claim JSON: one claim or an array) as an 837P interchange (005010X222A1)')
    .argument('<claims>', 'claims JSON file')
    .option('--out <file>', 'write the interchange to this file (default: standard output)')
    .option('--sender-id <id>', 'interchange sender id (ISA06, GS02) and submitter id (1000A NM109)')
    .option('--receiver-id <id>', 'interchange receiver id (ISA08, GS03) and receiver id (1000B NM109)')
    .option('--submitter-name <name>', 'submitter name (1000A NM103; default the sender id)')
    .option('--contact-name <name>', 'submitter contact (1000A PER02)')
    .option('--contact-phone <digits>', "submitter contact's telephone (1000A PER04), which most receivers require")
    .option('--control-number <n>', 'interchange and group control number (ISA13, GS06)', wholeNumber)
    .option('--test', 'mark the interchange as test data (ISA15 T)')
    .action((claims: string, opts: Export837Options) => setExit(runExport837(claims, opts, io)));

  program
    .command('serve')
    .description('start the web service: the page, the REST API and the chat (socket.io)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, Number(process.env.PORT ?? 3000))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--rules <dir>', 'rules folder (default: the shipped rules)')
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .option('--allowed-hosts <names>', 'host names the service answers to, comma-separated (default: localhost, 127.0.0.1, [::1] and --host; or $SCRUBJAY_ALLOWED_HOSTS)')
    .option('--trust-proxy', 'believe X-Forwarded-For/-Proto from the one proxy in front (or SCRUBJAY_TRUST_PROXY=1)')
    .option('--secure-cookies', 'mark the session cookie Secure even when this server speaks plain HTTP (TLS ends at a proxy)')
    .option('--remote-setup', 'allow the first account to be made from another machine')
    .option('--session-idle-minutes <minutes>', 'sign a user out after this long without a request (default 30; or $SCRUBJAY_SESSION_IDLE_MINUTES)', positiveNumber)
    .action((opts: ServeOptions) => setExit(runServe(opts, io)));

  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let pending: number | Promise<number> = EXIT.OK;
  const program = buildProgram(io, (code) => {
    pending = code;
  });
  try {
    await program.parseAsync(argv);
    return await pending;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // help and version requests end the parse this way too
    return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (error instanceof ScrubjayError) {
    // messages name their own file, line or claim, so they are printed as they are
    io.err(errorLine(error.code, error.message));
    return EXIT.USAGE;
  }
  io.err(errorLine('SJ_INTERNAL_ERROR', `unexpected error: ${(error as Error)?.message ?? String(error)}`));
  return EXIT.USAGE;
}
