/** The missed-denials report as text for a terminal: one block per CARC and payer, its examples under it. */
import type { MissedReport } from '../remit/index.js';
import { money } from '../remit/index.js';

function share(value: number | null): string {
  return value === null ? 'none compared' : `${Math.round(value * 100)}% predicted`;
}

export function formatMissedReportText(report: MissedReport): string {
  const scope = [report.from === null ? null : `from ${report.from}`, report.to === null ? null : `to ${report.to}`, report.payer === null ? null : `payer ${report.payer}`].filter((s) => s !== null);
  const t = report.totals;
  const lines = [
    `Denials in ${report.payments} claim ${report.payments === 1 ? 'payment' : 'payments'}${scope.length === 0 ? '' : ` (${scope.join(', ')})`}: ${t.denials} in all, ${t.predicted} predicted, ${t.missed} missed, ${t.unmatched} without a stored scrub; ${money(t.amount)} denied, ${money(t.missedAmount)} of it missed (${share(t.predictedShare)})`,
  ];
  for (const g of report.groups) {
    const payer = g.payer.name ?? g.payer.id ?? 'unknown payer';
    lines.push('', `CARC ${g.carc}, ${payer}${g.payer.id === null || g.payer.name === null ? '' : ` (${g.payer.id})`}: ${g.denials} denied, ${g.predicted} predicted, ${g.missed} missed, ${g.unmatched} unmatched; ${money(g.amount)} (${share(g.predictedShare)})`);
    if (g.meaning !== null) lines.push(`  ${g.meaning}`);
    if (g.missed > 0 && g.ruleFamily !== null) lines.push(`  where a rule would go: ${g.ruleFamily.family}. ${g.ruleFamily.suggestion}`);
    for (const e of g.examples) {
      const where = e.line === null ? 'claim level' : `line ${e.line}${e.procedureCode === null ? '' : ` ${e.procedureCode}${e.modifiers.length === 0 ? '' : `-${e.modifiers.join('-')}`}`}`;
      lines.push(`  - ${e.claimId} (scrub ${e.scrubId}), ${where}, ${money(e.amount)}${e.rarcs.length === 0 ? '' : ` [${e.rarcs.join(' ')}]`}${e.remitDate === null ? '' : `, remittance of ${e.remitDate}`}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
