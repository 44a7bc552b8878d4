/** A rule change's effect on the stored history, and how often each rule fires in it. */
export { previewImpact, DEFAULT_PREVIEW_LIMIT, PREVIEW_CHANGED_LISTED, type ChangedClaim, type Preview, type PreviewOptions } from './preview.js';
export { ruleStats, ruleFiring, neverFired, firesOnMoreThanHalf, type RuleFiring, type RuleIds, type RuleStats, type RuleStatsOptions } from './rule-stats.js';
