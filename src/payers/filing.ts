/**
 * Timely filing: the last day a claim line can be filed under a payer profile, and how
 * far the filing date is from it. Medicare's "one calendar year after the date of
 * service" is the anniversary date; a February 29 service ends on February 28
 * (CMS Pub. 100-04 ch. 1 §70.1), and a claim filed on the deadline is still timely.
 */
import { addDays, addMonths, daysBetween, formatIsoDate, parseIsoDate, type CalendarDate } from '../claim/dates.js';
import type { PayerProfile } from './profile.js';

export interface FilingWindow {
  profileId: string;
  profileName: string;
  limit: string;
  filingDate: string;
  /** where the filing date came from */
  filingDateSource: 'submissionDate' | 'asOf';
  serviceDate: string | null;
  deadline: string | null;
  /** deadline minus filing date, in days; negative when late, null without a valid date of service */
  daysRemaining: number | null;
  daysLate: number | null;
  /** filing date minus date of service; negative when the service is after the filing date */
  daysSinceService: number | null;
}

// Lines of a claim mostly share a date of service, and claims share filing dates: the same window is reused
// (windows are frozen). Keyed by profile object, so a reloaded profile never sees windows of the old one.
const windowsByProfile = new WeakMap<PayerProfile, Record<FilingWindow['filingDateSource'], Map<string | null, Map<string, FilingWindow>>>>();
const WINDOW_CACHE_LIMIT = 20_000;
let lastWindow: { profile: PayerProfile; serviceDate: string | null; filingDate: string; source: string; window: FilingWindow } | undefined;

export function filingWindow(
  profile: PayerProfile,
  serviceDate: string | null,
  filingDate: string,
  filingDateSource: FilingWindow['filingDateSource'],
): FilingWindow {
  const last = lastWindow;
  if (last !== undefined && last.profile === profile && last.serviceDate === serviceDate && last.filingDate === filingDate && last.source === filingDateSource) return last.window;
  let bySource = windowsByProfile.get(profile);
  if (bySource === undefined) {
    bySource = { submissionDate: new Map(), asOf: new Map() };
    windowsByProfile.set(profile, bySource);
  }
  const byServiceDate = bySource[filingDateSource];
  let byFilingDate = byServiceDate.get(serviceDate);
  if (byFilingDate === undefined) {
    if (byServiceDate.size >= WINDOW_CACHE_LIMIT) byServiceDate.clear();
    byFilingDate = new Map();
    byServiceDate.set(serviceDate, byFilingDate);
  }
  let window = byFilingDate.get(filingDate);
  if (window === undefined) {
    window = Object.freeze(computeFilingWindow(profile, serviceDate, filingDate, filingDateSource));
    if (byFilingDate.size >= WINDOW_CACHE_LIMIT) byFilingDate.clear();
    byFilingDate.set(filingDate, window);
  }
  lastWindow = { profile, serviceDate, filingDate, source: filingDateSource, window };
  return window;
}

function computeFilingWindow(
  profile: PayerProfile,
  serviceDate: string | null,
  filingDate: string,
  filingDateSource: FilingWindow['filingDateSource'],
): FilingWindow {
  const base = {
    profileId: profile.id,
    profileName: profile.name,
    limit: profile.timelyFiling.summary,
    filingDate,
    filingDateSource,
    serviceDate,
  };
  const from = parseIsoDate(serviceDate);
  const filed = parseIsoDate(filingDate);
  if (!from || !filed) return { ...base, deadline: null, daysRemaining: null, daysLate: null, daysSinceService: null };
  const deadline = deadlineFrom(profile, from);
  const daysRemaining = daysBetween(filed, deadline);
  return {
    ...base,
    deadline: formatIsoDate(deadline),
    daysRemaining,
    daysLate: daysRemaining < 0 ? -daysRemaining : 0,
    daysSinceService: daysBetween(from, filed),
  };
}

/** The last day a line served on `serviceDate` can be filed under the profile; null without a real date of service. */
export function filingDeadline(profile: PayerProfile, serviceDate: string | null): string | null {
  const from = parseIsoDate(serviceDate);
  return from ? formatIsoDate(deadlineFrom(profile, from)) : null;
}

function deadlineFrom(profile: PayerProfile, from: CalendarDate): CalendarDate {
  const { years, months, days } = profile.timelyFiling.period;
  return days !== undefined ? addDays(from, days) : addMonths(from, (years ?? 0) * 12 + (months ?? 0));
}
