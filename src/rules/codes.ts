/**
 * The code catalog (`rules/codes/carc.yaml`, `rules/codes/rarc.yaml`): a short meaning,
 * in our own words, for every Claim Adjustment Reason Code and Remittance Advice Remark
 * Code the rules use, so a finding can say "CARC 97 — <meaning>". The official wording
 * is X12's and licensed, so the files hold plain-language summaries with references.
 *
 * A rules folder with a `codes/` folder is checked against its own catalog; one without
 * (a small test set, a partial copy) is checked against the catalog shipped with the
 * package, so every rule set is held to the same promise: no code without a meaning.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { SHIPPED_RULES_DIR } from '../config/paths.js';
import { ruleProblem, type RuleProblem } from './problems.js';
import type { LoadedRule } from './rule.js';
import { readYamlFile } from './yaml-source.js';

export const CODES_DIR = 'codes';

export type CodeKind = 'carc' | 'rarc';

const CODE_PATTERN: Record<CodeKind, RegExp> = {
  carc: /^[A-Z]?[0-9]{1,3}$/,
  rarc: /^[A-Z]{1,2}[0-9]{1,3}$/,
};

// The file's frame; each code is checked on its own, so one bad entry does not hide the others' meanings.
const catalogFileSchema = z
  .object({
    kind: z.enum(['carc', 'rarc']),
    description: z.string().min(1).optional(),
    references: z.array(z.object({ title: z.string().min(1), url: z.string().optional(), section: z.string().optional() }).strict()).min(1),
    codes: z.record(z.string(), z.unknown()),
  })
  .strict();

export interface CodeReference {
  title: string;
  url?: string;
  section?: string;
}

export interface CodeCatalog {
  /** the plain-language meaning of a CARC (`"97"`, `97`, `"CO-97"`), or undefined when the catalog lacks it */
  carc(code: string | number): string | undefined;
  /** the plain-language meaning of a RARC (`"N362"`), or undefined when the catalog lacks it */
  rarc(code: string): string | undefined;
  /** every code of a kind with its meaning, in the catalog's order */
  entries(kind: CodeKind): ReadonlyArray<{ code: string; meaning: string }>;
  references(kind: CodeKind): readonly CodeReference[];
}

export interface CatalogOutcome {
  catalog: CodeCatalog;
  problems: RuleProblem[];
}

/** `CO-97`, `co 97`, ` 97 ` → `97`; group codes (CO, PR, OA, PI, CR) are not part of the reason code. */
export function normalizeCarc(code: string | number): string {
  return String(code).trim().toUpperCase().replace(/^(?:CO|PR|OA|PI|CR)[\s-]*/, '');
}

function buildCatalog(tables: Record<CodeKind, Map<string, string>>, refs: Record<CodeKind, CodeReference[]>): CodeCatalog {
  return {
    carc: (code) => tables.carc.get(normalizeCarc(code)),
    rarc: (code) => tables.rarc.get(String(code).trim().toUpperCase()),
    entries: (kind) => [...tables[kind]].map(([code, meaning]) => ({ code, meaning })),
    references: (kind) => refs[kind],
  };
}

/**
 * Reads `<rulesDir>/codes/*.yaml`. Problems (YAML errors, a file of the wrong shape, a
 * malformed or repeated code) come back located at `file:line:col`; the codes that were
 * readable are still in the catalog.
 */
export function loadCodeCatalog(rulesDir: string, display: (file: string) => string = (f) => f): CatalogOutcome {
  const tables: Record<CodeKind, Map<string, string>> = { carc: new Map(), rarc: new Map() };
  const refs: Record<CodeKind, CodeReference[]> = { carc: [], rarc: [] };
  const problems: RuleProblem[] = [];
  for (const kind of ['carc', 'rarc'] as const) {
    const path = join(rulesDir, CODES_DIR, `${kind}.yaml`);
    if (!existsSync(path)) {
      problems.push(ruleProblem('SJ_RULES_CODE_CATALOG', { file: display(path), line: 1, column: 1 }, `missing: the ${kind.toUpperCase()} catalog (a meaning for every ${kind.toUpperCase()} the rules use)`));
      continue;
    }
    const yaml = readYamlFile(path, display(path));
    problems.push(...yaml.problems);
    const doc = yaml.documents[0];
    if (!doc) continue;
    const parsed = catalogFileSchema.safeParse(doc.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        problems.push(ruleProblem('SJ_RULES_CODE_CATALOG', { file: yaml.file, ...doc.position(at) }, `code catalog${at.length ? ` "${at.join('.')}"` : ''}: ${issue.message}`));
      }
      continue;
    }
    if (parsed.data.kind !== kind) {
      problems.push(ruleProblem('SJ_RULES_CODE_CATALOG', { file: yaml.file, ...doc.position(['kind']) }, `this file must hold kind: ${kind}, not ${parsed.data.kind}`));
      continue;
    }
    refs[kind] = parsed.data.references;
    for (const [code, meaning] of Object.entries(parsed.data.codes)) {
      const key = code.trim().toUpperCase();
      if (typeof meaning !== 'string' || meaning.trim().length < 3) {
        problems.push(ruleProblem('SJ_RULES_CODE_CATALOG', { file: yaml.file, ...doc.position(['codes', code]) }, `${kind.toUpperCase()} ${key}: a meaning needs a few words`));
        continue;
      }
      // a code that is not one, or one listed twice, is wrong in its key: point there, not at the meaning
      if (!CODE_PATTERN[kind].test(key)) {
        problems.push(ruleProblem('SJ_RULES_CODE_CATALOG', { file: yaml.file, ...doc.keyPosition(['codes', code]) }, `"${code}" is not a ${kind.toUpperCase()}`));
        continue;
      }
      if (tables[kind].has(key)) {
        problems.push(ruleProblem('SJ_RULES_DUPLICATE_ID', { file: yaml.file, ...doc.keyPosition(['codes', code]) }, `${kind.toUpperCase()} ${key} is listed twice`));
        continue;
      }
      tables[kind].set(key, meaning.trim().replace(/\s+/g, ' '));
    }
  }
  return { catalog: buildCatalog(tables, refs), problems };
}

