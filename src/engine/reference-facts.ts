/**
 * Facts from the official code sets and edit tables, looked up for the date of service
 * of each item: the ICD-10-CM, MCE, HCPCS, MUE, NCCI PTP and place-of-service entries a
 * rule tests, each with the version it came from. A table that is not loaded gives
 * `loaded: false`, so no code-set rule fires on it, and the claim-level `reference` fact
 * says what was not checked.
 */
import type { ClaimView, LineView } from '../claim/normalize.js';
import type { PayerProfile } from '../payers/profile.js';
import type { AocTable, PfsEntry, PfsTable, HcpcsTable, IcdTable, InForce, MceTable, MueTable, PosTable, PtpEdit, PtpTable, ReferenceData, ReferenceKind } from '../reference/types.js';

export const REFERENCE_KIND_NAMES: Readonly<Record<ReferenceKind, string>> = {
  icd10cm: 'ICD-10-CM',
  hcpcs: 'HCPCS Level II',
  'ncci-ptp': 'NCCI procedure-to-procedure edits',
  mue: 'Medically Unlikely Edits',
  mce: 'Medicare Code Editor diagnosis edits',
  pos: 'place of service codes',
  pfs: 'Medicare Physician Fee Schedule indicators',
  'ncci-aoc': 'NCCI add-on code edits',
};

export interface VersionFacts {
  loaded: boolean;
  version: string | null;
  outOfRange: boolean;
}

export interface Icd10Facts extends VersionFacts {
  found: boolean;
  billable: boolean;
  title: string | null;
}

export interface MceFacts extends VersionFacts {
  found: boolean;
  ages: string[];
  sex: string | null;
  manifestation: boolean;
}

export interface HcpcsFacts extends VersionFacts {
  found: boolean;
  title: string | null;
  terminated: string | null;
  unknownModifiers: string[];
}

export interface MueFacts extends VersionFacts {
  appliesToPayer: boolean;
  found: boolean;
  limit: number | null;
  mai: number | null;
  rationale: string | null;
}

export interface PtpFacts extends VersionFacts {
  appliesToPayer: boolean;
  found: boolean;
  inForce: boolean;
  column1: LineView | null;
  column2: LineView | null;
  modifierIndicator: number | null;
  rationale: string | null;
  effective: string | null;
  deleted: string | null;
}

export interface PosFacts extends VersionFacts {
  found: boolean;
  name: string | null;
}

export interface PfsFacts extends VersionFacts {
  appliesToPayer: boolean;
  found: boolean;
  /** the row used: '' for the code's own, else the line's 26, TC or 53 when the file has that row */
  modifier: string | null;
  status: string | null;
  pctc: number | null;
  globalDays: string | null;
  multipleProcedure: number | null;
  bilateral: number | null;
  assistant: number | null;
  coSurgeons: number | null;
  team: number | null;
  endoscopicBase: string | null;
}

export interface AddOnFacts extends VersionFacts {
  appliesToPayer: boolean;
  found: boolean;
  type: number | null;
  primaries: string[];
  primaryOnClaim: boolean;
  primaryLines: number[];
  otherLinesSameDay: number;
}

export interface ReferenceSummaryFacts {
  /** tables a check needed but nothing of that kind is loaded */
  notLoaded: string[];
  /** versions used for a date before any loaded version, in words */
  outOfRange: string[];
  /** labels of the versions the claim was checked against */
  versions: string[];
}

export interface ReferenceVersionUsed {
  kind: ReferenceKind;
  version: string;
  effective: string;
}

const NO_AGES: string[] = [];
const NO_MODIFIERS: string[] = [];

/*
 * The facts of a code in one table version never change, and codes repeat from claim to
 * claim: they are built once per table answer and code and shared (rules only read them).
 * Keyed by the answer object of a version, so a new import never sees the facts of an old one.
 */
const FACTS_PER_CODE_LIMIT = 50_000;

class FactsMemo<O extends object, T> {
  private readonly byOwner = new WeakMap<O, Map<string | null, T>>();
  // the owner rarely changes from one lookup to the next: it is checked before the weak map
  private lastOwner: O | undefined;
  private lastMap: Map<string | null, T> | undefined;

