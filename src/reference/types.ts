export type ReferenceKind = 'icd10cm' | 'hcpcs' | 'ncci-ptp' | 'mue' | 'mce' | 'pos' | 'pfs' | 'ncci-aoc';

export const REFERENCE_KINDS: readonly ReferenceKind[] = ['icd10cm', 'hcpcs', 'ncci-ptp', 'mue', 'mce', 'pos', 'pfs', 'ncci-aoc'];

export function isReferenceKind(value: string): value is ReferenceKind {
  return (REFERENCE_KINDS as readonly string[]).includes(value);
}

export interface TableVersion {
  kind: ReferenceKind;
  /** ISO date from which this version applies. */
  effective: string;
  label: string;
  rows: number;
  /** File name the version was imported from. */
  source: string;
  /** ISO timestamp of the import. */
  importedAt: string;
  /** What a reader of the version should know about how it was read, e.g. that the file gave no dates. */
  note?: string;
}

export interface InForce<T> {
  version: TableVersion;
  /** True when no version is effective on or before the date asked for, so the oldest one is used. */
  outOfRange: boolean;
  table: T;
}

export interface IcdEntry {
  billable: boolean;
  title: string;
}

export interface HcpcsCodeEntry {
  title: string;
  /** Last date the code may be used (ISO), when CMS has terminated it. */
  terminated?: string;
}

export interface HcpcsModifierEntry {
  title: string;
}

export interface PtpEdit {
  column1: string;
  column2: string;
  effective: string | null;
  deleted: string | null;
  modifierIndicator: 0 | 1 | 9;
  rationale: string;
}

export interface MueEntry {
  units: number;
  mai: 1 | 2 | 3;
  rationale: string;
}

export type MceAgeGroup = 'newborn' | 'pediatric' | 'maternity' | 'adult';

export interface MceEntry {
  ages: MceAgeGroup[];
  sex?: 'female' | 'male';
  manifestation: boolean;
}

/** PFS global days: days of post-operative care in the payment, or the letter codes of the RVU file. */
export type PfsGlobalDays = '000' | '010' | '090' | 'MMM' | 'XXX' | 'YYY' | 'ZZZ';

/** The payment policy indicators of one PPRRVU row (a code, or a code with modifier 26, TC or 53). */
export interface PfsEntry {
  code: string;
  /** '' for the code's own row, else 26, TC or 53 */
  modifier: string;
  status: string;
  pctc: number;
  globalDays: PfsGlobalDays;
  multipleProcedure: number;
  bilateral: number;
  assistant: number;
  coSurgeons: number;
  team: number;
  /** the endoscopic base code, or '' */
  endoscopicBase: string;
}

/** Edit types of the NCCI add-on code table. */
export type AocEditType = 1 | 2 | 3;

export interface AocEdit {
  addOn: string;
  /** the primary code, or CCCCC when the contractor defines the primaries (type 2) */
  primary: string;
  type: AocEditType;
  effective: string | null;
  /** last day the edit applies, or null */
  deleted: string | null;
}

export interface PosEntry {
  name: string;
}

/** One code a search found: the code as it is written (ICD-10-CM with its dot) and what it means. */
export interface CodeMatch {
  code: string;
  meaning: string;
  /** ICD-10-CM only: false for a category header, which is not a code a claim may carry */
  billable?: boolean;
}

export interface CodeSearchResult {
  /** codes whose code starts with the query first, then codes whose description holds every word of it; at most the limit */
  codes: CodeMatch[];
  /** how many codes match in all */
  total: number;
}

/**
 * Finds codes by the start of the code (any case; a dot is ignored) and by words of the
 * description (every word, any case). `limit` is 1 to MAX_SEARCH_LIMIT, default DEFAULT_SEARCH_LIMIT.
 */
export type SearchCodes = (query: string, limit?: number) => CodeSearchResult;

/**
 * Codes another table lists without describing them, found by their start beside the
 * described ones: the MUE table lists CPT codes, whose descriptions the AMA licenses.
 */
export interface UndescribedCodes {
  /** upper-case codes starting with the prefix, in code order */
  codesStartingWith(prefix: string): Iterable<string>;
  /** what a code found only there is said to mean */
  meaning: string;
}

export interface IcdTable {
  get(codeWithoutDot: string): IcdEntry | undefined;
  search: SearchCodes;
}

export interface HcpcsTable {
  code(code: string): HcpcsCodeEntry | undefined;
  modifier(mod: string): HcpcsModifierEntry | undefined;
  /** procedure codes only; with `also`, its codes this table lacks are found by their start too */
  searchCodes(query: string, limit?: number, also?: UndescribedCodes): CodeSearchResult;
  searchModifiers: SearchCodes;
}

export interface PtpTable {
  /**
   * The edit for the pair as it stood on the date the table was asked for. A pair that CMS
   * deleted and later re-added has several records; the one not yet deleted on that date wins,
   * otherwise the most recently deleted one is returned so the caller can see it is gone.
   */
  get(column1: string, column2: string): PtpEdit | undefined;
  /** Every record of the pair in the version, in no particular order. */
  history(column1: string, column2: string): PtpEdit[];
}

export interface MueTable {
  get(code: string): MueEntry | undefined;
  /** upper-case codes of the table starting with the prefix (any case), in code order */
  codesStartingWith(prefix: string): Iterable<string>;
}

export interface MceTable {
  get(codeWithoutDot: string): MceEntry | undefined;
}

export interface PfsTable {
  /** The row of the code with that modifier ('' for the code's own row). */
  get(code: string, modifier?: string): PfsEntry | undefined;
}

export interface AocTable {
  /** The edits of an add-on code in force on the date the table was asked for; empty when it is not an add-on code. */
  edits(addOn: string): readonly AocEdit[];
}

export interface PosTable {
  get(code: string): PosEntry | undefined;
  search: SearchCodes;
}

export interface ReferenceData {
  loaded(kind: ReferenceKind): TableVersion[];
  icd10cm(date: string): InForce<IcdTable> | undefined;
  hcpcs(date: string): InForce<HcpcsTable> | undefined;
  ptp(date: string): InForce<PtpTable> | undefined;
  mue(date: string): InForce<MueTable> | undefined;
  mce(date: string): InForce<MceTable> | undefined;
  pos(date: string): InForce<PosTable> | undefined;
  pfs(date: string): InForce<PfsTable> | undefined;
  aoc(date: string): InForce<AocTable> | undefined;
  /** Re-reads the data folder now instead of waiting for the periodic check. */
  reload(): void;
  /** A number that changes whenever what is loaded may have changed; callers may keep answers while it stays the same. */
  revision(): number;
}
