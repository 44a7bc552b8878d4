/** How the answers about a sent claim word a remittance's adjustments, the advice on a denial and a source. */
import type { ClaimFollowUp, FollowUpAdjustment, FollowUpAdvice, FollowUpCitation, FollowUpRemit } from '../../contract/follow-up.js';
import type { CodeCatalog } from '../../rules/codes.js';
import { money } from '../../text/money.js';

const stop = (text: string): string => text.trim().replace(/\.$/, '');

/** The latest remittance: the payer's decision that stands. */
export function latestRemit(followUp: ClaimFollowUp | undefined): FollowUpRemit | undefined {
  const remits = followUp?.remits ?? [];
  return remits.at(-1);
}

export function denialsOf(remit: FollowUpRemit | undefined): FollowUpAdjustment[] {
  return (remit?.adjustments ?? []).filter((a) => a.denial);
}

/** "Line 1 (99213)", "Claim", "835 line 2 (93000)" for a line the stored claim does not have. */
export function whereOf(a: Pick<FollowUpAdjustment, 'claimLine' | 'remitLine' | 'procedureCode'>): string {
  const code = a.procedureCode ? ` (${a.procedureCode})` : '';
  if (a.claimLine !== null) return `Line ${a.claimLine}${code}`;
  if (a.remitLine !== null) return `Remittance line ${a.remitLine}${code}`;
  return 'Claim';
}

/** "CO-97 $125.00" */
export function codeOf(a: Pick<FollowUpAdjustment, 'group' | 'carc' | 'amount'>): string {
  return `${a.group}-${a.carc} ${money(a.amount)}`;
}

/** "RARC M15 (Services billed separately ...)" for each remark, from the catalog. */
export function remarks(codes: readonly string[], catalog: CodeCatalog): string {
  if (codes.length === 0) return '';
  return ` ${codes.map((c) => {
    const meaning = catalog.rarc(c);
    return meaning ? `RARC ${c} (${stop(meaning)})` : `RARC ${c}`;
  }).join('; ')}.`;
}

/** Who bears the amount, in a few words, from the group code. */
export function whoPays(group: string): string {
  if (group === 'PR') return 'the patient may be billed for it';
  if (group === 'CO') return 'the provider writes it off and may not bill the patient, unless an appeal wins it back';
  if (group === 'PI') return 'the payer reduced it on its own terms; the patient may not be billed';
  if (group === 'OA') return "neither the provider's contract nor the patient's share";
  if (group === 'CR') return 'it corrects an earlier adjustment';
  return 'the 835 guide lists no such group';
}

const ACTION_WORDS: Record<FollowUpAdvice['action'], string> = {
  correct: 'correct the claim and send it again',
  appeal: 'appeal',
  'do-not-resend': 'do not send it again',
  'other-payer': 'send it to the payer responsible',
  'check-coverage': "check the patient's coverage",
  'bill-patient': 'bill the patient',
};

/** "Appeal with the records that ...: the claim was billed as intended; ..." */
export function adviceSentence(advice: FollowUpAdvice, appealBy: string | null): string {
  const action = ACTION_WORDS[advice.action];
  const lead = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  if (advice.action === 'appeal') {
    const by = appealBy ? ` by ${appealBy}` : '';
    return `${lead}${by}, with ${advice.evidence ?? "what shows the payer's decision is wrong"}: ${advice.reason}.`;
  }
  const newClaim = advice.newClaim ? ' as a new claim (MA130: the payer gave no appeal rights)' : '';
  return `${lead}${newClaim}: ${advice.reason}.`;
}

/** "the scrub predicted it" / "the scrub did not predict it" / "" when no scrub was matched. */
export function predictedWords(a: FollowUpAdjustment): string {
  if (a.predicted === null) return '';
  return a.predicted ? ` Scrubjay's scrub predicted it (an error with CARC ${a.carc}).` : ` Scrubjay's scrub did not predict it.`;
}

export function citationOf(references: readonly FollowUpCitation[]): string {
  return references.map((r) => `${r.title}${r.section ? `, ${r.section}` : ''}`).join('; ');
}

/** "C-1001" or "This claim" */
export function claimWords(followUp: ClaimFollowUp | undefined, claimId: string | null | undefined): string {
  const id = followUp?.claimId ?? claimId;
  return id ? `Claim ${id}` : 'This claim';
}

/** "Denied (CLP02 4) by MEDICARE ... on the remittance of 2026-12-01: billed $240.00, paid $0.00" */
export function remitLead(remit: FollowUpRemit): string {
  const payer = remit.payerName ? ` by ${remit.payerName}` : '';
  const date = remit.remitDate ? ` on the remittance of ${remit.remitDate}` : '';
  const patient = remit.patientResponsibility !== 0 ? `, patient owes ${money(remit.patientResponsibility)}` : '';
  return `${remit.status.meaning} (CLP02 ${remit.status.code})${payer}${date}: billed ${money(remit.charged)}, paid ${money(remit.paid)}${patient}`;
}
