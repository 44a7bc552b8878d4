import { KeyedTable } from './binary/keyed-table.js';
import { HCPCS_COLUMNS, ICD_COLUMNS, MCE_AGE_BITS, MCE_COLUMNS, MCE_SEX, MUE_COLUMNS, PFS_COLUMNS, PFS_GLOBAL_DAYS, POS_COLUMNS } from './binary/columns.js';
import type { AocBinary } from './binary/aoc-binary.js';
import { PtpBinary } from './binary/ptp-binary.js';
import { dayNumber } from './text/dates.js';
import { dottedIcd, searchRows, type SearchableRows } from './search.js';
import type {
  CodeMatch, CodeSearchResult, UndescribedCodes, HcpcsCodeEntry, HcpcsModifierEntry, HcpcsTable, IcdEntry, IcdTable, MceAgeGroup, MceEntry, MceTable, MueEntry, MueTable,
  PosEntry, PosTable, PtpTable, AocEdit, AocTable, PfsEntry, PfsGlobalDays, PfsTable,
} from './types.js';

/** A stored table as a search sees it: the row's code and the description columns its words are looked for in. */
function keyedRows(table: KeyedTable, columns: readonly number[], match: (row: number) => CodeMatch, includes: (row: number) => boolean = () => true): SearchableRows {
  return {
    rows: table.rows,
    prefixRows: (prefix) => table.prefixRows(prefix),
    key: (row) => table.key(row),
    includes,
    describes: (row, words) => columns.some((column) => table.stringContainsAll(column, row, words.bytes)),
    match,
  };
}

/** Builds each row's answer once and hands out the same frozen object after that. */
class RowCache<T> {
  private readonly rows: Array<T | undefined>;

  constructor(size: number, private readonly make: (row: number) => T) {
    this.rows = new Array<T | undefined>(size);
  }

  get(row: number): T {
    let value = this.rows[row];
    if (value === undefined) {
      value = Object.freeze(this.make(row));
      this.rows[row] = value;
    }
    return value;
  }
}

function withoutDot(code: string): string {
  return code.indexOf('.') === -1 ? code : code.replace('.', '');
}

export class IcdLookup implements IcdTable {
  private readonly cache: RowCache<IcdEntry>;
  private readonly searchable: SearchableRows;

  constructor(private readonly table: KeyedTable) {
    this.cache = new RowCache(table.rows, (row) => ({
      billable: table.int(ICD_COLUMNS.ints.billable, row) === 1,
      title: table.string(ICD_COLUMNS.strings.title, row),
    }));
    // the long title holds every word of the short one unabbreviated, so it alone is searched
    this.searchable = keyedRows(table, [ICD_COLUMNS.strings.title], (row) => ({
      code: dottedIcd(table.key(row)),
      meaning: table.string(ICD_COLUMNS.strings.title, row),
      billable: table.int(ICD_COLUMNS.ints.billable, row) === 1,
    }));
  }

  search(query: string, limit?: number): CodeSearchResult {
    return searchRows(this.searchable, query, limit);
  }

  get(codeWithoutDot: string): IcdEntry | undefined {
    const row = this.table.find(withoutDot(codeWithoutDot));
    return row < 0 ? undefined : this.cache.get(row);
  }
}

export class HcpcsLookup implements HcpcsTable {
  private readonly codes: RowCache<HcpcsCodeEntry>;
  private readonly modifiers: RowCache<HcpcsModifierEntry>;
  private readonly searchableCodes: SearchableRows;
  private readonly searchableModifiers: SearchableRows;

