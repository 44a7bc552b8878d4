/**
 * What a procedure's global surgery days in the Physician Fee Schedule mean for the visits
 * after it (Pub. 100-04 ch.12 §40.1): a 090-day procedure's period runs 90 days after the
 * day of surgery, a 010-day one's 10; a 000-day one has none after its own day.
 */
export function postOperativeDays(globalDays: string | null): number {
  return globalDays === '090' ? 90 : globalDays === '010' ? 10 : 0;
}
