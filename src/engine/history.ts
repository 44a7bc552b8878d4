/**
 * The patient's earlier claims as facts of a line: what payers' editors check a claim
 * against beyond the claim itself (a service already paid on another claim, a benefit
 * limited to once a year, a post-operative period begun on an earlier claim).
 *
 * The scrub is given a ClaimHistory (the store, or the claims a rule test lists) and asks
 * it once per claim for the patient's services on other claims; each line then sees those
 * on or before its own date of service, newest first, with how far back each is.
 */
import { parseIsoDate, toDayNumber, type CalendarDate } from '../claim/dates.js';
import type { ClaimView, LineView } from '../claim/normalize.js';
import { patientKey } from '../claim/patient-key.js';
import { postOperativeDays } from '../reference/global-days.js';

/** One service line of an earlier claim of the same patient. */
export interface PastService {
  claimId: string | null;
  /** the line number on that claim */
  line: number;
  procedureCode: string;
  modifiers: readonly string[];
  serviceDate: string;
  serviceDateEnd: string | null;
  /** the line's rendering NPI, else its claim's */
  renderingNpi: string | null;
  /** the claim's frequency code (1 original, 7 replacement) */
  frequency: string | null;
}

export interface ClaimHistory {
  /**
   * The services of the patient `key` (src/claim/patient-key.ts) on claims other than
   * `claimId` (a claim scrubbed again is not its own history), any date, in any order.
   */
  servicesOf(key: string, claimId: string | null): readonly PastService[];
}

/** An earlier service as a line's fact: the service and how long before the line it was. */
export interface EarlierService extends PastService {
  /** days from the earlier service's date to this line's (0: the same day) */
  daysBefore: number;
  /** whole calendar months between the two services' months (CMS's "11 full months after the month of the last visit" counts these) */
  fullMonthsBefore: number;
  /** the same rendering provider as this line's */
  sameProvider: boolean;
  /** its global surgery days in the fee schedule in force on its own date (000, 010, 090, XXX, ...), or null when no fee schedule is loaded for it or the code is not in it */
  globalDays: string | null;
}

/** Where an earlier service's global days are looked up: the fee schedule by date (src/engine/reference-facts.ts). */
export interface GlobalDaysSource {
  globalDays(code: string, date: string): string | null;
}

export interface HistoryFacts {
  /** true when the scrub had the patient's history to check against */
  available: boolean;
  /** the patient's services on other claims on or before this line's date, newest first */
  earlier: EarlierService[];
  earlierCount: number;
  /** earlier claims' lines exactly like this one: same code, dates, modifiers (any order) and rendering provider */
  duplicates: string[];
  duplicateCount: number;
  /** earlier procedures by the same rendering provider whose post-operative period holds this line's date (1-90 days after a 090-day one, 1-10 after a 010-day one), as "claim C-1 line 2 (27447 on 2026-01-21)" */
  postOperativeOf: string[];
  postOperativeCount: number;
}

const NO_TEXTS = Object.freeze([]) as unknown as string[];
const NO_HISTORY: HistoryFacts = Object.freeze({ available: false, earlier: Object.freeze([]) as unknown as EarlierService[], earlierCount: 0, duplicates: NO_TEXTS, duplicateCount: 0, postOperativeOf: NO_TEXTS, postOperativeCount: 0 });

/** A claim's history, read once: the lines of one claim are answered from it. */
export interface ClaimPast {
  available: boolean;
  services: ReadonlyArray<PastEntry>;
  /** the services that open a post-operative period (010 or 090 global days), newest first: made when a line first asks */
  procedures?: PastEntry[];
}

interface PastEntry {
  service: PastService;
  day: number;
  date: CalendarDate;
  /** looked up the first time a line of the claim lists it: undefined until then */
  globalDays?: string | null;
}

/** A scrub given no history: history edits cannot judge its lines. */
export const NO_PAST: ClaimPast = Object.freeze({ available: false, services: Object.freeze([]) as ClaimPast['services'] });

