/**
 * The follow-up worklist: the newest scrub of each claim id, where it stands (its latest
 * state change, else `scrubbed`), what was charged and paid, and its deadlines: the last
 * day to file under its payer profile, the last day to appeal its latest denial, and when a
 * sent claim without an answer is worth a call.
 *
 * What a listing needs of a claim (payer, charge, first date of service) never changes for
 * a scrub: the store takes it from the claim when it keeps it, so a listing is answered from
 * memory. Scrubs kept before the store did so have their records read once for it, and it
 * is remembered by scrub id.
 */
import { addDays, formatIsoDate, parseIsoDate } from '../claim/dates.js';
import type { ClaimState } from '../contract/remit.js';
import { filingDeadline } from '../payers/filing.js';
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import { claimFactsOf } from '../store/claim-facts.js';
import type { ClaimFacts, ClaimStateChange, ClaimStore, FollowUpEntry, ScrubRecord } from '../store/store.js';

/** Follow-up when the payer profile gives no expected days to pay: the service's default, not a payer's rule. */
export const DEFAULT_FOLLOW_UP_DAYS = 30;

export type WorklistSort = 'money' | 'deadline' | 'newest';

export interface WorklistQuery {
  state?: ClaimState;
  /** a payer id, or part of a payer name (case-insensitive) */
  payer?: string;
  /** any remittance adjustment of the claim has this CARC */
  carc?: string;
  /** YYYY-MM-DD: the claim's nearest deadline falls before it */
  dueBefore?: string;
  sort?: WorklistSort;
  limit?: number;
  offset?: number;
}

export interface WorklistItem {
  scrubId: string;
  claimId: string;
  payer: { id: string | null; name: string | null };
  state: ClaimState;
  charged: number;
  paid: number;
  filingDeadline: string | null;
  appealBy: string | null;
  followUpOn: string | null;
  carcs: string[];
  /** CLP07 of the newest remittance that gave one: what a replacement or void must name */
  payerClaimNumber: string | null;
}

export interface WorklistPage {
  total: number;
  items: WorklistItem[];
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100_000;
/** records read at once while learning the facts of claims kept before the store held them */
const READ_BATCH = 256;
/** states whose claim still has to reach the payer: the filing limit is what counts for them */
const TO_FILE = new Set<ClaimState>(['scrubbed', 'rejected', 'corrected', 'denied']);
const TO_APPEAL = new Set<ClaimState>(['denied', 'partly-paid']);
const AWAITING = new Set<ClaimState>(['sent', 'appealed']);

const factsByStore = new WeakMap<ClaimStore, Map<string, ClaimFacts>>();

/** Each entry's facts, in its order; those the store does not hold are read from the records, a batch at a time. */
async function factsFor(store: ClaimStore, entries: readonly FollowUpEntry[]): Promise<Array<ClaimFacts | undefined>> {
  const facts = new Array<ClaimFacts | undefined>(entries.length);
  const missing: number[] = [];
  let known = factsByStore.get(store);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    facts[i] = entry.claim ?? known?.get(entry.scrub.id);
    if (facts[i] === undefined) missing.push(i);
  }
  if (missing.length === 0) return facts;
  if (known === undefined) {
    known = new Map();
    factsByStore.set(store, known);
  }
  for (let start = 0; start < missing.length; start += READ_BATCH) {
    const batch = missing.slice(start, start + READ_BATCH);
    const records = await Promise.all(batch.map((i) => store.scrub(entries[i]!.scrub.id)));
    records.forEach((record, k) => {
      if (record === undefined) return;
      const read = claimFactsOf(record.claim);
      known.set(record.id, read);
      facts[batch[k]!] = read;
    });
  }
  return facts;
}

/** What a claim's payer profile makes of its facts; worked out once per rule set, as the facts are read once. */
interface ProfileTerms {
  profiles: readonly PayerProfile[];
  filing: string | null;
  followUpDays: number;
}

const termsOf = new WeakMap<ClaimFacts, ProfileTerms>();
/**
 * A practice's claims share a few payers and a few hundred dates of service: the terms of
 * each payer and date are worked out once per rule set, not once per claim.
 */
