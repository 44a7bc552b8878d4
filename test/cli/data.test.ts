import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { REPO_ROOT } from '../support/paths.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scrubjay-data-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ICD_2026 = FIXTURE_FILES.icd2026;
const PTP_EXCERPT = FIXTURE_FILES.ptp;
/** codes in the FY2026 excerpt: one a line */
const ICD_2026_ROWS = readFileSync(ICD_2026, 'latin1').split('\n').filter((l) => l.trim() !== '').length;

describe('scrubjay data', () => {
  it('imports an official file, lists it, and the next check uses it', async () => {
    const data = join(work, 'data-a');
    const empty = await runCli(['data', 'list', '--data', data]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('nothing imported');

    const imported = await runCli(['data', 'import', 'icd10cm', ICD_2026, '--data', data]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported ICD-10-CM FY2026 (icd10cm, effective 2025-10-01, ${ICD_2026_ROWS.toLocaleString('en-US')} rows`);

    const list = await runCli(['data', 'list', '--data', data, '--format', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ kind: 'icd10cm', effective: '2025-10-01', rows: ICD_2026_ROWS, source: 'icd10cm-order-2026.txt' })]);

    const claimFile = join(work, 'header.json');
    const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8'))[0];
    writeFileSync(claimFile, JSON.stringify({ ...example, diagnoses: ['E11', 'I10'] }));
    const check = await runCli(['check', claimFile, '--format', 'json', '--as-of', '2026-11-27', '--data', data]);
    expect(check.code).toBe(1);
    const [result] = JSON.parse(check.stdout);
    expect(result.findings).toContainEqual(expect.objectContaining({ ruleId: 'icd10-code-not-billable', carc: '146', path: 'diagnoses[0]' }));
    expect(result.referenceData).toContainEqual({ kind: 'icd10cm', version: 'ICD-10-CM FY2026', effective: '2025-10-01' });
  });

  it('refuses a file of the wrong kind, naming the file and line, and leaves the folder as it was', async () => {
    const data = join(work, 'data-b');
    await runCli(['data', 'import', 'icd10cm', ICD_2026, '--data', data]);
    const before = (await runCli(['data', 'list', '--data', data, '--format', 'json'])).stdout;
    const wrong = await runCli(['data', 'import', 'icd10cm', PTP_EXCERPT, '--data', data]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/ptp_practitioner_eff_2024-07-01_excerpt\.csv:\d+: expected /);
    const broken = join(work, 'mue-broken.csv');
    writeFileSync(broken, 'hcpcs_code,mue_units,mue_mai,mue_rationale,mue_service\n0001U,1,2,Code Descriptor,Practitioner\n0002U,many,2,Code Descriptor,Practitioner\n');
    const bad = await runCli(['data', 'import', 'mue', broken, '--effective', '2024-07-01', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mue-broken.csv:3: expected');
    expect((await runCli(['data', 'list', '--data', data, '--format', 'json'])).stdout).toBe(before);
    const unknownKind = await runCli(['data', 'import', 'cpt', ICD_2026, '--data', data]);
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.stderr).toContain('unknown kind "cpt"');
  });

  it('refuses a gzip file that inflates past the cap with exit 2, naming the file and the limit, and leaves the folder as it was', async () => {
    const data = join(work, 'data-bomb');
    await runCli(['data', 'import', 'icd10cm', ICD_2026, '--data', data]);
    const before = (await runCli(['data', 'list', '--data', data, '--format', 'json'])).stdout;
    const bomb = join(work, 'icd10cm-order-2027.txt.gz');
    const newlines = Buffer.alloc(1024 * 1024, 0x0a);
    await pipeline(Readable.from((function* () {
      for (let i = 0; i < 64; i++) yield newlines;
    })()), createGzip(), createWriteStream(bomb));
    const refused = await runCli(['data', 'import', 'icd10cm', bomb, '--max-inflated-bytes', String(4 * 1024 * 1024), '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bomb}: expected at most 4 MiB once uncompressed`);
    expect((await runCli(['data', 'list', '--data', data, '--format', 'json'])).stdout).toBe(before);
  });

  it('fetches the ICD-10-CM release from a (local) publisher and imports it', async () => {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      // a file that cannot be read ends the response at once, so the fetch fails instead of waiting
      const zip = createReadStream(FIXTURE_FILES.icdZip).on('error', (error) => res.destroy(error));
      res.writeHead(200, { 'content-type': 'application/zip' });
      zip.pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const data = join(work, 'data-c');
      const fetched = await runCli(['data', 'fetch', 'icd10cm', '--year', '2026', '--base-url', `http://127.0.0.1:${port}`, '--data', data]);
      expect(fetched.stderr).toBe('');
      expect(fetched.code).toBe(0);
      expect(fetched.stdout).toContain('ICD-10-CM FY2026');
      expect(requests).toEqual(['/2026/icd10cm-Code%20Descriptions-2026.zip']);
    } finally {
      server.close();
    }
  });

  it('lists the fee schedule indicators and the add-on code edits, with the note of a table read without dates', async () => {
    const data = join(work, 'data-pfs-aoc');
    expect((await runCli(['data', 'import', 'pfs', FIXTURE_FILES.pprrvu, '--data', data])).stdout).toContain('imported Medicare PFS relative value file 2024-07-01 (pfs, effective 2024-07-01');
    expect((await runCli(['data', 'import', 'ncci-aoc', FIXTURE_FILES.aoc, '--data', data])).code).toBe(0);
    const list = await runCli(['data', 'list', '--data', data]);
    expect(list.stdout).toMatch(/ncci-aoc +2024-06-03 +NCCI add-on code edits 2024-06-03/);
    expect(list.stdout).toMatch(/pfs +2024-07-01 +Medicare PFS relative value file 2024-07-01/);
    expect(list.stdout).toContain('note: ncci-aoc 2024-06-03: the file gives no effective or deletion dates: every edit in it is read as active');
    const json = JSON.parse((await runCli(['data', 'list', '--data', data, '--format', 'json'])).stdout) as Array<{ kind: string; note?: string }>;
    expect(json.find((v) => v.kind === 'ncci-aoc')?.note).toMatch(/read as active/);
    expect(json.find((v) => v.kind === 'pfs')?.note).toBeUndefined();
  });
});