export function claimPast(history: ClaimHistory | undefined, key: string | null, claimId: string | null): ClaimPast {
  if (history === undefined) return NO_PAST;
  if (key === null) return { available: true, services: [] };
  const services: PastEntry[] = [];
  for (const service of history.servicesOf(key, claimId)) {
    const date = parseIsoDate(service.serviceDate);
    if (date !== null) services.push({ service, day: toDayNumber(date), date });
  }
  // newest first, so rules and messages meet the most recent service first
  services.sort(newestFirst);
  return { available: true, services };
}

/** Newest first; one day's services by claim id then line, so the order never depends on how they were stored. */
function newestFirst(a: { service: PastService; day: number }, b: { service: PastService; day: number }): number {
  if (a.day !== b.day) return b.day - a.day;
  const x = a.service.claimId ?? '';
  const y = b.service.claimId ?? '';
  if (x !== y) return x < y ? -1 : 1;
  return a.service.line - b.service.line;
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((m, i) => m === sorted[i]);
}

const LONGEST_POST_OPERATIVE_PERIOD = postOperativeDays('090');

/** An earlier service's global days, looked up once per claim whichever line asks first: the other lines share it. */
function globalDaysOf(entry: PastEntry, schedule: GlobalDaysSource): string | null {
  if (entry.globalDays === undefined) entry.globalDays = schedule.globalDays(entry.service.procedureCode, entry.service.serviceDate);
  return entry.globalDays;
}

const NO_PROCEDURES: PastEntry[] = [];

/** The claim's earlier services that open a post-operative period, found once per claim: most patients have none, and then no line walks anything. */
function proceduresOf(services: ReadonlyArray<PastEntry>, schedule: GlobalDaysSource): PastEntry[] {
  let found: PastEntry[] | undefined;
  for (const entry of services) if (postOperativeDays(globalDaysOf(entry, schedule)) > 0) (found ??= []).push(entry);
  return found ?? NO_PROCEDURES;
}

/** The earlier procedures by `provider` whose post-operative period holds the day `today`. */
function postOperativeOf(procedures: readonly PastEntry[], today: number, provider: string): string[] {
  let found: string[] | undefined;
  for (const entry of procedures) {
    const after = today - entry.day;
    // newest first: everything after this is older than any post-operative period
    if (after > LONGEST_POST_OPERATIVE_PERIOD) break;
    const { service } = entry;
    if (after < 1 || service.renderingNpi !== provider) continue;
    if (after <= postOperativeDays(entry.globalDays ?? null)) {
      (found ??= []).push(`claim ${service.claimId ?? '(no claim id)'} line ${service.line} (${service.procedureCode} on ${service.serviceDate})`);
    }
  }
  return found ?? NO_TEXTS;
}

/**
 * A line's history. `earlier` is made when a rule first reads it (both evaluators read it
 * as a property, so both see the same list): most lines meet no rule that asks, and a
 * patient with years of claims would cost every line of every claim a list otherwise.
 */
class LineHistory implements HistoryFacts {
  readonly available = true;
  readonly duplicates: string[];
  readonly duplicateCount: number;
  declare readonly earlier: EarlierService[];
  declare readonly earlierCount: number;
  readonly postOperativeOf: string[];
  readonly postOperativeCount: number;
  #earlier: EarlierService[] | null = null;