const sharedTerms = new WeakMap<readonly PayerProfile[], Map<string, ProfileTerms>>();
const SHARED_TERMS_LIMIT = 50_000;

function profileTerms(facts: ClaimFacts, profiles: readonly PayerProfile[]): ProfileTerms {
  const known = termsOf.get(facts);
  if (known !== undefined && known.profiles === profiles) return known;
  let shared = sharedTerms.get(profiles);
  if (shared === undefined) sharedTerms.set(profiles, (shared = new Map()));
  const key = `${facts.payerId ?? ''}\u0000${facts.payerKind ?? ''}\u0000${facts.firstServiceDate ?? ''}`;
  let terms = shared.get(key);
  if (terms === undefined) {
    const profile = selectProfile(profiles, facts.payerId, facts.payerKind);
    terms = { profiles, filing: profile === undefined ? null : filingDeadline(profile, facts.firstServiceDate), followUpDays: profile?.followUp?.days ?? DEFAULT_FOLLOW_UP_DAYS };
    if (shared.size >= SHARED_TERMS_LIMIT) shared.clear();
    shared.set(key, terms);
  }
  termsOf.set(facts, terms);
  return terms;
}

/** sent dates repeat across a practice's claims: the date so many days later is worked out once */
const laterDays = new Map<string, string | null>();

function daysAfter(day: string, days: number): string | null {
  const key = `${day}+${days}`;
  let later = laterDays.get(key);
  if (later === undefined) {
    const date = parseIsoDate(day);
    later = date === null ? null : formatIsoDate(addDays(date, days));
    if (laterDays.size > 10_000) laterDays.clear();
    laterDays.set(key, later);
  }
  return later;
}

interface Row {
  entry: FollowUpEntry;
  facts: ClaimFacts;
  state: ClaimState;
  filing: string | null;
  paid: number;
  appealBy: string | null;
  followUpOn: string | null;
  /** the nearest open deadline, or null */
  due: string | null;
  owed: number;
}

function rowOf(entry: FollowUpEntry, facts: ClaimFacts, state: ClaimState, profiles: readonly PayerProfile[]): Row {
  const terms = profileTerms(facts, profiles);
  let paid = 0;
  let appealBy: string | null = null;
  let lastRemitAt: string | null = null;
  for (const remit of entry.remits) {
    // a reversal's amounts are negative: the sum is what the payer has paid and kept
    paid += remit.summary.paid;
    if (remit.summary.state === 'denied' || remit.summary.state === 'partly-paid') appealBy = remit.summary.appealBy;
    lastRemitAt = remit.at;
  }
  paid = Math.round(paid * 100) / 100;
  let followUpOn: string | null = null;
  const sentAt = entry.state !== null && AWAITING.has(state) ? entry.state.at : null;
  if (sentAt !== null && (lastRemitAt === null || lastRemitAt < sentAt)) followUpOn = daysAfter(sentAt.slice(0, 10), terms.followUpDays);
  let due: string | null = TO_FILE.has(state) ? terms.filing : null;
  if (TO_APPEAL.has(state) && appealBy !== null && (due === null || appealBy < due)) due = appealBy;
  if (followUpOn !== null && (due === null || followUpOn < due)) due = followUpOn;
  return { entry, facts, state, filing: terms.filing, paid, appealBy, followUpOn, due, owed: facts.charged - paid };
}

function itemOf(row: Row): WorklistItem {
  const carcs = new Set<string>();
  let payerClaimNumber: string | null = null;
  for (const remit of row.entry.remits) {
    for (const carc of remit.summary.carcs) carcs.add(carc);
    payerClaimNumber = remit.summary.payerClaimNumber ?? payerClaimNumber;
  }
  return {
    scrubId: row.entry.scrub.id,
    claimId: row.entry.scrub.claimId ?? '',
    payer: { id: row.facts.payerId, name: row.facts.payerName },
    state: row.state,
    charged: row.facts.charged,
    paid: row.paid,
    filingDeadline: row.filing,
    appealBy: row.appealBy,
    followUpOn: row.followUpOn,
    carcs: [...carcs],
    payerClaimNumber,
  };
}

