import type { HeaderSpec } from '../text/header.js';
import type { ReferenceKind } from '../types.js';

export interface HeaderLayout<K extends string = string> {
  name: string;
  spec: HeaderSpec<K>;
  required: readonly K[];
}

const is = (...names: string[]) => (n: string) => names.includes(n);

export const PTP_LAYOUT: HeaderLayout<'column1' | 'column2' | 'prior1996' | 'effective' | 'deleted' | 'modifier' | 'rationale'> = {
  name: 'NCCI PTP',
  spec: {
    column1: is('column1', 'col1', 'column1code'),
    column2: is('column2', 'col2', 'column2code'),
    prior1996: (n) => n.includes('1996'),
    effective: (n) => n.startsWith('eff'),
    deleted: (n) => n.startsWith('delet'),
    modifier: (n) => n.startsWith('modifier'),
    rationale: (n) => n.includes('rationale'),
  },
  required: ['column1', 'column2', 'deleted', 'modifier'],
};

export const MUE_LAYOUT: HeaderLayout<'code' | 'mai' | 'units' | 'rationale'> = {
  name: 'MUE',
  spec: {
    code: is('hcpcscode', 'hcpcscptcode', 'cpthcpcscode', 'hcpcs', 'code', 'hcpcscptcodes'),
    mai: (n) => n.includes('adjudication') || n.endsWith('mai'),
    units: (n) => n.includes('mue') && (n.includes('value') || n.includes('unit')),
    rationale: (n) => n.includes('rationale'),
  },
  required: ['code', 'units', 'mai'],
};

export const MCE_GROUP_LAYOUT: HeaderLayout<'code' | 'description' | 'group' | 'rule'> = {
  name: 'MCE (conflict group and rule)',
  spec: {
    code: is('icdcode', 'icd10code', 'icd10cmcode', 'diagnosiscode', 'code'),
    description: (n) => n.includes('desc'),
    group: (n) => n.includes('conflictgroup') || n === 'group',
    rule: (n) => n.includes('conflictrule') || n === 'rule',
  },
  required: ['code', 'rule'],
};

export const MCE_EDIT_TYPE_LAYOUT: HeaderLayout<'mceVersion' | 'icdVersion' | 'editType' | 'codeType' | 'code' | 'description'> = {
  name: 'MCE (edit type)',
  spec: {
    mceVersion: is('mceversion'),
    icdVersion: is('icdversion'),
    editType: is('mceedittype', 'edittype'),
    codeType: is('icdcodetype', 'codetype'),
    code: is('icdcode', 'code'),
    description: (n) => n.includes('desc'),
  },
  required: ['editType', 'codeType', 'code'],
};

export const POS_LAYOUT: HeaderLayout<'code' | 'name'> = {
  name: 'place of service',
  spec: {
    code: is('placeofservicecode', 'placeofservicecodes', 'poscode', 'pos', 'code'),
    name: is('placeofservicename', 'name', 'posname', 'description', 'placeofservicedescription'),
  },
  required: ['code', 'name'],
};

export const HCPCS_CSV_LAYOUT: HeaderLayout<'code' | 'seq' | 'recid' | 'long' | 'short' | 'terminated'> = {
  name: 'HCPCS Level II',
  spec: {
    code: is('hcpcs', 'hcpc', 'hcpcscode', 'hcpcscd', 'code'),
    seq: is('seqnum', 'sequencenumber', 'seq'),
    recid: is('recid', 'recordid', 'ric'),
    long: is('longdescription', 'longdesc', 'long'),
    short: is('shortdescription', 'shortdesc', 'short'),
    terminated: (n) => n === 'termdt' || n.startsWith('termination'),
  },
  required: ['code', 'recid', 'short'],
};

/**
 * The indicators of the PFS relative value file (PPRRVU): CMS's own CSV, whose column names
 * may be stacked over a few rows ("STATUS" above "CODE"), or a CSV with short names such as
 * hcpcs_code, mod, status, pctc, glob, mult_proc, bilat_surg, asst_surg, co_surg, team_surg, endo_base.
 */
