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
const PAYER_RULE = 'missing-information/payer.yaml';

/** Writes a file into the copied rule set and returns the problems as `file:line:col message`. */
function problemsWith(file: string, text: string): string[] {
  writeFileSync(join(dir, file), text);
  return ruleProblems(dir);
}

/**
 * Where a problem placed by hand must be reported: `file:line:col` of `needle` on the first
 * line of `text` that holds `onLine` (the needle itself unless given), both counted from 1.
 */
function at(file: string, text: string, needle: string, onLine = needle): string {
  const line = lineOf(text, onLine);
  const column = text.split('\n')[line - 1]!.indexOf(needle) + 1;
  expect(line > 0 && column > 0, `${needle} is in the text`).toBe(true);
  return `${join(dir, file)}:${line}:${column}`;
}

/** The one problem that starts with `start` (messages that end with a long list of known names). */
function problemStarting(problems: string[], start: string): void {
  expect(problems.filter((p) => p.startsWith(start)), problems.join('\n')).toHaveLength(1);
}

describe('rules lint finds every kind of problem and says where', () => {
  it('reports broken YAML at the line and column where it breaks', () => {
    const duplicated = payerRule().replace('severity: error\n', 'severity: error\nseverity: warning\n');
    expect(problemsWith(PAYER_RULE, duplicated)).toEqual([`${at(PAYER_RULE, duplicated, 'severity: warning')} YAML: Map keys must be unique`]);

    const tab = payerRule().replace('  all:\n', '  all:\n\t- { fact: claim, path: $.payer.name, operator: isBlank, value: true }\n');
    expect(problemsWith(PAYER_RULE, tab)).toContain(`${at(PAYER_RULE, tab, '\t')} YAML: Tabs are not allowed as indentation`);
  });

  it('reports an unknown key at the key, even when its value starts on a later line', () => {
    const misspelt = payerRule().replace('severity: error', 'severity: error\nseverty: warning').replace('references:\n', 'refrences:\n');
    expect(problemsWith(PAYER_RULE, misspelt)).toEqual([
      `${join(dir, PAYER_RULE)}:1:1 rule is missing required key "references"`,
      `${at(PAYER_RULE, misspelt, 'severty')} unknown key "severty" in rule`,
      `${at(PAYER_RULE, misspelt, 'refrences')} unknown key "refrences" in rule`,
    ]);
  });

  it('reports an unknown operator, fact and field at the value written', () => {
    const text = payerRule().replace(
      '- { fact: claim, path: $.payer.id, operator: isBlank, value: true }',
      '- { fact: claim, path: $.payer.id, operator: isEmpty, value: true }\n    - { fact: payor, path: $.id, operator: isBlank, value: true }\n    - { fact: claim, path: $.payer.identifier, operator: isBlank, value: true }',
    );
    const problems = problemsWith(PAYER_RULE, text);
    expect(problems).toHaveLength(3);
    problemStarting(problems, `${at(PAYER_RULE, text, 'isEmpty')} rule "missing-payer-id": unknown operator "isEmpty" (known: equal, notEqual,`);
    problemStarting(problems, `${at(PAYER_RULE, text, 'payor')} rule "missing-payer-id": unknown fact "payor" (known: claim,`);
    expect(problems).toContain(`${at(PAYER_RULE, text, '$.payer.identifier')} rule "missing-payer-id": fact "claim" has no field "identifier"`);
  });

  it('refuses a regular expression or a list name taken from another fact, at that value', () => {
    const text = payerRule().replace(
      '- { fact: claim, path: $.payer.id, operator: isBlank, value: true }',
      '- { fact: claim, path: $.payer.id, operator: matches, value: { fact: claim, path: $.payer.name } }\n    - { fact: claim, path: $.payer.id, operator: notInList, value: { fact: claim, path: $.payer.kind } }',
    );
    expect(problemsWith(PAYER_RULE, text)).toEqual([
      `${at(PAYER_RULE, text, '{ fact: claim, path: $.payer.name }')} rule "missing-payer-id": operator matches needs a regular expression written in the rule, not a fact value`,
      `${at(PAYER_RULE, text, '{ fact: claim, path: $.payer.kind }')} rule "missing-payer-id": operator notInList needs the name of a list written in the rule, not a fact value`,
    ]);
  });

  it('refuses a pattern that needs backtracking (backreference, lookahead, lookbehind) at the pattern, saying why', () => {
    const text = payerRule().replace(
      '- { fact: claim, path: $.payer.id, operator: isBlank, value: true }',
      [
        '- { fact: claim, path: $.payer.id, operator: matches, value: "^(\\\\d)\\\\1$" }',
        '    - { fact: claim, path: $.payer.id, operator: notMatches, value: "^(?=[0-9])" }',
        '    - { fact: claim, path: $.payer.id, operator: matches, value: "(?<!X)9$" }',
      ].join('\n'),
    );
    const problems = problemsWith(PAYER_RULE, text);
    expect(problems).toHaveLength(3);
    expect(loadRuleSet(dir).problems.map((p) => p.code)).toEqual(['SJ_RULES_PATTERN', 'SJ_RULES_PATTERN', 'SJ_RULES_PATTERN']);
    const why = 'rule patterns run on RE2, which matches in time proportional to the text and so has no backtracking features';
    for (const [pattern, written] of [['^(\\d)\\1$', '"^(\\\\d)\\\\1$"'], ['^(?=[0-9])', '"^(?=[0-9])"'], ['(?<!X)9$', '"(?<!X)9$"']] as const) {
      const problem = problems.find((p) => p.startsWith(`${at(PAYER_RULE, text, written)} rule "missing-payer-id": regular expression "${pattern}" cannot be used: `));
      expect(problem, problems.join('\n')).toContain(why);
    }
  });

  it('reports an error rule without a CARC', () => {
    const problems = problemsWith('missing-information/payer.yaml', payerRule().replace('carc: "16"\n', ''));
    expect(problems).toContainEqual(expect.stringMatching(/payer\.yaml:1:1 rule "missing-payer-id": an error rule needs a `carc`/));
  });

  it('reports a duplicate id and names the first definition', () => {
    const problems = problemsWith('missing-information/zz-payer-copy.yaml', payerRule());
    expect(problems).toContainEqual(expect.stringMatching(/zz-payer-copy\.yaml:1:5 rule "missing-payer-id": duplicate id \(first defined at .*payer\.yaml:1\)/));
  });

  it('reports a rule that is not tested both ways at its tests', () => {
    const text = payerRule().replace(/  - name: payer id present\n    expect: pass\n/, '');
    expect(problemsWith(PAYER_RULE, text)).toEqual([`${at(PAYER_RULE, text, '- name: payer id removed')} rule "missing-payer-id": needs at least one test that expects the rule to pass`]);
  });

  it('reports a fact a scope lacks, a list that does not exist and a template hole that names nothing where each is written', () => {
    const text = payerRule()
      .replace('operator: isBlank, value: true }', 'operator: isBlank, value: true }\n    - { fact: line, path: $.procedureCode, operator: isBlank, value: true }\n    - { fact: claim, path: $.payer.name, operator: inList, value: no-such-list }')
      .replace('The claim has no payer id.', 'The claim has no payer id {{claim.payor.id}}.');
    const problems = problemsWith(PAYER_RULE, text);
    expect(problems).toHaveLength(3);
    problemStarting(problems, `${at(PAYER_RULE, text, 'line', '$.procedureCode')} rule "missing-payer-id": fact "line" is not available to claim rules (available: claim,`);
    problemStarting(problems, `${at(PAYER_RULE, text, 'no-such-list')} rule "missing-payer-id": operator inList needs the name of a list in rules/lists; "no-such-list" is not one (known: `);
    expect(problems).toContain(`${at(PAYER_RULE, text, 'The claim has no payer id')} rule "missing-payer-id": template refers to "claim.payor.id": fact "claim" has no field "payor"`);
  });

  it('reports a bad list entry at the entry, and a list defined twice at its name', () => {
    const bad = 'name: bad-list\ndescription: bad entries\ncodes:\n  - "99499-99202"\n  - 99213 x\n  - A1-999\n  - G0402\n';
    writeFileSync(join(dir, 'lists', 'bad.yaml'), bad);
    const again = 'name: em-services\ndescription: the E/M list again\ncodes: ["99213"]\n';
    writeFileSync(join(dir, 'lists', 'zz-em-services.yaml'), again);
    expect(ruleProblems(dir)).toEqual([
      `${at('lists/bad.yaml', bad, '"99499-99202"')} list "bad-list": range "99499-99202" runs backwards`,
      `${at('lists/bad.yaml', bad, '99213 x')} list "bad-list": "99213 x" is not a code`,
      `${at('lists/bad.yaml', bad, 'A1-999')} list "bad-list": range "A1-999" has ends of different shapes`,
      `${at('lists/zz-em-services.yaml', again, 'em-services')} list "em-services" is defined twice (also in ${join(dir, 'lists', 'em-services.yaml')})`,
    ]);
  });

  it('reports a bad payer profile at the key or value at fault', () => {
    const bad = 'id: bad-payer\nname: Bad\nasof: "2026-11-27"\ntimelyFiling:\n  period: { weeks: 3 }\n  summary: x\nreferences: [{ title: none given }]\n';
    writeFileSync(join(dir, 'payers', 'bad.yaml'), bad);
    const medicare = readFileSync(join(RULES_DIR, 'payers', 'medicare.yaml'), 'utf8');
    writeFileSync(join(dir, 'payers', 'zz-medicare.yaml'), medicare);
    const second = 'id: second-default\nname: Another default\ndefault: true\ntimelyFiling:\n  period: { days: 90 }\n  summary: 90 days\nreferences: [{ title: none given }]\n';
    writeFileSync(join(dir, 'payers', 'zz-second-default.yaml'), second);
    expect(ruleProblems(dir)).toEqual([
      `${at('payers/bad.yaml', bad, 'asof')} payer profile: unknown key "asof"`,
      `${at('payers/bad.yaml', bad, '{ weeks')} payer profile "timelyFiling.period": give exactly one of years, months or days`,
      `${at('payers/bad.yaml', bad, 'weeks')} payer profile "timelyFiling.period": unknown key "weeks"`,
      `${at('payers/zz-medicare.yaml', medicare, 'medicare', 'id: ')} payer profile "medicare" is defined twice (also in ${join(dir, 'payers', 'medicare.yaml')})`,
      `${at('payers/zz-second-default.yaml', second, 'true', 'default:')} only one payer profile may be the default`,
    ]);
  });

  it('reports a test filed relative to the deadline that gives no day count, two, a date it would replace or an unknown profile, where each is written', () => {
    const text = payerRule().replace(
      '  - name: payer id present\n    expect: pass\n',
      [
        '  - name: payer id present\n    expect: pass',
        '  - name: no day count\n    filed: { line: 1 }\n    expect: pass',
        '  - name: both day counts\n    filed: { daysBeforeDeadline: 3, daysAfterDeadline: 1 }\n    expect: pass',
        '  - name: written submission date\n    claim: { submissionDate: "2026-04-01" }\n    filed: { daysAfterDeadline: 1 }\n    expect: pass',
        '  - name: written scrub date\n    claim: { submissionDate: null }\n    asOf: "2026-04-01"\n    filed: { daysAfterDeadline: 1 }\n    expect: pass',
        '  - name: unknown profile\n    filed: { daysAfterDeadline: 1, profile: aetan }\n    expect: pass\n',
      ].join('\n'),
    );
    const rule = 'rule "missing-payer-id"';
    expect(problemsWith(PAYER_RULE, text)).toEqual([
      `${at(PAYER_RULE, text, '{ line: 1 }')} ${rule}: test "no day count": filed needs daysBeforeDeadline (0 is the deadline itself) or daysAfterDeadline`,
      `${at(PAYER_RULE, text, '{ daysBeforeDeadline: 3')} ${rule}: test "both day counts": filed gives both daysBeforeDeadline and daysAfterDeadline; keep one`,
      `${at(PAYER_RULE, text, '"2026-04-01" }')} ${rule}: test "written submission date": filed sets the submission date from the deadline; remove claim.submissionDate`,
      `${at(PAYER_RULE, text, '"2026-04-01"', 'asOf:')} ${rule}: test "written scrub date": the claim has no submission date, so filed sets the scrub date; remove asOf`,
      `${at(PAYER_RULE, text, 'aetan')} ${rule}: test "unknown profile": no payer profile "aetan" in rules/payers (known: aetna, cigna, commercial-default, medicaid-texas, medicaid, medicare, tricare, unitedhealthcare)`,
    ]);
    // a count the schema refuses stops the rule before any of the checks above
    const negative = payerRule().replace('  - name: payer id present\n', '  - name: negative count\n    filed: { daysBeforeDeadline: -1 }\n    expect: pass\n  - name: payer id present\n');
    expect(problemsWith(PAYER_RULE, negative)).toEqual([`${at(PAYER_RULE, negative, '-1', 'daysBeforeDeadline: -1')} "tests.2.filed.daysBeforeDeadline" must be >= 0`]);
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
