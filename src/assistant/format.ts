/** Small pieces of wording shared by the answers, so every answer cites a finding the same way. */
import type { Finding } from '../engine/finding.js';
import type { CodeCatalog } from '../rules/codes.js';
import { listing, plural } from '../text/english.js';

/** "Line 2", "Diagnosis 1" or "Claim": where a finding points. */
export function placeOf(f: Finding): string {
  if (f.line !== null) return `Line ${f.line}`;
  const dx = /^diagnoses\[(\d+)\]/.exec(f.path ?? '');
  if (dx) return `Diagnosis ${Number(dx[1]) + 1}`;
  return 'Claim';
}

/** "[modifier-25-on-non-em-code · CARC 4, RARC M78]": the rule and codes a statement rests on. */
export function citation(f: Finding): string {
  const codes = [f.carc ? `CARC ${f.carc}` : '', f.rarc.length ? `RARC ${f.rarc.join(', ')}` : ''].filter(Boolean).join(', ');
  return `[${f.ruleId}${codes ? ` · ${codes}` : ''}]`;
}

/** "CARC 4 (The procedure code does not go with the modifier billed ...)", or "CARC 4" when the catalog lacks it. */
export function carcWithMeaning(carc: string, catalog: CodeCatalog): string {
  const meaning = catalog.carc(carc);
  return meaning ? `CARC ${carc} (${meaning.replace(/\.$/, '')})` : `CARC ${carc}`;
}

export const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'note' };

/** Counts as words: "2 errors, 1 warning and 1 note". */
export function countFindings(findings: readonly Finding[]): string {
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const parts = (['error', 'warning', 'info'] as const).filter((s) => count(s) > 0).map((s) => plural(count(s), SEVERITY_WORD[s]));
  return parts.length ? listing(parts) : 'no findings';
}

/** Errors and warnings: what a biller acts on (notes only inform). */
export function actionable(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}
