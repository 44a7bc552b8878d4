/**
 * The value of the `someEarlier` operator: which of the patient's earlier services a rule
 * asks about. Written in the rule, checked by lint, and applied to a line's
 * `history.earlier` list the same way by both evaluators.
 *
 *   { codes: [G0438, G0439], withinFullMonths: 11 }   an annual benefit (CMS counts full months)
 *   { list: global-90-day-procedures, withinDays: 90, sameProvider: true }
 */
import type { CodeList } from './lists.js';

export interface HistoryQuery {
  /** procedure codes the earlier service must be one of */
  codes?: string[];
  /** or: the name of a list in rules/lists it must be in */
  list?: string;
  /** at most this many days before the line (0: the same day only) */
  withinDays?: number;
  /** fewer than this many full calendar months between the two services' months */
  withinFullMonths?: number;
  /** by the same rendering provider as the line */
  sameProvider?: boolean;
}

const KEYS = new Set(['codes', 'list', 'withinDays', 'withinFullMonths', 'sameProvider']);

/** What is wrong with a value written for `someEarlier`, or undefined when it is usable. */
export function historyQueryProblem(value: unknown, listNames: ReadonlySet<string>): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'needs an object such as { codes: [G0439], withinFullMonths: 11 }';
  const query = value as Record<string, unknown>;
  const unknown = Object.keys(query).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) return `does not know ${unknown.join(', ')} (known: ${[...KEYS].join(', ')})`;
  if (query.codes !== undefined && (!Array.isArray(query.codes) || query.codes.length === 0 || !query.codes.every((c) => typeof c === 'string' && c !== ''))) return 'codes must be a list of procedure codes';
  if (query.list !== undefined && (typeof query.list !== 'string' || !listNames.has(query.list))) return `list "${String(query.list)}" is not a list in rules/lists`;
  if (query.codes !== undefined && query.list !== undefined) return 'give codes or list, not both';
  for (const key of ['withinDays', 'withinFullMonths'] as const) {
    const n = query[key];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0)) return `${key} must be a whole number of 0 or more`;
  }
  if (query.sameProvider !== undefined && typeof query.sameProvider !== 'boolean') return 'sameProvider must be true or false';
  return undefined;
}

interface Earlier {
  procedureCode: string;
  daysBefore: number;
  fullMonthsBefore: number;
  sameProvider: boolean;
}

/** The test of one query, prepared once (codes to a set, the list looked up). */
export function historyTest(value: unknown, lists: (name: string) => CodeList | undefined): (earlier: unknown) => boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return () => false;
  const query = value as HistoryQuery;
  const codes = Array.isArray(query.codes) ? new Set(query.codes.map((c) => String(c).toUpperCase())) : null;
  const list = typeof query.list === 'string' ? lists(query.list) : undefined;
  if (typeof query.list === 'string' && list === undefined) return () => false;
  const { withinDays, withinFullMonths, sameProvider } = query;
  const matches = (service: Earlier): boolean =>
    (codes === null || codes.has(service.procedureCode)) &&
    (list === undefined || list.has(service.procedureCode)) &&
    (withinDays === undefined || service.daysBefore <= withinDays) &&
    (withinFullMonths === undefined || service.fullMonthsBefore < withinFullMonths) &&
    (sameProvider !== true || service.sameProvider);
  return (earlier) => Array.isArray(earlier) && (earlier as Earlier[]).some(matches);
}
