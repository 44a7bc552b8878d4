import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETECT_HEAD_BYTES, decodeHead, detectFormat, sniffEncoding } from '../../src/claim/detect.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The first bytes of a file, as a reader would hand them over. */
const head = (path: string): Buffer => readFileSync(path).subarray(0, DETECT_HEAD_BYTES);

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

/** The X12 and FHIR fixtures, less their licences and READMEs (the corpus suite runs every file of the corpus). */
const X12_FILES = filesUnder(join(FIXTURES_DIR, 'x12')).filter((f) => !/LICENSE|README/i.test(basename(f)));
const FHIR_FILES = filesUnder(join(FIXTURES_DIR, 'fhir')).filter((f) => f.endsWith('.json'));
const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261120*1200*^*00501*000000001*0*P*:~';
const CLAIM = JSON.stringify({ claimId: 'C-1', lines: [{ procedureCode: '99213' }] });

describe('detectFormat by content, whatever the file is called', () => {
  it('every X12 fixture is x12: BOMs, prose before the ISA, UTF-16, other separators, a missing ISA, 835 and 277CA', () => {
    expect(X12_FILES.length).toBeGreaterThanOrEqual(20);
    for (const file of X12_FILES) {
      const bytes = head(file);
      expect(detectFormat(bytes), file).toBe('x12');
      expect(detectFormat(bytes.toString('utf8')), file).toBe('x12');
    }
  });

  it('every FHIR fixture (ours and the CARIN Blue Button examples) is fhir; the example claims are json', () => {
    expect(FHIR_FILES.length).toBeGreaterThan(6);
    for (const file of FHIR_FILES) expect(detectFormat(head(file)), file).toBe('fhir');
    expect(detectFormat(head(join(REPO_ROOT, 'examples', 'claims.json')))).toBe('json');
  });

  it('json, ndjson and fhir are told apart by their first value', () => {
    expect(detectFormat(CLAIM)).toBe('json');
    expect(detectFormat(`  \n[${CLAIM}, ${CLAIM}]`)).toBe('json');
    expect(detectFormat(`${CLAIM}\n${CLAIM}\n`)).toBe('ndjson');
    expect(detectFormat(`${CLAIM}  \r\n\r\n${CLAIM}`)).toBe('ndjson');
    expect(detectFormat(`{\n  "claimId": "C-1",\n  "lines": []\n}\n`)).toBe('json');
    expect(detectFormat('{"resourceType": "Claim", "id": "c1"}')).toBe('fhir');
    expect(detectFormat('[\n {"id": "c1", "resourceType": "ExplanationOfBenefit"}, {"resourceType": "Patient"}]')).toBe('fhir');
    expect(detectFormat('{"meta": {"source": "x"}, "contained": [{"resourceType": "Patient"}], "resourceType": "Claim"}')).toBe('fhir');
    // FHIR resources one per line are split as NDJSON; each line is then a resource
    expect(detectFormat('{"resourceType": "Claim", "id": "a"}\n{"resourceType": "Claim", "id": "b"}\n')).toBe('ndjson');
  });

  it('a resourceType below the first level, or inside a string, does not make a claim FHIR', () => {
    expect(detectFormat('{"claimId": "C-1", "source": {"resourceType": "Claim"}, "lines": []}')).toBe('json');
    expect(detectFormat('{"note": "\\"resourceType\\": \\"Claim\\"", "lines": []}')).toBe('json');
    expect(detectFormat('[["resourceType"]]')).toBe('json');
    expect(detectFormat('{"resourceType": 7}')).toBe('json');
  });

  it('braces and quotes inside strings do not end the first object early', () => {
    expect(detectFormat('{"claimId": "a\\"}\\n{", "lines": []}')).toBe('json');
    expect(detectFormat('{"claimId": "}\\n{", "lines": []}\n{"claimId": "b"}')).toBe('ndjson');
  });

  it('works on a head cut anywhere, even inside a string or a multi-byte character', () => {
    const big = Buffer.from(JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ claimId: `C-${i}`, note: 'ü€𝒳', lines: [] }))));
    expect(big.length).toBeGreaterThan(DETECT_HEAD_BYTES);
    expect(detectFormat(big.subarray(0, DETECT_HEAD_BYTES))).toBe('json');
    for (const cut of [1, 2, 17, 40, 41, 42]) expect(detectFormat(big.subarray(0, cut)), String(cut)).toBe('json');
    const bundle = Buffer.from(JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 2000 }, () => ({ resource: { resourceType: 'Claim' } })) }));
    expect(detectFormat(bundle.subarray(0, 30))).toBe('fhir');
    expect(detectFormat(`${CLAIM}\n{"claimId": "C-2", "li`)).toBe('ndjson');
    expect(detectFormat(ISA.slice(0, 20))).toBe('x12');
  });

  it('UTF-16 text is detected with a byte order mark or by its NUL pattern, in either byte order', () => {
    for (const [text, format] of [
      [ISA, 'x12'],
      [CLAIM, 'json'],
      ['{"resourceType": "Claim"}', 'fhir'],
      [`${CLAIM}\n${CLAIM}`, 'ndjson'],
    ] as const) {
      for (const order of ['le', 'be'] as const) {
        for (const bom of [true, false]) {
          const bytes = utf16(text, order, bom);
          expect(detectFormat(bytes), `${format} ${order} bom=${bom}`).toBe(format);
          // the same bytes decoded as if they were UTF-8 or Latin-1 text are still recognised
          expect(detectFormat(bytes.toString('latin1')), `${format} ${order} bom=${bom} latin1`).toBe(format);
          expect(detectFormat(bytes.toString('utf8')), `${format} ${order} bom=${bom} utf8`).toBe(format);
        }
      }
    }
  });

  it('sniffEncoding and decodeHead read BOMs and NUL patterns', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x7b]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffEncoding(utf16('{}', 'le', true))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffEncoding(utf16('{}', 'be', true))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(sniffEncoding(utf16('ISA*00', 'le', false))).toEqual({ encoding: 'utf-16le', bomLength: 0 });
    expect(sniffEncoding(utf16('ISA*00', 'be', false))).toEqual({ encoding: 'utf-16be', bomLength: 0 });
    expect(sniffEncoding(Buffer.from('ISA*00'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(decodeHead(utf16('{"a": "é"}', 'be', true))).toBe('{"a": "é"}');
    expect(decodeHead(readFileSync(join(FIXTURES_DIR, 'x12', 'oopfactory-X12Parser', '837P-5010', 'UnicodeExample.txt')).subarray(0, 8))).toBe('ISA*');
  });

  it('anything else is unknown', () => {
    for (const text of ['', '   \n', 'Hello, these are my claims.', '<Claim xmlns="http://hl7.org/fhir"/>', 'ISAAC wrote this', 'claimId,procedureCode\nC-1,99213', '\ufeff']) {
      expect(detectFormat(text), JSON.stringify(text)).toBe('unknown');
    }
    expect(detectFormat(Buffer.alloc(0))).toBe('unknown');
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(['json', 'ndjson', 'x12', 'fhir', 'unknown']).toContain(detectFormat(bytes));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(['json', 'ndjson', 'x12', 'fhir', 'unknown']).toContain(detectFormat(text));
      }),
      { numRuns: 3000 },
    );
  });
});
