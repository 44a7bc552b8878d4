import { describe, expect, it } from 'vitest';
import { importTable, openReferenceData } from '../../src/reference/index.js';
import { FILES, parseLines, recordLines } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('mue', () => {
  it('imports the practitioner MUE table', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'mue', FILES.mue);
    expect(v).toMatchObject({ effective: '2024-07-01', rows: recordLines(FILES.mue, 1), label: 'MUE practitioner 2024-07-01' });
    const mue = openReferenceData(dir).mue('2024-07-01');
    expect(mue?.table.get('0001U')).toEqual({ units: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction' });
    expect(mue?.table.get('0002M')).toEqual({ units: 1, mai: 3, rationale: 'Nature of Analyte' });
    expect(mue?.table.get('ZZZZZ')).toBeUndefined();
    expect(openReferenceData(dir).mue('2024-06-30')?.outOfRange).toBe(true);
  });

  it('reads the CMS layout: preamble, header names and MAI with its description', () => {
    const parsed = parseLines('mue', [
      '"CPT codes, descriptions and other data only are copyright 2023 American Medical Association. All Rights Reserved."',
      '',
      '"HCPCS/CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"',
      '"0001U","1","2 Date of Service Edit: Policy","Code Descriptor / CPT Instruction"',
      '"99213","1","3 Date of Service Edit: Clinical","Clinical: Data"',
      '"J1100","120","1 Line Edit","Prescribing Information"',
    ]);
    expect(parsed.rows).toBe(3);
  });
});

describe('mce', () => {
  it('imports the v41.1 age, sex and manifestation lists', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'mce', FILES.mce);
    expect(v).toMatchObject({ effective: '2024-04-01', label: 'Medicare Code Editor v41.1' });
    const mce = openReferenceData(dir).mce('2024-05-01');
    expect(mce?.table.get('A33')).toEqual({ ages: ['newborn'], manifestation: false });
    expect(mce?.table.get('N47.0')).toEqual({ ages: ['newborn'], sex: 'male', manifestation: false });
    expect(mce?.table.get('O0000')?.ages).toEqual(['maternity']);
    expect(mce?.table.get('O0000')?.sex).toBe('female');
    expect(mce?.table.get('E119')).toBeUndefined();
  });

  it('imports the v37 section list, skipping procedure rows and edits outside age, sex and manifestation', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'mce', FILES.mceV37);
    expect(v).toMatchObject({ effective: '2019-10-01', label: 'Medicare Code Editor v37' });
    const mce = openReferenceData(dir).mce('2020-01-01');
    expect(mce?.table.get('A33')?.ages).toEqual(['newborn']);
    expect(mce?.table.get('Z3800')?.ages).toContain('newborn');
    const manifestations = ['B9735', 'G01', 'G02'].map((c) => mce?.table.get(c)?.manifestation);
    expect(manifestations).toContain(true);
  });
});

describe('pos', () => {
  it('imports place of service codes', async () => {
    const dir = tempDir();
    const v = await importTable(dir, 'pos', FILES.pos);
    expect(v.rows).toBe(50);
    const pos = openReferenceData(dir).pos('2026-10-01');
    expect(pos?.table.get('11')).toEqual({ name: 'Office' });
    expect(pos?.table.get('02')?.name).toMatch(/Telehealth/);
    expect(pos?.table.get('1')).toBeUndefined();
    expect(pos?.outOfRange).toBe(false);
  });
});
