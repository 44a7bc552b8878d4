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

/** Headers of every delimited kind, so a file given as the wrong kind can be named as what it is. */
export const HEADER_LAYOUTS: ReadonlyArray<{ kind: ReferenceKind; layout: HeaderLayout }> = [
  { kind: 'ncci-ptp', layout: PTP_LAYOUT },
  { kind: 'mue', layout: MUE_LAYOUT },
  { kind: 'mce', layout: MCE_EDIT_TYPE_LAYOUT },
  { kind: 'mce', layout: MCE_GROUP_LAYOUT },
  { kind: 'pos', layout: POS_LAYOUT },
  { kind: 'hcpcs', layout: HCPCS_CSV_LAYOUT },
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