  /** `build` is a plain function of owner and key, not a closure: a lookup allocates nothing when the facts are known. */
  constructor(private readonly build: (owner: O, key: string | null) => T) {}

  get(owner: O, key: string | null): T {
    let map = owner === this.lastOwner ? this.lastMap : this.byOwner.get(owner);
    if (map === undefined) {
      map = new Map();
      this.byOwner.set(owner, map);
    }
    this.lastOwner = owner;
    this.lastMap = map;
    let value = map.get(key);
    if (value === undefined) {
      value = this.build(owner, key);
      if (map.size >= FACTS_PER_CODE_LIMIT) map.clear();
      map.set(key, value);
    }
    return value;
  }
}

const icdMemo = new FactsMemo((inForce: InForce<IcdTable>, code) => icd10Facts(inForce, code));
const mceMemo = new FactsMemo((inForce: InForce<MceTable>, code) => mceFacts(inForce, code));
const hcpcsMemo = new FactsMemo((inForce: InForce<HcpcsTable>, code) => hcpcsFacts(inForce, code, NO_MODIFIERS));
const mueMemo = new FactsMemo((inForce: InForce<MueTable>, code) => mueFacts(inForce, true, code));
const mueNotAppliedMemo = new FactsMemo((inForce: InForce<MueTable>, code) => mueFacts(inForce, false, code));
const pfsMemo = new FactsMemo((inForce: InForce<PfsTable>, key) => pfsFacts(inForce, true, key));
const pfsNotAppliedMemo = new FactsMemo((inForce: InForce<PfsTable>, key) => pfsFacts(inForce, false, key));
const posMemo = new FactsMemo((inForce: InForce<PosTable>, code) => posFacts(inForce, code));

function sameVersions(a: readonly ReferenceVersionUsed[], b: readonly ReferenceVersionUsed[]): boolean {
  return a.length === b.length && a.every((v, i) => v.kind === b[i]!.kind && v.effective === b[i]!.effective);
}

const NOTHING_LOADED_KEY = {};
// The tables in force on a date, kept per data source while its revision stays the same.
const tablesCache = new WeakMap<object, { revision: number; byDate: Map<string, TablesOnDate> }>();
const DATES_CACHED = 5_000;

function tablesOn(data: ReferenceData | undefined, date: string): TablesOnDate {
  const revision = data ? data.revision() : 0;
  let cache = tablesCache.get(data ?? NOTHING_LOADED_KEY);
  if (cache === undefined || cache.revision !== revision) {
    cache = { revision, byDate: new Map() };
    tablesCache.set(data ?? NOTHING_LOADED_KEY, cache);
  }
  let tables = cache.byDate.get(date);
  if (tables === undefined) {
    tables = data
      ? {
          date, summaries: new Map(), icd10cm: data.icd10cm(date), hcpcs: data.hcpcs(date), ptp: data.ptp(date), mue: data.mue(date), mce: data.mce(date), pos: data.pos(date),
          pfs: data.pfs(date), aoc: data.aoc(date),
        }
      : { date, summaries: new Map(), icd10cm: undefined, hcpcs: undefined, ptp: undefined, mue: undefined, mce: undefined, pos: undefined, pfs: undefined, aoc: undefined };
    if (cache.byDate.size >= DATES_CACHED) cache.byDate.clear();
    cache.byDate.set(date, tables);
  }
  return tables;
}

// Level I (CPT) modifiers are two digits and AMA's: the HCPCS file cannot vouch for them.
const CPT_MODIFIER = /^[0-9]{2}$/;

interface TablesOnDate {
  date: string;
  /** the summary of this date, by which optional tables a claim needs (a bit mask) */
  summaries: Map<number, { summary: ReferenceSummaryFacts; versions: ReferenceVersionUsed[] }>;
  icd10cm: InForce<IcdTable> | undefined;
  hcpcs: InForce<HcpcsTable> | undefined;
  ptp: InForce<PtpTable> | undefined;
  mue: InForce<MueTable> | undefined;
  mce: InForce<MceTable> | undefined;
  pos: InForce<PosTable> | undefined;
  pfs: InForce<PfsTable> | undefined;
  aoc: InForce<AocTable> | undefined;
}

