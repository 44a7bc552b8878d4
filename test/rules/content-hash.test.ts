import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { editByRename, tempDir } from '../support/folders.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

function hashOf(dir: string): string {
  const { ruleSet, problems } = loadRuleSet(dir);
  expect(problems).toEqual([]);
  return ruleSet!.hash;
}

describe('the hash of a rule set', () => {
  it('is the same for the same files wherever the folder is', () => {
    const a = copyOfShippedRules();
    const b = join(tempDir('scrubjay-elsewhere-'), 'deeper', 'rules');
    mkdirSync(join(b, '..'), { recursive: true });
    cpSync(a, b, { recursive: true });
    expect(hashOf(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(b)).toBe(hashOf(a));
  });

  it('changes with a byte of a rule file and with a file moved to another path, and not with files the loader does not read', () => {
    const dir = copyOfShippedRules();
    const start = hashOf(dir);
    writeFileSync(join(dir, 'NOTES.txt'), 'not a rule file\n');
    mkdirSync(join(dir, '.scratch'));
    writeFileSync(join(dir, '.scratch', 'idea.yaml'), 'id: not-read\n');
    expect(hashOf(dir)).toBe(start);

    editByRename(join(dir, 'payers', 'cigna.yaml'), 'days: 90', 'days: 91');
    const edited = hashOf(dir);
    expect(edited).not.toBe(start);
    editByRename(join(dir, 'payers', 'cigna.yaml'), 'days: 91', 'days: 90');
    expect(hashOf(dir)).toBe(start);

    mkdirSync(join(dir, 'payers', 'commercial'));
    renameSync(join(dir, 'payers', 'cigna.yaml'), join(dir, 'payers', 'commercial', 'cigna.yaml'));
    expect(hashOf(dir)).not.toBe(start);
  });
});
