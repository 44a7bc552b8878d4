/**
 * The workbench's search of the loaded code sets, `GET /api/codes/<kind>?q=`, on the real
 * server over the committed excerpts of the official tables, as compliance staff use it to
 * put codes on a named list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable } from '../../src/reference/index.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { waitFor } from '../support/wait.js';
import { expectErrorBody, fetch, startTestServer, type TestServer } from './support.js';

interface Answer {
  kind: string;
  q: string;
  codes: Array<{ code: string; meaning: string; billable?: boolean }>;
  total: number;
  table: { effective: string; label: string };
}

let service: TestServer;

beforeAll(async () => {
  const dataDir = tempDir('scrubjay-code-search-');
  // no place of service table: that code set is the one "not loaded"
  await importTable(dataDir, 'icd10cm', FIXTURE_FILES.icd2025);
  await importTable(dataDir, 'icd10cm', FIXTURE_FILES.icd2026);
  await importTable(dataDir, 'hcpcs', FIXTURE_FILES.hcpcsCsv);
  await importTable(dataDir, 'mue', FIXTURE_FILES.mue);
  service = await startTestServer({ dataDir, signedInAs: 'compliance' });
});

afterAll(async () => {
  await service.close();
});

const search = (kind: string, query: string) => fetch(`${service.base}/api/codes/${kind}?${query}`);

async function found(kind: string, query: string): Promise<Answer> {
  const res = await search(kind, query);
  const body = (await res.json()) as Answer;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function refused(kind: string, query: string, status: number): Promise<{ error: string; code: string; field: string | null }> {
  const res = await search(kind, query);
  const body = (await res.json()) as { error: string; code: string; field: string | null };
  expect(res.status, JSON.stringify(body)).toBe(status);
  expectErrorBody(body);
  return body;
}

describe('GET /api/codes/:kind', () => {
  it('finds procedure codes by the start of the code, in the HCPCS table in force today', async () => {
    const answer = await found('procedure', 'q=e12');
    expect(answer.kind).toBe('procedure');
    expect(answer.q).toBe('e12');
    expect(answer.codes.length).toBeGreaterThan(0);
    expect(answer.codes.every((c) => c.code.startsWith('E12') && c.code.length === 5)).toBe(true);
    expect(answer.codes).toContainEqual({ code: 'E1232', meaning: 'Wheelchair, pediatric size, tilt-in-space, folding, adjustable, with seating system' });
    const status = (await (await fetch(`${service.base}/api/data/status`)).json()) as { tables: Array<{ kind: string; effective: string; label: string }> };
    const hcpcs = status.tables.find((t) => t.kind === 'hcpcs');
    expect(answer.table).toEqual({ effective: hcpcs?.effective, label: hcpcs?.label });
  });

  it('finds the CPT codes the MUE table lists by their start, saying no description is loaded', async () => {
    const answer = await found('procedure', 'q=9921');
    expect(answer.codes).toEqual(['99213', '99214', '99215'].map((code) => ({ code, meaning: 'no description in the loaded tables (listed in MUE practitioner 2024-07-01)' })));
  });

  it('finds diagnoses by words of the description, every word in any case, in the ICD-10-CM year in force', async () => {
    const answer = await found('diagnosis', `q=${encodeURIComponent('Type 2 DIABETES hyperglycemia')}`);
    expect(answer.codes).toEqual([{ code: 'E11.65', meaning: 'Type 2 diabetes mellitus with hyperglycemia', billable: true }]);
    expect(answer.total).toBe(1);
    expect(answer.table.effective).toBe('2025-10-01');
  });

  it('reads an ICD-10-CM code with or without its dot, and marks a category header as not billable', async () => {
    const dotted = await found('diagnosis', 'q=E11.9');
    expect(dotted.codes).toEqual([{ code: 'E11.9', meaning: 'Type 2 diabetes mellitus without complications', billable: true }]);
    expect((await found('diagnosis', 'q=e119')).codes).toEqual(dotted.codes);
    const category = await found('diagnosis', 'q=E11');
    expect(category.codes[0]).toEqual({ code: 'E11', meaning: 'Type 2 diabetes mellitus', billable: false });
  });

  it('lists codes found by their start before codes found by their words', async () => {
    const answer = await found('modifier', 'q=a');
    const modifiers = answer.codes.map((c) => c.code);
    const byStart = modifiers.filter((c) => c.startsWith('A'));
    expect(byStart).toContain('A1');
    expect(modifiers.slice(0, byStart.length)).toEqual(byStart);
    expect(modifiers.length).toBeGreaterThan(byStart.length);
    expect(modifiers.every((c) => c.length === 2)).toBe(true);
  });

  it('answers at most the limit asked for and says how many match in all', async () => {
    const five = await found('diagnosis', 'q=diabetes&limit=5');
    expect(five.codes).toHaveLength(5);
    const all = await found('diagnosis', 'q=diabetes&limit=200');
    expect(five.total).toBe(all.total);
    expect(all.total).toBeGreaterThan(5);
    expect(five.codes).toEqual(all.codes.slice(0, 5));
    expect((await found('diagnosis', 'q=a')).codes).toHaveLength(50);
  });

  it('refuses a limit outside 1 to 200, naming it', async () => {
    for (const limit of ['0', '201', 'ten', '-1']) {
      const body = await refused('diagnosis', `q=diabetes&limit=${limit}`, 400);
      expect(body).toMatchObject({ code: 'SJ_ARGUMENT_INVALID', field: 'limit' });
    }
  });

  it('refuses a missing, blank or too long query, naming q', async () => {
    for (const query of ['', 'q=', `q=${encodeURIComponent('   ')}`, `q=${'a'.repeat(101)}`, 'q=a&q=b']) {
      const body = await refused('procedure', query, 400);
      expect(body).toMatchObject({ code: 'SJ_ARGUMENT_INVALID', field: 'q' });
      expect(body.error).toMatch(/\bq\b/);
    }
    expect((await found('procedure', `q=${'a'.repeat(100)}`)).total).toBe(0);
  });

  it('says a code set is not loaded and how to load it, and searches it once it is imported', async () => {
    const body = await refused('pos', 'q=office', 404);
    expect(body.code).toBe('SJ_REFERENCE_NOT_LOADED');
    expect(body.field).toBe('kind');
    expect(body.error).toMatch(/pos/);
    expect(body.error).toContain('scrubjay data import pos');
    await importTable(service.dataDir, 'pos', FIXTURE_FILES.pos);
    const answer = await waitFor('the place of service table in force', async () => {
      const res = await search('pos', 'q=office');
      return res.status === 200 ? ((await res.json()) as Answer) : undefined;
    });
    expect(answer.codes).toContainEqual({ code: '11', meaning: 'Office' });
  });
});
