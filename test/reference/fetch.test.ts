import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTable, listTables, officialUrl, openReferenceData, ReferenceArgumentError, ReferenceFetchError } from '../../src/reference/index.js';
import { FILES, recordLines, snapshot } from './helpers.js';
import { tempDir } from '../support/folders.js';

describe('data fetch', () => {
  let server: Server;
  let baseUrl = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/2026/icd10cm-Code%20Descriptions-2026.zip') {
        // a file that cannot be read ends the response at once, so the download fails instead of waiting
        const zip = createReadStream(FILES.icdZip).on('error', (error) => res.destroy(error));
        res.writeHead(200, { 'content-type': 'application/zip' });
        zip.pipe(res);
      } else {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('documents the official address', () => {
    expect(officialUrl('icd10cm', { year: 2026 }).url).toBe(
      'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/icd10cm-Code%20Descriptions-2026.zip',
    );
  });

  it('downloads the ICD-10-CM zip and imports it', async () => {
    const dir = tempDir();
    const v = await fetchTable(dir, 'icd10cm', { year: 2026, baseUrl });
    expect(requests).toContain('/2026/icd10cm-Code%20Descriptions-2026.zip');
    expect(v).toMatchObject({ effective: '2025-10-01', label: 'ICD-10-CM FY2026', rows: recordLines(FILES.icd2026), source: 'icd10cm-Code Descriptions-2026.zip' });
    expect(listTables(dir)).toHaveLength(1);
    expect(openReferenceData(dir).icd10cm('2026-02-01')?.table.get('E119')?.billable).toBe(true);
    expect(Object.keys(snapshot(dir)).some((p) => p.startsWith('.reference'))).toBe(false);
  });

  it('fails cleanly on a missing file and leaves the folder as it was', async () => {
    const dir = tempDir();
    const before = snapshot(dir);
    await expect(fetchTable(dir, 'icd10cm', { year: 2019, baseUrl })).rejects.toBeInstanceOf(ReferenceFetchError);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses kinds CMS does not publish for direct download', async () => {
    await expect(fetchTable(tempDir(), 'ncci-ptp', { baseUrl })).rejects.toBeInstanceOf(ReferenceArgumentError);
  });
});
