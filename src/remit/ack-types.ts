/**
 * What a 277CA acknowledgment says, per claim and per batch (the remittance contract's
 * "277CA acknowledgment → JSON"): one record for each claim (loop 2200D), and one for each
 * information receiver (2200B) or billing provider (2200C) status, which is how a payer or
 * clearinghouse rejects a whole file or all of one provider's claims without listing them.
 */

export interface AckStatus {
  /** STC0x-1, the claim status category: `A1`, `A7`, ... */
  category: string;
  /** STC0x-2, the claim status code: `20`, `562`, ... */
  code: string;
  /** STC0x-3, whose data the status is about: `85` billing provider, `QC` patient, ... */
  entity?: string;
  /** the category, code and entity in plain words */
  meaning: string;
}

export interface AckLine {
  /** SVC01-2 */
  procedureCode: string | null;
  modifiers: string[];
  /** SVC02 */
  charged: number | null;
  /** REF*FJ, the line item control number the 837 sent */
  lineControlNumber: string | null;
  statuses: AckStatus[];
}

export interface ClaimAck {
  level: 'claim';
  /** TRN02: the patient control number the 837 sent (CLM01) */
  claimId: string | null;
  /** every status of the claim is in an accepting category (A0, A1, A2, A5) */
  accepted: boolean;
  statuses: AckStatus[];
  /** STC02 of the claim's first status, YYYY-MM-DD */
  at: string | null;
  /** REF*1K: the number the payer gave the claim */
  payerClaimControlNumber: string | null;
  /** STC04: the charge the acknowledgment is about */
  charged: number | null;
  /** service lines the acknowledgment names (2220D SVC), with their own statuses */
  lines: AckLine[];
}

/** A status of a whole batch: everything the receiver sent (2200B), or all claims of one billing provider (2200C). */
export interface BatchAck {
  level: 'receiver' | 'provider';
  claimId: null;
  accepted: boolean;
  statuses: AckStatus[];
  at: string | null;
  /** TRN02: for the receiver, the 837's batch number (BHT03); for a provider, its trace number */
  reference: string | null;
  /** NM103 (and NM104) of the receiver or provider */
  name: string | null;
  /** NM109: the receiver's submitter id, the provider's NPI or tax id */
  id: string | null;
  /** STC04 */
  charged: number | null;
}

export type Acknowledgment = ClaimAck | BatchAck;

/** Categories under which a claim goes on to the payer's processing. */
export const ACCEPTING_CATEGORIES: ReadonlySet<string> = new Set(['A0', 'A1', 'A2', 'A5']);
