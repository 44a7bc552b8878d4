import { ReferenceArgumentError, ReferenceFormatError } from './errors.js';
import type { VersionHints } from './parsers/types.js';
import { isIsoDate } from './text/dates.js';
import type { ReferenceKind } from './types.js';

/**
 * Used for tables that carry no date (the place of service list, a HCPCS CSV without a year in
 * its name) so that they apply to every date of service until a dated version is imported.
 */
export const UNDATED_EFFECTIVE = '1900-01-01';

const MONTHS: Record<string, string> = { jan: '01', apr: '04', jul: '07', oct: '10' };

export interface ResolvedVersion {
  effective: string;
  label: string;
}

/** Effective date and label of an import: the one given, else what the file name or content tells. */
export function resolveVersion(kind: ReferenceKind, fileName: string, hints: VersionHints, given?: string): ResolvedVersion {
  if (given !== undefined && !isIsoDate(given)) {
    throw new ReferenceArgumentError(`effective date must be a real date YYYY-MM-DD, not ${JSON.stringify(given)}`);
  }
  const name = fileName.toLowerCase();
  const effective = given ?? fromName(kind, name) ?? hints.effective ?? undatedDefault(kind);
  if (effective === undefined || !isIsoDate(effective)) {
    throw new ReferenceFormatError(
      fileName,
      0,
      `an effective date: pass --effective YYYY-MM-DD, or keep the date in the file name (e.g. ${EXAMPLE_NAMES[kind]})`,
    );
  }
  return { effective, label: labelOf(kind, effective, name, hints) };
}

const EXAMPLE_NAMES: Record<ReferenceKind, string> = {
  icd10cm: 'icd10cm-order-2026.txt',
  hcpcs: 'HCPC2024_JAN_ANWEB.txt',
  'ncci-ptp': 'ptp_practitioner_eff_2024-07-01.csv or ccipra-v302r0-f1.txt',
  mue: 'mue_practitioner_eff_2024-07-01.csv or MCR_MUE_PractitionerServices_Eff_07-01-2024.csv',
  mce: 'mce_v41.1_....csv or ..._FY2020.tsv',
  pos: 'place_of_service.csv',
  pfs: 'PPRRVU24_JUL.csv, RVU24C.zip or pfs_rvu_indicators_2024-07.csv',
  'ncci-aoc': 'aoc_eff_2024-06-03.csv or AOC_2024Q3.csv',
};

/** CMS's quarterly RVU releases: A in January, B in April, C in July, D in October. */
const RVU_RELEASES: Record<string, string> = { a: '01', b: '04', c: '07', d: '10' };

function year(name: string): number | undefined {
  const m = /(?<!\d)(20\d\d)(?!\d)/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

function fromName(kind: ReferenceKind, name: string): string | undefined {
  switch (kind) {
    case 'icd10cm': {
      const y = year(name);
      if (y === undefined) return undefined;
      // FY N runs from N-1-10-01; CDC's mid-year releases are named "April".
      return name.includes('april') ? `${y}-04-01` : `${y - 1}-10-01`;
    }
    case 'hcpcs': {
      const m = /hcpc(20\d\d)(?:_?(jan|apr|jul|oct))?/.exec(name);
      const y = m === null ? year(name) : Number(m[1]);
      if (y === undefined) return undefined;
      const month = MONTHS[m?.[2] ?? /(?<![a-z])(jan|apr|jul|oct)/.exec(name)?.[1] ?? 'jan'] ?? '01';
      return `${y}-${month}-01`;
    }
    case 'ncci-ptp':
    case 'mue':
      return ncciDate(name);
    case 'mce': {
      const fy = /fy[_-]?(20\d\d)/.exec(name);
      if (fy !== null) return `${Number(fy[1]) - 1}-10-01`;
      const v = /(?<![a-z])v(\d{2})(?:\.(\d))?(?!\d)/.exec(name);
      if (v === null) return undefined;
      // MCE version N is the grouper release for FY N+1983; ".1" is its April update.
      const fiscal = Number(v[1]) + 1983;
      return v[2] !== undefined && v[2] !== '0' ? `${fiscal}-04-01` : `${fiscal - 1}-10-01`;
    }
    case 'pos':
      return undefined;
    case 'ncci-aoc':
      return ncciDate(name);
    case 'pfs':
      return pfsDate(name);
  }
}

function pfsDate(name: string): string | undefined {
  const release = /(?<![a-z])rvu(\d\d)([a-d])(?![a-z])/.exec(name);
  if (release !== null) return `20${release[1]}-${RVU_RELEASES[release[2] as string]}-01`;
  const file = /pprrvu(?:20)?(\d\d)_?(jan|apr|jul|oct)/.exec(name);
  if (file !== null) return `20${file[1]}-${MONTHS[file[2] as string]}-01`;
  const month = /(?<!\d)(20\d\d)-(0[1-9]|1[0-2])(?:-(\d\d))?(?!\d)/.exec(name);
  if (month !== null) return `${month[1]}-${month[2]}-${month[3] ?? '01'}`;
  return undefined;
}

function ncciDate(name: string): string | undefined {
  const iso = /eff[_-]?(20\d\d)-?(\d\d)-?(\d\d)(?!\d)/.exec(name);
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = /eff[_-]?(\d\d)-(\d\d)-(20\d\d)(?!\d)/.exec(name);
  if (us !== null) return `${us[3]}-${us[1]}-${us[2]}`;
  // CMS names releases v<major><quarter>r<revision>: v302r0 is 2024's third quarter.
  const release = /(?<![a-z0-9])(?:cci[a-z]*-)?v(\d\d)(\d)r\d/.exec(name);
  if (release !== null && Number(release[2]) <= 3) {
    return `${Number(release[1]) + 1994}-${String(1 + 3 * Number(release[2])).padStart(2, '0')}-01`;
  }
  const quarter = /(20\d\d)[_-]?q([1-4])/.exec(name);
  if (quarter !== null) return `${quarter[1]}-${String(1 + 3 * (Number(quarter[2]) - 1)).padStart(2, '0')}-01`;
  return undefined;
}

function undatedDefault(kind: ReferenceKind): string | undefined {
  return kind === 'pos' || kind === 'hcpcs' ? UNDATED_EFFECTIVE : undefined;
}

function labelOf(kind: ReferenceKind, effective: string, name: string, hints: VersionHints): string {
  const y = Number(effective.slice(0, 4));
  const month = effective.slice(5, 7);
  const undated = effective === UNDATED_EFFECTIVE;
  switch (kind) {
    case 'icd10cm': {
      const fy = Number(month) >= 10 ? y + 1 : y;
      return month === '10' || month === '11' || month === '12' ? `ICD-10-CM FY${fy}` : `ICD-10-CM FY${fy} (update of ${effective})`;
    }
    case 'hcpcs':
      return undated ? 'HCPCS Level II (undated)' : `HCPCS Level II ${month === '01' ? y : effective}`;
    case 'ncci-ptp':
      return `NCCI PTP practitioner edits ${effective}`;
    case 'mue':
      return `MUE practitioner ${effective}`;
    case 'mce': {
      const v = /(?<![a-z])v(\d{2}(?:\.\d)?)(?![\d.])/.exec(name)?.[1];
      return `Medicare Code Editor ${v !== undefined ? `v${v}` : (hints.release ?? effective)}`;
    }
    case 'pos':
      return undated ? 'Place of service codes' : `Place of service codes ${effective}`;
    case 'pfs':
      return `Medicare PFS relative value file ${effective}`;
    case 'ncci-aoc':
      return `NCCI add-on code edits ${effective}`;
  }
}
