import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, ageInYears, daysBetween, formatIsoDate, fromDayNumber, isIsoDate, parseIsoDate, toDayNumber } from '../../src/claim/dates.js';

describe('ISO dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('day numbers agree with the platform calendar for every day from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }), (n) => {
        const iso = new Date(n * 864e5).toISOString().slice(0, 10);
        const parsed = parseIsoDate(iso)!;
        expect(toDayNumber(parsed)).toBe(n);
        expect(formatIsoDate(fromDayNumber(n))).toBe(iso);
      }),
      { numRuns: 5000 },
    );
  });

  it('adds months the way filing limits count them: February 29 plus a year is February 28', () => {
    expect(formatIsoDate(addMonths(parseIsoDate('2024-02-29')!, 12))).toBe('2025-02-28');
    expect(formatIsoDate(addMonths(parseIsoDate('2026-01-31')!, 1))).toBe('2026-02-28');
    expect(formatIsoDate(addMonths(parseIsoDate('2025-11-15')!, 12))).toBe('2026-11-15');
  });

  it('counts whole years of age on the date of service', () => {
    const birth = parseIsoDate('2008-06-15')!;
    expect(ageInYears(birth, parseIsoDate('2026-06-14')!)).toBe(17);
    expect(ageInYears(birth, parseIsoDate('2026-06-15')!)).toBe(18);
    expect(ageInYears(birth, parseIsoDate('2008-06-15')!)).toBe(0);
    expect(ageInYears(birth, parseIsoDate('2008-06-14')!)).toBeNull();
    expect(daysBetween(parseIsoDate('2026-03-01')!, parseIsoDate('2026-02-27')!)).toBe(-2);
  });
});
