/**
 * The missed-denials report: over the remittances kept, which denials the scrub had raised
 * before the claim was sent (predicted), which it had not (missed), and which could not be
 * compared because no stored scrub matched the payment (unmatched), by CARC and payer.
 * Missed denials are where new rules come from, so each missed group carries a few example
 * claims and the rule family such a rule would belong to.
 *
 * A denial is one CARC of one claim payment, as the matching decides predicted or missed per
 * CARC; its money is every denial adjustment with that CARC, claim and line level. The same
 * payment posted twice (a file read again) counts once, as its latest posting.
 */
import type { ClaimStore, StoredRemit } from '../store/store.js';
import { isDenial } from './denials.js';
import { ruleFamilyOf, type RuleFamily } from './rule-families.js';

export interface MissedReportQuery {
  /** YYYY-MM-DD: remittances dated on or after it */
  from?: string;
  /** YYYY-MM-DD: remittances dated on or before it */
  to?: string;
  /** a payer id, or part of a payer name (case-insensitive) */
  payer?: string;
  /** example claims per missed group (default 5) */
  examples?: number;
}

export interface DenialCounts {
  denials: number;
  predicted: number;
  missed: number;
  unmatched: number;
  /** money denied, in dollars */
  amount: number;
  /** of it, the money of the missed denials */
  missedAmount: number;
  /** of the denials compared with a scrub, the share predicted (0–1); null when none was */
  predictedShare: number | null;
}

export interface MissedExample {
  scrubId: string;
  claimId: string;
  /** the payment's service line the denial is on; null for a claim-level denial */
  line: number | null;
  procedureCode: string | null;
  modifiers: string[];
  rarcs: string[];
  amount: number;
  remitDate: string | null;
}

export interface DenialGroup extends DenialCounts {
  carc: string;
  meaning: string | null;
  payer: { id: string | null; name: string | null };
  /** where a rule for the missed ones would go (from the CARC, else its remarks); null when neither says */
  ruleFamily: RuleFamily | null;
  examples: MissedExample[];
}

export interface MissedReport {
  from: string | null;
  to: string | null;
  payer: string | null;
  /** claim payments counted */
  payments: number;
  totals: DenialCounts;
  /** most missed money first */
  groups: DenialGroup[];
}

const DEFAULT_EXAMPLES = 5;

interface Adjustment {
  group: string;
  carc: string;
  rarc: string[];
  amount: number;
  meaning: string | null;
}

