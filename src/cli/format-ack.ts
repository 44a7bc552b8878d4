/** How `scrubjay ack` shows acknowledgments to a biller: one block per claim or batch status, then the tally. */
import type { Acknowledgment, AckStatus } from '../remit/ack-types.js';

function statusLine(status: AckStatus): string {
  const code = [status.category, status.code, status.entity].filter((p) => p !== undefined && p !== '').join(':');
  return `${code}  ${status.meaning}`;
}

function heading(ack: Acknowledgment): string {
  const verdict = ack.accepted ? 'accepted' : 'REJECTED';
  const date = ack.at ?? '(no date)';
  if (ack.level === 'claim') {
    const payerNumber = ack.payerClaimControlNumber === null ? '' : `  payer claim number ${ack.payerClaimControlNumber}`;
    return `claim ${ack.claimId ?? '(no claim id)'}  ${verdict}  ${date}${payerNumber}`;
  }
  // a batch status speaks for every claim the receiver or provider sent, listed or not
  if (ack.level === 'receiver') {
    const sender = ack.name === null ? '' : ` from ${ack.name}`;
    return `all claims of batch ${ack.reference ?? '(no batch number)'}${sender}  ${verdict}  ${date}`;
  }
  const trace = ack.reference === null ? '' : ` (trace ${ack.reference})`;
  return `all claims of billing provider ${ack.name ?? ack.id ?? '(unnamed)'}${trace}  ${verdict}  ${date}`;
}

export function formatAckText(ack: Acknowledgment): string {
  const lines = [heading(ack), ...ack.statuses.map((s) => `  ${statusLine(s)}`)];
  if (ack.level === 'claim') {
    for (const line of ack.lines) {
      const code = [line.procedureCode ?? '(no code)', ...line.modifiers].join(' ');
      lines.push(`  line ${code}${line.charged === null ? '' : ` $${line.charged.toFixed(2)}`}`, ...line.statuses.map((s) => `    ${statusLine(s)}`));
    }
  }
  return lines.join('\n');
}

export class AckTally {
  claims = 0;
  rejectedClaims = 0;
  batchRejections = 0;

  add(ack: Acknowledgment): void {
    if (ack.level === 'claim') {
      this.claims++;
      if (!ack.accepted) this.rejectedClaims++;
    } else if (!ack.accepted) this.batchRejections++;
  }

  text(): string {
    const claims = `${this.claims} ${this.claims === 1 ? 'claim' : 'claims'}: ${this.claims - this.rejectedClaims} accepted, ${this.rejectedClaims} rejected`;
    if (this.batchRejections === 0) return claims;
    return `${claims}; ${this.batchRejections} whole-batch ${this.batchRejections === 1 ? 'rejection' : 'rejections'} (claims not listed one by one)`;
  }
}
