/**
 * NPI check digit: the Luhn formula over the 9-digit identifier prefixed with 80840,
 * the ISO health-industry issuer prefix (CMS, "Requirements for NPI check digit").
 * The constant 24 is the Luhn contribution of the prefix 80840, so only the NPI's own
 * digits need to be walked.
 */
const PREFIX_CONTRIBUTION = 24;

export function isValidNpi(value: unknown): boolean {
  // NPPES has so far issued NPIs starting with 1 or 2, but the standard's validity test is the check digit alone
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  let sum = PREFIX_CONTRIBUTION;
  for (let i = 0; i < 9; i++) {
    let digit = value.charCodeAt(8 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === value.charCodeAt(9) - 48;
}