export class ReferenceLookup {
  private versions: ReferenceVersionUsed[] = [];
  // Items of a claim mostly share a date of service: the tables of the last date asked for are kept.
  private last: TablesOnDate | undefined;
  private noEdit: PtpFacts | undefined;
  private noEditTable: InForce<PtpTable> | undefined;

  constructor(
    private readonly data: ReferenceData | undefined,
    private readonly profile: PayerProfile | undefined,
  ) {}

  private tables(date: string): TablesOnDate {
    const last = this.last;
    if (last !== undefined && last.date === date) return last;
    const tables = tablesOn(this.data, date);
    this.last = tables;
    return tables;
  }

  /** The versions the claim was checked against, by kind (known once `summary` has run). */
  versionsUsed(): ReferenceVersionUsed[] {
    return this.versions;
  }

  get ncciPtpApplies(): boolean {
    return this.profile?.edits?.ncciPtp === true;
  }

  get mueApplies(): boolean {
    return this.profile?.edits?.mue === true;
  }

  get pfsApplies(): boolean {
    return this.profile?.edits?.pfs === true;
  }

  get aocApplies(): boolean {
    return this.profile?.edits?.ncciAoc === true;
  }

  /** What the claim's dates will be checked against, worked out before any item is visited. */
  summary(claim: ClaimView, dates: readonly string[]): ReferenceSummaryFacts {
    const needs = (this.ncciPtpApplies && claim.lineCount > 1 ? 1 : 0) + (this.mueApplies ? 2 : 0) + (this.pfsApplies ? 4 : 0) + (this.aocApplies ? 8 : 0);
    const first = this.summaryOn(dates[0] ?? '', needs);
    if (dates.length <= 1) {
      this.versions = first.versions;
      return first.summary;
    }
    // a claim over several dates: what each date was checked against, together (usually the same versions)
    const others = dates.slice(1).map((date) => this.summaryOn(date, needs));
    if (others.every((o) => o.summary.outOfRange.length === 0 && sameVersions(o.versions, first.versions))) {
      this.versions = first.versions;
      return first.summary;
    }
    const outOfRange = [...first.summary.outOfRange];
    const versions = new Map(first.versions.map((v) => [`${v.kind}|${v.effective}`, v]));
    for (const other of others) {
      outOfRange.push(...other.summary.outOfRange);
      for (const v of other.versions) versions.set(`${v.kind}|${v.effective}`, v);
    }
    this.versions = [...versions.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.effective.localeCompare(b.effective));
    return { notLoaded: first.summary.notLoaded, outOfRange, versions: this.versions.map((v) => v.version) };
  }

  /** The summary of one date of service, the same for every claim with that date and needs: kept with that date's tables. */
  private summaryOn(date: string, needs: number): { summary: ReferenceSummaryFacts; versions: ReferenceVersionUsed[] } {
    const tables = this.tables(date);
    let cached = tables.summaries.get(needs);
    if (cached === undefined) {
      const needed: ReferenceKind[] = ['icd10cm', 'hcpcs', 'mce', 'pos'];
      if (needs & 1) needed.push('ncci-ptp');
      if (needs & 2) needed.push('mue');
      if (needs & 4) needed.push('pfs');
      if (needs & 8) needed.push('ncci-aoc');
      cached = this.summarise(needed, date);
      tables.summaries.set(needs, cached);
    }
    return cached;
  }

  private summarise(needed: readonly ReferenceKind[], date: string): { summary: ReferenceSummaryFacts; versions: ReferenceVersionUsed[] } {
    const notLoaded: string[] = [];
    const outOfRange: string[] = [];
    const used = new Map<string, ReferenceVersionUsed>();
    for (const kind of needed) {
      const inForce = this.inForce(kind, date);
      if (inForce === undefined) {
        notLoaded.push(REFERENCE_KIND_NAMES[kind]);
        continue;
      }
      const v = inForce.version;
      used.set(`${v.kind}|${v.effective}`, { kind: v.kind, version: v.label, effective: v.effective });
      if (inForce.outOfRange) outOfRange.push(`${v.label} for ${date} (no version loaded is in force on that date)`);
    }
    const versions = [...used.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.effective.localeCompare(b.effective));
    return { summary: { notLoaded, outOfRange, versions: versions.map((v) => v.version) }, versions };
  }

