/**
 * `scrubjay report missed-denials`: the denials the scrub missed, from the remittances kept
 * in a data folder, for the people who write the rules. It reads the folder's store, so it
 * runs while no server holds the folder (as `remit --data` does).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { missedDenialsReport, missedReportCsv } from '../../remit/index.js';
import { openClaimStore } from '../../store/index.js';
import { formatMissedReportText } from '../format-missed.js';
import { EXIT, type CliIo } from '../io.js';

export interface MissedReportOptions {
  data?: string;
  format: 'text' | 'json' | 'csv';
  from?: string;
  to?: string;
  payer?: string;
  examples?: number;
}

export async function runMissedReport(options: MissedReportOptions, io: CliIo): Promise<number> {
  // not resolveDataDir: a report must not create a folder that was not there
  const dataDir = resolve(options.data ?? process.env.SCRUBJAY_DATA ?? DEFAULT_DATA_DIR);
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `there is no data folder at ${dataDir} (give it with --data or SCRUBJAY_DATA)`, { file: dataDir });
  }
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `--from ${options.from} is after --to ${options.to}`);
  }
  const store = await openClaimStore(dataDir);
  try {
    const report = await missedDenialsReport(store, { from: options.from, to: options.to, payer: options.payer, examples: options.examples });
    if (options.format === 'json') io.out(JSON.stringify(report, null, 2));
    else if (options.format === 'csv') io.stdout.write(missedReportCsv(report));
    else io.stdout.write(formatMissedReportText(report));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}
