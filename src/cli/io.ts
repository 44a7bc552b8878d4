/** The CLI's exit codes (the contract's) and its output streams. */
export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2 } as const;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  stdout: process.stdout,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
