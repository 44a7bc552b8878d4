/**
 * `readClaims`: one way in for every format, told by content, read as a stream.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate837Claims } from '../../bench/generate-837.js';
import { MAX_JSON_DOCUMENT_BYTES } from '../../src/claim/read-json.js';
import { readClaims } from '../../src/claim/read.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { tempDir, writeIn } from '../support/folders.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { write837 } from '../support/x12-writer.js';

const work = tempDir('scrubjay-read-');
const file = (name: string, content: string | Buffer): string => writeIn(work, name, content);

async function all(source: Parameters<typeof readClaims>[0], name?: string): Promise<ClaimFromFile[]> {
  const claims: ClaimFromFile[] = [];
  for await (const claim of readClaims(source, name)) claims.push(claim);
  return claims;
}

async function failure(source: Parameters<typeof readClaims>[0], name?: string): Promise<ScrubjayError> {
  try {
    await all(source, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ScrubjayError);
    return error as ScrubjayError;
  }
  throw new Error('expected the file to be refused');
}

const examples = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, unknown>>;
const ids = (claims: ClaimFromFile[]): unknown[] => claims.map((c) => c.claim?.claimId ?? null);

describe('readClaims tells the format by content, whatever the file is called', () => {
  it('reads a JSON array, one object, NDJSON, an 837 and FHIR', async () => {
    const generated = [...generate837Claims(3, 5)];
    const cases: Array<[string, string, string, unknown[]]> = [
      ['array.txt', JSON.stringify(examples, null, 2), 'json', ['C-1001', 'C-1002', 'C-1003']],
      ['one.ndjson', JSON.stringify(examples[1]), 'json', ['C-1002']],
      ['lines.json', examples.map((c) => JSON.stringify(c)).join('\r\n'), 'ndjson', ['C-1001', 'C-1002', 'C-1003']],
      ['claims.json', write837(generated), 'x12', ['G-1', 'G-2', 'G-3']],
    ];
    for (const [name, content, format, expected] of cases) {
      const claims = await all(file(name, content));
      expect(claims.map((c) => c.format), name).toEqual(expected.map(() => format));
      expect(ids(claims), name).toEqual(expected);
      expect(claims.map((c) => c.index), name).toEqual(expected.map((_, i) => i));
      expect(claims.every((c) => c.file === join(work, name))).toBe(true);
    }
    const fhir = await all(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_ProfessionalEOBExample1.json'));
    expect(fhir.map((c) => [c.format, c.claim?.claimId])).toEqual([['fhir', 'ProfessionalEOBExample1']]);
  });

  it('reads FHIR resources one per line, and in a JSON array beside plain claims', async () => {
    const eob = JSON.parse(readFileSync(join(FIXTURES_DIR, 'fhir', 'carin-bb', 'ExplanationOfBenefit_ProfessionalEOBExample1.json'), 'utf8')) as Record<string, unknown>;
    const bulk = await all(file('bulk.ndjson', `${JSON.stringify(eob)}\n${JSON.stringify({ ...eob, id: 'second' })}\n`));
    expect(bulk.map((c) => [c.format, c.index])).toEqual([
      ['fhir', 0],
      ['fhir', 1],
    ]);
    const mixed = await all(file('mixed.json', JSON.stringify([examples[0], eob, examples[2]])));
    expect(mixed.map((c) => [c.format, c.index, c.claim?.claimId])).toEqual([
      ['json', 0, 'C-1001'],
      ['fhir', 1, 'ProfessionalEOBExample1'],
      ['json', 2, 'C-1003'],
    ]);
  });

  it('reads UTF-8 with a byte order mark and UTF-16 JSON', async () => {
    const text = JSON.stringify(examples);
    expect(ids(await all(file('bom.json', `\ufeff${text}`)))).toEqual(['C-1001', 'C-1002', 'C-1003']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(ids(await all(file('utf16.json', utf16)))).toEqual(['C-1001', 'C-1002', 'C-1003']);
  });

  it('reads a buffer or a stream as well as a path, and names it as told', async () => {
    const fromBuffer = await all(Buffer.from(JSON.stringify(examples[0])), 'request body');
    expect(fromBuffer.map((c) => [c.file, c.claim?.claimId])).toEqual([['request body', 'C-1001']]);
    async function* upload(): AsyncGenerator<string> {
      yield JSON.stringify(examples[0]).slice(0, 10);
      yield `${JSON.stringify(examples[0]).slice(10)}\n${JSON.stringify(examples[1])}\n`;
    }
    expect(ids(await all(upload(), 'upload.ndjson'))).toEqual(['C-1001', 'C-1002']);
  });
});

describe('readClaims streams', () => {
  it('yields each NDJSON claim and each 837 claim before the rest of the input is read', async () => {
    const ndjson = examples.map((c) => `${JSON.stringify(c)}\n`);
    // the head the format is told from is read first, so the first piece is made larger than that head
    const padding = '\n'.repeat(70_000);
    const x12 = write837(generate837Claims(400, 9), { claimsPerTransaction: 1000 });
    const cut = x12.indexOf('CLM*G-300*');
    for (const [first, rest, count] of [
      [ndjson[0]! + ndjson[1]! + padding, ndjson[2]!, 3],
      [x12.slice(0, cut), x12.slice(cut), 400],
    ] as const) {
      let restRead = false;
      async function* source(): AsyncGenerator<string> {
        yield first;
        restRead = true;
        yield rest;
      }
      const seen: boolean[] = [];
      for await (const _ of readClaims(source(), 'stream')) seen.push(restRead);
      expect(seen).toHaveLength(count);
      // the first two claims came out while the rest of the input was still unread
      expect(seen.slice(0, 2)).toEqual([false, false]);
    }
  });

  it('tells of every byte it reads, for progress', async () => {
    const path = file('progress.837', write837(generate837Claims(50, 3)));
    let bytes = 0;
    let claims = 0;
    for await (const _ of readClaims(path, path, { onBytes: (n) => (bytes += n) })) claims++;
    expect(claims).toBe(50);
    expect(bytes).toBe(statSync(path).size);
  });
});

describe('readClaims: what cannot be read', () => {
  it('yields a broken NDJSON record or a value that is no claim as a claim with its problem, and reads on', async () => {
    const path = file('broken.ndjson', `${JSON.stringify(examples[0])}\n\n{"claimId": "X", "lines": [}\n42\n${JSON.stringify(examples[2])}\n`);
    const claims = await all(path);
    expect(claims.map((c) => [c.index, c.claim?.claimId ?? null])).toEqual([
      [0, 'C-1001'],
      [1, null],
      [2, null],
      [3, 'C-1003'],
    ]);
    expect(claims[1]!.problems).toEqual([{ severity: 'error', code: 'json-syntax', message: expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:28: not valid JSON`)), where: { location: 'line 3, column 28' } }]);
    expect(claims[2]!.problems).toEqual([{ severity: 'error', code: 'json-not-a-claim', message: `${path}: claim 3 is number, not a claim object` }]);
  });

  it('refuses a file that cannot be read at all, naming it', async () => {
    const cases: Array<[string, string | Buffer | null, string, RegExp]> = [
      ['missing.json', null, 'SJ_INPUT_UNREADABLE', /missing\.json: cannot read the file \(no such file\)$/],
      ['empty.json', '  \n', 'SJ_INPUT_NOT_JSON', /empty\.json: the file is empty/],
      ['prose.txt', 'Dear billing office, please find the claims attached.', 'SJ_INPUT_FORMAT_UNKNOWN', /prose\.txt: not a claims file/],
      ['syntax.json', '[\n  {"claimId": "A", "lines": []},\n  {"claimId": "B" "lines": []}\n]', 'SJ_INPUT_NOT_JSON', /syntax\.json:3:19: not valid JSON/],
      ['scalar.json', '"C-1001"', 'SJ_INPUT_NOT_A_CLAIM', /scalar\.json: claim 1 is string, not a claim object/],
    ];
    for (const [name, content, code, message] of cases) {
      const path = content === null ? join(work, name) : file(name, content);
      const error = await failure(path);
      expect([error.code, error.message], name).toEqual([code, expect.stringMatching(message)]);
    }
    expect((await failure(work)).message).toContain('cannot read the file (it is a folder)');
  });

  it('refuses a JSON document over its size limit and says to use NDJSON', async () => {
    const path = file('huge.json', `[${' '.repeat(MAX_JSON_DOCUMENT_BYTES)}]`);
    const error = await failure(path);
    expect(error.code).toBe('SJ_INPUT_TOO_LARGE');
    expect(error.message).toContain('huge.json: a JSON document is read whole, and this one is over 64 MB; write the claims one per line (NDJSON)');
  });
});
