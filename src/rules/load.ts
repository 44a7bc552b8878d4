/**
 * Reads a rules folder: rule files, named code lists (`lists/`), payer profiles
 * (`payers/`) and the base claim that rule tests build on. Every problem is collected
 * with its `file:line:col`; a set with any problem is not usable, so a broken file can
 * never silently drop a rule.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { ScrubjayError } from '../errors.js';
import { payerProfileSchema, type PayerProfile } from '../payers/profile.js';
import { createCodeList, parseListEntry, type CodeList } from './lists.js';
import { lintRules } from './lint.js';
import { lintFiledTests } from './lint-filed.js';
import { CODES_DIR, lintRuleCodes } from './codes.js';
import { hashRuleFiles, type RuleFileBytes } from './content-hash.js';
import { ruleProblem, type RuleProblem } from './problems.js';
import { sortProblems } from './problems.js';
import type { LoadedRule, RuleDefinition, RuleSet, SourcePosition } from './rule.js';
import { ruleSchema } from './schema.js';
import { readYamlFile, type ValuePath, type YamlDocument } from './yaml-source.js';
import { todayIso } from '../claim/dates.js';

export const BASE_CLAIM_FILE = 'base-claim.yaml';
const LISTS_DIR = 'lists';
const PAYERS_DIR = 'payers';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateRule = ajv.compile(ruleSchema);
const validateList = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'codes'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    description: { type: 'string', minLength: 3 },
    references: { type: 'array', items: { type: 'object' } },
    codes: { type: 'array', minItems: 1, items: { type: 'string' } },
  },
});

export interface LoadOutcome {
  ruleSet?: RuleSet;
  problems: RuleProblem[];
}

export interface LoadOptions {
  /** bumped by a server each time it swaps in a new set */
  generation?: number;
  /** how a file is named in problems and rule sources; by default relative to where the user is, unless the rules live elsewhere */
  display?: (file: string) => string;
}

export function loadRuleSet(dir: string, options: LoadOptions = {}): LoadOutcome {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ScrubjayError('SJ_RULES_DIR_MISSING', `rules folder not found: ${dir}`, { file: dir });
  }
  const problems: RuleProblem[] = [];
  const hashed: RuleFileBytes[] = [];
  const files = yamlFiles(dir);
  const display = options.display ?? displayFromHere;

  const lists = new Map<string, CodeList>();
  const payers: PayerProfile[] = [];
  const rules: LoadedRule[] = [];
  let baseClaim: Record<string, unknown> | undefined;

  for (const file of files) {
    const rel = relative(dir, file).split(sep);
    hashed.push({ path: rel.join('/'), bytes: readFileSync(file) });
    // the CARC/RARC catalog (codes/) is read and checked by codes.ts; it is hashed above, so editing it changes the set
    if (rel[0] === CODES_DIR) continue;
    const yaml = readYamlFile(file, display(file));
    problems.push(...yaml.problems);
    if (rel[0] === LISTS_DIR) {
      for (const doc of yaml.documents) readList(doc, yaml.file, lists, problems);
    } else if (rel[0] === PAYERS_DIR) {
      for (const doc of yaml.documents) readPayer(doc, yaml.file, payers, problems);
    } else if (rel.length === 1 && rel[0] === BASE_CLAIM_FILE) {
      baseClaim = readBaseClaim(yaml.documents[0], yaml.file, problems);
    } else {
      for (const doc of yaml.documents) readRules(doc, yaml.file, rules, problems);
    }
  }
  if (!baseClaim) {
    problems.push(ruleProblem('SJ_RULES_BASE_CLAIM', { file: display(join(dir, BASE_CLAIM_FILE)), line: 1, column: 1 }, 'missing: rule tests need a valid base claim in this file'));
  }
  if (!payers.some((p) => p.default === true)) {
    problems.push(ruleProblem('SJ_RULES_PAYER_DEFAULT', { file: display(join(dir, PAYERS_DIR)), line: 1, column: 1 }, 'no payer profile is marked `default: true`; claims from other payers would have no filing limit'));
  }
  problems.push(...lintRules(rules, lists));
  problems.push(...lintFiledTests(rules, payers));
  problems.push(...lintRuleCodes(dir, rules, display));
  if (problems.length > 0 || !baseClaim) return { problems: sortProblems(problems) };

  const digest = hashRuleFiles(hashed);
  return {
    problems: [],
    ruleSet: {
      dir,
      rules,
      lists,
      payers,
      baseClaim,
      hash: digest,
      version: `${todayIso()}.${options.generation ?? 1}`,
    },
  };
}

