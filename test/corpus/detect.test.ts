import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECT_HEAD_BYTES, detectFormat } from '../../src/claim/detect.js';
import { CORPUS_DIR } from './paths.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const head = (path: string): Buffer => readFileSync(path).subarray(0, DETECT_HEAD_BYTES);

describe('detectFormat on every file of the corpus', () => {
  it('every X12 file is x12: BOMs, prose before the ISA, UTF-16, other separators, a missing ISA', () => {
    const files = filesUnder(join(CORPUS_DIR, 'x12')).filter((f) => !/LICENSE/i.test(basename(f)));
    expect(files.length).toBeGreaterThan(80);
    for (const file of files) {
      const bytes = head(file);
      expect(detectFormat(bytes), file).toBe('x12');
      expect(detectFormat(bytes.toString('utf8')), file).toBe('x12');
    }
  });

  it('every FHIR file is fhir', () => {
    const files = filesUnder(join(CORPUS_DIR, 'fhir'));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) expect(detectFormat(head(file)), file).toBe('fhir');
  });
});
