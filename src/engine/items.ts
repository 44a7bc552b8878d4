/**
 * The items a claim is checked as: the claim itself, each diagnosis, each line and each
 * pair of lines, with the facts of each and where a finding on it points.
 */
import { parseIsoDate } from '../claim/dates.js';
import type { ClaimView } from '../claim/normalize.js';
import type { PayerProfile } from '../payers/profile.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { LoadedRule } from '../rules/rule.js';
import { diagnosisFacts, lineFacts, pairFacts, type ScopeFacts, type ScrubContext } from './facts.js';

export interface ClaimItem {
  scope: Scope;
  facts: ScopeFacts;
  /** 1-based line a finding on this item names, or null */
  line: number | null;
  /** contract path prefix of the item: '', 'diagnoses[0]', 'lines[1]' */
  pathPrefix: string;
  /** date of service that decides whether date-limited rules apply; null when unknown */
  serviceDate: string | null;
}

export function* claimItems(claim: ClaimView, context: ScrubContext, profile: PayerProfile | undefined): Generator<ClaimItem> {
  const earliest = earliestServiceDate(claim);
  yield { scope: 'claim', facts: { claim, context }, line: null, pathPrefix: '', serviceDate: earliest };
  for (let i = 0; i < claim.diagnoses.length; i++) {
    yield { scope: 'diagnosis', facts: { claim, context, diagnosis: diagnosisFacts(claim, i) }, line: null, pathPrefix: `diagnoses[${i}]`, serviceDate: earliest };
  }
  for (const line of claim.lines) {
    yield { scope: 'line', facts: lineFacts(claim, context, line, profile), line: line.number, pathPrefix: `lines[${line.index}]`, serviceDate: validDate(line.serviceDate) };
  }
  const lines = claim.lines;
  for (let j = 1; j < lines.length; j++) {
    const second = lines[j]!;
    for (let i = 0; i < j; i++) {
      yield { scope: 'pair', facts: { claim, context, pair: pairFacts(lines[i]!, second) }, line: second.number, pathPrefix: `lines[${second.index}]`, serviceDate: validDate(second.serviceDate) };
    }
  }
}

function validDate(value: string | null): string | null {
  return parseIsoDate(value) ? value : null;
}

function earliestServiceDate(claim: ClaimView): string | null {
  let earliest: string | null = null;
  for (const line of claim.lines) {
    const date = validDate(line.serviceDate);
    if (date !== null && (earliest === null || date < earliest)) earliest = date;
  }
  return earliest;
}

/** Whether a rule's payer and date-of-service limits let it apply to this item. */
export function ruleApplies(rule: LoadedRule, claim: ClaimView, serviceDate: string | null): boolean {
  const limits = rule.appliesTo;
  if (!limits) return true;
  if (limits.payerKinds && !(claim.payer.kind !== null && limits.payerKinds.includes(claim.payer.kind))) return false;
  if (limits.payerIds && !(claim.payer.id !== null && limits.payerIds.includes(claim.payer.id))) return false;
  if (serviceDate !== null) {
    if (limits.from && serviceDate < limits.from) return false;
    if (limits.to && serviceDate > limits.to) return false;
  }
  return true;
}
