/** The CARC / RARC catalog (rules/codes): a meaning for every code the rules use, checked by the loader. */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeCatalogFor, describeCarc, describeRarc, loadCodeCatalog, normalizeCarc, shippedCodeCatalog } from '../../src/rules/codes.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { RULES_DIR } from '../support/paths.js';
import { copyOfShippedRules, lineOf, ruleProblems } from '../support/rule-folders.js';

let dir: string;

beforeEach(() => {
  dir = copyOfShippedRules();
});

const problems = (): string[] => ruleProblems(dir);

describe('the shipped catalog', () => {
  it('has a meaning for every CARC and RARC a shipped rule uses', () => {
    const { ruleSet } = loadRuleSet(RULES_DIR);
    const catalog = shippedCodeCatalog();
    for (const rule of ruleSet!.rules) {
      // a meaning is a few plain words, as the loader requires of every catalog entry
      if (rule.carc) expect(catalog.carc(rule.carc), `${rule.id} CARC ${rule.carc}`).toMatch(/^\S+( \S+){2,}/);
      for (const rarc of rule.rarc ?? []) expect(catalog.rarc(rarc), `${rule.id} RARC ${rarc}`).toMatch(/^\S+( \S+){2,}/);
    }
  });

  it('loads without problems and cites its sources', () => {
    const { catalog, problems } = loadCodeCatalog(RULES_DIR);
    expect(problems).toEqual([]);
    expect(catalog.references('carc')[0]?.url).toMatch(/x12\.org/);
    expect(catalog.references('rarc')[0]?.url).toMatch(/x12\.org/);
    const { ruleSet } = loadRuleSet(RULES_DIR);
    const listed = (kind: 'carc' | 'rarc'): string[] => catalog.entries(kind).map((e) => e.code);
    expect(listed('carc')).toEqual(expect.arrayContaining([...new Set(ruleSet!.rules.flatMap((r) => (r.carc ? [r.carc] : [])))]));
    expect(listed('rarc')).toEqual(expect.arrayContaining([...new Set(ruleSet!.rules.flatMap((r) => r.rarc ?? []))]));
    expect(catalog.entries('carc')).toContainEqual({ code: '97', meaning: catalog.carc('97') });
  });

  it('is not loaded as rules', () => {
    const { ruleSet } = loadRuleSet(RULES_DIR);
    expect(ruleSet!.rules.some((r) => /(^|\/)codes\//.test(r.source.file))).toBe(false);
  });
});

describe('looking a code up', () => {
  it('shows "CARC 97 — meaning" for the page and the CLI, with or without a group code', () => {
    const meaning = shippedCodeCatalog().carc('97');
    expect(meaning).toMatch(/bundled/);
    expect(describeCarc('97')).toBe(`CARC 97 — ${meaning}`);
    expect(describeCarc('CO-97')).toBe(`CARC 97 — ${meaning}`);
    expect(describeCarc(97)).toBe(`CARC 97 — ${meaning}`);
    expect(normalizeCarc(' pr 1 ')).toBe('1');
  });

  it('shows the bare code when the catalog lacks it', () => {
    expect(describeCarc('999')).toBe('CARC 999');
    expect(describeRarc('n999')).toBe('N999');
    expect(describeRarc('n362')).toMatch(/^N362 — /);
  });
});

describe('lint', () => {
  it('reports a rule whose CARC the catalog lacks, at the carc key', () => {
    const file = join(dir, 'code-compatibility', 'modifier-25.yaml');
    const text = readFileSync(file, 'utf8').replace('carc: "4"', 'carc: "B7"');
    writeFileSync(file, text);
    expect(problems()).toContainEqual(
      `${join(dir, 'code-compatibility', 'modifier-25.yaml')}:${lineOf(text, 'carc: "B7"')}:7 rule "modifier-25-on-non-em-code": CARC B7 is not in codes/carc.yaml; add it with a short meaning`,
    );
  });

  it('reports a rule whose RARC the catalog lacks, at that entry', () => {
    const file = join(dir, 'code-compatibility', 'modifier-25.yaml');
    const text = readFileSync(file, 'utf8').replace('rarc: [M78]', 'rarc: [M78, N999]');
    writeFileSync(file, text);
    const line = lineOf(text, 'N999');
    expect(problems()).toContainEqual(
      `${file}:${line}:${text.split('\n')[line - 1]!.indexOf('N999') + 1} rule "modifier-25-on-non-em-code": RARC N999 is not in codes/rarc.yaml; add it with a short meaning`,
    );
  });

  it('accepts the code once the catalog has it', () => {
    const file = join(dir, 'code-compatibility', 'modifier-25.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('carc: "4"', 'carc: "B7"'));
    const catalog = join(dir, 'codes', 'carc.yaml');
    writeFileSync(catalog, `${readFileSync(catalog, 'utf8')}  B7: The provider was not certified or eligible for this service on this date.\n`);
    expect(loadRuleSet(dir).problems).toEqual([]);
  });

  it('locates problems in a catalog file', () => {
    const catalog = join(dir, 'codes', 'carc.yaml');
    const text = `${readFileSync(catalog, 'utf8')}  "12345": Not a reason code.\n  "16b": x\n`;
    writeFileSync(catalog, text);
    const found = problems();
    // a code that is not one is wrong in its key (column 3); a meaning too short, in the meaning (column 10)
    expect(found).toContainEqual(`${catalog}:${lineOf(text, '"12345"')}:3 "12345" is not a CARC`);
    expect(found).toContainEqual(`${catalog}:${lineOf(text, '"16b"')}:10 CARC 16B: a meaning needs a few words`);
    // one bad entry does not hide the others: only the catalog file itself has problems
    expect(found.every((p) => p.startsWith(catalog))).toBe(true);
  });

  it('reports a catalog file of the other kind, and a missing one', () => {
    const carc = join(dir, 'codes', 'carc.yaml');
    const text = readFileSync(carc, 'utf8').replace('kind: carc', 'kind: rarc');
    writeFileSync(carc, text);
    rmSync(join(dir, 'codes', 'rarc.yaml'));
    const found = problems();
    expect(found).toContainEqual(`${carc}:${lineOf(text, 'kind: rarc')}:7 this file must hold kind: carc, not rarc`);
    expect(found).toContainEqual(expect.stringMatching(/rarc\.yaml:1:1 missing: the RARC catalog/));
  });

  it('checks a rules folder without codes/ against the shipped catalog', () => {
    rmSync(join(dir, 'codes'), { recursive: true });
    expect(loadRuleSet(dir).problems).toEqual([]);
    const file = join(dir, 'code-compatibility', 'modifier-25.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('carc: "4"', 'carc: "B7"'));
    expect(problems()).toContainEqual(expect.stringMatching(/CARC B7 is not in the shipped code catalog/));
  });

  it('changes the rule set hash when a meaning is edited, so a running service reloads it', () => {
    const before = loadRuleSet(dir).ruleSet!.hash;
    const catalog = join(dir, 'codes', 'carc.yaml');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace(/"97": .*/, '"97": Paid as part of another service (bundled).'));
    expect(loadRuleSet(dir).ruleSet!.hash).not.toBe(before);
  });
});

describe('the catalog of a rules folder', () => {
  it('is re-read when its file changes', () => {
    expect(codeCatalogFor(dir).carc('97')).toMatch(/bundled/);
    const catalog = join(dir, 'codes', 'carc.yaml');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace(/"97": .*/, '"97": Included in another service.'));
    const later = new Date(Date.now() + 5_000);
    utimesSync(catalog, later, later);
    expect(codeCatalogFor(dir).carc('97')).toBe('Included in another service.');
  });
});
