/**
 * The `scrubjay` command line. Every command returns its exit code rather than exiting,
 * so the process ends only after its output is flushed.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isIsoDate, todayIso } from '../claim/dates.js';
import { ScrubjayError } from '../errors.js';
import { runCheck, type CheckOptions } from './commands/check.js';
import { runLint, runRulesTest } from './commands/rules.js';
import { runServe } from './commands/serve.js';
import { EXIT, processIo, type CliIo } from './io.js';

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD');
  return value;
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
    .description('scrub claim files (JSON object, array or NDJSON) and print each claim\'s findings')
    .argument('<files...>', 'claim files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--as-of <date>', 'scrub as of this date (YYYY-MM-DD); the filing date of claims without a submissionDate', isoDate)
    .option('--rules <dir>', 'rules folder (default: the shipped rules)')
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .addOption(new Option('--engine <engine>', 'evaluator: fast (compiled) or jre (json-rules-engine)').choices(['fast', 'jre']).default('fast'))
    .action((files: string[], opts: Omit<CheckOptions, 'asOf'> & { asOf?: string }) => {
      setExit(runCheck(files, { ...opts, asOf: opts.asOf ?? todayIso() }, io));
    });

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

  program
    .command('serve')
    .description('start the web service')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, Number(process.env.PORT ?? 3000))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--rules <dir>', 'rules folder (default: the shipped rules)')
    .option('--data <dir>', 'data folder (default: $SCRUBJAY_DATA or ./scrubjay-data)')
    .action((opts: { port: number; host: string; rules?: string; data?: string }) => setExit(runServe(opts, io)));

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
    io.err(`scrubjay: ${error.message}`);
    return EXIT.USAGE;
  }
  io.err(`scrubjay: unexpected error: ${(error as Error)?.message ?? String(error)}`);
  return EXIT.USAGE;
}
