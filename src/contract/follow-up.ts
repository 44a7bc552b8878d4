/**
 * What happened to one stored claim after it was sent, as plain data: its remittances with
 * each adjustment explained and the action advised for each denial, and where it stands on
 * the worklist with its deadlines. The service builds it from the store; the chat answers
 * from it without reading the store itself.
 */
import type { ClaimState } from './remit.js';

/** A source a rule rests on, as a payer profile cites it. */
export interface FollowUpCitation {
  title: string;
  section?: string;
  url?: string;
}

/** What to do about one denial (the remittance contract's advice; see `adviseOn`). */
export interface FollowUpAdvice {
  action: 'correct' | 'appeal' | 'do-not-resend' | 'other-payer' | 'check-coverage' | 'bill-patient';
  reason: string;
  /** for an appeal: what the payer has not yet seen */
  evidence: string | null;
  /** the payer gave no appeal rights (MA130): a fix goes out as a new claim */
  newClaim: boolean;
}

export interface FollowUpAdjustment {
  /** CAS01: CO, PR, OA, PI or CR */
  group: string;
  groupMeaning: string;
  carc: string;
  /** the CARC's meaning from the code catalog */
  meaning: string;
  rarc: string[];
  amount: number;
  /** the line of the stored claim it concerns, when it could be paired; null at claim level or unpaired */
  claimLine: number | null;
  /** the 835's own service line number; null at claim level */
  remitLine: number | null;
  procedureCode: string | null;
  /** a denial (what a scrub could have warned about), rather than a pricing adjustment or the patient's share */
  denial: boolean;
  /** for a denial: whether the stored scrub raised this CARC as an error; null when no scrub was matched or it is not a denial */
  predicted: boolean | null;
  /** for a denial: what to do about it; null otherwise */
  advice: FollowUpAdvice | null;
}

export interface FollowUpLine {
  claimLine: number | null;
  remitLine: number;
  procedureCode: string | null;
  charged: number;
  paid: number;
}

export interface FollowUpRemit {
  /** BPR16, else DTM*405 */
  remitDate: string | null;
  /** ISO timestamp of its posting */
  postedAt: string;
  status: { code: string; meaning: string };
  charged: number;
  paid: number;
  patientResponsibility: number;
  payerName: string | null;
  payerClaimControlNumber: string | null;
  appealBy: string | null;
  /** claim level first, then each line's */
  adjustments: FollowUpAdjustment[];
  lines: FollowUpLine[];
}

export interface ClaimFollowUp {
  claimId: string | null;
  /** where the claim stands: its latest state change, else `scrubbed` */
  state: ClaimState;
  /** when that state was set (ISO timestamp), and its note; null for `scrubbed` */
  stateAt: string | null;
  stateNote: string | null;
  charged: number;
  paid: number;
  filingDeadline: string | null;
  appealBy: string | null;
  followUpOn: string | null;
  /** the days after sending that `followUpOn` counts */
  followUpDays: number;
  /** the payer profile's source for those days; null when they are the service's default */
  followUpSource: { summary: string | null; references: FollowUpCitation[] } | null;
  /** the payer profile the claim falls under */
  profileName: string | null;
  /** the profile's appeal period with its sources; null when it cites none */
  appealRule: { summary: string; references: FollowUpCitation[] } | null;
  /** oldest first */
  remits: FollowUpRemit[];
}