/** Where one stored scrub stands, as the worklist would list it, from its latest state change and its remittances. */
export function worklistItemOf(record: ScrubRecord, state: ClaimStateChange | null, remits: FollowUpEntry['remits'], profiles: readonly PayerProfile[]): WorklistItem {
  const findings = record.result.findings;
  const scrub = {
    id: record.id,
    claimId: record.claimId,
    status: record.status,
    scrubbedAt: record.scrubbedAt,
    rulesetVersion: record.rulesetVersion,
    owner: record.owner,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
  return itemOf(rowOf({ scrub, state, remits }, claimFactsOf(record.claim), state?.state ?? 'scrubbed', profiles));
}

export async function worklist(store: ClaimStore, profiles: readonly PayerProfile[], query: WorklistQuery = {}): Promise<WorklistPage> {
  const entries = await store.followUp();
  const facts = await factsFor(store, entries);
  const payer = query.payer?.trim().toLowerCase() ?? '';
  const carc = query.carc?.trim().toUpperCase() ?? '';
  const rows: Row[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const state: ClaimState = entry.state?.state ?? 'scrubbed';
    if (query.state !== undefined && state !== query.state) continue;
    const known = facts[i];
    if (known === undefined) continue;
    if (payer !== '' && known.payerId?.toLowerCase() !== payer && !(known.payerName?.toLowerCase().includes(payer) ?? false)) continue;
    if (carc !== '' && !entry.remits.some((r) => r.summary.carcs.includes(carc))) continue;
    const row = rowOf(entry, known, state, profiles);
    if (query.dueBefore !== undefined && (row.due === null || row.due >= query.dueBefore)) continue;
    rows.push(row);
  }
  const offset = Math.max(0, Math.trunc(query.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
  const page = firstInOrder(rows, offset + limit, comparer(query.sort ?? 'money'));
  return { total: rows.length, items: page.slice(offset).map(itemOf) };
}

/**
 * The first `count` rows in order. A page is a few dozen of a hundred thousand: they are
 * kept in order as the rows pass, most rows costing one comparison with the last one kept,
 * rather than sorting every row for a page of them.
 */
function firstInOrder(rows: Row[], count: number, compare: (a: Row, b: Row) => number): Row[] {
  if (count * 8 >= rows.length) return rows.sort(compare).slice(0, count);
  const kept: Row[] = [];
  for (const row of rows) {
    if (kept.length === count && compare(row, kept[count - 1]!) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(kept[middle]!, row) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, row);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function comparer(sort: WorklistSort): (a: Row, b: Row) => number {
  const byId = (a: Row, b: Row): number => (a.entry.scrub.id < b.entry.scrub.id ? -1 : a.entry.scrub.id > b.entry.scrub.id ? 1 : 0);
  if (sort === 'newest') return (a, b) => (a.entry.scrub.scrubbedAt < b.entry.scrub.scrubbedAt ? 1 : a.entry.scrub.scrubbedAt > b.entry.scrub.scrubbedAt ? -1 : byId(a, b));
  if (sort === 'deadline') {
    // claims without an open deadline go last
    return (a, b) => (a.due === b.due ? byId(a, b) : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1);
  }
  return (a, b) => b.owed - a.owed || byId(a, b);
}

const CSV_COLUMNS = ['scrubId', 'claimId', 'payerId', 'payerName', 'state', 'charged', 'paid', 'filingDeadline', 'appealBy', 'followUpOn', 'carcs'] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const cell = String(value);
  // a cell a spreadsheet would run as a formula is quoted as text
  const safe = /^[=+\-@\t\r]/.test(cell) && typeof value === 'string' ? `'${cell}` : cell;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The items as CSV with a header row, for a spreadsheet. */
export function worklistCsv(items: readonly WorklistItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    const cells = [item.scrubId, item.claimId, item.payer.id, item.payer.name, item.state, item.charged.toFixed(2), item.paid.toFixed(2), item.filingDeadline, item.appealBy, item.followUpOn, item.carcs.join(' ')];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
