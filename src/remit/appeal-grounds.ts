/**
 * What the scrub checked before the claim was sent that bears on one denial: the rules whose
 * CARC is the denial's, or one of the CARCs a payer gives for the same underlying question
 * (a medical-necessity denial rests on the diagnoses being valid and fitting the procedure),
 * each either passed on the denied line or raised there. Only rules that apply to the claim's
 * payer count: a rule limited to another payer checked nothing on this claim.
 */
import type { RuleDefinition, RuleReference } from '../rules/rule.js';
import type { AppealScrub, Denial } from './appeal-types.js';

/** The CARCs whose rules speak to a denial's CARC, the CARC itself first. */
const RELATED: Readonly<Record<string, readonly string[]>> = {
  '50': ['50', '11', '146', '167'],
  '97': ['97', '4'],
  '151': ['151'],
  '29': ['29'],
};

export function relatedCarcs(carc: string): readonly string[] {
  return RELATED[carc] ?? [carc];
}

export interface Ground {
  ruleId: string;
  title: string;
  carc: string;
  references: RuleReference[];
  /** the scrub raised it as an error on the denied line (or the claim): the claim was not clean on this point */
  raised: boolean;
  /** false when the rule needs an official table the scrub had none of: it could not have fired, so it proves nothing */
  checked: boolean;
  /** what the scrub said, when it raised it */
  message: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function appliesToPayer(rule: RuleDefinition, claim: Record<string, unknown>): boolean {
  const limits = rule.appliesTo;
  if (!limits) return true;
  const payer = claim.payer !== null && typeof claim.payer === 'object' ? (claim.payer as Record<string, unknown>) : {};
  const kind = text(payer.kind);
  const id = text(payer.id);
  if (limits.payerKinds && !(kind !== null && limits.payerKinds.includes(kind))) return false;
  if (limits.payerIds && !(id !== null && limits.payerIds.includes(id))) return false;
  return true;
}

/**
 * The grounds for one denial. `storedLine` is the stored claim's line the remittance line
 * pairs with (null for a claim-level denial, or a line that did not pair).
 */
/** The facts that come from an official table, by the table's kind as a scrub records the versions it used. */
const TABLE_FACTS: Readonly<Record<string, string>> = { ptp: 'ncci-ptp', mue: 'mue', icd: 'icd10cm', hcpcs: 'hcpcs', mce: 'mce', pos: 'pos' };

function tablesOf(rule: RuleDefinition): string[] {
  const facts = JSON.stringify(rule.conditions).matchAll(/"fact":"([a-zA-Z]+)"/g);
  return [...new Set([...facts].map((m) => TABLE_FACTS[m[1]!]).filter((k): k is string => k !== undefined))];
}

export function groundsFor(denial: Denial, storedLine: number | null, scrub: AppealScrub, rules: readonly RuleDefinition[]): Ground[] {
  const used = new Set((scrub.result.referenceData ?? []).map((v) => v.kind));
  const carcs = relatedCarcs(denial.adjustment.carc);
  const concerned = rules.filter((r) => r.carc !== undefined && carcs.includes(r.carc) && appliesToPayer(r, scrub.claim));
  concerned.sort((a, b) => carcs.indexOf(a.carc!) - carcs.indexOf(b.carc!) || a.id.localeCompare(b.id));
  return concerned.map((rule) => {
    const finding = scrub.result.findings.find(
      (f) => f.ruleId === rule.id && f.severity === 'error' && (denial.adjustment.line === null || storedLine === null || f.line === null || f.line === undefined || f.line === storedLine),
    );
    const checked = finding !== undefined || tablesOf(rule).every((kind) => used.has(kind));
    return { ruleId: rule.id, title: rule.title, carc: rule.carc!, references: rule.references, raised: finding !== undefined, checked, message: finding?.message ?? null };
  });
}

/** A source as a letter cites it: title, section, address. */
export function citation(reference: RuleReference): string {
  return [reference.title, reference.section, reference.url].filter((part) => part !== undefined && part !== '').join(', ');
}
