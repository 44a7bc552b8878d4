/**
 * Facts from the official code sets and edit tables, looked up for the date of service
 * of each item: the ICD-10-CM, MCE, HCPCS, MUE, NCCI PTP and place-of-service entries a
 * rule tests, each with the version it came from. A table that is not loaded gives
 * `loaded: false`, so no code-set rule fires on it, and the claim-level `reference` fact
 * says what was not checked.
 */
import type { ClaimView, LineView } from '../claim/normalize.js';
import type { PayerProfile } from '../payers/profile.js';
import type { InForce, ReferenceData, ReferenceKind, TableVersion } from '../reference/types.js';

export const REFERENCE_KIND_NAMES: Readonly<Record<ReferenceKind, string>> = {
  icd10cm: 'ICD-10-CM',
  hcpcs: 'HCPCS Level II',
  'ncci-ptp': 'NCCI procedure-to-procedure edits',
  mue: 'Medically Unlikely Edits',
  mce: 'Medicare Code Editor diagnosis edits',
  pos: 'place of service codes',
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

const NOT_LOADED = Object.freeze({ loaded: false, version: null, outOfRange: false });

function versionFacts(inForce: InForce<unknown>): VersionFacts {
  return { loaded: true, version: inForce.version.label, outOfRange: inForce.outOfRange };
}

// Level I (CPT) modifiers are two digits and AMA's: the HCPCS file cannot vouch for them.
const CPT_MODIFIER = /^[0-9]{2}$/;

export class ReferenceLookup {
  private readonly used = new Map<string, ReferenceVersionUsed>();

  constructor(
    private readonly data: ReferenceData | undefined,
    private readonly profile: PayerProfile | undefined,
  ) {}

  private note<T>(inForce: InForce<T> | undefined): InForce<T> | undefined {
    if (inForce) {
      const v: TableVersion = inForce.version;
      const key = `${v.kind}|${v.effective}`;
      if (!this.used.has(key)) this.used.set(key, { kind: v.kind, version: v.label, effective: v.effective });
    }
    return inForce;
  }

  /** The versions the claim was checked against, oldest kind first. */
  versionsUsed(): ReferenceVersionUsed[] {
    return [...this.used.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.effective.localeCompare(b.effective));
  }

  get ncciPtpApplies(): boolean {
    return this.profile?.edits?.ncciPtp === true;
  }

  get mueApplies(): boolean {
    return this.profile?.edits?.mue === true;
  }

  /** What the claim's dates will be checked against, worked out before any item is visited. */
  summary(claim: ClaimView, dates: readonly string[]): ReferenceSummaryFacts {
    const needed: ReferenceKind[] = ['icd10cm', 'hcpcs', 'mce', 'pos'];
    if (this.ncciPtpApplies && claim.lineCount > 1) needed.push('ncci-ptp');
    if (this.mueApplies) needed.push('mue');
    const notLoaded: string[] = [];
    const outOfRange: string[] = [];
    const versions = new Set<string>();
    for (const kind of needed) {
      if (!this.data || this.data.loaded(kind).length === 0) {
        notLoaded.push(REFERENCE_KIND_NAMES[kind]);
        continue;
      }
      for (const date of dates) {
        const inForce = this.inForce(kind, date);
        if (!inForce) continue;
        versions.add(inForce.version.label);
        if (inForce.outOfRange) outOfRange.push(`${inForce.version.label} for ${date} (no version loaded is in force on that date)`);
      }
    }
    return { notLoaded, outOfRange, versions: [...versions] };
  }

  private inForce(kind: ReferenceKind, date: string): InForce<unknown> | undefined {
    const data = this.data;
    if (!data) return undefined;
    switch (kind) {
      case 'icd10cm':
        return data.icd10cm(date);
      case 'hcpcs':
        return data.hcpcs(date);
      case 'ncci-ptp':
        return data.ptp(date);
      case 'mue':
        return data.mue(date);
      case 'mce':
        return data.mce(date);
      case 'pos':
        return data.pos(date);
    }
  }

  icd10(codeWithoutDot: string | null, date: string): Icd10Facts {
    const inForce = this.note(this.data?.icd10cm(date));
    if (!inForce) return { ...NOT_LOADED, found: false, billable: false, title: null };
    const entry = codeWithoutDot === null ? undefined : inForce.table.get(codeWithoutDot);
    return { ...versionFacts(inForce), found: entry !== undefined, billable: entry?.billable ?? false, title: entry?.title ?? null };
  }

  mce(codeWithoutDot: string | null, date: string): MceFacts {
    const inForce = this.note(this.data?.mce(date));
    if (!inForce) return { ...NOT_LOADED, found: false, ages: [], sex: null, manifestation: false };
    const entry = codeWithoutDot === null ? undefined : inForce.table.get(codeWithoutDot);
    return { ...versionFacts(inForce), found: entry !== undefined, ages: entry?.ages ?? [], sex: entry?.sex ?? null, manifestation: entry?.manifestation ?? false };
  }

  hcpcs(line: LineView, date: string): HcpcsFacts {
    const inForce = this.note(this.data?.hcpcs(date));
    if (!inForce) return { ...NOT_LOADED, found: false, title: null, terminated: null, unknownModifiers: [] };
    const entry = line.procedureCode === null ? undefined : inForce.table.code(line.procedureCode);
    const unknownModifiers = line.modifiers.filter((m) => m !== '' && !CPT_MODIFIER.test(m) && inForce.table.modifier(m) === undefined);
    return { ...versionFacts(inForce), found: entry !== undefined, title: entry?.title ?? null, terminated: entry?.terminated ?? null, unknownModifiers };
  }

  mue(line: LineView, date: string): MueFacts {
    const appliesToPayer = this.mueApplies;
    const inForce = appliesToPayer ? this.note(this.data?.mue(date)) : this.data?.mue(date);
    if (!inForce) return { ...NOT_LOADED, appliesToPayer, found: false, limit: null, mai: null, rationale: null };
    const entry = line.procedureCode === null ? undefined : inForce.table.get(line.procedureCode);
    return { ...versionFacts(inForce), appliesToPayer, found: entry !== undefined, limit: entry?.units ?? null, mai: entry?.mai ?? null, rationale: entry?.rationale ?? null };
  }

  ptp(first: LineView, second: LineView, sameServiceDate: boolean, date: string): PtpFacts {
    const appliesToPayer = this.ncciPtpApplies;
    const empty = { appliesToPayer, found: false, inForce: false, column1: null, column2: null, modifierIndicator: null, rationale: null, effective: null, deleted: null };
    const inForce = appliesToPayer ? this.note(this.data?.ptp(date)) : this.data?.ptp(date);
    if (!inForce) return { ...NOT_LOADED, ...empty };
    const a = first.procedureCode;
    const b = second.procedureCode;
    if (!sameServiceDate || a === null || b === null || a === b) return { ...versionFacts(inForce), ...empty };
    let column1 = first;
    let column2 = second;
    let edit = inForce.table.get(a, b);
    if (!edit) {
      edit = inForce.table.get(b, a);
      column1 = second;
      column2 = first;
    }
    if (!edit) return { ...versionFacts(inForce), ...empty };
    const editInForce = (edit.effective === null || edit.effective <= date) && (edit.deleted === null || date <= edit.deleted);
    return {
      ...versionFacts(inForce),
      appliesToPayer,
      found: true,
      inForce: editInForce,
      column1,
      column2,
      modifierIndicator: edit.modifierIndicator,
      rationale: edit.rationale,
      effective: edit.effective,
      deleted: edit.deleted,
    };
  }

  pos(code: string | null, date: string): PosFacts {
    const inForce = this.note(this.data?.pos(date));
    if (!inForce) return { ...NOT_LOADED, found: false, name: null };
    const entry = code === null ? undefined : inForce.table.get(code);
    return { ...versionFacts(inForce), found: entry !== undefined, name: entry?.name ?? null };
  }
}
