/**
 * The terminal report a biller reads: one block per claim, errors first, each finding
 * with its CARC, where it is, what is wrong, why a payer rejects it and how to fix it.
 */
import { createColors } from 'picocolors';
import type { BatchSummary } from '../batch/summary.js';
import type { Finding, ScrubResult } from '../engine/finding.js';
import { plural } from '../text/english.js';
import { textTable } from '../text/table.js';

export type Colors = ReturnType<typeof createColors>;

export function colorsFor(stream: NodeJS.WriteStream): Colors {
  return createColors(Boolean(stream.isTTY) && !process.env.NO_COLOR);
}

const STATUS_LABEL = { reject: 'REJECT', warn: 'WARN', clean: 'CLEAN' } as const;

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** What names a claim without a claim id: its place in its file. */
function claimLabel(result: ScrubResult & { source?: { file: string; index: number } }): string {
  if (result.claimId !== null) return result.claimId;
  return result.source ? `(no claim id: claim ${result.source.index + 1} of ${result.source.file})` : '(no claim id)';
}

export function formatResultText(result: ScrubResult & { source?: { file: string; index: number } }, c: Colors): string {
  const errors = count(result.findings, 'error');
  const warnings = count(result.findings, 'warning');
  const infos = count(result.findings, 'info');
  const paint = result.status === 'reject' ? c.red : result.status === 'warn' ? c.yellow : c.green;
  const tally = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), infos && plural(infos, 'note')].filter(Boolean).join(', ');
  const lines = [`${c.bold(claimLabel(result))}  ${paint(c.bold(STATUS_LABEL[result.status]))}${tally ? `  ${tally}` : ''}`];
  if (result.referenceData.length > 0) lines.push(c.dim(`  checked against ${result.referenceData.map((r) => r.version).join(', ')}`));
  for (const f of result.findings) {
    const mark = f.severity === 'error' ? c.red('✖ error  ') : f.severity === 'warning' ? c.yellow('▲ warning') : c.cyan('ℹ info   ');
    const codes = [f.carc ? `CARC ${f.carc}` : '', f.rarc.length ? `RARC ${f.rarc.join(' ')}` : ''].filter(Boolean).join(', ');
    const where = f.line === null ? 'claim' : `line ${f.line}`;
    lines.push(`  ${mark} ${where.padEnd(7)} ${f.message}`);
    lines.push(c.dim(`            ${[f.ruleId, codes, f.path, f.location && `at ${f.location}`].filter(Boolean).join(' · ')}`));
    lines.push(`            Why: ${f.explanation}`);
    lines.push(`            Fix: ${c.green(f.fix)}`);
  }
  return lines.join('\n');
}

/** Rows under a heading, the first column left-aligned and the counts right-aligned. */
const table = (heading: string[], rows: string[][]): string[] => textTable(heading, rows, { rightAligned: [1, 2], indent: '  ' });

/** The batch's figures: the count line, then the rules that fire most and the CARCs a payer would answer with. */
export function formatSummaryText(summary: BatchSummary, c: Colors): string {
  const count = (n: number): string => n.toLocaleString('en-US');
  const claims = `${count(summary.claims)} claim${summary.claims === 1 ? '' : 's'}`;
  const lines = [c.bold(`${claims}: ${c.red(`${count(summary.rejected)} rejected`)}, ${c.yellow(`${count(summary.warned)} with warnings`)}, ${c.green(`${count(summary.clean)} clean`)}`)];
  if (summary.topRules.length > 0) {
    lines.push('', ...table(['top rules', 'findings', 'claims'], summary.topRules.map((r) => [r.ruleId, count(r.count), count(r.claims)])));
  }
  if (summary.carcs.length > 0) {
    lines.push('', ...table(['CARC', 'findings', 'claims'], summary.carcs.map((x) => [x.carc, count(x.count), count(x.claims)])));
  }
  return lines.join('\n');
}
