/** `scrubjay check FILE...`: scrub claim files and report per claim. */
import { readFileSync } from 'node:fs';
import { parseClaimsText, type RawClaim } from '../../claim/input.js';
import { ScrubjayError } from '../../errors.js';
import type { ScrubResult } from '../../engine/finding.js';
import { createJreScrubber } from '../../engine/jre.js';
import { loadPreparedRuleSet } from '../../engine/load-prepared.js';
import { scrubClaim } from '../../engine/scrub.js';
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { openReferenceData } from '../../reference/index.js';
import { colorsFor, formatResultText, formatSummaryText } from '../format-text.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

export interface CheckOptions {
  format: 'text' | 'json';
  asOf: string;
  rules?: string;
  data?: string;
  engine: 'fast' | 'jre';
}

function readClaims(file: string): RawClaim[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScrubjayError('INPUT_UNREADABLE', `${file}: cannot read the file (${reason})`, { file });
  }
  return parseClaimsText(text, file);
}

export async function runCheck(files: string[], options: CheckOptions, io: CliIo): Promise<number> {
  const reference = openReferenceData(resolveDataDir(options.data));
  const prepared = loadPreparedRuleSet(resolveRulesDir(options.rules));
  // Every file is read and checked for shape before any claim is scrubbed: unusable input stops the run whole.
  const claims = files.flatMap(readClaims);
  const jre = options.engine === 'jre' ? createJreScrubber(prepared) : undefined;
  const results: ScrubResult[] = [];
  for (const { value } of claims) {
    const scrubOptions = { asOf: options.asOf, reference };
    results.push(jre ? await jre.scrub(value, scrubOptions) : scrubClaim(value, prepared, scrubOptions));
  }
  if (options.format === 'json') {
    io.out(JSON.stringify(results, null, 2));
  } else {
    const c = colorsFor(io.stdout);
    io.out(results.map((r) => formatResultText(r, c)).join('\n\n'));
    io.out('');
    io.out(formatSummaryText(results, c));
  }
  return results.some((r) => r.status === 'reject') ? EXIT.REJECTED : EXIT.OK;
}
