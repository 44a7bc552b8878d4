/**
 * `scrubjay ack FILE...`: what 277CA acknowledgments say of each claim sent, and of whole
 * batches. Records are written as they are read; problems of a file that leave it readable
 * go to standard error as warnings.
 */
import { createReadStream, statSync } from 'node:fs';
import { StreamWriter } from '../../batch/stream-writer.js';
import { unreadable } from '../../claim/read.js';
import type { InputProblem } from '../../claim/source.js';
import { readAcks } from '../../remit/ack-reader.js';
import { AckTally, formatAckText } from '../format-ack.js';
import { EXIT, type CliIo } from '../io.js';

export interface AckOptions {
  format: 'text' | 'json';
}

export async function runAck(files: string[], options: AckOptions, io: CliIo): Promise<number> {
  for (const file of files) {
    try {
      if (statSync(file).isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    } catch (error) {
      throw unreadable(error as NodeJS.ErrnoException, file);
    }
  }
  const stdout = new StreamWriter(io.stdout, 'standard output');
  const tally = new AckTally();
  const warn = (file: string) => (problem: InputProblem): void => {
    const where = problem.where?.location === undefined ? '' : ` (${problem.where.location})`;
    io.err(`scrubjay: ${problem.severity} ${file}: ${problem.message}${where}`);
  };
  let first = true;
  try {
    for (const file of files) {
      // the file's name heads its records once it has shown to be an acknowledgment
      let named = options.format !== 'text';
      for await (const ack of readAcks(createReadStream(file), file, { onProblem: warn(file) })) {
        tally.add(ack);
        const heading = named ? '' : `${file}\n`;
        named = true;
        const text = options.format === 'json' ? `${first ? '[\n' : ',\n'}${JSON.stringify(ack)}` : `${heading}${formatAckText(ack)}\n\n`;
        first = false;
        const wait = stdout.write(text);
        if (wait) await wait;
      }
      if (!named) stdout.write(`${file}\n(no claim or batch status)\n\n`);
    }
  } finally {
    // what was read before a file turned out unusable is kept; the exit code says the rest is missing
    await stdout.flush();
  }
  if (options.format === 'json') stdout.write(first ? '[]\n' : '\n]\n');
  else stdout.write(`${tally.text()}\n`);
  await stdout.flush();
  return EXIT.OK;
}
