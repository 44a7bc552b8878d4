/**
 * The error catalog: every code Scrubjay raises or answers with is in it, named
 * `SJ_<AREA>_<WHAT>`, once, with a message, and with an HTTP status where it can be an answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ScrubjayError, errorBody, statusOf, type CatalogEntry, type ErrorCode } from '../src/errors.js';
import { ErrorBodySchema } from '../src/contract/problem.js';
import { REPO_ROOT } from './support/paths.js';

const CODE_SHAPE = /^SJ_[A-Z0-9]+_[A-Z0-9_]+$/;
/** a quoted catalog code in source text (a prefix such as `'SJ_STORE_'` ends in `_` and is not one) */
const QUOTED_CODE = /['"`](SJ_[A-Z0-9]+_[A-Z0-9_]*[A-Z0-9])['"`]/g;

const entries = Object.entries(ERROR_CODES) as Array<[ErrorCode, CatalogEntry]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function codesUsedIn(dir: string): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(QUOTED_CODE)) used.set(match[1]!, file);
  }
  return used;
}

describe('the error catalog', () => {
  it('names every code SJ_<AREA>_<WHAT>, each with a message', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [code, entry] of entries) {
      expect(code).toMatch(CODE_SHAPE);
      expect(entry.message.trim().length, code).toBeGreaterThan(3);
    }
  });

  it('defines each code once (a repeated key would silently replace the first)', () => {
    const text = readFileSync(join(REPO_ROOT, 'src', 'errors.ts'), 'utf8');
    const keys = [...text.matchAll(/^\s+(SJ_[A-Z0-9_]+):\s*\{/gm)].map((m) => m[1]);
    expect(keys.length).toBe(entries.length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every HTTP error, and every code that can be an answer, a status from 400 to 599', () => {
    for (const [code, entry] of entries) {
      if (code.startsWith('SJ_HTTP_')) expect(entry.status, code).toBeDefined();
      if (entry.status !== undefined) {
        expect(Number.isInteger(entry.status), code).toBe(true);
        expect(entry.status, code).toBeGreaterThanOrEqual(400);
        expect(entry.status, code).toBeLessThanOrEqual(599);
      }
    }
    expect(statusOf('SJ_HTTP_NOT_FOUND')).toBe(404);
    expect(statusOf('SJ_INPUT_TOO_LARGE')).toBe(413);
    expect(statusOf('SJ_STORE_LOCKED')).toBe(503);
  });

  it('holds every code the source and the tests use', () => {
    const known = new Set<string>(Object.keys(ERROR_CODES));
    for (const dir of ['src', 'test', 'web']) {
      for (const [code, file] of codesUsedIn(join(REPO_ROOT, dir))) expect(known.has(code), `${code} in ${file}`).toBe(true);
    }
  });
});

describe('an error as the one error body', () => {
  it('keeps the message as `error`, adds the code, and names the field, the place and the claim', () => {
    const error = new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', 'claims.json: claim 2 has no "lines" array', { file: 'claims.json', line: 3, column: 7, claimIndex: 1, path: 'lines' });
    const body = errorBody(error);
    expect(ErrorBodySchema.parse(body)).toEqual({ error: 'claims.json: claim 2 has no "lines" array', code: 'SJ_INPUT_NOT_A_CLAIM', field: 'lines', line: 3, column: 7, claimIndex: 1 });
    expect(error.status).toBe(400);
  });

  it('falls back to the catalog message, and lists the problems an error sums up', () => {
    const problem = { severity: 'error' as const, code: 'SJ_RULES_YAML', message: 'YAML: bad indentation', where: { file: 'a.yaml', line: 2, column: 3 } };
    const body = errorBody(new ScrubjayError('SJ_RULES_INVALID', undefined, {}, [problem]));
    expect(body).toEqual({ error: ERROR_CODES.SJ_RULES_INVALID.message, code: 'SJ_RULES_INVALID', field: null, problems: [problem] });
  });
});
