/**
 * Reference data held in memory, from a small description — what a rule's test case
 * writes under `reference:` so that code-set rules can be tested without importing the
 * official files. It answers exactly like the data folder does, for every date.
 */
import { z } from 'zod';
import { dottedIcd, listedRows, searchRows, type ListedCode, type SearchableRows } from './search.js';
import type { AocEdit, PfsEntry, CodeSearchResult, InForce, MceAgeGroup, SearchCodes, UndescribedCodes, ReferenceData, ReferenceKind, TableVersion } from './types.js';

const code = z.string().min(1).max(10);
const digit = z.number().int().min(0).max(9);

export const referenceFixtureSchema = z
  .object({
    /** the date every table of the case takes effect (default: long ago, so always in force) */
    effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('1900-01-01'),
    icd10cm: z.record(code, z.object({ billable: z.boolean(), title: z.string().default('') }).strict()).optional(),
    hcpcs: z
      .object({
        codes: z.record(code, z.object({ title: z.string().default(''), terminated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict()).default({}),
        modifiers: z.record(code, z.object({ title: z.string().default('') }).strict()).default({}),
      })
      .strict()
      .optional(),
    'ncci-ptp': z
      .array(
        z
          .object({
            column1: code,
            column2: code,
            modifierIndicator: z.union([z.literal(0), z.literal(1), z.literal(9)]),
            rationale: z.string().default(''),
            effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
            deleted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
          })
          .strict(),
      )
      .optional(),
    mue: z.record(code, z.object({ units: z.number().int().nonnegative(), mai: z.union([z.literal(1), z.literal(2), z.literal(3)]), rationale: z.string().default('') }).strict()).optional(),
    mce: z
      .record(
        code,
        z
          .object({
            ages: z.array(z.enum(['newborn', 'pediatric', 'maternity', 'adult'])).default([]),
            sex: z.enum(['female', 'male']).optional(),
            manifestation: z.boolean().default(false),
          })
          .strict(),
      )
      .optional(),
    pos: z.record(code, z.object({ name: z.string() }).strict()).optional(),
    /** PFS indicators by code, or code and modifier written "71046-26"; a value left out is the file's "does not apply" */
    pfs: z
      .record(
        code.regex(/^[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{2})?$/),
        z
          .object({
            status: z.string().regex(/^[A-Z]$/).default('A'),
            pctc: digit.default(0),
            globalDays: z.enum(['000', '010', '090', 'MMM', 'XXX', 'YYY', 'ZZZ']).default('XXX'),
            multipleProcedure: digit.default(9),
            bilateral: digit.default(9),
            assistant: digit.default(9),
            coSurgeons: digit.default(9),
            team: digit.default(9),
            endoscopicBase: z.string().default(''),
          })
          .strict(),
      )
      .optional(),
    'ncci-aoc': z
      .array(
        z
          .object({
            addOn: code,
            primary: code,
            type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
            effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
            deleted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type ReferenceFixture = z.infer<typeof referenceFixtureSchema>;


const upper = (value: string): string => value.toUpperCase().replace('.', '');

const rowSearch = (rows: SearchableRows): SearchCodes => (query, limit) => searchRows(rows, query, limit);
const undescribedSearch =
  (rows: SearchableRows) =>
  (query: string, limit?: number, also?: UndescribedCodes): CodeSearchResult =>
    searchRows(rows, query, limit, also);

export function inMemoryReferenceData(fixture: ReferenceFixture): ReferenceData {
  const effective = fixture.effective;
  const version = (kind: ReferenceKind, rows: number): TableVersion => ({ kind, effective, label: `${kind} (test data)`, rows, source: 'rule test', importedAt: effective });
  // like the data folder: a date before the only version still gets it, marked out of range
  const inForce = <T>(kind: ReferenceKind, rows: number, table: T, date: string): InForce<T> => ({ version: version(kind, rows), outOfRange: date < effective, table });
  const icd = fixture.icd10cm && new Map(Object.entries(fixture.icd10cm).map(([k, v]) => [upper(k), v]));
  const hcpcs = fixture.hcpcs;
  const ptp = fixture['ncci-ptp'];
  const mue = fixture.mue && new Map(Object.entries(fixture.mue).map(([k, v]) => [k.toUpperCase(), v]));
  const mce = fixture.mce && new Map(Object.entries(fixture.mce).map(([k, v]) => [upper(k), { ...v, ages: v.ages as MceAgeGroup[] }]));
  const pos = fixture.pos && new Map(Object.entries(fixture.pos));
  const pfs =
    fixture.pfs &&
    new Map(
      Object.entries(fixture.pfs).map(([key, v]): [string, PfsEntry] => {
        const [codeText = '', modifier = ''] = key.toUpperCase().split('-');
        return [codeText + modifier, { code: codeText, modifier, ...v, endoscopicBase: v.endoscopicBase.toUpperCase() }];
      }),
    );
  const aoc = fixture['ncci-aoc']?.map((e): AocEdit => ({ ...e, addOn: e.addOn.toUpperCase(), primary: e.primary.toUpperCase() }));
  const listed = (entries: Iterable<[string, string | { name: string }]>): ListedCode[] =>
    [...entries].map(([key, value]) => {
      const meaning = typeof value === 'string' ? value : value.name;
      return { key, match: { code: key, meaning }, texts: [meaning] };
    });
  const icdTable = icd && {
    get: (c: string) => icd.get(upper(c)),
    search: rowSearch(listedRows([...icd].map(([key, e]) => ({ key, match: { code: dottedIcd(key), meaning: e.title, billable: e.billable }, texts: [e.title] })))),
  };
  const hcpcsTable = hcpcs && {
    code: (c: string) => hcpcs.codes[c.toUpperCase()],
    modifier: (m: string) => hcpcs.modifiers[m.toUpperCase()],
    searchCodes: undescribedSearch(listedRows(listed(Object.entries(hcpcs.codes).map(([k, e]) => [k.toUpperCase(), e.title])))),
    searchModifiers: rowSearch(listedRows(listed(Object.entries(hcpcs.modifiers).map(([k, e]) => [k.toUpperCase(), e.title])))),
  };
  const mueCodes = mue && [...mue.keys()].sort();
  const mueTable = mue && {
    get: (c: string) => mue.get(c.toUpperCase()),
    codesStartingWith: (prefix: string) => (mueCodes ?? []).filter((c) => c.startsWith(prefix.toUpperCase())),
  };
  const posTable = pos && { get: (c: string) => pos.get(c), search: rowSearch(listedRows(listed([...pos]))) };
  const loaded: Partial<Record<ReferenceKind, TableVersion[]>> = {};
  if (icd) loaded.icd10cm = [version('icd10cm', icd.size)];
  if (hcpcs) loaded.hcpcs = [version('hcpcs', Object.keys(hcpcs.codes).length)];
  if (ptp) loaded['ncci-ptp'] = [version('ncci-ptp', ptp.length)];
  if (mue) loaded.mue = [version('mue', mue.size)];
  if (mce) loaded.mce = [version('mce', mce.size)];
  if (pos) loaded.pos = [version('pos', pos.size)];
  if (pfs) loaded.pfs = [version('pfs', pfs.size)];
  if (aoc) loaded['ncci-aoc'] = [version('ncci-aoc', aoc.length)];
  return {
    loaded: (kind) => loaded[kind] ?? [],
    icd10cm: (date: string) => icd && icdTable && inForce('icd10cm', icd.size, icdTable, date),
    hcpcs: (date: string) => hcpcs && hcpcsTable && inForce('hcpcs', Object.keys(hcpcs.codes).length, hcpcsTable, date),
    ptp: (date: string) =>
      ptp &&
      inForce('ncci-ptp', ptp.length, {
        get: (c1: string, c2: string) => {
          const records = ptp.filter((e) => e.column1 === c1 && e.column2 === c2);
          return records.find((e) => (e.effective === null || e.effective <= date) && (e.deleted === null || date <= e.deleted)) ?? records[0];
        },
        history: (c1: string, c2: string) => ptp.filter((e) => e.column1 === c1 && e.column2 === c2),
      }, date),
    mue: (date: string) => mue && mueTable && inForce('mue', mue.size, mueTable, date),
    mce: (date: string) => mce && inForce('mce', mce.size, { get: (c: string) => mce.get(upper(c)) }, date),
    pos: (date: string) => pos && posTable && inForce('pos', pos.size, posTable, date),
    pfs: (date: string) => pfs && inForce('pfs', pfs.size, { get: (c: string, m = '') => pfs.get(c.toUpperCase() + m.toUpperCase()) }, date),
    aoc: (date: string) =>
      aoc &&
      inForce('ncci-aoc', aoc.length, {
        edits: (addOn: string) => aoc.filter((e) => e.addOn === addOn && (e.effective === null || e.effective <= date) && (e.deleted === null || date <= e.deleted)),
      }, date),
    reload: () => undefined,
    revision: () => 0,
  };
}
