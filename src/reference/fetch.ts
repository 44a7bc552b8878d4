import { createWriteStream, existsSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../config/private-files.js';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ReferenceArgumentError, ReferenceFetchError } from './errors.js';
import { importTable } from './import.js';
import type { ReferenceKind, TableVersion } from './types.js';

/**
 * Where the official files are published. ICD-10-CM: NCHS (CDC) posts each fiscal year's code
 * descriptions zip, holding the order file, under ICD10CM/<year>/; CMS publishes the same files as
 * https://www.cms.gov/files/zip/<year>-code-descriptions-tabular-order.zip. HCPCS Level II: CMS's
 * quarterly "Alpha-Numeric HCPCS File" zips, e.g.
 * https://www.cms.gov/files/zip/january-2025-alpha-numeric-hcpcs-file.zip, holding the HCPCyyyy
 * record file.
 *
 * Not fetched: the NCCI PTP and MUE tables, which CMS serves only after the reader accepts the AMA
 * CPT licence on https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits
 * (PTP also comes split in four parts); the MCE lists, which ship inside the MS-DRG grouper
 * documentation; the place of service list, published as a web page. Import those with
 * `data import` after downloading them.
 */
export const OFFICIAL_SOURCES = {
  /*
   * The PFS relative value files and the add-on code edits change their file names from
   * release to release (RVU24A, RVU24A-updated...; a new AOC zip each quarter), so their
   * download page is read and the file taken from its links to /files/zip/.
   */
  pfs: {
    pageUrl: 'https://www.cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files',
  },
  'ncci-aoc': {
    pageUrl: 'https://www.cms.gov/ncci-medicare/medicare-ncci-add-code-edits',
  },
  icd10cm: {
    baseUrl: 'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM',
    path: (year: number) => `/${year}/icd10cm-Code%20Descriptions-${year}.zip`,
    cmsUrl: (year: number) => `https://www.cms.gov/files/zip/${year}-code-descriptions-tabular-order.zip`,
  },
  hcpcs: {
    baseUrl: 'https://www.cms.gov/files/zip',
    path: (year: number, quarter: number) => `/${QUARTER_MONTHS[quarter - 1]}-${year}-alpha-numeric-hcpcs-file.zip`,
  },
} as const;

const QUARTER_MONTHS = ['january', 'april', 'july', 'october'] as const;

export interface FetchOptions {
  /** ICD-10-CM fiscal year, or HCPCS calendar year; defaults to the one in force today. */
  year?: number;
  /** HCPCS release quarter 1-4 (January, April, July, October); defaults to 1. */
  quarter?: number;
  /** Replaces the publisher's address, e.g. a mirror or a local test server (for pfs and ncci-aoc: the download page's). */
  baseUrl?: string;
  effective?: string;
}

/** Downloads the official file of `kind` into the data folder's temp area, then imports it. */
export async function fetchTable(dataDir: string, kind: ReferenceKind, options: FetchOptions = {}): Promise<TableVersion> {
  const { url, fileName, effective } = kind === 'pfs' || kind === 'ncci-aoc' ? await fromDownloadPage(kind, options) : officialUrl(kind, options);
  const createdDataDir = !existsSync(dataDir);
  makePrivateDir(dataDir);
  const temp = mkdtempSync(join(dataDir, '.reference-download-'));
  let imported = false;
  try {
    const file = join(temp, fileName);
    await download(url, file);
    const version = await importTable(dataDir, kind, file, { sourceName: fileName, effective: options.effective ?? effective });
    imported = true;
    return version;
  } finally {
    rmSync(temp, { recursive: true, force: true });
    if (createdDataDir && !imported) {
      try {
        rmdirSync(dataDir);
      } catch {
        // Something else has put files there meanwhile; leave it.
      }
    }
  }
}

/** Where the file of `kind` is downloaded from; for pfs and ncci-aoc, the download page the file is picked from. */
export function officialUrl(kind: ReferenceKind, options: FetchOptions = {}): { url: string; fileName: string; effective: string } {
  const today = new Date();
  if (kind === 'icd10cm') {
    // The fiscal year starts on October 1 of the year before its number.
    const year = options.year ?? (today.getUTCMonth() >= 9 ? today.getUTCFullYear() + 1 : today.getUTCFullYear());
    checkYear(year);
    const source = OFFICIAL_SOURCES.icd10cm;
    const url = `${trimSlash(options.baseUrl ?? source.baseUrl)}${source.path(year)}`;
    return { url, fileName: `icd10cm-Code Descriptions-${year}.zip`, effective: `${year - 1}-10-01` };
  }
  if (kind === 'hcpcs') {
    const year = options.year ?? today.getUTCFullYear();
    const quarter = options.quarter ?? 1;
    checkYear(year);
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new ReferenceArgumentError(`quarter must be 1 to 4, not ${quarter}`);
    const source = OFFICIAL_SOURCES.hcpcs;
    const url = `${trimSlash(options.baseUrl ?? source.baseUrl)}${source.path(year, quarter)}`;
    const month = String(1 + 3 * (quarter - 1)).padStart(2, '0');
    return { url, fileName: `hcpcs-${year}-${QUARTER_MONTHS[quarter - 1]}.zip`, effective: `${year}-${month}-01` };
  }
  if (kind === 'pfs' || kind === 'ncci-aoc') {
    const page = options.baseUrl ?? OFFICIAL_SOURCES[kind].pageUrl;
    return { url: page, fileName: '', effective: '' };
  }
  throw new ReferenceArgumentError(
    `${kind} cannot be fetched: CMS publishes it behind a licence page or inside other documents; download it and use data import`,
  );
}

/** PFS releases by quarter: A January, B April, C July, D October. */
const RVU_LETTERS = ['a', 'b', 'c', 'd'] as const;

/**
 * The file a download page links to: for pfs the RVU zip of the year and quarter asked for
 * (the first one listed otherwise, which CMS keeps the newest), for ncci-aoc the first zip.
 */
async function fromDownloadPage(kind: 'pfs' | 'ncci-aoc', options: FetchOptions): Promise<{ url: string; fileName: string; effective: string | undefined }> {
  const page = options.baseUrl ?? OFFICIAL_SOURCES[kind].pageUrl;
  if (options.year !== undefined) checkYear(options.year);
  if (options.quarter !== undefined && (!Number.isInteger(options.quarter) || options.quarter < 1 || options.quarter > 4)) {
    throw new ReferenceArgumentError(`quarter must be 1 to 4, not ${options.quarter}`);
  }
  const html = await downloadText(page);
  const links = [...html.matchAll(/href\s*=\s*["']([^"']*\/files\/zip\/[^"']+)["']/gi)].map((m) => new URL(m[1] as string, page).toString());
  let wanted = links;
  if (kind === 'pfs') {
    wanted = links.filter((link) => /\/rvu\d\d[a-d][^/]*$/i.test(link));
    if (options.year !== undefined) {
      const release = `rvu${String(options.year).slice(2)}${options.quarter === undefined ? '' : RVU_LETTERS[options.quarter - 1]}`;
      wanted = wanted.filter((link) => link.toLowerCase().split('/').pop()?.startsWith(release));
    }
  }
  const url = wanted[0];
  if (url === undefined) throw new ReferenceFetchError(page, `the download page links to no ${kind === 'pfs' ? 'RVU file zip' : 'zip'}${options.year === undefined ? '' : ` for ${options.year}`}`);
  const fileName = decodeURIComponent(url.split('/').pop() as string);
  // the RVU zip's name says its release; the AOC zip's is read by the import, or given with --effective
  const named = /rvu(\d\d)([a-d])/i.exec(fileName);
  const effective = named === null ? undefined : `20${named[1]}-${String(1 + 3 * RVU_LETTERS.indexOf(named[2]!.toLowerCase() as never)).padStart(2, '0')}-01`;
  return { url, fileName, effective };
}

async function downloadText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (cause) {
    throw new ReferenceFetchError(url, `download page unreachable: ${(cause as Error).message}`);
  }
  if (!response.ok) throw new ReferenceFetchError(url, `download page failed: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ReferenceArgumentError(`year must be a four-digit year, not ${year}`);
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

async function download(url: string, file: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (cause) {
    throw new ReferenceFetchError(url, `download failed: ${(cause as Error).message}`);
  }
  if (!response.ok || response.body === null) {
    throw new ReferenceFetchError(url, `download failed: HTTP ${response.status} ${response.statusText}`);
  }
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file, { mode: PRIVATE_FILE_MODE }));
  } catch (cause) {
    throw new ReferenceFetchError(url, `download broke off: ${(cause as Error).message}`);
  }
}
