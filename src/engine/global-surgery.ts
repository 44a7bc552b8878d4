/**
 * The global surgery periods a line falls in on its own claim: Medicare pays the visits
 * before and after a procedure as part of it (Pub. 100-04 ch.12 §40.1), so an E/M line
 * billed beside a procedure needs to know which of the claim's procedures, by the same
 * rendering provider, cover its date. Earlier claims' procedures are in `history.earlier`.
 */
import { toDayNumber, type CalendarDate } from '../claim/dates.js';
import type { ClaimView, LineView } from '../claim/normalize.js';
import { postOperativeDays } from '../reference/global-days.js';

export interface GlobalSurgeryFacts {
  /** other lines by the same rendering provider with a 090-day procedure on this line's date or the day after */
  majorLines: number[];
  /** other lines by the same rendering provider with a 000- or 010-day procedure on this line's date */
  minorLines: number[];
  /** other lines by the same rendering provider whose post-operative period holds this line's date (1-90 days after a 090, 1-10 after a 010) */
  postOperativeLines: number[];
}

const NONE: GlobalSurgeryFacts = Object.freeze({
  majorLines: Object.freeze([]) as unknown as number[],
  minorLines: Object.freeze([]) as unknown as number[],
  postOperativeLines: Object.freeze([]) as unknown as number[],
});


interface Procedure {
  number: number;
  day: number;
  globalDays: string;
  provider: string | null;
}

/**
 * The facts of every line of a claim, in line order, from each line's date and its global
 * days in the fee schedule of that date. A claim with no 000, 010 or 090 procedure (most
 * claims) shares one empty answer for all its lines.
 */
export function claimGlobalSurgery(claim: ClaimView, dates: ReadonlyArray<CalendarDate | null>, globalDays: ReadonlyArray<string | null>): GlobalSurgeryFacts[] {
  const lines = claim.lines;
  const out = new Array<GlobalSurgeryFacts>(lines.length).fill(NONE);
  if (lines.length < 2) return out;
  let procedures: Procedure[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const date = dates[i];
    const days = globalDays[i] ?? null;
    if (date === null || date === undefined || (days !== '000' && days !== '010' && days !== '090')) continue;
    (procedures ??= []).push({ number: line.number, day: toDayNumber(date), globalDays: days, provider: providerOf(claim, line) });
  }
  if (procedures === undefined) return out;
  for (let i = 0; i < lines.length; i++) {
    const date = dates[i];
    if (date === null || date === undefined) continue;
    out[i] = factsOf(lines[i]!, toDayNumber(date), providerOf(claim, lines[i]!), procedures);
  }
  return out;
}

function factsOf(line: LineView, day: number, provider: string | null, procedures: readonly Procedure[]): GlobalSurgeryFacts {
  if (provider === null) return NONE;
  let major: number[] | undefined;
  let minor: number[] | undefined;
  let postOp: number[] | undefined;
  for (const p of procedures) {
    if (p.number === line.number || p.provider !== provider) continue;
    const after = day - p.day;
    if (p.globalDays === '090' && (after === 0 || after === -1)) (major ??= []).push(p.number);
    else if (p.globalDays !== '090' && after === 0) (minor ??= []).push(p.number);
    else if (after >= 1 && after <= postOperativeDays(p.globalDays)) (postOp ??= []).push(p.number);
  }
  if (major === undefined && minor === undefined && postOp === undefined) return NONE;
  return { majorLines: major ?? NONE.majorLines, minorLines: minor ?? NONE.minorLines, postOperativeLines: postOp ?? NONE.postOperativeLines };
}

/** The line's rendering NPI, else the claim's: who gave the service for the global package. */
function providerOf(claim: ClaimView, line: LineView): string | null {
  return line.renderingProviderNpi ?? claim.renderingProvider.npi;
}

