/**
 * The terminal report a biller reads: one block per claim, errors first, each finding
 * with its CARC, where it is, what is wrong, why a payer rejects it and how to fix it.
 */
import { createColors } from 'picocolors';
import type { Finding, ScrubResult } from '../engine/finding.js';

export type Colors = ReturnType<typeof createColors>;

export function colorsFor(stream: NodeJS.WriteStream): Colors {
  return createColors(Boolean(stream.isTTY) && !process.env.NO_COLOR);
}

const STATUS_LABEL = { reject: 'REJECT', warn: 'WARN', clean: 'CLEAN' } as const;

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatResultText(result: ScrubResult, c: Colors): string {
  const errors = count(result.findings, 'error');
  const warnings = count(result.findings, 'warning');
  const infos = count(result.findings, 'info');
  const paint = result.status === 'reject' ? c.red : result.status === 'warn' ? c.yellow : c.green;
  const tally = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), infos && plural(infos, 'note')].filter(Boolean).join(', ');
  const lines = [`${c.bold(result.claimId ?? '(no claim id)')}  ${paint(c.bold(STATUS_LABEL[result.status]))}${tally ? `  ${tally}` : ''}`];
  if (result.referenceData.length > 0) lines.push(c.dim(`  checked against ${result.referenceData.map((r) => r.version).join(', ')}`));
  for (const f of result.findings) {
    const mark = f.severity === 'error' ? c.red('✖ error  ') : f.severity === 'warning' ? c.yellow('▲ warning') : c.cyan('ℹ info   ');
    const codes = [f.carc ? `CARC ${f.carc}` : '', f.rarc.length ? `RARC ${f.rarc.join(' ')}` : ''].filter(Boolean).join(', ');
    const where = f.line === null ? 'claim' : `line ${f.line}`;
    lines.push(`  ${mark} ${where.padEnd(7)} ${f.message}`);
    lines.push(c.dim(`            ${[f.ruleId, codes, f.path].filter(Boolean).join(' · ')}`));
    lines.push(`            Why: ${f.explanation}`);
    lines.push(`            Fix: ${c.green(f.fix)}`);
  }
  return lines.join('\n');
}

export function formatSummaryText(results: readonly ScrubResult[], c: Colors): string {
  const rejected = results.filter((r) => r.status === 'reject').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const clean = results.length - rejected - warned;
  return c.bold(`${plural(results.length, 'claim')}: ${c.red(`${rejected} rejected`)}, ${c.yellow(`${warned} with warnings`)}, ${c.green(`${clean} clean`)}`);
}
