/** A claim payment as a biller reads it in a terminal: what was paid, each adjustment and what it means, and what to do. */
import { money, type ExplainedAdjustment, type ExplainedRemit } from '../remit/index.js';

function adjustmentLine(a: ExplainedAdjustment): string {
  const remarks = a.rarc.length > 0 ? ` [${a.rarc.join(', ')}]` : '';
  return `${a.group}-${a.carc} ${money(a.amount)}${remarks}: ${a.meaning}`;
}

export function formatRemitText(remit: ExplainedRemit): string {
  const out: string[] = [];
  const payer = [remit.payer.name, remit.payer.id === null ? null : `(${remit.payer.id})`].filter((p) => p !== null).join(' ');
  out.push(`${remit.claimId || '(no claim id)'}: ${remit.status.meaning} (CLP02 ${remit.status.code})${payer ? `, ${payer}` : ''}${remit.remitDate ? `, remittance of ${remit.remitDate}` : ''}`);
  out.push(`  billed ${money(remit.charged)}, paid ${money(remit.paid)}, patient owes ${money(remit.patientResponsibility)}${remit.payerClaimControlNumber ? `; payer's claim number ${remit.payerClaimControlNumber}` : ''}`);
  for (const a of remit.adjustments) out.push(`  ${adjustmentLine(a)}`);
  for (const line of remit.lines) {
    const code = [line.procedureCode ?? '(no code)', ...line.modifiers].join('-');
    out.push(`  line ${line.line} ${code}${line.serviceDate ? ` on ${line.serviceDate}` : ''}: billed ${money(line.charged)}, paid ${money(line.paid)}`);
    for (const a of line.adjustments) out.push(`    ${adjustmentLine(a)}`);
  }
  out.push(`  ${remit.explanation}`);
  out.push('  next:');
  for (const step of remit.nextSteps) out.push(`    - ${step}`);
  if (remit.appealBy !== null) out.push(`  appeal by ${remit.appealBy}`);
  if (remit.scrub !== null) {
    const list = (codes: string[]): string => (codes.length === 0 ? 'none' : codes.join(', '));
    out.push(`  scrub ${remit.scrub.scrubId}: predicted ${list(remit.scrub.predicted)}; missed ${list(remit.scrub.missed)}`);
  }
  return out.join('\n');
}
