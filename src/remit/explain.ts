/**
 * A claim payment in plain words: what each adjustment means (the code catalog's CARC
 * meanings, and the adjustment group's), what happened to the claim as a whole, what the
 * biller does next, and by when an appeal must be filed under the payer's profile.
 */
import { appealDeadline } from '../payers/appeal.js';
import type { PayerProfile } from '../payers/profile.js';
import type { CodeCatalog } from '../rules/codes.js';
import { allAdjustments, isDenial, isWriteOff } from './denials.js';
import { money, remarkList } from './words.js';
import { nextStepsFor } from './next-steps.js';
import { groupMeaning } from './status.js';
import type { ClaimPayment, ExplainedAdjustment, ExplainedPayment, ExplainedRemit, RemitAdjustment } from './types.js';

export interface ExplainContext {
  catalog: CodeCatalog;
  /** the payer profile chosen for the payment's payer, if any */
  profile: PayerProfile | undefined;
}

function explainAdjustment(adjustment: RemitAdjustment, catalog: CodeCatalog): ExplainedAdjustment {
  const meaning = catalog.carc(adjustment.carc) ?? `CARC ${adjustment.carc} is not in the code catalog; look it up in the X12 code list.`;
  // written out rather than spread: a remittance has a few adjustments per claim, a hundred thousand claims
  return {
    group: adjustment.group,
    carc: adjustment.carc,
    rarc: adjustment.rarc,
    amount: adjustment.amount,
    quantity: adjustment.quantity,
    line: adjustment.line,
    meaning,
    groupMeaning: groupMeaning(adjustment.group),
  };
}

/** The payment explained; `scrub` is left null for the matching to fill in. */
export function explainPayment(payment: ClaimPayment, context: ExplainContext): ExplainedRemit {
  const { catalog } = context;
  const adjustments = payment.adjustments.map((a) => explainAdjustment(a, catalog));
  const lines = payment.lines.map((l) => ({
    line: l.line,
    procedureCode: l.procedureCode,
    modifiers: l.modifiers,
    billedAs: l.billedAs,
    serviceDate: l.serviceDate,
    serviceDateEnd: l.serviceDateEnd,
    charged: l.charged,
    paid: l.paid,
    units: l.units,
    controlNumber: l.controlNumber,
    adjustments: l.adjustments.map((a) => explainAdjustment(a, catalog)),
    rarc: l.rarc,
  }));
  const remit: ExplainedRemit = {
    claimId: payment.claimId,
    payerClaimControlNumber: payment.payerClaimControlNumber,
    status: payment.status,
    charged: payment.charged,
    paid: payment.paid,
    patientResponsibility: payment.patientResponsibility,
    remitDate: payment.remitDate,
    payer: payment.payer,
    adjustments,
    rarc: payment.rarc,
    lines,
    source: payment.source,
    explanation: '',
    nextSteps: [],
    appealBy: null,
    scrub: null,
  };
  const denials = allAdjustments(remit).filter((a) => isDenial(a, payment.status.code));
  remit.appealBy = denials.length > 0 ? appealDeadline(context.profile, payment.remitDate) : null;
  remit.explanation = explanationOf(remit, denials, catalog);
  remit.nextSteps = nextStepsFor(remit, denials, remit.appealBy, catalog);
  return remit;
}

function outcome(p: ExplainedPayment): string {
  const status = p.status.code;
  if (status === '22') return `Reversal: the payer takes back its earlier payment of claim ${p.claimId} (${money(p.paid)} now, of ${money(p.charged)} billed).`;
  if (status === '4') return `Denied: the payer paid nothing of the ${money(p.charged)} billed.`;
  if (status === '25') return `Predetermination only: the payer priced the ${money(p.charged)} billed at ${money(p.paid)} but paid nothing yet.`;
  if (status === '23') return `Not this payer's claim: it was forwarded to another payer, and ${money(p.paid)} of the ${money(p.charged)} billed was paid here.`;
  const how = p.status.meaning.toLowerCase();
  if (p.paid === 0) return `Nothing paid of the ${money(p.charged)} billed (${how}).`;
  if (p.paid >= p.charged) return `Paid in full: ${money(p.paid)} of the ${money(p.charged)} billed (${how}).`;
  return `Partly paid: ${money(p.paid)} of the ${money(p.charged)} billed (${how}).`;
}

function where(a: RemitAdjustment, p: { lines: Array<{ line: number; procedureCode: string | null }> }): string {
  if (a.line === null) return 'the claim';
  const code = p.lines[a.line - 1]?.procedureCode;
  return `line ${a.line}${code ? ` (${code})` : ''}`;
}

function remarks(codes: readonly string[], catalog: CodeCatalog): string {
  return codes.length === 0 ? '' : ` Remark ${remarkList(codes, catalog)}.`;
}

function explanationOf(p: ExplainedPayment, denials: ExplainedAdjustment[], catalog: CodeCatalog): string {
  const parts = [outcome(p)];
  for (const d of denials) {
    parts.push(`${d.group}-${d.carc}, ${money(d.amount)} on ${where(d, p)}: ${d.meaning}${remarks(d.rarc, catalog)}`);
  }
  const all = allAdjustments(p);
  const writeOff = all.filter((a) => isWriteOff(a)).reduce((sum, a) => sum + a.amount, 0);
  if (writeOff > 0) parts.push(`${money(round2(writeOff))} is the contracted or fee-schedule reduction, which the provider writes off.`);
  if (p.patientResponsibility !== 0) {
    const shares = all.filter((a) => a.group === 'PR').map((a) => `${money(a.amount)} ${PATIENT_SHARE[a.carc] ?? `CARC ${a.carc}`}`);
    parts.push(`The patient owes ${money(p.patientResponsibility)}${shares.length > 0 ? ` (${shares.join(', ')})` : ''}.`);
  }
  if (p.rarc.length > 0 && !denials.some((d) => d.line === null)) parts.push(`Claim remark ${remarkList(p.rarc, catalog)}.`);
  return parts.join(' ');
}

const PATIENT_SHARE: Readonly<Record<string, string>> = { '1': 'deductible', '2': 'coinsurance', '3': 'copay' };

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