function hasOwnCatalog(rulesDir: string): boolean {
  const dir = join(rulesDir, CODES_DIR);
  return existsSync(dir) && statSync(dir).isDirectory();
}

let shipped: CodeCatalog | undefined;

/** The catalog shipped with the package (read once). */
export function shippedCodeCatalog(): CodeCatalog {
  shipped ??= loadCodeCatalog(SHIPPED_RULES_DIR).catalog;
  return shipped;
}

const byDir = new Map<string, { stamp: string; catalog: CodeCatalog }>();

function stampOf(rulesDir: string): string {
  return (['carc', 'rarc'] as const)
    .map((kind) => {
      const path = join(rulesDir, CODES_DIR, `${kind}.yaml`);
      return existsSync(path) ? String(statSync(path).mtimeMs) : '-';
    })
    .join('|');
}

/**
 * The catalog that applies to a rules folder: its own `codes/`, else the shipped one.
 * Re-read when a catalog file changes, so a running service shows an edited meaning.
 */
export function codeCatalogFor(rulesDir: string): CodeCatalog {
  if (!hasOwnCatalog(rulesDir)) return shippedCodeCatalog();
  const stamp = stampOf(rulesDir);
  const known = byDir.get(rulesDir);
  if (known && known.stamp === stamp) return known.catalog;
  const catalog = loadCodeCatalog(rulesDir).catalog;
  if (byDir.size > 50) byDir.clear();
  byDir.set(rulesDir, { stamp, catalog });
  return catalog;
}

/** "CARC 97 — The service is paid as part of another service ..." (or just "CARC 97" when the catalog lacks it). */
export function describeCarc(code: string | number, catalog: CodeCatalog = shippedCodeCatalog()): string {
  const key = normalizeCarc(code);
  const meaning = catalog.carc(key);
  return meaning ? `CARC ${key} — ${meaning}` : `CARC ${key}`;
}

/** "N362 — The days or units of service billed are more than the payer accepts." (or just the code). */
export function describeRarc(code: string, catalog: CodeCatalog = shippedCodeCatalog()): string {
  const key = code.trim().toUpperCase();
  const meaning = catalog.rarc(key);
  return meaning ? `${key} — ${meaning}` : key;
}

/**
 * Lint for the rules loader: problems in the folder's own catalog files, and every rule
 * whose `carc` or `rarc` the applicable catalog lacks (placed on that key of the rule).
 */
export function lintRuleCodes(rulesDir: string, rules: readonly LoadedRule[], display: (file: string) => string = (f) => relative(process.cwd(), f) || f): RuleProblem[] {
  const own = hasOwnCatalog(rulesDir);
  const { catalog, problems } = own ? loadCodeCatalog(rulesDir, display) : { catalog: shippedCodeCatalog(), problems: [] };
  const where = own ? `${CODES_DIR}/` : 'the shipped code catalog';
  for (const rule of rules) {
    if (rule.carc !== undefined && catalog.carc(rule.carc) === undefined) {
      problems.push(ruleProblem('SJ_RULES_CODE_UNKNOWN', rule.locate(['carc']), `rule "${rule.id}": CARC ${rule.carc} is not in ${own ? `${where}carc.yaml` : where}; add it with a short meaning`, rule.id));
    }
    (rule.rarc ?? []).forEach((code, i) => {
      if (catalog.rarc(code) === undefined) {
        problems.push(ruleProblem('SJ_RULES_CODE_UNKNOWN', rule.locate(['rarc', i]), `rule "${rule.id}": RARC ${code} is not in ${own ? `${where}rarc.yaml` : where}; add it with a short meaning`, rule.id));
      }
    });
  }
  return problems;
}
