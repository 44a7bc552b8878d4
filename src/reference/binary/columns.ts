/** Column positions of each code-keyed table, shared by the parser that writes and the reader. */
export const ICD_COLUMNS = { ints: { billable: 0 }, strings: { title: 0, shortTitle: 1 }, intCount: 1, stringCount: 2 } as const;
export const HCPCS_COLUMNS = { ints: { modifier: 0, terminated: 1 }, strings: { title: 0, longTitle: 1 }, intCount: 2, stringCount: 2 } as const;
export const MUE_COLUMNS = { ints: { units: 0, mai: 1 }, strings: { rationale: 0 }, intCount: 2, stringCount: 1 } as const;
export const MCE_COLUMNS = { ints: { ages: 0, sex: 1, manifestation: 2 }, strings: { description: 0 }, intCount: 3, stringCount: 1 } as const;
export const POS_COLUMNS = { ints: {}, strings: { name: 0 }, intCount: 0, stringCount: 1 } as const;

/** HCPCS termination dates are kept as the integer YYYYMMDD, 0 when none. */

/** Bits of the MCE age column, in the order the API lists the groups. */
export const MCE_AGE_BITS = { newborn: 1, pediatric: 2, maternity: 4, adult: 8 } as const;
export const MCE_SEX = { none: 0, female: 1, male: 2 } as const;
