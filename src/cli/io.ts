/** The CLI's exit codes (the contract's), its output streams and how an error is written on standard error. */
import type { ErrorCode } from '../errors.js';

export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2 } as const;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  /** where `--password-stdin` reads from (default the process's standard input) */
  stdin?: NodeJS.ReadableStream;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  stdout: process.stdout,
  stdin: process.stdin,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** One error on standard error: its catalog code for scripts to match, then the message, which names its own file, line or claim. */
export function errorLine(code: ErrorCode, message: string): string {
  return `scrubjay: error ${code}: ${message}`;
}

/** A reader that stops early (`scrubjay check big.json | head`) closes the pipe: that ends the run quietly, not with a stack trace. */
export function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
