/**
 * What the rule editor offers at the cursor: the place in the YAML (keys leading to it,
 * whether a key or a value is typed) read from the text, also text that does not parse
 * yet, and the keys and values the rule schema allows there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cursorPlace } from '../../web/editor/yaml-path.js';
import { keysAt, valuesAt } from '../../web/editor/schema-walk.js';
import { RULES_DIR } from '../support/paths.js';

const schema = JSON.parse(readFileSync(join(RULES_DIR, 'rule.schema.json'), 'utf8'));

/** The place at `|` in `text`. */
function placeAt(text: string) {
  const at = text.indexOf('|');
  const before = text.slice(0, at);
  const lines = before.split('\n');
  return cursorPlace(lines.slice(0, -1), lines.at(-1)!);
}

describe('the place at the cursor', () => {
  it('is a top-level key of a rule, or its value', () => {
    expect(placeAt('id: a\nsev|')).toMatchObject({ path: [], mode: 'key', word: 'sev' });
    expect(placeAt('id: a\nseverity: w|')).toMatchObject({ path: [], mode: 'value', key: 'severity', word: 'w' });
  });

  it('follows lists of rules, tests and conditions by their dashes and indentation', () => {
    const file = '- id: a\n  tests:\n    - name: one\n      claim: { lines: [{}] }\n      exp|';
    expect(placeAt(file)).toMatchObject({ path: ['[]', 'tests', '[]'], mode: 'key', word: 'exp' });
    const compact = 'id: a\ntests:\n- name: one\n  expect: f|';
    expect(placeAt(compact)).toMatchObject({ path: ['tests', '[]'], mode: 'value', key: 'expect', word: 'f' });
  });

  it('goes into the flow maps and lists written on one line', () => {
    const condition = 'id: a\nconditions:\n  all:\n    - { fact: line, path: $.modifiers, operator: con|';
    expect(placeAt(condition)).toMatchObject({ path: ['conditions', 'all', '[]'], mode: 'value', key: 'operator', word: 'con' });
    expect(placeAt('id: a\nappliesTo:\n  payerKinds: [medicare, med|')).toMatchObject({ path: ['appliesTo', 'payerKinds', '[]'], mode: 'value', key: null, word: 'med' });
    expect(placeAt('id: a\nappliesTo: { pay|')).toMatchObject({ path: ['appliesTo'], mode: 'key', word: 'pay' });
  });

  it('is nowhere inside a comment', () => {
    expect(placeAt('id: a # sev|').inComment).toBe(true);
  });

  it('skips the lines of a folded text and the keys of other maps above', () => {
    const file = 'id: a\ndescription: >\n  Long words\n  over lines\nreferences:\n  - title: x\n    url: https://example.org\nscope: l|';
    expect(placeAt(file)).toMatchObject({ path: [], mode: 'value', key: 'scope' });
  });
});

describe('what the schema allows there', () => {
  it('names every key of a rule, the required ones marked', () => {
    const keys = keysAt(schema, []);
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(['id', 'severity', 'scope', 'carc', 'appliesTo', 'conditions', 'tests']));
    expect(keys.find((k) => k.key === 'severity')?.required).toBe(true);
    expect(keys.find((k) => k.key === 'carc')?.required).toBe(false);
  });

  it('gives the enums of severity, scope, a test\'s expectation and the payer kinds', () => {
    expect(valuesAt(schema, ['severity'])).toEqual(['error', 'warning', 'info']);
    expect(valuesAt(schema, ['scope'])).toEqual(['claim', 'diagnosis', 'line', 'pair']);
    expect(valuesAt(schema, ['tests', '[]', 'expect'])).toEqual(['fire', 'pass']);
    expect(valuesAt(schema, ['appliesTo', 'payerKinds', '[]'])).toContain('workers-comp');
    expect(valuesAt(schema, ['appliesTo', 'payerKinds'])).toContain('medicare');
  });

  it('walks through references and alternatives to the keys of a condition', () => {
    expect(keysAt(schema, ['conditions']).map((k) => k.key).sort()).toEqual(['all', 'any', 'not']);
    expect(keysAt(schema, ['conditions', 'all', '[]']).map((k) => k.key)).toEqual(expect.arrayContaining(['fact', 'path', 'operator', 'value', 'all', 'any', 'not']));
    expect(keysAt(schema, ['tests', '[]']).map((k) => k.key)).toEqual(expect.arrayContaining(['name', 'claim', 'expect', 'line', 'asOf', 'reference']));
    expect(keysAt(schema, ['no-such-key'])).toEqual([]);
  });
});
