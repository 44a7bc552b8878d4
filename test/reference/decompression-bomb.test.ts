import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INFLATED_BYTES, importTable, listTables, ReferenceFormatError } from '../../src/reference/index.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { FILES, recordLines, snapshot } from './helpers.js';

const MiB = 1024 * 1024;

/** `size` bytes of `byte`, produced a piece at a time so the test itself never holds them. */
function repeated(size: number, byte: number): Readable {
  const piece = Buffer.alloc(MiB, byte);
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, piece.length);
      left -= n;
      this.push(n === piece.length ? piece : piece.subarray(0, n));
    },
  });
}

async function gzipBomb(file: string, size: number, byte: number): Promise<void> {
  await pipeline(repeated(size, byte), createGzip(), createWriteStream(file));
}

/** A zip whose one member (named as the official ICD-10-CM order file) inflates to `size` zeros. */
async function zipBomb(file: string, size: number): Promise<void> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const zip = new Zip((error, data, final) => {
    if (error) throw error;
    out.write(data);
    if (final) out.end();
  });
  const entry = new ZipDeflate('icd10cm-order-2026.txt', { level: 9 });
  zip.add(entry);
  const piece = new Uint8Array(MiB);
  for (let left = size; left > 0; left -= MiB) entry.push(piece.subarray(0, Math.min(left, MiB)), left <= MiB);
  zip.end();
  await done;
}

async function refusal(promise: Promise<unknown>): Promise<ReferenceFormatError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReferenceFormatError);
  return error as ReferenceFormatError;
}

describe('compressed input that inflates without bound', () => {
  const work = tempDir();
  const zeros = join(work, 'icd10cm-order-2026.txt.gz');
  const newlines = join(work, 'icd10cm-order-2027.txt.gz');
  const zipped = join(work, 'icd10cm-2026.zip');
  beforeAll(async () => {
    // a few hundred kilobytes on disk each, hundreds of megabytes inflated
    await gzipBomb(zeros, 300 * MiB, 0);
    await gzipBomb(newlines, 300 * MiB, 0x0a);
    await zipBomb(zipped, 300 * MiB);
  });

  it('refuses a gzip file past the cap, naming the file and the limit, and leaves the data folder as it was', async () => {
    const data = join(work, 'data-gz');
    await importTable(data, 'icd10cm', FILES.icd2026);
    const before = snapshot(data);
    const error = await refusal(importTable(data, 'icd10cm', newlines, { maxInflatedBytes: 4 * MiB }));
    expect(error.file).toBe(newlines);
    expect(error.message).toBe(`${newlines}: expected at most 4 MiB once uncompressed (found "more than that: refused as a possible decompression bomb")`);
    expect(snapshot(data)).toEqual(before);
    expect(listTables(data)).toHaveLength(1);
  });

  it('refuses a zip member past the cap the same way', async () => {
    const data = join(work, 'data-zip');
    const error = await refusal(importTable(data, 'icd10cm', zipped, { maxInflatedBytes: 4 * MiB }));
    expect(error.file).toBe(zipped);
    expect(error.expected).toBe('at most 4 MiB once uncompressed');
    expect(listTables(data)).toEqual([]);
  });

  it('refuses a bomb of zeros at its first line, long before the cap, without holding it in memory', async () => {
    const data = join(work, 'data-zeros');
    const error = await refusal(importTable(data, 'icd10cm', zeros));
    expect(error.message).toMatch(new RegExp(`^${zeros.replace(/[.]/g, '\\.')}:1: expected lines of at most 1 MiB`));
    const zipError = await refusal(importTable(data, 'icd10cm', zipped));
    expect(zipError.line).toBe(1);
    expect(listTables(data)).toEqual([]);
  });

  it('still reads real compressed files under a cap they fit in', async () => {
    const data = join(work, 'data-real');
    const version = await importTable(data, 'icd10cm', FILES.icdZip, { maxInflatedBytes: 64 * MiB });
    // the zip holds the fixture's FY2026 order file, row for row
    expect(version.rows).toBe(recordLines(FILES.icd2026));
  });

  it('caps at 2 GiB by default, as the README says', () => {
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(2 * 1024 ** 3);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const stated = /inflates to more than (\d+) GiB/.exec(readme);
    expect(stated).not.toBeNull();
    expect(Number(stated![1]) * 1024 ** 3).toBe(DEFAULT_MAX_INFLATED_BYTES);
  });
});
