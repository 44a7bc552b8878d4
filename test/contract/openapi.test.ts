/**
 * The OpenAPI description is a valid OpenAPI 3.1 document, and the checker the service tests
 * use with it refuses what the description does not say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/contract/openapi.js';
import { apiChecker } from '../support/openapi.js';
import { REPO_ROOT } from '../support/paths.js';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument('1.2.3') as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route the service has, with the contract’s schemas and one error body', () => {
    const doc = openApiDocument('1.2.3');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/accounts',
        '/api/acks',
        '/api/accounts/{username}',
        '/api/audit',
        '/api/batch',
        '/api/store/retention',
        '/api/codes/carc',
        '/api/codes/carc/{code}',
        '/api/codes/diagnosis',
        '/api/codes/modifier',
        '/api/codes/pos',
        '/api/codes/procedure',
        '/api/codes/rarc',
        '/api/codes/rarc/{code}',
        '/api/data/import',
        '/api/data/status',
        '/api/examples',
        '/api/health',
        '/api/history',
        '/api/history/{id}',
        '/api/history/{id}/837',
        '/api/history/{id}/correction',
        '/api/history/{id}/appeal',
        '/api/history/{id}/remits',
        '/api/history/{id}/states',
        '/api/openapi.json',
        '/api/rules',
        '/api/rules/drafts',
        '/api/rules/drafts/{id}/preview',
        '/api/rules/drafts/{id}/publish',
        '/api/rules/files',
        '/api/rules/files/{path}',
        '/api/rules/versions',
        '/api/rules/versions/{version}/diff',
        '/api/rules/versions/{version}/restore',
        '/api/rules/status',
        '/api/rules/{id}',
        '/api/scrub',
        '/api/scrub/text',
        '/api/session',
        '/api/session/sso',
        '/api/session/sso/available',
        '/api/session/sso/callback',
        '/api/workbench/insights',
        '/api/workbench/rules',
        '/api/worklist',
        '/api/worklist/{scrubId}/state',
        '/api/remits',
        '/api/reports/missed-denials',
        '/api/setup',
        '/api/training/exercise',
        '/api/training/exercise/{id}/answer',
        '/api/training/progress',
        '/api/training/progress/all',
      ].sort(),
    );
    expect(doc.components.schemas).toHaveProperty('Claim');
    expect(doc.components.schemas).toHaveProperty('ScrubResult');
    expect(doc.components.schemas).toHaveProperty('ErrorBody');
    const scrub = JSON.stringify(doc.paths['/api/scrub']);
    expect(scrub).toContain('#/components/schemas/Claim');
    expect(scrub).toContain('#/components/schemas/ErrorBody');
    // the schemas are the ones the JSON Schema files hold
    const claimFile = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'claim.schema.json'), 'utf8')) as { $defs: Record<string, unknown> };
    expect(JSON.stringify(doc.components.schemas.ClaimLine)).toBe(JSON.stringify(claimFile.$defs.ClaimLine));
  });
});

describe('checking an answer against the description', () => {
  const checker = apiChecker();
  const health = { status: 'ok', rulesetVersion: '2026-11-27.1', rules: 40, rulesState: 'ok' };

  it('accepts a described answer', () => {
    expect(checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: JSON_TYPE, body: health })).toEqual([]);
    expect(checker.problems({ method: 'GET', path: '/api/rules/status', status: 429, contentType: JSON_TYPE, body: { error: 'slow down', code: 'SJ_HTTP_RATE_LIMITED' } })).toEqual([]);
  });

  it('takes a literal path before a template that would also match it', () => {
    expect(checker.templateOf('/api/rules/status')).toBe('/api/rules/status');
    expect(checker.templateOf('/api/rules/ptp-column2')).toBe('/api/rules/{id}');
    expect(checker.templateOf('/api/rules/a/b')).toBeUndefined();
  });

  it('refuses an undescribed route, method, status or content type', () => {
    expect(checker.problems({ method: 'GET', path: '/api/nope', status: 404, contentType: JSON_TYPE, body: {} })).toEqual([expect.stringContaining('no path')]);
    expect(checker.problems({ method: 'DELETE', path: '/api/health', status: 404, contentType: JSON_TYPE, body: {} })).toEqual([expect.stringContaining('describes no DELETE')]);
    expect(checker.problems({ method: 'GET', path: '/api/health', status: 418, contentType: JSON_TYPE, body: {} })).toEqual([expect.stringContaining('status 418 is not described')]);
    expect(checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: 'text/html', body: '<p>' })).toEqual([expect.stringContaining('content type text/html')]);
  });

  it('refuses a body that does not match its schema, naming the field', () => {
    const [problem] = checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: JSON_TYPE, body: { ...health, rules: 'forty' } });
    expect(problem).toContain('body/rules must be integer');
    expect(checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: JSON_TYPE, body: { ...health, extra: 1 } })).not.toEqual([]);
    expect(checker.problems({ method: 'GET', path: '/api/rules/x', status: 404, contentType: JSON_TYPE, body: { error: 'no rule' } })).toEqual([
      expect.stringContaining("must have required property 'code'"),
    ]);
  });
});
