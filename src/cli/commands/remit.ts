/**
 * `scrubjay remit FILE...`: read 835 remittances and say, per claim payment, what the payer
 * did, why, and what to do next. With `--data`, each payment is matched to the newest
 * stored scrub of its claim, which shows whether the scrub had predicted the denial.
 * Payments are written as they are read, so a remittance of any size is read in flat memory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { StreamWriter } from '../../batch/stream-writer.js';
import { unreadable } from '../../claim/read.js';
import type { InputProblem } from '../../claim/source.js';
import { resolveRulesDir } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { explainRemits, readRemittance, remitContextFor, type ExplainedRemit } from '../../remit/index.js';
import { openClaimStore, type EmbeddedClaimStore } from '../../store/index.js';
import { formatRemitText } from '../format-remit.js';
import { EXIT, errorLine, type CliIo } from '../io.js';

export interface RemitOptions {
  format: 'text' | 'json';
  data?: string;
  rules?: string;
}

export async function runRemit(files: string[], options: RemitOptions, io: CliIo): Promise<number> {
  for (const file of files) checkInput(file);
  const store = options.data === undefined ? null : await openStore(options.data);
  try {
    const context = remitContextFor(resolveRulesDir(options.rules), store);
    const stdout = new StreamWriter(io.stdout, 'standard output');
    const json = options.format === 'json';
    let written = 0;
    const write = (remit: ExplainedRemit): Promise<void> | undefined => {
      const text = json ? `${written === 0 ? '[\n' : ',\n'}${indent(JSON.stringify(remit, null, 2))}` : `${written === 0 ? '' : '\n'}${formatRemitText(remit)}\n`;
      written++;
      return stdout.write(text);
    };
    let unusable = false;
    for (const file of files) {
      const problems: InputProblem[] = [];
      try {
        for await (const remit of explainRemits(readRemittance(createReadStream(file), file, problems), context)) {
          const wait = write(remit);
          if (wait) await wait;
        }
      } catch (error) {
        if (!(error instanceof ScrubjayError)) throw error;
        // the file as a whole is refused: its single problems would only repeat why
        io.err(errorLine(error.code, error.message));
        unusable = true;
        continue;
      }
      for (const problem of problems) {
        const where = problem.where?.location === undefined ? '' : ` (${problem.where.location})`;
        if (problem.severity === 'error') {
          io.err(errorLine('SJ_REMIT_UNUSABLE', `${file}: ${problem.message}${where}`));
          unusable = true;
        } else io.err(`scrubjay: warning ${problem.code}: ${file}: ${problem.message}${where}`);
      }
    }
    if (json) stdout.write(written === 0 ? '[]\n' : '\n]\n');
    await stdout.flush();
    return unusable ? EXIT.USAGE : EXIT.OK;
  } finally {
    await store?.close();
  }
}

function checkInput(file: string): void {
  try {
    if (statSync(file).isDirectory()) throw unreadable(Object.assign(new Error('a folder'), { code: 'EISDIR' }), file);
  } catch (error) {
    if (error instanceof ScrubjayError) throw error;
    throw unreadable(error as NodeJS.ErrnoException, file);
  }
}

/** The history of an existing data folder; matching never creates one. */
async function openStore(data: string): Promise<EmbeddedClaimStore> {
  const dir = resolve(data);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `there is no data folder at ${dir} to match the remittances against`, { file: dir });
  }
  return openClaimStore(dir);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
