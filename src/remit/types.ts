/**
 * A claim payment (CLP) read from an 835 remittance, and the same payment explained: the
 * contract's shape (shared/contracts/remittance.md), field for field.
 */

/** One CAS triple: group, reason and amount (and the units it concerns, when sent). */
export interface RemitAdjustment {
  /** CAS01: CO, PR, OA, PI or CR */
  group: string;
  carc: string;
  /** RARCs that go with it: LQ*HE of its line, MIA/MOA of its claim */
  rarc: string[];
  amount: number;
  quantity: number | null;
  /** the 1-based line of the claim payment, or null for a claim-level adjustment */
  line: number | null;
}

export interface ExplainedAdjustment extends RemitAdjustment {
  /** the CARC's meaning from the code catalog, or a note that the catalog lacks it */
  meaning: string;
  groupMeaning: string;
}

export interface RemitLine<A extends RemitAdjustment = RemitAdjustment> {
  line: number;
  /** the code as adjudicated (SVC01-2) */
  procedureCode: string | null;
  modifiers: string[];
  /** the code as billed, when the payer adjudicated another one (SVC06) */
  billedAs: { procedureCode: string | null; modifiers: string[] } | null;
  /** DTM*472, else DTM*150 */
  serviceDate: string | null;
  /** DTM*151 */
  serviceDateEnd: string | null;
  charged: number;
  paid: number;
  /** SVC05 (SVC07 when only the billed units are sent); one when neither is, as the guide says */
  units: number;
  /** REF*6R: the line control number the provider sent in the 837 */
  controlNumber: string | null;
  adjustments: A[];
  /** LQ*HE */
  rarc: string[];
}

export interface RemitStatus {
  /** CLP02 */
  code: string;
  meaning: string;
}

export interface RemitPayer {
  /** REF*2U of the payer loop, else TRN03 */
  id: string | null;
  /** N1*PR */
  name: string | null;
}

/** A claim payment as the 835 says it. */
export interface ClaimPayment {
  claimId: string;
  payerClaimControlNumber: string | null;
  status: RemitStatus;
  charged: number;
  paid: number;
  patientResponsibility: number;
  /** BPR16, else DTM*405 */
  remitDate: string | null;
  payer: RemitPayer;
  /** claim-level CAS */
  adjustments: RemitAdjustment[];
  /** MIA/MOA remark codes */
  rarc: string[];
  lines: RemitLine[];
  /** where the CLP stands in its file */
  source: { file: string; segment: number };
}

/** What a matched scrub said of this claim: which of the payer's denial codes it predicted. */
export interface RemitScrubMatch {
  scrubId: string;
  predicted: string[];
  missed: string[];
}

/** A claim payment whose adjustments carry their meanings. */
export interface ExplainedPayment extends Omit<ClaimPayment, 'adjustments' | 'lines'> {
  adjustments: ExplainedAdjustment[];
  lines: Array<RemitLine<ExplainedAdjustment>>;
}

/** The contract's remittance object: a claim payment, explained, and matched to a stored scrub. */
export interface ExplainedRemit extends ExplainedPayment {
  explanation: string;
  nextSteps: string[];
  appealBy: string | null;
  scrub: RemitScrubMatch | null;
}
