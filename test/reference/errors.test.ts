import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importTable, ReferenceArgumentError, ReferenceFormatError } from '../../src/reference/index.js';
import { FILES, recordLines } from './helpers.js';
import { tempDir } from '../support/folders.js';

async function formatError(promise: Promise<unknown>): Promise<ReferenceFormatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceFormatError);
    const e = error as ReferenceFormatError;
    expect(e.message).toContain(e.file);
    expect(e.message).toContain(e.expected);
    if (e.line > 0) expect(e.message).toContain(`:${e.line}:`);
    return e;
  }
  throw new Error('the import was expected to fail');
}

describe('malformed tables', () => {
  const work = tempDir();
  const data = join(work, 'data');
  const write = (name: string, text: string | Buffer): string => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };

  it('names a file of another kind', async () => {
    const e = await formatError(importTable(data, 'ncci-ptp', FILES.mue));
    expect(e.file).toBe(FILES.mue);
    expect(e.line).toBe(1);
    expect(e.expected).toMatch(/PTP header.*this is the header of a mue table/);
    const icdAsMue = await formatError(importTable(data, 'mue', FILES.icd2026));
    expect(icdAsMue.line).toBe(1);
    expect(icdAsMue.expected).toMatch(/icd10cm record/);
    const ptpAsIcd = await formatError(importTable(data, 'icd10cm', FILES.ptp));
    expect(ptpAsIcd.line).toBe(1);
    expect(ptpAsIcd.expected).toMatch(/ncci-ptp table/);
    const mueAsHcpcs = await formatError(importTable(data, 'hcpcs', FILES.mue));
    expect(mueAsHcpcs.expected).toMatch(/mue table/);
  });

  it('rejects unknown columns', async () => {
    const file = write('mue_eff_2024-07-01.csv', 'code,max,flag\n0001U,1,2\n');
    const e = await formatError(importTable(data, 'mue', file));
    expect(e.line).toBe(2);
    expect(e.expected).toMatch(/MUE header row with columns code, units, mai/);
  });

  it('names the line of a bad row', async () => {
    const file = write('mue_eff_2024-07-01.csv', 'hcpcs_code,mue_units,mue_mai,mue_rationale\n0001U,1,2,CMS Policy\n0002U,one,2,CMS Policy\n');
    const e = await formatError(importTable(data, 'mue', file));
    expect(e.line).toBe(3);
    expect(e.expected).toMatch(/whole number/);
    const mai = write('mue2_eff_2024-07-01.csv', 'hcpcs_code,mue_units,mue_mai,mue_rationale\n0001U,1,4 Line Edit,CMS Policy\n');
    expect((await formatError(importTable(data, 'mue', mai))).line).toBe(2);
    const fields = write('ptp_eff_2024-07-01.csv', 'column_1,column_2,deletion_date,modifier_indicator,rationale\n11042,0213T,,0\n');
    const f = await formatError(importTable(data, 'ncci-ptp', fields));
    expect(f.line).toBe(2);
    expect(f.expected).toMatch(/5 fields/);
  });

  it('rejects a truncated gzip file at the line where it stops', async () => {
    const gz = gzipSync(readFileSync(FILES.ptp));
    const file = write('ptp_eff_2024-07-01_cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const e = await formatError(importTable(data, 'ncci-ptp', file));
    // about half the rows were read before the stream ended
    expect(e.line).toBeGreaterThan(recordLines(FILES.ptp) / 4);
    expect(e.line).toBeLessThan(recordLines(FILES.ptp));
    expect(e.expected).toMatch(/complete gzip stream/);
  });

  it('rejects a truncated fixed-width line', async () => {
    const lines = readFileSync(FILES.icd2026, 'latin1').split('\n').slice(0, 20);
    lines[11] = (lines[11] as string).slice(0, 40);
    const file = write('icd10cm-order-2026.txt', lines.join('\n'));
    const e = await formatError(importTable(data, 'icd10cm', file));
    expect(e.line).toBe(12);
    const hcpcs = readFileSync(FILES.hcpcs2019, 'latin1').split('\r\n').slice(0, 60);
    const first = hcpcs.findIndex((l) => l.length === 320);
    hcpcs[first + 3] = (hcpcs[first + 3] as string).slice(0, 150);
    const h = await formatError(importTable(data, 'hcpcs', write('HCPC2019_cut.txt', hcpcs.join('\r\n'))));
    expect(h.line).toBe(first + 4);
  });

  it('rejects a zip without the expected member', async () => {
    const e = await formatError(importTable(data, 'hcpcs', FILES.icdZip));
    expect(e.line).toBe(0);
    expect(e.expected).toMatch(/HCPCS record file/);
    const broken = write('icd10cm-2026.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(50)]));
    expect((await formatError(importTable(data, 'icd10cm', broken))).expected).toMatch(/zip/);
  });

  it('asks for an effective date when nothing tells it', async () => {
    const file = write('ptp.csv', readFileSync(FILES.ptp));
    const e = await formatError(importTable(data, 'ncci-ptp', file));
    expect(e.expected).toMatch(/--effective/);
    await expect(importTable(data, 'ncci-ptp', file, { effective: '2024-07-01' })).resolves.toMatchObject({ rows: recordLines(FILES.ptp, 1) });
  });

  it('rejects an empty file, a missing file, a bad kind and a bad date', async () => {
    const empty = write('place_of_service.csv', '');
    expect((await formatError(importTable(data, 'pos', empty))).line).toBe(1);
    const headerOnly = write('pos2.csv', 'place_of_service_code,description\n');
    expect((await formatError(importTable(data, 'pos', headerOnly))).expected).toMatch(/at least one data row/);
    await formatError(importTable(data, 'pos', join(work, 'nope.csv')));
    await expect(importTable(data, 'cpt' as never, FILES.pos)).rejects.toBeInstanceOf(ReferenceArgumentError);
    await expect(importTable(data, 'pos', FILES.pos, { effective: '2024-02-30' })).rejects.toBeInstanceOf(ReferenceArgumentError);
  });

  it('rejects duplicate codes and unknown MCE rules', async () => {
    const dup = write('pos3.csv', 'place_of_service_code,description\n11,Office\n11,Office again\n');
    expect((await formatError(importTable(data, 'pos', dup))).line).toBe(3);
    const mce = write('mce_v41.csv', 'icd_code,icd_description,icd_conflict_group,icd_conflict_rule\nA33,Tetanus neonatorum,Age,Senior (Ages 65+)\n');
    expect((await formatError(importTable(data, 'mce', mce))).expected).toMatch(/MCE rule/);
  });
});
