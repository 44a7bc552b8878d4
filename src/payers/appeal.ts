/**
 * The last day to appeal a payer's decision under a payer profile: the remittance date,
 * plus the days the payer presumes the remittance takes to arrive, plus the appeal period.
 * Medicare: 120 days from receipt of the initial determination, received 5 days after its
 * date (42 CFR 405.942(a); "date of receipt" in 42 CFR 405.901).
 */
import { addDays, addMonths, formatIsoDate, parseIsoDate } from '../claim/dates.js';
import type { PayerProfile } from './profile.js';

/** null when the profile has no appeal period or the remittance no valid date. */
export function appealDeadline(profile: PayerProfile | undefined, remitDate: string | null): string | null {
  const appeal = profile?.appeal;
  const dated = parseIsoDate(remitDate);
  if (appeal === undefined || dated === null) return null;
  const received = addDays(dated, appeal.receiptDays ?? 0);
  const { years, months, days } = appeal.period;
  return formatIsoDate(days !== undefined ? addDays(received, days) : addMonths(received, (years ?? 0) * 12 + (months ?? 0)));
}