  private inForce(kind: ReferenceKind, date: string): InForce<unknown> | undefined {
    const tables = this.tables(date);
    return kind === 'ncci-ptp' ? tables.ptp : kind === 'ncci-aoc' ? tables.aoc : tables[kind];
  }

  // Fact objects are written out field by field, always in the same order, so V8 keeps one
  // shape per kind of fact on the hot path (object spreads here cost more than the lookups).

  icd10(codeWithoutDot: string | null, date: string): Icd10Facts {
    const inForce = this.tables(date).icd10cm;
    if (!inForce) return ICD_NOT_LOADED;
    return icdMemo.get(inForce, codeWithoutDot);
  }

  mce(codeWithoutDot: string | null, date: string): MceFacts {
    const inForce = this.tables(date).mce;
    if (!inForce) return MCE_NOT_LOADED;
    return mceMemo.get(inForce, codeWithoutDot);
  }

  hcpcs(line: LineView, date: string): HcpcsFacts {
    const inForce = this.tables(date).hcpcs;
    if (!inForce) return HCPCS_NOT_LOADED;
    // the code's facts are shared; a line gets facts of its own only when it carries an unknown modifier
    const shared = hcpcsMemo.get(inForce, line.procedureCode);
    for (const m of line.modifiers) {
      if (!modifierKnown(inForce, m)) return hcpcsFacts(inForce, line.procedureCode, line.modifiers);
    }
    return shared;
  }

  mue(line: LineView, date: string): MueFacts {
    const appliesToPayer = this.mueApplies;
    const inForce = this.tables(date).mue;
    if (!inForce) return appliesToPayer ? MUE_NOT_LOADED : MUE_NOT_LOADED_NOT_APPLIED;
    return (appliesToPayer ? mueMemo : mueNotAppliedMemo).get(inForce, line.procedureCode);
  }

  ptp(first: LineView, second: LineView, sameServiceDate: boolean, date: string): PtpFacts {
    const appliesToPayer = this.ncciPtpApplies;
    const inForce = this.tables(date).ptp;
    const a = first.procedureCode;
    const b = second.procedureCode;
    let column1 = first;
    let column2 = second;
    let edit: PtpEdit | undefined;
    if (inForce && sameServiceDate && a !== null && b !== null && a !== b) {
      edit = inForce.table.get(a, b);
      if (!edit) {
        edit = inForce.table.get(b, a);
        column1 = second;
        column2 = first;
      }
    }
    if (edit !== undefined) return ptpFacts(inForce, appliesToPayer, edit, column1, column2, date);
    // every pair without an edit has the same facts: one object per claim and table
    if (this.noEdit === undefined || this.noEditTable !== inForce) {
      this.noEdit = Object.freeze(ptpFacts(inForce, appliesToPayer, undefined, first, second, date));
      this.noEditTable = inForce;
    }
    return this.noEdit;
  }

  /**
   * The global surgery days of a code in the fee schedule in force on `date`, or null when no
   * table is in force or the code is not in it. Whatever the payer: the rules that use it
   * check the line's own `pfs.appliesToPayer`. Asked for earlier claims' dates, so the tables
   * kept for this claim's own date are left as they are.
   */
  globalDays(code: string, date: string): string | null {
    if (this.data === undefined) return null;
    const inForce = (this.last !== undefined && this.last.date === date ? this.last : tablesOn(this.data, date)).pfs;
    return inForce ? (inForce.table.get(code)?.globalDays ?? null) : null;
  }

  pfs(line: LineView, date: string): PfsFacts {
    const appliesToPayer = this.pfsApplies;
    const inForce = this.tables(date).pfs;
    if (!inForce) return appliesToPayer ? PFS_NOT_LOADED : PFS_NOT_LOADED_NOT_APPLIED;
    const code = line.procedureCode;
    const part = componentModifier(line.modifiers);
    return (appliesToPayer ? pfsMemo : pfsNotAppliedMemo).get(inForce, code === null ? null : part === '' ? code : `${code}-${part}`);
  }