interface Payment {
  claimId: string;
  statusCode: string;
  remitDate: string | null;
  payer: { id: string | null; name: string | null };
  scrubId: string | null;
  predicted: ReadonlySet<string>;
  /** claim level with line null, then each line's */
  adjustments: Array<Adjustment & { line: number | null; procedureCode: string | null; modifiers: string[] }>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter((s): s is string => s !== null) : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function adjustmentOf(raw: unknown, claimRarcs: readonly string[]): Adjustment | null {
  const a = record(raw);
  const carc = text(a.carc)?.toUpperCase();
  const amount = typeof a.amount === 'number' && Number.isFinite(a.amount) ? a.amount : null;
  if (carc === undefined || amount === null) return null;
  const rarc = strings(a.rarc);
  return { group: text(a.group)?.toUpperCase() ?? '', carc, rarc: rarc.length > 0 ? rarc : [...claimRarcs], amount, meaning: text(a.meaning) };
}

/** The parts of a kept remittance object the report reads; it was written by this service, but is read as untrusted JSON all the same. */
function paymentOf(stored: StoredRemit): Payment {
  const remit = stored.remit;
  const status = record(remit.status);
  const payer = record(remit.payer);
  const scrub = remit.scrub === null || remit.scrub === undefined ? null : record(remit.scrub);
  const claimRarcs = strings(remit.rarc);
  const adjustments: Payment['adjustments'] = [];
  for (const raw of Array.isArray(remit.adjustments) ? remit.adjustments : []) {
    const adjustment = adjustmentOf(raw, claimRarcs);
    if (adjustment !== null) adjustments.push({ ...adjustment, line: null, procedureCode: null, modifiers: [] });
  }
  for (const rawLine of Array.isArray(remit.lines) ? remit.lines : []) {
    const line = record(rawLine);
    const number = typeof line.line === 'number' ? line.line : null;
    const lineRarcs = strings(line.rarc);
    for (const raw of Array.isArray(line.adjustments) ? line.adjustments : []) {
      const adjustment = adjustmentOf(raw, lineRarcs);
      if (adjustment !== null) adjustments.push({ ...adjustment, line: number, procedureCode: text(line.procedureCode), modifiers: strings(line.modifiers) });
    }
  }
  return {
    claimId: text(remit.claimId) ?? stored.claimId,
    statusCode: text(status.code) ?? stored.summary.statusCode,
    remitDate: text(remit.remitDate) ?? stored.summary.remitDate,
    payer: { id: text(payer.id), name: text(payer.name) },
    scrubId: scrub === null ? null : (text(scrub.scrubId) ?? stored.scrubId),
    predicted: new Set(scrub === null ? [] : strings(scrub.predicted).map((c) => c.toUpperCase())),
    adjustments,
  };
}

/** The same payment from the same payer: posting a file again adds no denial. */
function paymentKey(stored: StoredRemit): string {
  const remit = stored.remit;
  return JSON.stringify([stored.claimId, remit.payerClaimControlNumber ?? null, stored.summary.statusCode, stored.summary.remitDate, stored.summary.charged, stored.summary.paid, record(remit.payer).id ?? null]);
}

function matchesPayer(payment: Payment, needle: string): boolean {
  return payment.payer.id?.toLowerCase() === needle || (payment.payer.name?.toLowerCase().includes(needle) ?? false);
}

function inRange(date: string | null, query: MissedReportQuery): boolean {
  if (query.from === undefined && query.to === undefined) return true;
  if (date === null) return false;
  return (query.from === undefined || date >= query.from) && (query.to === undefined || date <= query.to);
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function emptyCounts(): DenialCounts {
  return { denials: 0, predicted: 0, missed: 0, unmatched: 0, amount: 0, missedAmount: 0, predictedShare: null };
}

function settle<T extends DenialCounts>(counts: T): T {
  const compared = counts.predicted + counts.missed;
  counts.amount = cents(counts.amount);
  counts.missedAmount = cents(counts.missedAmount);
  counts.predictedShare = compared === 0 ? null : Math.round((counts.predicted / compared) * 1000) / 1000;
  return counts;
}

/** The report over every remittance the store keeps that the query takes in. */
export async function missedDenialsReport(store: Pick<ClaimStore, 'remits'>, query: MissedReportQuery = {}): Promise<MissedReport> {
  const latest = new Map<string, StoredRemit>();
  for await (const stored of store.remits()) {
    const key = paymentKey(stored);
    // re-inserted so the map keeps the order of the latest postings
    latest.delete(key);
    latest.set(key, stored);
  }
  const needle = query.payer?.trim().toLowerCase() ?? '';
  const perGroup = Math.max(0, Math.trunc(query.examples ?? DEFAULT_EXAMPLES));
  const groups = new Map<string, DenialGroup>();
  const totals = emptyCounts();
  let payments = 0;
  for (const stored of latest.values()) {
    const payment = paymentOf(stored);
    if (!inRange(payment.remitDate, query)) continue;
    if (needle !== '' && !matchesPayer(payment, needle)) continue;
    payments++;
    const byCarc = new Map<string, Payment['adjustments']>();
    for (const adjustment of payment.adjustments) {
      if (!isDenial({ ...adjustment, quantity: null }, payment.statusCode)) continue;
      const list = byCarc.get(adjustment.carc);
      if (list === undefined) byCarc.set(adjustment.carc, [adjustment]);
      else list.push(adjustment);
    }
    for (const [carc, adjustments] of byCarc) {
      const key = JSON.stringify([carc, payment.payer.id, payment.payer.name]);
      let group = groups.get(key);
      if (group === undefined) {
        group = { carc, meaning: null, payer: payment.payer, ...emptyCounts(), ruleFamily: null, examples: [] };
        groups.set(key, group);
      }
      group.meaning ??= adjustments.find((a) => a.meaning !== null)?.meaning ?? null;
      const amount = adjustments.reduce((sum, a) => sum + a.amount, 0);
      const outcome = payment.scrubId === null ? 'unmatched' : payment.predicted.has(carc) ? 'predicted' : 'missed';
      for (const counts of [group, totals]) {
        counts.denials++;
        counts[outcome]++;
        counts.amount += amount;
        if (outcome === 'missed') counts.missedAmount += amount;
      }
      group.ruleFamily ??= ruleFamilyOf(carc, adjustments.flatMap((a) => a.rarc));
      if (outcome !== 'missed') continue;
      if (group.examples.length >= perGroup) continue;
      // the line the most money was denied on shows the problem best
      const shown = adjustments.reduce((most, a) => (a.amount > most.amount ? a : most));
      group.examples.push({
        scrubId: payment.scrubId!,
        claimId: payment.claimId,
        line: shown.line,
        procedureCode: shown.procedureCode,
        modifiers: shown.modifiers,
        rarcs: [...new Set(adjustments.flatMap((a) => a.rarc))],
        amount: cents(amount),
        remitDate: payment.remitDate,
      });
    }
  }
  const ordered = [...groups.values()].map(settle);
  ordered.sort((a, b) => b.missedAmount - a.missedAmount || b.missed - a.missed || b.amount - a.amount || (a.carc < b.carc ? -1 : a.carc > b.carc ? 1 : 0));
  return { from: query.from ?? null, to: query.to ?? null, payer: query.payer?.trim() || null, payments, totals: settle(totals), groups: ordered };
}
