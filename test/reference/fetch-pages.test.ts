import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTable, listTables, officialUrl, openReferenceData, ReferenceFetchError } from '../../src/reference/index.js';
import { FILES, recordLines, snapshot } from './helpers.js';
import { tempDir } from '../support/folders.js';

/** The RVU release zip holds the PPRRVU CSV beside other files; the AOC zip holds the table. */
const RVU_ZIP = Buffer.from(zipSync({ 'PPRRVU24_JUL.csv': readFileSync(FILES.pprrvu), 'RVU24C README.txt': Buffer.from('read me'), 'GPCI2024.csv': Buffer.from('a,b\n') }));
const AOC_ZIP = Buffer.from(zipSync({ 'AOC_2024Q3.csv': readFileSync(FILES.aoc) }));

const PFS_PAGE = `<html><body><ul>
  <li><a href="/files/zip/rvu24c.zip">RVU24C (July)</a></li>
  <li><a href="/files/zip/rvu24b-updated-04-01-2024.zip">RVU24B</a></li>
  <li><a href="/files/document/rvu-readme.pdf">README</a></li>
</ul></body></html>`;
const AOC_PAGE = `<html><body><a href='/files/zip/medicare-ncci-add-code-edits-july-2024.zip'>July 2024</a></body></html>`;

describe('data fetch from a download page', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'content-type': type }).end(body);
      if (req.url === '/pfs-relative-value-files') send('text/html', PFS_PAGE);
      else if (req.url === '/add-on-code-edits') send('text/html', AOC_PAGE);
      else if (req.url === '/empty-page') send('text/html', '<html>nothing yet</html>');
      else if (req.url === '/files/zip/rvu24c.zip') send('application/zip', RVU_ZIP);
      else if (req.url === '/files/zip/medicare-ncci-add-code-edits-july-2024.zip') send('application/zip', AOC_ZIP);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('knows the CMS pages the files are listed on', () => {
    expect(officialUrl('pfs').url).toBe('https://www.cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files');
    expect(officialUrl('ncci-aoc').url).toBe('https://www.cms.gov/ncci-medicare/medicare-ncci-add-code-edits');
  });

  it('downloads the RVU release of the quarter asked for and imports its PPRRVU file', async () => {
    const dir = tempDir();
    const v = await fetchTable(dir, 'pfs', { baseUrl: `${base}/pfs-relative-value-files`, year: 2024, quarter: 3 });
    expect(requests).toContain('/files/zip/rvu24c.zip');
    expect(v).toMatchObject({ kind: 'pfs', effective: '2024-07-01', source: 'rvu24c.zip', rows: recordLines(FILES.pfsDecoded, 1) });
    expect(openReferenceData(dir).pfs('2024-07-01')?.table.get('27447')?.globalDays).toBe('090');
    expect(Object.keys(snapshot(dir)).some((p) => p.startsWith('.reference'))).toBe(false);
  });

  it('downloads the add-on code edits the page links to', async () => {
    const dir = tempDir();
    const v = await fetchTable(dir, 'ncci-aoc', { baseUrl: `${base}/add-on-code-edits`, effective: '2024-07-01' });
    expect(v).toMatchObject({ kind: 'ncci-aoc', effective: '2024-07-01', source: 'medicare-ncci-add-code-edits-july-2024.zip', rows: recordLines(FILES.aoc, 1) });
    expect(v.note).toContain('every edit in it is read as active');
    expect(openReferenceData(dir).aoc('2024-07-01')?.table.edits('11001')[0]?.primary).toBe('11000');
  });

  it('says so when the page lists no file for the release, and leaves the folder as it was', async () => {
    const dir = tempDir();
    const before = snapshot(dir);
    await expect(fetchTable(dir, 'pfs', { baseUrl: `${base}/pfs-relative-value-files`, year: 2023 })).rejects.toThrow(/links to no RVU file zip for 2023/);
    await expect(fetchTable(dir, 'ncci-aoc', { baseUrl: `${base}/empty-page` })).rejects.toBeInstanceOf(ReferenceFetchError);
    await expect(fetchTable(dir, 'ncci-aoc', { baseUrl: `${base}/no-such-page` })).rejects.toThrow(/HTTP 404/);
    expect(snapshot(dir)).toEqual(before);
    expect(listTables(dir)).toEqual([]);
  });
});
