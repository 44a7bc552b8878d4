/** What the payer said after the claim was sent: 835 remittances read, explained and matched to stored scrubs. */
export type * from './types.js';
export { readRemittance, readRemittanceText } from './stream.js';
export { Remittance835Reader } from './read.js';
export { REMIT_PROBLEMS, type RemitProblemCode } from './problems.js';
export { explainPayment, type ExplainContext } from './explain.js';
export { matchScrub, matchScrubs, compareWithScrub, pairLines, type ScrubLookup, type StoredMatch } from './match.js';
export { explainRemit, explainRemits, remitContextFor, remitsFromText, type RemitContext } from './remits.js';
export { denialCarcs, isDenial } from './denials.js';
export { claimStatusMeaning, groupMeaning } from './status.js';
export { money } from './words.js';
export { adviseOn, appealEvidence, type DenialAction, type DenialAdvice } from './denial-action.js';
export { correctionClaim, payerClaimNumber, FREQUENCY_OF } from './correction.js';
export { draftAppealLetter } from './appeal-letter.js';
export type { AppealInput, AppealLetter, AppealRecommendation, AppealSection, PtpCheck } from './appeal-types.js';
export { missedDenialsReport, type MissedReport, type MissedReportQuery, type DenialGroup, type DenialCounts, type MissedExample } from './missed-report.js';
export { missedReportCsv } from './missed-report-csv.js';
export { ruleFamilyOf, type RuleFamily } from './rule-families.js';
export { claimFollowUp } from './follow-up-context.js';
