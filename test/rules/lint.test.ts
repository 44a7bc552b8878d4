import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { RULES_DIR } from '../support/paths.js';
import { copyOfShippedRules, lineOf, ruleProblems } from '../support/rule-folders.js';

let dir: string;

beforeEach(() => {
  dir = copyOfShippedRules();
});

const payerRule = (): string => readFileSync(join(RULES_DIR, 'missing-information', 'payer.yaml'), 'utf8');

/** Writes a rule file into the copied rule set and returns the problems as `file:line:col message`. */
function problemsWith(file: string, text: string): string[] {
  writeFileSync(join(dir, file), text);
  return ruleProblems(dir);
}

describe('rules lint finds every kind of problem and says where', () => {
  it('reports broken YAML with its line and column', () => {
    const text = payerRule().replace('severity: error', 'severity: [error');
    const problems = problemsWith('missing-information/payer.yaml', text);
    expect(problems.some((p) => /missing-information\/payer\.yaml:\d+:\d+ YAML: /.test(p))).toBe(true);
  });

  it('reports an unknown key on its own line', () => {
    const text = payerRule().replace('severity: error', 'severity: error\nseverty: warning');
    const [problem] = problemsWith('missing-information/payer.yaml', text);
    expect(problem).toMatch(new RegExp(`payer\\.yaml:${lineOf(text, 'severty')}:\\d+ unknown key "severty"`));
  });

  it('reports an unknown operator, fact and field where the condition is written', () => {
    const text = payerRule().replace(
      '- { fact: claim, path: $.payer.id, operator: isBlank, value: true }',
      '- { fact: claim, path: $.payer.id, operator: isEmpty, value: true }\n    - { fact: payor, path: $.id, operator: isBlank, value: true }\n    - { fact: claim, path: $.payer.identifier, operator: isBlank, value: true }',
    );
    const problems = problemsWith('missing-information/payer.yaml', text);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`:${lineOf(text, 'isEmpty')}:\\d+ rule "missing-payer-id": unknown operator "isEmpty"`)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`:${lineOf(text, 'payor')}:\\d+ rule "missing-payer-id": unknown fact "payor"`)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`:${lineOf(text, '$.payer.identifier')}:\\d+ rule "missing-payer-id": fact "claim" has no field "identifier"`)));
  });

  it('reports an error rule without a CARC', () => {
    const problems = problemsWith('missing-information/payer.yaml', payerRule().replace('carc: "16"\n', ''));
    expect(problems).toContainEqual(expect.stringMatching(/payer\.yaml:1:1 rule "missing-payer-id": an error rule needs a `carc`/));
  });

  it('reports a duplicate id and names the first definition', () => {
    const problems = problemsWith('missing-information/zz-payer-copy.yaml', payerRule());
    expect(problems).toContainEqual(expect.stringMatching(/zz-payer-copy\.yaml:1:5 rule "missing-payer-id": duplicate id \(first defined at .*payer\.yaml:1\)/));
  });

  it('reports a rule that is not tested both ways', () => {
    const text = payerRule().replace(/  - name: payer id present\n    expect: pass\n/, '');
    expect(problemsWith('missing-information/payer.yaml', text)).toContainEqual(expect.stringMatching(/needs at least one test that expects the rule to pass/));
  });

  it('reports a list that does not exist, a fact a scope lacks and a template hole that names nothing', () => {
    const text = payerRule()
      .replace('operator: isBlank, value: true }', 'operator: isBlank, value: true }\n    - { fact: line, path: $.procedureCode, operator: inList, value: no-such-list }')
      .replace('The claim has no payer id.', 'The claim has no payer id {{claim.payor.id}}.');
    const problems = problemsWith('missing-information/payer.yaml', text);
    expect(problems).toContainEqual(expect.stringMatching(/fact "line" is not available to claim rules/));
    expect(problems).toContainEqual(expect.stringMatching(/template refers to "claim.payor.id": fact "claim" has no field "payor"/));
  });

  it('reports a bad payer profile and a bad list entry', () => {
    writeFileSync(join(dir, 'payers', 'bad.yaml'), 'id: bad-payer\nname: Bad\ntimelyFiling:\n  period: { weeks: 3 }\n  summary: x\nreferences: [{ title: none given }]\n');
    writeFileSync(join(dir, 'lists', 'bad.yaml'), 'name: bad-list\ndescription: backwards range\ncodes:\n  - "99499-99202"\n');
    const problems = loadRuleSet(dir).problems.map(formatProblem);
    expect(problems).toContainEqual(expect.stringMatching(/payers\/bad\.yaml:4:\d+ payer profile "timelyFiling.period"/));
    expect(problems).toContainEqual(expect.stringMatching(/lists\/bad\.yaml:4:5 list "bad-list": range "99499-99202" runs backwards/));
  });

  it('gives each kind of problem its catalog code, placed in the one problem shape', () => {
    writeFileSync(join(dir, 'missing-information', 'broken.yaml'), 'id: [broken\n');
    writeFileSync(join(dir, 'missing-information', 'zz-payer-copy.yaml'), payerRule());
    writeFileSync(join(dir, 'missing-information', 'unknown-key.yaml'), payerRule().replace('id: missing-payer-id', 'id: other-payer-id').replace('severity: error', 'severity: error\nseverty: warning'));
    writeFileSync(join(dir, 'lists', 'bad.yaml'), 'name: bad-list\ndescription: backwards range\ncodes:\n  - "99499-99202"\n');
    const problems = loadRuleSet(dir).problems;
    const byCode = (code: string) => problems.filter((p) => p.code === code).map(formatProblem);
    expect(byCode('SJ_RULES_YAML')).toEqual([expect.stringMatching(/broken\.yaml:\d+:\d+ YAML: /)]);
    expect(byCode('SJ_RULES_DUPLICATE_ID')).toEqual([expect.stringMatching(/zz-payer-copy\.yaml:1:5 rule "missing-payer-id": duplicate id/)]);
    expect(byCode('SJ_RULES_SCHEMA')).toEqual([expect.stringMatching(/unknown-key\.yaml:\d+:\d+ unknown key "severty"/)]);
    expect(byCode('SJ_RULES_LIST_ENTRY')).toEqual([expect.stringMatching(/lists\/bad\.yaml:4:5 list "bad-list"/)]);
    const duplicate = problems.find((p) => p.code === 'SJ_RULES_DUPLICATE_ID');
    expect(duplicate).toMatchObject({ severity: 'error', ruleId: 'missing-payer-id', where: { file: expect.stringMatching(/zz-payer-copy\.yaml$/), line: 1, column: 5 } });
  });

  it('accepts the shipped rules unchanged', () => {
    expect(loadRuleSet(dir).problems).toEqual([]);
  });
});
