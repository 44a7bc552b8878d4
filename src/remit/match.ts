/**
 * A claim payment against the history: the newest stored scrub of the same claim id, its
 * service lines paired with the payment's, and which of the payer's denial codes the scrub
 * had raised as errors (predicted) or not (missed).
 *
 * Lines pair by the line control number the claim sent (REF*6R comes back on the 835)
 * when the stored claim has one, else by procedure code, modifiers and date of service.
 * A line-level denial counts as predicted when the scrub raised its CARC on the paired
 * line or on the claim as a whole; a claim-level denial, when the scrub raised it anywhere.
 */
import type { ClaimStore, ScrubRecord } from '../store/store.js';
import { denialCarcs, isDenial, allAdjustments } from './denials.js';
import type { ClaimPayment, RemitLine, RemitScrubMatch } from './types.js';

/** What of the store the matching needs. */
export type ScrubLookup = Pick<ClaimStore, 'latestScrubOfClaim' | 'latestScrubsOfClaims'>;

export interface StoredMatch extends RemitScrubMatch {
  /** for each line of the payment (by index), the 1-based line of the stored claim it pairs with, or null */
  lines: Array<number | null>;
  /** the stored claim's payer, for choosing its payer profile as its scrub did */
  payer: { id: string | null; kind: string | null };
}

interface StoredLine {
  procedureCode: string | null;
  modifiers: string[];
  serviceDate: string | null;
  controlNumber: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function storedLines(claim: Record<string, unknown>): StoredLine[] {
  const lines = Array.isArray(claim.lines) ? (claim.lines as unknown[]) : [];
  return lines.map((raw) => {
    const line = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const modifiers = Array.isArray(line.modifiers) ? line.modifiers.map(text).filter((m): m is string => m !== null).map((m) => m.toUpperCase()) : [];
    return {
      procedureCode: text(line.procedureCode)?.toUpperCase() ?? null,
      modifiers,
      serviceDate: text(line.serviceDate),
      controlNumber: text(line.controlNumber) ?? text(line.lineControlNumber),
    };
  });
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** The stored line each payment line pairs with; each stored line pairs once. */
export function pairLines(remitLines: readonly RemitLine[], claim: Record<string, unknown>): Array<number | null> {
  const stored = storedLines(claim);
  const taken = new Set<number>();
  const byControl = stored.some((l) => l.controlNumber !== null);
  return remitLines.map((line) => {
    let found = -1;
    if (byControl && line.controlNumber !== null) found = stored.findIndex((s, i) => !taken.has(i) && s.controlNumber === line.controlNumber);
    if (found === -1) {
      // the payer may have paid another code than the one billed (SVC06 holds the billed one)
      const billed = line.billedAs ?? line;
      const code = billed.procedureCode?.toUpperCase() ?? null;
      found = stored.findIndex(
        (s, i) =>
          !taken.has(i) &&
          (!byControl || line.controlNumber === null || s.controlNumber === null) &&
          s.procedureCode === code &&
          sameModifiers(s.modifiers, billed.modifiers) &&
          (line.serviceDate === null || s.serviceDate === null || s.serviceDate === line.serviceDate),
      );
    }
    if (found === -1) return null;
    taken.add(found);
    return found + 1;
  });
}

/** How a stored scrub's result stands against a payment: predicted and missed denial CARCs, and the paired lines. */
export function compareWithScrub(payment: ClaimPayment, record: ScrubRecord): StoredMatch {
  const lines = pairLines(payment.lines, record.claim);
  const errors = record.result.findings.filter((f) => f.severity === 'error') as Array<{ carc?: unknown; line?: unknown }>;
  const predictedCarcs = new Set<string>();
  for (const adjustment of allAdjustments(payment)) {
    if (!isDenial(adjustment, payment.status.code)) continue;
    const paired = adjustment.line === null ? null : (lines[adjustment.line - 1] ?? null);
    const raised = errors.some((f) => {
      if (typeof f.carc !== 'string' || f.carc.trim().toUpperCase() !== adjustment.carc) return false;
      const at = typeof f.line === 'number' ? f.line : null;
      return adjustment.line === null || paired === null || at === null || at === paired;
    });
    if (raised) predictedCarcs.add(adjustment.carc);
  }
  const all = denialCarcs(payment);
  const payer = record.claim.payer !== null && typeof record.claim.payer === 'object' ? (record.claim.payer as Record<string, unknown>) : {};
  return {
    scrubId: record.id,
    predicted: all.filter((c) => predictedCarcs.has(c)),
    missed: all.filter((c) => !predictedCarcs.has(c)),
    lines,
    payer: { id: text(payer.id), kind: text(payer.kind) },
  };
}

/** The newest stored scrub of each payment's claim id, compared with it (null where none is stored), looked up together. */
export async function matchScrubs(payments: readonly ClaimPayment[], store: ScrubLookup): Promise<Array<StoredMatch | null>> {
  const records = await store.latestScrubsOfClaims(payments.map((p) => p.claimId));
  return payments.map((payment, i) => {
    const record = records[i];
    return record === undefined || payment.claimId === '' ? null : compareWithScrub(payment, record);
  });
}

/** The newest stored scrub of the payment's claim id, compared with it; null when none is stored. */
export async function matchScrub(payment: ClaimPayment, store: ScrubLookup): Promise<StoredMatch | null> {
  if (payment.claimId === '') return null;
  const record = await store.latestScrubOfClaim(payment.claimId);
  return record === undefined ? null : compareWithScrub(payment, record);
}
