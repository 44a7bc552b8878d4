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
export { claimFollowUp } from './follow-up-context.js';
