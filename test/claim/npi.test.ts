import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../src/claim/npi.js';

/** Luhn over "80840" + the first nine digits, computed the long way for comparison. */
function luhnCheckDigit(nine: string): number {
  const digits = `80840${nine}`.split('').map(Number);
  let sum = 0;
  digits.reverse().forEach((d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return (10 - (sum % 10)) % 10;
}

describe('NPI check digit', () => {
  it('accepts the CMS example NPI and rejects a changed check digit', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi(1234567893)).toBe(false);
    expect(isValidNpi(' 1234567893')).toBe(false);
  });

  it('agrees with the Luhn formula over prefix 80840 for every NPI', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '2', '3', '9'), fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 9 }), (first, rest, check) => {
        const nine = first + rest;
        expect(isValidNpi(`${nine}${check}`)).toBe(check === luhnCheckDigit(nine));
      }),
      { numRuns: 2000 },
    );
  });
});
