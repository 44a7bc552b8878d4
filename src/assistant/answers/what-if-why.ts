/**
 * Why a what-if changed nothing: the finding the change was meant to clear is still there
 * for a reason a trainee can learn from: the NCCI pair has indicator 0, the modifier is
 * not one that bypasses a pair, the unit limit counts the whole day, or the change simply
 * touches nothing a rule checks.
 */
import type { Finding } from '../../engine/finding.js';
import type { PreparedRuleSet } from '../../engine/prepare.js';
import { listing, plural } from '../../text/english.js';
import type { WhatIfChange } from '../what-if-parse.js';

const BYPASS_LIST = 'ncci-ptp-modifiers';

/** The findings that are about a line: on it, or naming it as the other line of a pair. */
function about(findings: readonly Finding[], line: number): Finding[] {
  return findings.filter((f) => f.line === line || new RegExp(`\\(line ${line}\\)|lines [^)]*\\b${line}\\b`).test(f.message));
}

function forChange(prepared: PreparedRuleSet, change: WhatIfChange, kept: readonly Finding[]): string[] {
  const out: string[] = [];
  if (change.kind === 'add-modifier') {
    const on = about(kept, change.line);
    const bypass = prepared.ruleSet.lists.get(BYPASS_LIST);
    const notBypass = change.modifiers.filter((m) => bypass?.has(m) !== true);
    for (const f of on) {
      if (f.ruleId === 'ptp-column2-modifier-not-allowed') out.push(`the NCCI pair on line ${f.line} has modifier indicator 0: no modifier, not even 59 or XE/XS/XP/XU, lets both codes be paid on one date [${f.ruleId}].`);
      else if (f.ruleId === 'ptp-column2-without-modifier' && notBypass.length > 0) {
        out.push(`modifier ${listing(notBypass)} is not an NCCI-associated modifier, so it does not bypass the pair on line ${f.line} (76 and 77 never do; 59, XE, XS, XP, XU, anatomic modifiers such as RT/LT, and 24, 25, 57, 58, 78, 79, 27, 91 can) [${f.ruleId}].`);
      } else if (/^mue-date-of-service/.test(f.ruleId)) {
        out.push(`the unit limit of that code is per date of service: the units of every line on that date are added up, so a modifier on a line does not split them [${f.ruleId}].`);
      }
    }
  }
  if (change.kind === 'set-units') {
    for (const f of kept.filter((k) => /^mue-date-of-service/.test(k.ruleId))) {
      out.push(`the unit limit is per date of service: ${f.message} Lowering one line is not enough while the day's total is still over it [${f.ruleId}].`);
    }
  }
  return out;
}

/**
 * Sentences saying why the findings stayed as they were after the changes, or a plain
 * note that the change touches nothing a rule checks.
 */
export function whyNothingChanged(prepared: PreparedRuleSet, changes: readonly WhatIfChange[], kept: readonly Finding[]): string {
  const reasons = [...new Set(changes.flatMap((c) => forChange(prepared, c, kept)))];
  if (reasons.length > 0) return `Why nothing changed: ${reasons.join(' ')}`;
  const actionable = kept.filter((f) => f.severity !== 'info');
  if (actionable.length === 0) return 'Why nothing changed: the claim had no errors or warnings to clear, and the change brings none in.';
  return `Why nothing changed: the change touches nothing the ${plural(actionable.length, 'remaining finding')} ${actionable.length === 1 ? 'checks' : 'check'}; each is about another field or line.`;
}
