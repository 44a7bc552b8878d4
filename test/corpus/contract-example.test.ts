/**
 * The contract's claim example, kept as a fixture so that `npm test` can validate it against
 * the claim schema without the workspace beside the repository, still says what the
 * contract says (`claim-json.md`, in the contracts folder beside the corpus).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { CORPUS_DIR } from './paths.js';

const CONTRACT = join(CORPUS_DIR, '..', 'contracts', 'claim-json.md');

describe('the contract example fixture', () => {
  it('is the first JSON example of claim-json.md', () => {
    const block = /```json\n([\s\S]*?)```/.exec(readFileSync(CONTRACT, 'utf8'))?.[1];
    expect(block, `${CONTRACT} has no JSON example`).toBeDefined();
    const fixture: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'contract', 'claim-example.json'), 'utf8'));
    expect(fixture).toEqual(JSON.parse(block!));
  });
});
