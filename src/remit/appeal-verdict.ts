/**
 * Whether an appeal is the right path for a remittance's denials: the shared denial advice
 * (`adviseOn`), sharpened by what the scrub and the edit tables know of this claim. A denial
 * the claim's own content caused goes out again corrected; a denial the payer can only undo
 * on seeing more is appealed; a bundling denial under an NCCI edit that a modifier would
 * bypass can go either way, and one no modifier bypasses is neither corrected nor won.
 */
import { adviseOn } from './denial-action.js';
import type { Ground } from './appeal-grounds.js';
import type { AppealRecommendation, Denial, PtpCheck } from './appeal-types.js';

export interface Verdict {
  recommendation: AppealRecommendation;
  reason: string;
}

function code(denial: Denial): string {
  return `${denial.adjustment.group}-${denial.adjustment.carc}`;
}

function bundlingVerdict(denial: Denial, pairs: readonly PtpCheck[]): Verdict {
  const edits = pairs.filter((p) => p.modifierIndicator === 0 || p.modifierIndicator === 1);
  const locked = edits.find((p) => p.modifierIndicator === 0);
  if (locked !== undefined) {
    return {
      recommendation: 'correct',
      reason: `${code(denial)}: ${locked.column1}/${locked.column2} is an NCCI edit with modifier indicator 0, which no modifier and no record makes payable together; remove the column-2 line (write it off) unless the two services were on different dates, which a corrected date fixes`,
    };
  }
  const open = edits.find((p) => p.modifierIndicator === 1 && p.ncciModifiers.length === 0);
  if (open !== undefined) {
    return {
      recommendation: 'either',
      reason: `${code(denial)}: ${open.column1}/${open.column2} is an NCCI edit with modifier indicator 1 and neither line carries an NCCI-associated modifier; if the record shows a separate site, session, encounter or time, a corrected claim with 59 or XE, XS, XP or XU is the quicker path, and an appeal with the same record also works`,
    };
  }
  if (edits.length > 0) {
    return { recommendation: 'appeal', reason: `${code(denial)}: the NCCI edit allows a modifier and the claim carried one (${edits[0]!.ncciModifiers.join(', ')}); only the payer can change its decision, with the record that shows the services were distinct` };
  }
  return {
    recommendation: 'either',
    reason: `${code(denial)}: ${
      pairs.length > 0 ? 'no NCCI edit in force pairs this line with another billed the same day, so the bundling is under the payer\'s own policy' : 'no NCCI edit was looked up for this line (no edit table is loaded, or no other code was billed that day)'
    }; appeal with the record that shows a separate service, or resubmit with the right modifier if one was missing`,
  };
}

/** The verdict on one denial. `grounds` are its rules as the scrub left them; `pairs`, the NCCI pairs of its line. */
export function verdictOn(denial: Denial, claimRemarks: readonly string[], grounds: readonly Ground[], pairs: readonly PtpCheck[]): Verdict {
  const advice = adviseOn(denial.adjustment, claimRemarks);
  const raised = grounds.find((g) => g.raised && g.carc === denial.adjustment.carc);
  if (advice.action === 'correct') {
    const noAppeal = advice.newClaim ? ' (MA130: the payer gives no appeal rights; send the fix as a new claim)' : '';
    return { recommendation: 'correct', reason: `${code(denial)}: ${advice.reason}${noAppeal}` };
  }
  if (advice.action !== 'appeal') return { recommendation: 'correct', reason: `${code(denial)}: an appeal is the wrong path, ${advice.reason}` };
  if (denial.adjustment.carc === '29') {
    const found = raised === undefined ? '' : '; the scrub found the claim past the filing limit too, so look for proof of an earlier filing before anything else';
    return {
      recommendation: 'appeal',
      reason: `${code(denial)}: appeal only with proof the claim was filed in time (or of a reason the payer accepts for late filing); a corrected claim would be as late, and without proof the amount is written off and may not be billed to the patient${found}`,
    };
  }
  if (raised !== undefined) {
    return { recommendation: 'correct', reason: `${code(denial)}: the scrub raised ${raised.ruleId} on this line before the claim was sent (${raised.message ?? raised.title}); correct what it found rather than appeal` };
  }
  if (denial.adjustment.carc === '97') return bundlingVerdict(denial, pairs);
  return { recommendation: 'appeal', reason: `${code(denial)}: ${advice.reason}` };
}

/** The letter's verdict: one path when every denial takes it, else either, with each denial's reason. */
export function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return { recommendation: 'correct', reason: 'the remittance holds no denial to appeal' };
  const kinds = new Set(verdicts.map((v) => v.recommendation));
  const recommendation: AppealRecommendation = kinds.size === 1 ? verdicts[0]!.recommendation : 'either';
  return { recommendation, reason: [...new Set(verdicts.map((v) => v.reason))].join('; ') };
}