  constructor(private readonly table: KeyedTable) {
    this.codes = new RowCache(table.rows, (row) => {
      const terminated = table.int(HCPCS_COLUMNS.ints.terminated, row);
      const title = table.string(HCPCS_COLUMNS.strings.title, row);
      if (terminated === 0) return { title };
      const t = String(terminated);
      return { title, terminated: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` };
    });
    this.modifiers = new RowCache(table.rows, (row) => ({ title: table.string(HCPCS_COLUMNS.strings.title, row) }));
    const { title, longTitle } = HCPCS_COLUMNS.strings;
    // the long description says more in a list of results; the short one is only its abbreviation
    const match = (row: number): CodeMatch => ({ code: table.key(row), meaning: table.string(longTitle, row) || table.string(title, row) });
    const isModifier = (row: number): boolean => table.int(HCPCS_COLUMNS.ints.modifier, row) === 1;
    this.searchableCodes = keyedRows(table, [longTitle, title], match, (row) => !isModifier(row));
    this.searchableModifiers = keyedRows(table, [longTitle, title], match, isModifier);
  }

  searchCodes(query: string, limit?: number, also?: UndescribedCodes): CodeSearchResult {
    return searchRows(this.searchableCodes, query, limit, also);
  }

  searchModifiers(query: string, limit?: number): CodeSearchResult {
    return searchRows(this.searchableModifiers, query, limit);
  }

  code(code: string): HcpcsCodeEntry | undefined {
    if (code.length !== 5) return undefined;
    const row = this.table.find(code);
    return row < 0 || this.table.int(HCPCS_COLUMNS.ints.modifier, row) !== 0 ? undefined : this.codes.get(row);
  }

  modifier(mod: string): HcpcsModifierEntry | undefined {
    if (mod.length !== 2) return undefined;
    const row = this.table.find(mod);
    return row < 0 || this.table.int(HCPCS_COLUMNS.ints.modifier, row) !== 1 ? undefined : this.modifiers.get(row);
  }
}

export class MueLookup implements MueTable {
  private readonly cache: RowCache<MueEntry>;

  constructor(private readonly table: KeyedTable) {
    this.cache = new RowCache(table.rows, (row) => ({
      units: table.int(MUE_COLUMNS.ints.units, row),
      mai: table.int(MUE_COLUMNS.ints.mai, row) as 1 | 2 | 3,
      rationale: table.string(MUE_COLUMNS.strings.rationale, row),
    }));
  }

  get(code: string): MueEntry | undefined {
    const row = this.table.find(code);
    return row < 0 ? undefined : this.cache.get(row);
  }

  *codesStartingWith(prefix: string): Iterable<string> {
    const [from, to] = this.table.prefixRows(prefix.toUpperCase());
    for (let row = from; row < to; row++) yield this.table.key(row);
  }
}

const AGE_ORDER: ReadonlyArray<[MceAgeGroup, number]> = [
  ['newborn', MCE_AGE_BITS.newborn],
  ['pediatric', MCE_AGE_BITS.pediatric],
  ['maternity', MCE_AGE_BITS.maternity],
  ['adult', MCE_AGE_BITS.adult],
];

export class MceLookup implements MceTable {
  private readonly cache: RowCache<MceEntry>;

  constructor(private readonly table: KeyedTable) {
    this.cache = new RowCache(table.rows, (row) => {
      const mask = table.int(MCE_COLUMNS.ints.ages, row);
      const sex = table.int(MCE_COLUMNS.ints.sex, row);
      const entry: MceEntry = {
        ages: Object.freeze(AGE_ORDER.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name)) as MceAgeGroup[],
        manifestation: table.int(MCE_COLUMNS.ints.manifestation, row) === 1,
      };
      if (sex === MCE_SEX.female) entry.sex = 'female';
      else if (sex === MCE_SEX.male) entry.sex = 'male';
      return entry;
    });
  }

  get(codeWithoutDot: string): MceEntry | undefined {
    const row = this.table.find(withoutDot(codeWithoutDot));
    return row < 0 ? undefined : this.cache.get(row);
  }
}

export class PosLookup implements PosTable {
  private readonly cache: RowCache<PosEntry>;
  private readonly searchable: SearchableRows;

  constructor(private readonly table: KeyedTable) {
    this.cache = new RowCache(table.rows, (row) => ({ name: table.string(POS_COLUMNS.strings.name, row) }));
    this.searchable = keyedRows(table, [POS_COLUMNS.strings.name], (row) => ({ code: table.key(row), meaning: table.string(POS_COLUMNS.strings.name, row) }));
  }

  search(query: string, limit?: number): CodeSearchResult {
    return searchRows(this.searchable, query, limit);
  }

  get(code: string): PosEntry | undefined {
    const row = this.table.find(code);
    return row < 0 ? undefined : this.cache.get(row);
  }
}

/** The PTP table seen from one date of service. */
export function ptpOnDate(binary: PtpBinary, date: string): PtpTable {
  const day = dayNumber(date);
  return {
    get: (column1, column2) => binary.find(column1, column2, day),
    history: (column1, column2) => binary.history(column1, column2),
  };
}

export class PfsLookup implements PfsTable {
  private readonly cache: RowCache<PfsEntry>;

  constructor(private readonly table: KeyedTable) {
    const { ints, strings } = PFS_COLUMNS;
    this.cache = new RowCache(table.rows, (row) => {
      const key = table.key(row);
      return {
        code: key.slice(0, 5),
        modifier: key.slice(5),
        status: String.fromCharCode(table.int(ints.status, row)),
        pctc: table.int(ints.pctc, row),
        globalDays: PFS_GLOBAL_DAYS[table.int(ints.globalDays, row)] as PfsGlobalDays,
        multipleProcedure: table.int(ints.multipleProcedure, row),
        bilateral: table.int(ints.bilateral, row),
        assistant: table.int(ints.assistant, row),
        coSurgeons: table.int(ints.coSurgeons, row),
        team: table.int(ints.team, row),
        endoscopicBase: table.string(strings.endoscopicBase, row),
      };
    });
  }

  get(code: string, modifier = ''): PfsEntry | undefined {
    if (code.length !== 5 || (modifier !== '' && modifier.length !== 2)) return undefined;
    const row = this.table.find(code + modifier);
    return row < 0 ? undefined : this.cache.get(row);
  }
}

const NO_EDITS: readonly AocEdit[] = Object.freeze([]);

/** The add-on code table seen from one date of service; each code's edits are worked out once. */
export function aocOnDate(binary: AocBinary, date: string): AocTable {
  const day = dayNumber(date);
  const known = new Map<string, readonly AocEdit[]>();
  return {
    edits: (addOn) => {
      let edits = known.get(addOn);
      if (edits === undefined) {
        const found = binary.edits(addOn, day);
        edits = found.length === 0 ? NO_EDITS : Object.freeze(found.map((e) => Object.freeze(e)));
        if (known.size >= 20_000) known.clear();
        known.set(addOn, edits);
      }
      return edits;
    },
  };
}