function displayFromHere(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function at(doc: YamlDocument, file: string, path: ValuePath): SourcePosition {
  return { file, ...doc.position(path) };
}

/** Ajv's errors, one per real problem, each placed on the offending key or value. */
function schemaProblems(errors: ErrorObject[], doc: YamlDocument, file: string, prefix: ValuePath, ruleId?: string): RuleProblem[] {
  const useful = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  // A condition that is neither a group nor a fact test fails both oneOf branches; report the fact-test reading.
  const seen = new Set<string>();
  const out: RuleProblem[] = [];
  for (const e of useful) {
    const segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    let message: string;
    const path: Array<string | number> = [...prefix, ...segments];
    const where = e.instancePath === '' ? 'rule' : `"${segments.join('.')}"`;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      path.push(key);
      message = `unknown key "${key}" in ${where}`;
    } else if (e.keyword === 'required') {
      message = `${where} is missing required key "${String(e.params.missingProperty)}"`;
    } else if (e.keyword === 'enum') {
      message = `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    } else {
      message = `${where} ${e.message ?? 'is invalid'}`;
    }
    const key = `${path.join('/')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = e.keyword === 'additionalProperties' ? doc.keyPosition(path) : doc.position(path);
    out.push(ruleProblem('SJ_RULES_SCHEMA', { file, ...position }, message, ruleId));
  }
  return out;
}

function readRules(doc: YamlDocument, file: string, rules: LoadedRule[], problems: RuleProblem[]): void {
  const entries: Array<{ value: unknown; path: ValuePath }> = Array.isArray(doc.value)
    ? doc.value.map((value, i) => ({ value, path: [i] }))
    : [{ value: doc.value, path: [] }];
  for (const { value, path } of entries) {
    const id = value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
    if (!validateRule(value)) {
      problems.push(...schemaProblems(validateRule.errors ?? [], doc, file, path, id));
      continue;
    }
    const rule = value as unknown as RuleDefinition;
    rules.push({
      ...rule,
      source: at(doc, file, path),
      locate: (sub) => at(doc, file, [...path, ...sub]),
    });
  }
}

function readList(doc: YamlDocument, file: string, lists: Map<string, CodeList>, problems: RuleProblem[]): void {
  if (!validateList(doc.value)) {
    problems.push(...schemaProblems(validateList.errors ?? [], doc, file, []));
    return;
  }
  const value = doc.value as { name: string; description: string; codes: string[] };
  if (lists.has(value.name)) {
    problems.push(ruleProblem('SJ_RULES_DUPLICATE_ID', at(doc, file, ['name']), `list "${value.name}" is defined twice (also in ${lists.get(value.name)?.file})`));
    return;
  }
  value.codes.forEach((entry, i) => {
    const parsed = parseListEntry(entry);
    if ('error' in parsed) problems.push(ruleProblem('SJ_RULES_LIST_ENTRY', at(doc, file, ['codes', i]), `list "${value.name}": ${parsed.error}`));
  });
  lists.set(value.name, createCodeList(value.name, value.description, file, value.codes));
}

function readPayer(doc: YamlDocument, file: string, payers: PayerProfile[], problems: RuleProblem[]): void {
  const result = payerProfileSchema.safeParse(doc.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = `payer profile${path.length ? ` "${path.join('.')}"` : ''}`;
      // zod puts an unknown key on the object that holds it; the misspelt key is what to point at
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push(ruleProblem('SJ_RULES_SCHEMA', { file, ...doc.keyPosition([...path, key]) }, `${where}: unknown key "${key}"`));
      } else {
        problems.push(ruleProblem('SJ_RULES_SCHEMA', at(doc, file, path), `${where}: ${issue.message}`));
      }
    }
    return;
  }
  const clash = payers.find((p) => p.id === result.data.id);
  if (clash) {
    problems.push(ruleProblem('SJ_RULES_DUPLICATE_ID', at(doc, file, ['id']), `payer profile "${result.data.id}" is defined twice (also in ${clash.file})`));
    return;
  }
  if (result.data.default && payers.some((p) => p.default)) {
    problems.push(ruleProblem('SJ_RULES_PAYER_DEFAULT', at(doc, file, ['default']), 'only one payer profile may be the default'));
  }
  payers.push({ ...result.data, file });
}

function readBaseClaim(doc: YamlDocument | undefined, file: string, problems: RuleProblem[]): Record<string, unknown> | undefined {
  const value = doc?.value;
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Array.isArray((value as { lines?: unknown }).lines)) {
    problems.push(ruleProblem('SJ_RULES_BASE_CLAIM', { file, line: 1, column: 1 }, 'the base claim must be a claim object with a "lines" list'));
    return undefined;
  }
  return value as Record<string, unknown>;
}
