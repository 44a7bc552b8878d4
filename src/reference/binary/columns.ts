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

/**
 * PFS indicators: the single-digit indicators as numbers, the status code as its character
 * code, global days as its position in PFS_GLOBAL_DAYS; the endoscopic base code as text.
 */
export const PFS_COLUMNS = {
  ints: { status: 0, pctc: 1, globalDays: 2, multipleProcedure: 3, bilateral: 4, assistant: 5, coSurgeons: 6, team: 7 },
  strings: { endoscopicBase: 0 },
  intCount: 8,
  stringCount: 1,
} as const;

export const PFS_GLOBAL_DAYS = ['000', '010', '090', 'MMM', 'XXX', 'YYY', 'ZZZ'] as const;
