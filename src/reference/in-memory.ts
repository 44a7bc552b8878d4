/**
 * Reference data held in memory, from a small description — what a rule's test case
 * writes under `reference:` so that code-set rules can be tested without importing the
 * official files. It answers exactly like the data folder does, for every date.
 */
import { z } from 'zod';
import { dottedIcd, listedRows, searchRows, type ListedCode, type SearchableRows } from './search.js';
import type { CodeSearchResult, InForce, MceAgeGroup, SearchCodes, UndescribedCodes, ReferenceData, ReferenceKind, TableVersion } from './types.js';

const code = z.string().min(1).max(10);

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
    reload: () => undefined,
    revision: () => 0,
  };
}