  /**
   * Whether the line's code is an add-on code and, if so, whether a primary its edits list is
   * billed on another line with the same date of service. `sameDay` are the other lines of
   * that date (empty without a valid date).
   */
  addOn(line: LineView, sameDay: readonly LineView[], date: string): AddOnFacts {
    const appliesToPayer = this.aocApplies;
    const inForce = this.tables(date).aoc;
    const edits = inForce && line.procedureCode !== null ? inForce.table.edits(line.procedureCode) : undefined;
    if (inForce === undefined || edits === undefined || edits.length === 0) {
      if (!inForce) return appliesToPayer ? AOC_NOT_LOADED : AOC_NOT_LOADED_NOT_APPLIED;
      return appliesToPayer ? notAnAddOnApplied.get(inForce, null) : notAnAddOnNotApplied.get(inForce, null);
    }
    // the strictest type wins when CMS lists a code under more than one
    let type = 3;
    const primaries: string[] = [];
    for (const edit of edits) {
      if (edit.type === 1 || (edit.type === 2 && type === 3)) type = edit.type;
      if (edit.primary !== CONTRACTOR_DEFINED) primaries.push(edit.primary);
    }
    const primaryLines: number[] = [];
    for (const other of sameDay) if (other.procedureCode !== null && primaries.includes(other.procedureCode)) primaryLines.push(other.number);
    return {
      loaded: true,
      version: inForce.version.label,
      outOfRange: inForce.outOfRange,
      appliesToPayer,
      found: true,
      type,
      primaries,
      primaryOnClaim: primaryLines.length > 0,
      primaryLines,
      otherLinesSameDay: sameDay.length,
    };
  }

  pos(code: string | null, date: string): PosFacts {
    const inForce = this.tables(date).pos;
    if (!inForce) return POS_NOT_LOADED;
    return posMemo.get(inForce, code);
  }
}

// Built by the same functions as loaded facts, so both have one object shape.
function icd10Facts(inForce: InForce<IcdTable> | undefined, codeWithoutDot: string | null): Icd10Facts {
  const entry = inForce && codeWithoutDot !== null ? inForce.table.get(codeWithoutDot) : undefined;
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    found: entry !== undefined,
    billable: entry ? entry.billable : false,
    title: entry ? entry.title : null,
  };
}

function mceFacts(inForce: InForce<MceTable> | undefined, codeWithoutDot: string | null): MceFacts {
  const entry = inForce && codeWithoutDot !== null ? inForce.table.get(codeWithoutDot) : undefined;
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    found: entry !== undefined,
    ages: entry ? entry.ages : NO_AGES,
    sex: entry?.sex ?? null,
    manifestation: entry ? entry.manifestation : false,
  };
}

// the key is a modifier: never null here
const modifierMemo = new FactsMemo((inForce: InForce<HcpcsTable>, modifier: string | null) => modifier === '' || CPT_MODIFIER.test(modifier ?? '') || inForce.table.modifier(modifier ?? '') !== undefined);

/** Whether a modifier needs no finding: empty (the format rule's business), a CPT modifier, or in the HCPCS file. */
function modifierKnown(inForce: InForce<HcpcsTable>, modifier: string): boolean {
  return modifierMemo.get(inForce, modifier);
}

function hcpcsFacts(inForce: InForce<HcpcsTable> | undefined, procedureCode: string | null, modifiers: readonly string[]): HcpcsFacts {
  const entry = inForce && procedureCode !== null ? inForce.table.code(procedureCode) : undefined;
  let unknownModifiers: string[] = NO_MODIFIERS;
  if (inForce) {
    for (const m of modifiers) {
      if (modifierKnown(inForce, m)) continue;
      if (unknownModifiers === NO_MODIFIERS) unknownModifiers = [];
      unknownModifiers.push(m);
    }
  }
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    found: entry !== undefined,
    title: entry ? entry.title : null,
    terminated: entry?.terminated ?? null,
    unknownModifiers,
  };
}

function mueFacts(inForce: InForce<MueTable> | undefined, appliesToPayer: boolean, code: string | null): MueFacts {
  const entry = inForce && code !== null ? inForce.table.get(code) : undefined;
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    appliesToPayer,
    found: entry !== undefined,
    limit: entry ? entry.units : null,
    mai: entry ? entry.mai : null,
    rationale: entry ? entry.rationale : null,
  };
}

