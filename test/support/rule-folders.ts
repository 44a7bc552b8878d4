/** Copies of the shipped rules that a test may edit, and what the loader says of a folder it refuses. */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { tempDir } from './folders.js';
import { RULES_DIR } from './paths.js';

/** A copy of the shipped rules in a fresh temp folder (removed after the file's tests). */
export function copyOfShippedRules(): string {
  const dir = join(tempDir('scrubjay-rules-'), 'rules');
  cpSync(RULES_DIR, dir, { recursive: true });
  return dir;
}

/** Loads a rules folder that must be refused; answers its problems as `file:line:col message`. */
export function ruleProblems(dir: string): string[] {
  const { ruleSet, problems } = loadRuleSet(dir);
  expect(ruleSet).toBeUndefined();
  return problems.map(formatProblem);
}

/** The 1-based number of the first line of `text` that contains `needle` (0 when none does). */
export function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
