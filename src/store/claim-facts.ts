/**
 * What the follow-up worklist needs of a kept claim: its payer, its total charge and its
 * earliest date of service (the filing limit runs from it). Taken from the claim when it is
 * kept and held in the index beside the scrub, so a listing of every claim never reads the
 * claims back; a claim never changes once kept, so neither do these.
 */
import { parseIsoDate } from '../claim/dates.js';
import type { ClaimFacts } from './store.js';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function claimFactsOf(claim: unknown): ClaimFacts {
  const fields = claim !== null && typeof claim === 'object' ? (claim as Record<string, unknown>) : {};
  const payer = fields.payer !== null && typeof fields.payer === 'object' ? (fields.payer as Record<string, unknown>) : {};
  const lines = Array.isArray(fields.lines) ? (fields.lines as Array<Record<string, unknown> | null>) : [];
  let first: string | null = null;
  let sum = 0;
  for (const line of lines) {
    const date = text(line?.serviceDate);
    if (date !== null && parseIsoDate(date) !== null && (first === null || date < first)) first = date;
    if (typeof line?.charge === 'number' && Number.isFinite(line.charge)) sum += line.charge;
  }
  const total = typeof fields.totalCharge === 'number' && Number.isFinite(fields.totalCharge) ? fields.totalCharge : Math.round(sum * 100) / 100;
  return { payerId: text(payer.id), payerName: text(payer.name), payerKind: text(payer.kind), charged: total, firstServiceDate: first };
}