  constructor(
    private readonly past: ClaimPast,
    private readonly today: number,
    private readonly date: CalendarDate,
    private readonly provider: string | null,
    duplicates: string[],
    private readonly schedule: GlobalDaysSource,
    postOperativeOf: string[],
  ) {
    this.duplicates = duplicates;
    this.duplicateCount = duplicates.length;
    this.postOperativeOf = postOperativeOf;
    this.postOperativeCount = postOperativeOf.length;
    // own properties, as every fact field is: paths only ever read a fact's own fields (src/rules/path.ts)
    Object.defineProperty(this, 'earlier', { enumerable: true, get: () => this.#list() });
    Object.defineProperty(this, 'earlierCount', { enumerable: true, get: () => this.#list().length });
  }

  #list(): EarlierService[] {
    if (this.#earlier !== null) return this.#earlier;
    const earlier: EarlierService[] = [];
    const { today, date: on, provider, schedule } = this;
    for (const entry of this.past.services) {
      const { service, day, date } = entry;
      if (day > today) continue;

      earlier.push({
        claimId: service.claimId,
        line: service.line,
        procedureCode: service.procedureCode,
        modifiers: service.modifiers,
        serviceDate: service.serviceDate,
        serviceDateEnd: service.serviceDateEnd,
        renderingNpi: service.renderingNpi,
        frequency: service.frequency,
        daysBefore: today - day,
        fullMonthsBefore: Math.max(0, (on.year - date.year) * 12 + (on.month - date.month) - 1),
        sameProvider: provider !== null && service.renderingNpi === provider,
        globalDays: globalDaysOf(entry, schedule),
      });
    }
    return (this.#earlier = earlier);
  }

  toJSON(): HistoryFacts {
    return {
      available: true,
      earlier: this.earlier,
      earlierCount: this.earlierCount,
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
      postOperativeOf: this.postOperativeOf,
      postOperativeCount: this.postOperativeCount,
    };
  }
}

const NOTHING_EARLIER: HistoryFacts = Object.freeze({ available: true, earlier: Object.freeze([]) as unknown as EarlierService[], earlierCount: 0, duplicates: NO_TEXTS, duplicateCount: 0, postOperativeOf: NO_TEXTS, postOperativeCount: 0 });

export function lineHistory(past: ClaimPast, claim: ClaimView, line: LineView, serviceDate: CalendarDate | null, schedule: GlobalDaysSource): HistoryFacts {
  if (!past.available) return NO_HISTORY;
  if (serviceDate === null || past.services.length === 0) return NOTHING_EARLIER;
  const today = toDayNumber(serviceDate);
  const provider = line.renderingProviderNpi ?? claim.renderingProvider.npi;
  let duplicates: string[] | null = null;
  for (const { service, day } of past.services) {
    if (day !== today || service.procedureCode !== line.procedureCode) continue;
    if (service.serviceDateEnd === line.serviceDateEnd && service.renderingNpi === provider && sameModifiers(service.modifiers, line.modifiers)) {
      (duplicates ??= []).push(`claim ${service.claimId ?? '(no claim id)'} line ${service.line}`);
    }
  }
  const procedures = (past.procedures ??= proceduresOf(past.services, schedule));
  const postOperative = provider === null || procedures.length === 0 ? NO_TEXTS : postOperativeOf(procedures, today, provider);
  return new LineHistory(past, today, serviceDate, provider, duplicates ?? [], schedule, postOperative);
}

/** The services of a claim as history for other claims: what the store keeps of each claim it scrubbed. */
export function servicesOfClaim(claim: ClaimView): PastService[] {
  const services: PastService[] = [];
  for (const line of claim.lines) {
    if (line.procedureCode === null || parseIsoDate(line.serviceDate) === null) continue;
    services.push({
      claimId: claim.claimId,
      line: line.number,
      procedureCode: line.procedureCode,
      modifiers: line.modifiers,
      serviceDate: line.serviceDate as string,
      serviceDateEnd: line.serviceDateEnd,
      renderingNpi: line.renderingProviderNpi ?? claim.renderingProvider.npi,
      frequency: claim.frequency,
    });
  }
  return services;
}

/**
 * A history held in memory: the claims given, the newest of each claim id kept (a claim
 * scrubbed again supersedes its earlier scrub), a void (frequency 8) leaving none of its
 * claim. What the store keeps is answered the same way (src/store/patient-history.ts).
 */
export class ClaimsHistory implements ClaimHistory {
  readonly #byPatient = new Map<string, Map<string | null, PastService[]>>();

  /** Adds a claim in the order claims were scrubbed: a later one of the same claim id replaces the earlier. */
  add(claim: ClaimView): void {
    const key = patientKey(claim);
    if (key === null) return;
    let claims = this.#byPatient.get(key);
    if (claims === undefined) this.#byPatient.set(key, (claims = new Map()));
    if (claim.frequency === '8') claims.delete(claim.claimId);
    else claims.set(claim.claimId, servicesOfClaim(claim));
  }

  servicesOf(key: string, claimId: string | null): readonly PastService[] {
    const claims = this.#byPatient.get(key);
    if (claims === undefined) return [];
    const services: PastService[] = [];
    // a claim without an id cannot be told from the one being scrubbed, nor from another: it is history
    for (const [id, lines] of claims) if (id === null || id !== claimId) services.push(...lines);
    return services;
  }
}
