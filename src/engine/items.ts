/**
 * The items a claim is checked as: the claim itself, each diagnosis, each line and each
 * pair of lines, with the facts of each and where a finding on it points.
 */
import { parseIsoDate, type CalendarDate } from '../claim/dates.js';
import type { ClaimView, LineView } from '../claim/normalize.js';
import type { PayerProfile } from '../payers/profile.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { LoadedRule } from '../rules/rule.js';
import { lineFacts, pairFacts, patientOf, patientOn, type PatientFacts, type ScopeFacts, type ScrubContext } from './facts.js';
import { visitDiagnoses } from './diagnosis-items.js';
import { claimGlobalSurgery } from './global-surgery.js';
import type { ReferenceLookup } from './reference-facts.js';
import { NO_PAST, type ClaimPast } from './history.js';
const NO_DAYS: ReadonlyArray<string | null> = [];

export interface ClaimItem {
  scope: Scope;
  facts: ScopeFacts;
  /** 1-based line a finding on this item names, or null */
  line: number | null;
  /** index of the diagnosis or line the item is (its contract path is built from it only when a rule fires) */
  index: number;
  /** date of service that decides whether date-limited rules apply; null when unknown */
  serviceDate: string | null;
}

/** Contract path of an item: '' for the claim, 'diagnoses[0]', 'lines[1]'. */
export function itemPath(item: ClaimItem): string {
  return item.scope === 'claim' ? '' : item.scope === 'diagnosis' ? `diagnoses[${item.index}]` : `lines[${item.index}]`;
}

/**
 * Calls `visit` with every item of the claim, in a fixed order: claim, diagnoses, lines,
 * pairs. With `reuse`, the pair items (a claim of six lines has fifteen) share one item
 * and facts object, refilled for each pair: only for a visitor that is done with an item
 * when it returns, as the fast path is.
 */
export function visitItems(
  claim: ClaimView,
  context: ScrubContext,
  profile: PayerProfile | undefined,
  reference: ReferenceLookup,
  visit: (item: ClaimItem) => void,
  reuse = false,
  past: ClaimPast = NO_PAST,
): void {
  const lines = claim.lines;
  // a line's date of service when it is a real date, else null; the earliest and the distinct ones
  const validDates: Array<string | null> = new Array<string | null>(lines.length);
  const parsedDates: Array<CalendarDate | null> = new Array<CalendarDate | null>(lines.length);
  let earliest: string | null = null;
  let distinctDates: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const date = lines[i]!.serviceDate;
    const parsed = parseIsoDate(date);
    parsedDates[i] = parsed;
    validDates[i] = parsed ? date : null;
    if (parsed === null || date === null) continue;
    if (distinctDates === undefined || earliest === null) {
      earliest = date;
      distinctDates = [date];
    } else {
      if (date < earliest) earliest = date;
      if (!distinctDates.includes(date)) distinctDates.push(date);
    }
  }
  // code sets are looked up for the item's date of service; without one, for the claim's earliest, else the filing date
  const claimDate = earliest ?? context.filingDate;

  const summary = reference.summary(claim, distinctDates ?? [claimDate]);
  visit({ scope: 'claim', facts: { claim, context, reference: summary, pos: reference.pos(claim.placeOfService, claimDate) }, line: null, index: -1, serviceDate: earliest });
  const patient = patientOf(claim);
  // the patient on each line's date of service: the line's age edits and the diagnoses it points to use it
  const linePatients: PatientFacts[] = new Array<PatientFacts>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const parsed = parsedDates[i] ?? null;
    // lines mostly share a date: the same facts serve them
    linePatients[i] = i > 0 && parsed !== null && validDates[i] === validDates[i - 1] ? linePatients[i - 1]! : patientOn(claim, patient, parsed);
  }
  if (claim.diagnoses.length > 0) {
    const patientOnClaimDate = earliest !== null && validDates[0] === earliest ? linePatients[0]! : patientOn(claim, patient, parseIsoDate(claimDate));
    visitDiagnoses({ claim, context, reference, claimDate, earliest, validDates, linePatients, patientOnClaimDate }, visit);
  }
  // each line's fee schedule entry, read once: its own facts and the other lines' global surgery facts use it
  const linePfs = lines.map((line, i) => reference.pfs(line, validDates[i] ?? claimDate));
  const globalSurgery = claimGlobalSurgery(claim, parsedDates, lines.length < 2 ? NO_DAYS : linePfs.map((p) => p.globalDays));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const date = validDates[i] ?? null;
    const facts = lineFacts(claim, context, line, linePatients[i]!, date ?? claimDate, profile, reference, sameDayLines(lines, validDates, i), past, parsedDates[i] ?? null, globalSurgery[i]!, linePfs[i]!);
    visit({ scope: 'line', facts, line: line.number, index: line.index, serviceDate: date });
  }
  if (lines.length < 2) return;
  const shared: ClaimItem | undefined = reuse ? { scope: 'pair', facts: { claim, context, pair: undefined, ptp: undefined }, line: null, index: -1, serviceDate: null } : undefined;
  for (let j = 1; j < lines.length; j++) {
    const second = lines[j]!;
    const serviceDate = validDates[j] ?? null;
    for (let i = 0; i < j; i++) {
      const item = shared ?? { scope: 'pair', facts: { claim, context, pair: undefined, ptp: undefined }, line: null, index: -1, serviceDate: null };
      const pair = pairFacts(lines[i]!, second, validDates[i] !== null, item.facts.pair);
      item.facts.pair = pair;
      item.facts.ptp = reference.ptp(pair.first, pair.second, pair.sameServiceDate, serviceDate ?? claimDate);
      item.line = second.number;
      item.index = second.index;
      item.serviceDate = serviceDate;
      visit(item);
    }
  }
}

const NO_LINES: LineView[] = [];

/** The other lines with the same valid date of service as line `i`. */
function sameDayLines(lines: readonly LineView[], validDates: ReadonlyArray<string | null>, i: number): readonly LineView[] {
  const date = validDates[i];
  if (date === null || date === undefined || lines.length < 2) return NO_LINES;
  let out: LineView[] | undefined;
  for (let j = 0; j < lines.length; j++) {
    if (j === i || validDates[j] !== date) continue;
    (out ??= []).push(lines[j]!);
  }
  return out ?? NO_LINES;
}

/** Whether a rule's payer and date-of-service limits let it apply to this item. */
export function ruleApplies(rule: LoadedRule, claim: ClaimView, serviceDate: string | null): boolean {
  const limits = rule.appliesTo;
  if (!limits) return true;
  if (limits.payerKinds && !(claim.payer.kind !== null && limits.payerKinds.includes(claim.payer.kind))) return false;
  if (limits.payerIds && !(claim.payer.id !== null && limits.payerIds.includes(claim.payer.id))) return false;
  if (serviceDate !== null) {
    if (limits.from && serviceDate < limits.from) return false;
    if (limits.to && serviceDate > limits.to) return false;
  }
  return true;
}
