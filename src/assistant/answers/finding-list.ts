/**
 * A list of findings a person can read through: every finding, none cut off, grouped by
 * the rule family it belongs to (missing information, code validity, ...), each group
 * headed "Title (count):" so the page can fold it.
 */
import type { Finding } from '../../engine/finding.js';
import type { PreparedRuleSet } from '../../engine/prepare.js';

const FAMILY_TITLES: Record<string, string> = {
  'missing-information': 'Missing information',
  'code-validity': 'Codes that are not valid',
  'reference-data': 'Official code sets',
  'timely-filing': 'Timely filing',
  'code-compatibility': 'Codes that do not go together',
};

/** The order families are listed in: what stops the whole claim first. */
const FAMILY_ORDER = Object.keys(FAMILY_TITLES);

export function familyOf(prepared: PreparedRuleSet, f: Finding): string {
  return prepared.byId.get(f.ruleId)?.rule.category ?? 'other';
}

export function familyTitle(family: string): string {
  const known = FAMILY_TITLES[family];
  if (known) return known;
  const words = family.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The findings by family, families in FAMILY_ORDER (unknown ones after, by name), findings in the order given. */
export function byFamily(prepared: PreparedRuleSet, findings: readonly Finding[]): Array<{ family: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const family = familyOf(prepared, f);
    let list = groups.get(family);
    if (!list) groups.set(family, (list = []));
    list.push(f);
  }
  const rank = (family: string): number => {
    const at = FAMILY_ORDER.indexOf(family);
    return at === -1 ? FAMILY_ORDER.length : at;
  };
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([family, list]) => ({ family, findings: list }));
}

/**
 * Every finding, one line each from `render`. A single family needs no heading; several
 * get one each, so a long list reads (and folds) by kind of problem.
 */
export function groupedLines(prepared: PreparedRuleSet, findings: readonly Finding[], render: (f: Finding) => string): string[] {
  const groups = byFamily(prepared, findings);
  if (groups.length <= 1) return findings.map(render);
  return groups.flatMap((g) => [`${familyTitle(g.family)} (${g.findings.length}):`, ...g.findings.map(render)]);
}
