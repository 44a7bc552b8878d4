/** The missed-denials report as CSV: one row per CARC and payer, for a spreadsheet. */
import type { MissedReport } from './missed-report.js';

const COLUMNS = ['carc', 'meaning', 'payerId', 'payerName', 'denials', 'predicted', 'missed', 'unmatched', 'amount', 'missedAmount', 'predictedShare', 'ruleFamily', 'exampleClaims'] as const;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // a cell a spreadsheet would run as a formula is kept as text
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function missedReportCsv(report: MissedReport): string {
  const lines = [COLUMNS.join(',')];
  for (const g of report.groups) {
    const examples = g.examples.map((e) => e.claimId).join(' ');
    const cells = [g.carc, g.meaning, g.payer.id, g.payer.name, g.denials, g.predicted, g.missed, g.unmatched, g.amount.toFixed(2), g.missedAmount.toFixed(2), g.predictedShare, g.ruleFamily?.family ?? null, examples];
    lines.push(cells.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