export const PFS_LAYOUT: HeaderLayout<
  'code' | 'modifier' | 'status' | 'pctc' | 'globalDays' | 'multipleProcedure' | 'bilateral' | 'assistant' | 'coSurgeons' | 'team' | 'endoscopicBase'
> = {
  name: 'PFS relative value (PPRRVU)',
  spec: {
    code: (n) => n === 'hcpcs' || n === 'hcpcscode' || n === 'cpthcpcs' || n.endsWith('hcpcs'),
    modifier: (n) => n === 'mod' || n === 'modifier',
    status: (n) => n === 'status' || n.startsWith('statuscode') || n === 'statusind' || n === 'procstat',
    pctc: (n) => n.startsWith('pctc'),
    globalDays: (n) => n.startsWith('glob'),
    multipleProcedure: (n) => n.startsWith('mult'),
    bilateral: (n) => n.startsWith('bilat'),
    assistant: (n) => n.startsWith('asst') || n.startsWith('assist'),
    coSurgeons: (n) => n.startsWith('cosurg'),
    team: (n) => n.startsWith('teamsurg') || n === 'team',
    endoscopicBase: (n) => n.startsWith('endo'),
  },
  required: ['code', 'modifier', 'status', 'pctc', 'globalDays', 'multipleProcedure', 'bilateral', 'assistant', 'coSurgeons', 'team'],
};

/**
 * The NCCI add-on code edit table: CMS's columns (Add-on Code, Primary Code, AOC Edit Type,
 * AOC Edit Eff Dt, AOC Edit Del Dt, each deletion date in Julian YYYYDDD form) or the decoded
 * CSV's primary_code, add_on_code, aoc_edit_type.
 */
export const AOC_LAYOUT: HeaderLayout<'addOn' | 'primary' | 'type' | 'effective' | 'deleted' | 'addOnDeleted' | 'primaryDeleted'> = {
  name: 'NCCI add-on code edit',
  spec: {
    addOn: (n) => n === 'addoncode' || n === 'aoc' || n === 'addon',
    primary: (n) => n === 'primarycode' || n === 'primary',
    type: (n) => n.includes('edittype') || n === 'type',
    effective: (n) => n.startsWith('aoceditef') || n.startsWith('editeff') || n === 'effective',
    deleted: (n) => n.startsWith('aoceditdel') || n.startsWith('editdel') || n === 'deleted',
    addOnDeleted: (n) => n.startsWith('aocdel') || n.startsWith('addoncodedel'),
    primaryDeleted: (n) => n.startsWith('primarycodedel') || n.startsWith('primarydel'),
  },
  required: ['addOn', 'primary', 'type'],
};

/** Headers of every delimited kind, so a file given as the wrong kind can be named as what it is. */
export const HEADER_LAYOUTS: ReadonlyArray<{ kind: ReferenceKind; layout: HeaderLayout }> = [
  { kind: 'ncci-ptp', layout: PTP_LAYOUT },
  { kind: 'mue', layout: MUE_LAYOUT },
  { kind: 'mce', layout: MCE_EDIT_TYPE_LAYOUT },
  { kind: 'mce', layout: MCE_GROUP_LAYOUT },
  { kind: 'pos', layout: POS_LAYOUT },
  { kind: 'hcpcs', layout: HCPCS_CSV_LAYOUT },
  { kind: 'pfs', layout: PFS_LAYOUT },
  { kind: 'ncci-aoc', layout: AOC_LAYOUT },
];

export function describeHeader(layout: HeaderLayout): string {
  return `a ${layout.name} header row with columns ${layout.required.join(', ')}`;
}

/** Recognises the fixed-width files, which have no header row. */
export function fixedWidthKindOf(text: string): ReferenceKind | null {
  if (/^\d{5} [A-Z][0-9A-Z][0-9A-Z ]{5} [01] /.test(text) && text.length >= 78) return 'icd10cm';
  if (text.length === 320 && /^(?:[A-Z0-9]{5}|   [A-Z0-9]{2})\d{5}[3478]/.test(text)) return 'hcpcs';
  return null;
}
