/**
 * What a biller does about a claim payment: correct and resubmit what the claim got wrong,
 * appeal what the payer got wrong, bill the patient their share, write off what the
 * contract takes. One step per kind of action, in the order a biller works them.
 */
import type { CodeCatalog } from '../rules/codes.js';
import { allAdjustments, isWriteOff } from './denials.js';
import { appealEvidence, CORRECTABLE_CARCS, COVERAGE_CARCS, WRONG_PAYER_CARCS } from './denial-action.js';
import { money, remarkList } from './words.js';
import type { ExplainedAdjustment, ExplainedPayment } from './types.js';

const HANDLED = new Set([...CORRECTABLE_CARCS, '18', ...WRONG_PAYER_CARCS, ...COVERAGE_CARCS]);

function sum(adjustments: readonly ExplainedAdjustment[]): number {
  return Math.round(adjustments.reduce((total, a) => total + a.amount, 0) * 100) / 100;
}

function codes(adjustments: readonly ExplainedAdjustment[]): string {
  return [...new Set(adjustments.map((a) => `${a.group}-${a.carc}`))].join(', ');
}

export function nextStepsFor(p: ExplainedPayment, denials: ExplainedAdjustment[], appealBy: string | null, catalog: CodeCatalog): string[] {
  const steps: string[] = [];
  if (p.status.code === '22') {
    steps.push('Look for the corrected payment of this claim (the same claim id) in this remittance or a later one before rebilling or refunding anything.');
  }
  const by = appealBy === null ? "within the payer's appeal period (its payer profile gives none; check the payer's terms)" : `by ${appealBy}`;
  const correctable = denials.filter((d) => CORRECTABLE_CARCS.has(d.carc));
  if (correctable.length > 0) {
    const remarks = [...new Set(correctable.flatMap((d) => d.rarc).concat(p.rarc))];
    const noAppeal = remarks.includes('MA130');
    const said = remarks.length > 0 ? ` (${remarkList(remarks, catalog)})` : '';
    steps.push(`Correct the claim as ${codes(correctable)} and its remark codes say${said}, then send it again${noAppeal ? ' as a new claim: it carries no appeal rights' : ' as a corrected claim'}.`);
  }
  const duplicate = denials.filter((d) => d.carc === '18');
  if (duplicate.length > 0) steps.push('Do not send this claim again: check the status of the first claim it duplicates, and appeal only if no claim for this service was paid.');
  const wrongPayer = denials.filter((d) => WRONG_PAYER_CARCS.has(d.carc));
  if (wrongPayer.length > 0) steps.push(`Send the claim to the payer responsible first (${codes(wrongPayer)}), then to this payer with that payer's remittance if a balance is left.`);
  const eligibility = denials.filter((d) => COVERAGE_CARCS.has(d.carc));
  if (eligibility.length > 0) steps.push(`Check the patient's coverage for the date of service (${codes(eligibility)}): bill the payer that covered the patient then, or the patient if none did.`);
  const appealable = denials.filter((d) => !HANDLED.has(d.carc) && d.group !== 'PR');
  for (const carc of new Set(appealable.map((d) => d.carc))) {
    const these = appealable.filter((d) => d.carc === carc);
    const evidence = appealEvidence(carc);
    const provider = these.every((d) => d.group !== 'OA');
    steps.push(`Appeal ${codes(these)} ${by} with ${evidence}; otherwise write off ${money(sum(these))}${provider ? ', which may not be billed to the patient' : ''}.`);
  }
  const patient = allAdjustments(p).filter((a) => a.group === 'PR' && a.amount > 0);
  if (p.patientResponsibility > 0 || patient.length > 0) {
    const owed = p.patientResponsibility > 0 ? p.patientResponsibility : sum(patient);
    steps.push(`Bill the patient ${money(owed)}${patient.length > 0 ? ` (${codes(patient)})` : ''}, unless a secondary payer covers it: then send the claim there with this remittance.`);
  }
  const writeOff = allAdjustments(p).filter(isWriteOff);
  if (writeOff.length > 0) steps.push(`Write off ${money(sum(writeOff))} (${codes(writeOff)}): the contracted reduction, not billable to the patient.`);
  if (steps.length === 0) steps.push(p.paid > 0 ? 'Nothing to do: post the payment.' : 'Nothing to do for this payment.');
  return steps;
}
