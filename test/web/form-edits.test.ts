/**
 * The workbench forms write into the rule files' YAML: only the value changed differs, every
 * comment, fold and flow style of the file stays as it was, and the file still loads with
 * the change in it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRuleSet } from '../../src/rules/load.js';
import { formatProblem } from '../../src/rules/problems.js';
import { addListCode, readCodeList, readPayerProfile, readRuleForm, removeListCode, writePayerProfile, writeRuleForm } from '../../web/editor/forms.js';
import { RULES_DIR } from '../support/paths.js';
import { copyOfShippedRules } from '../support/rule-folders.js';

const shipped = (path: string): string => readFileSync(join(RULES_DIR, path), 'utf8');

/** The lines `after` removes (`-old`) and adds (`+new`) against `before`, by their longest common subsequence. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) out.push(`-${a[i++]}`);
    else out.push(`+${b[j++]}`);
  }
  return out;
}

describe('the payer profile form', () => {
  const aetna = shipped('payers/aetna.yaml');

  it('reads the filing limit and the edit tables', () => {
    expect(readPayerProfile(aetna)).toMatchObject({ id: 'aetna', unit: 'days', count: 90, ncciPtp: false, mue: false, kinds: ['commercial'], payerIds: ['60054'] });
  });

  it('changes the limit and its words and nothing else', () => {
    const after = writePayerProfile(aetna, { unit: 'days', count: 180, summary: '180 days from the date of service', ncciPtp: false, mue: false });
    expect(changedLines(aetna, after)).toEqual([
      '-  period: { days: 90 }',
      '-  summary: 90 days from the date of service (participating providers)',
      '+  period: { days: 180 }',
      '+  summary: 180 days from the date of service',
    ]);
  });

  it('counts the limit in another unit and sets the edit tables, keeping the folded note', () => {
    const after = writePayerProfile(aetna, { unit: 'months', count: 6, summary: '6 months from the date of service', ncciPtp: true, mue: true });
    expect(readPayerProfile(after)).toMatchObject({ unit: 'months', count: 6, ncciPtp: true, mue: true });
    expect(after).toContain('  period: { months: 6 }\n');
    expect(after).toContain('    Commercial payers apply their own code-editing policies, often derived from NCCI;\n    set these to true');
    expect(changedLines(aetna, after)).toHaveLength(8);
  });

  it('writes a profile the rules folder loads with the new limit', () => {
    const dir = copyOfShippedRules();
    const path = join(dir, 'payers', 'cigna.yaml');
    writeFileSync(path, writePayerProfile(readFileSync(path, 'utf8'), { unit: 'days', count: 180, summary: '180 days', ncciPtp: false, mue: false }));
    const { ruleSet, problems } = loadRuleSet(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(ruleSet!.payers.find((p) => p.id === 'cigna')?.timelyFiling.period).toEqual({ days: 180 });
  });
});

describe('the code list form', () => {
  const list = shipped('lists/em-services.yaml');

  it('lists the codes with the comment written beside each', () => {
    expect(readCodeList(list).codes).toEqual([
      { code: '99202-99499', comment: 'E/M section of the CPT code set' },
      { code: '92002-92014', comment: 'general ophthalmological examinations (new and established patient)' },
    ]);
  });

  it('adds a code as a new line of the list and removes one with its comment', () => {
    const added = addListCode(list, 'G0402');
    expect(changedLines(list, added)).toEqual(['+  - G0402']);
    const removed = removeListCode(added, 0);
    expect(changedLines(added, removed)).toEqual(['-  - 99202-99499        # E/M section of the CPT code set']);
    expect(readCodeList(removed).codes.map((c) => c.code)).toEqual(['92002-92014', 'G0402']);
  });

  it('keeps a code that reads as a number a code', () => {
    const added = addListCode(list, '99213');
    expect(changedLines(list, added)).toEqual(['+  - "99213"']);
    expect(parse(added).codes.at(-1)).toBe('99213');
  });

  it('adds to and removes from a list written in flow style', () => {
    const text = 'name: short\ncodes: [A1, B2] # two codes\n';
    expect(addListCode(text, 'C3')).toBe('name: short\ncodes: [A1, B2, C3] # two codes\n');
    expect(removeListCode(text, 0)).toBe('name: short\ncodes: [B2] # two codes\n');
  });
});

describe('the rule form', () => {
  const filing = shipped('timely-filing/filing-limit.yaml');

  it('finds a rule in a file that holds a list of rules', () => {
    expect(readRuleForm(filing, 'timely-filing-deadline-near')).toMatchObject({ severity: 'warning', from: '', to: '' });
    expect(readRuleForm(filing, 'no-such-rule')).toBeNull();
  });

  it('changes severity and message of that rule only, and adds and removes its effective dates', () => {
    const form = readRuleForm(filing, 'timely-filing-deadline-near')!;
    const after = writeRuleForm(filing, form.id, { severity: 'info', message: 'Line {{line.number}}: {{filing.daysRemaining}} days left.', from: '2027-01-01', to: '' });
    expect(changedLines(filing, after)).toEqual([
      '-  severity: warning',
      '+  severity: info',
      `-  message: "${form.message}"`,
      '+  message: "Line {{line.number}}: {{filing.daysRemaining}} days left."',
      '+  appliesTo:',
      '+    from: "2027-01-01"',
    ]);
    expect(readRuleForm(after, 'timely-filing-limit-expired')?.severity).toBe('error');
    expect(readRuleForm(after, form.id)).toMatchObject({ severity: 'info', from: '2027-01-01', to: '' });
    // without dates the limit goes, and the file is as the form found it but for the two values
    const undated = writeRuleForm(after, form.id, { severity: 'info', message: 'Line {{line.number}}: {{filing.daysRemaining}} days left.', from: '', to: '' });
    expect(changedLines(filing, undated)).toHaveLength(4);
  });

  it('writes a rule file the rules folder loads', () => {
    const dir = copyOfShippedRules();
    const path = join(dir, 'timely-filing', 'filing-limit.yaml');
    writeFileSync(path, writeRuleForm(filing, 'timely-filing-deadline-near', { severity: 'info', message: 'Only {{filing.daysRemaining}} days left to file.', from: '2020-01-01', to: '2030-12-31' }));
    const { ruleSet, problems } = loadRuleSet(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    const rule = ruleSet!.rules.find((r) => r.id === 'timely-filing-deadline-near')!;
    expect(rule.severity).toBe('info');
    expect(rule.appliesTo).toEqual({ from: '2020-01-01', to: '2030-12-31' });
  });
});