function ptpFacts(inForce: InForce<PtpTable> | undefined, appliesToPayer: boolean, edit: PtpEdit | undefined, column1: LineView, column2: LineView, date: string): PtpFacts {
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    appliesToPayer,
    found: edit !== undefined,
    inForce: edit !== undefined && (edit.effective === null || edit.effective <= date) && (edit.deleted === null || date <= edit.deleted),
    column1: edit ? column1 : null,
    column2: edit ? column2 : null,
    modifierIndicator: edit ? edit.modifierIndicator : null,
    rationale: edit ? edit.rationale : null,
    effective: edit ? edit.effective : null,
    deleted: edit ? edit.deleted : null,
  };
}

function posFacts(inForce: InForce<PosTable> | undefined, code: string | null): PosFacts {
  const entry = inForce && code !== null ? inForce.table.get(code) : undefined;
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    found: entry !== undefined,
    name: entry ? entry.name : null,
  };
}

/** The PPRRVU lists these modifiers' parts of a code as rows of their own. */
const COMPONENT_MODIFIERS = ['26', 'TC', '53'];
const CONTRACTOR_DEFINED = 'CCCCC';

function componentModifier(modifiers: readonly string[]): string {
  for (const m of modifiers) if (COMPONENT_MODIFIERS.includes(m)) return m;
  return '';
}

/** `key` is the code, or "code-modifier" for a 26, TC or 53 line: that row when the file has it, else the code's own. */
function pfsFacts(inForce: InForce<PfsTable> | undefined, appliesToPayer: boolean, key: string | null): PfsFacts {
  let entry: PfsEntry | undefined;
  if (inForce && key !== null) {
    const dash = key.indexOf('-');
    entry = dash < 0 ? inForce.table.get(key) : (inForce.table.get(key.slice(0, dash), key.slice(dash + 1)) ?? inForce.table.get(key.slice(0, dash)));
  }
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    appliesToPayer,
    found: entry !== undefined,
    modifier: entry ? entry.modifier : null,
    status: entry ? entry.status : null,
    pctc: entry ? entry.pctc : null,
    globalDays: entry ? entry.globalDays : null,
    multipleProcedure: entry ? entry.multipleProcedure : null,
    bilateral: entry ? entry.bilateral : null,
    assistant: entry ? entry.assistant : null,
    coSurgeons: entry ? entry.coSurgeons : null,
    team: entry ? entry.team : null,
    endoscopicBase: entry ? entry.endoscopicBase || null : null,
  };
}

const NO_PRIMARIES: string[] = [];
const NO_LINES: number[] = [];

function notAnAddOn(inForce: InForce<AocTable> | undefined, appliesToPayer: boolean): AddOnFacts {
  return {
    loaded: inForce !== undefined,
    version: inForce ? inForce.version.label : null,
    outOfRange: inForce ? inForce.outOfRange : false,
    appliesToPayer,
    found: false,
    type: null,
    primaries: NO_PRIMARIES,
    primaryOnClaim: false,
    primaryLines: NO_LINES,
    otherLinesSameDay: 0,
  };
}

const notAnAddOnApplied = new FactsMemo((inForce: InForce<AocTable>) => notAnAddOn(inForce, true));
const notAnAddOnNotApplied = new FactsMemo((inForce: InForce<AocTable>) => notAnAddOn(inForce, false));

const PFS_NOT_LOADED = pfsFacts(undefined, true, null);
const PFS_NOT_LOADED_NOT_APPLIED = pfsFacts(undefined, false, null);
const AOC_NOT_LOADED = notAnAddOn(undefined, true);
const AOC_NOT_LOADED_NOT_APPLIED = notAnAddOn(undefined, false);
const ICD_NOT_LOADED = icd10Facts(undefined, null);
const MCE_NOT_LOADED = mceFacts(undefined, null);
const HCPCS_NOT_LOADED = hcpcsFacts(undefined, null, NO_MODIFIERS);
const MUE_NOT_LOADED = mueFacts(undefined, true, null);
const MUE_NOT_LOADED_NOT_APPLIED = mueFacts(undefined, false, null);
const POS_NOT_LOADED = posFacts(undefined, null);
