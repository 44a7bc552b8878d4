/**
 * The shapes of the rules workbench contract: the rule files, drafts and their check, the
 * preview of a draft over the stored history, publishing, the versions and their restore,
 * and the views compliance staff browse (rules with how often they fire, and the two lists
 * they look at first).
 */
import { z } from 'zod';
import { ClaimStatusSchema } from './result.js';

export const RuleFileSchema = z
  .object({
    path: z.string().describe('relative to the rules folder, `/`-separated'),
    sha256: z.string().describe("SHA-256 (hex) of the file's bytes"),
    rules: z.array(z.string()).describe('ids of the rules written in the file'),
  })
  .meta({ id: 'RuleFile' });

export const RuleFileListSchema = z.array(RuleFileSchema).meta({ id: 'RuleFileList', description: 'the rule files of the set in force' });

export const FileChangeSchema = z
  .object({
    path: z.string().min(1).max(300).describe('relative to the rules folder, `/`-separated, a .yaml or .yml file'),
    content: z.string().max(2_000_000).nullable().describe('the new text of the file, or null to delete it'),
  })
  .meta({ id: 'FileChange' });

export const DraftRequestSchema = z
  .object({
    base: z.string().min(1).max(200).describe('the rulesetVersion (or rulesetHash) the draft starts from'),
    changes: z.array(FileChangeSchema).max(500),
    note: z.string().max(2000).optional(),
  })
  .meta({ id: 'DraftRequest' });

export const DraftProblemSchema = z
  .object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string(), code: z.string(), ruleId: z.string().optional() })
  .meta({ id: 'DraftProblem', description: 'a problem of the drafted rule files, at file:line:column' });

export const DraftTestFailureSchema = z
  .object({ ruleId: z.string(), case: z.string(), message: z.string(), file: z.string(), line: z.number().int(), column: z.number().int() })
  .meta({ id: 'DraftTestFailure', description: "an embedded rule test the draft fails, at the test case's place" });

export const DraftReportSchema = z
  .looseObject({
    draftId: z.string(),
    base: z.string().describe('the version the draft starts from'),
    hash: z.string().describe('the rulesetHash the set would have once published'),
    note: z.string().optional(),
    problems: z.array(DraftProblemSchema),
    tests: z.object({ passed: z.number().int(), failed: z.array(DraftTestFailureSchema) }),
    at: z.string(),
  })
  .meta({ id: 'DraftReport', description: 'a draft of the rules, checked whole: lint problems and every embedded test' });

export const PreviewRequestSchema = z
  .object({ limit: z.number().int().min(1).max(100_000).optional().describe('the newest this many stored scrubs (default 5,000)') })
  .meta({ id: 'PreviewRequest' });

export const PreviewSchema = z
  .looseObject({
    scrubs: z.number().int().describe('stored scrubs read'),
    skipped: z.number().int().describe('of those, the ones not compared (not a professional claim, or one that cannot be scrubbed)'),
    changed: z.array(
      z.object({
        scrubId: z.string(),
        claimId: z.string().nullable(),
        before: ClaimStatusSchema,
        after: ClaimStatusSchema,
        added: z.array(z.string()),
        removed: z.array(z.string()),
      }),
    ),
    changedTotal: z.number().int().describe('every changed claim; `changed` lists the first 500'),
    statusChanged: z.number().int().describe('changed claims whose status changes'),
    byRule: z.record(z.string(), z.object({ added: z.number().int(), removed: z.number().int() })),
    ms: z.number().describe('how long the preview took'),
  })
  .meta({ id: 'Preview', description: 'what a draft would change on the newest stored scrubs, against the set in force' });

export const ReasonSchema = z.object({ reason: z.string().max(2000) }).meta({ id: 'ChangeReason', description: 'why the rules change, kept in the history and the audit trail' });

export const PublishedSchema = z
  .object({ version: z.string(), hash: z.string() })
  .meta({ id: 'PublishedVersion', description: 'the version now in force' });

export const RulesVersionSchema = z
  .looseObject({
    version: z.string(),
    hash: z.string(),
    at: z.string(),
    by: z.string().describe('the person who published or restored it, or "file system"'),
    role: z.string().optional(),
    reason: z.string(),
    files: z.array(z.string()).describe('paths the version changed'),
    commit: z.string().describe('the git commit that records it'),
  })
  .meta({ id: 'RulesVersion' });

export const RulesVersionListSchema = z.array(RulesVersionSchema).meta({ id: 'RulesVersionList', description: 'every version of the rules, newest first' });

export const WorkbenchRuleSchema = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    severity: z.string(),
    carc: z.string().nullable(),
    scope: z.string(),
    appliesTo: z.unknown().nullable(),
    references: z.array(z.looseObject({ title: z.string() })),
    lists: z.array(z.string()).describe('named code lists the conditions use'),
    tests: z.array(z.string()).describe('names of the embedded test cases'),
    source: z.object({ file: z.string(), line: z.number().int() }),
    fired: z.number().int().describe('stored scrubs in the window the rule fired on'),
    share: z.number().describe('fired over the scrubs in the window, 0 to 1'),
  })
  .meta({ id: 'WorkbenchRule' });

export const WorkbenchRulesSchema = z
  .object({
    rulesetVersion: z.string(),
    rulesetHash: z.string(),
    since: z.string(),
    days: z.number().int(),
    scrubs: z.number().int(),
    rules: z.array(WorkbenchRuleSchema),
  })
  .meta({ id: 'WorkbenchRules', description: 'the rules in force, with how often each fired in the stored history' });

export const InsightsSchema = z
  .object({
    since: z.string(),
    days: z.number().int(),
    scrubs: z.number().int(),
    neverFired: z.array(z.object({ ruleId: z.string(), title: z.string() })),
    overHalf: z.array(z.object({ ruleId: z.string(), title: z.string(), scrubs: z.number().int(), share: z.number() })),
  })
  .meta({ id: 'RuleInsights', description: 'rules that never fired in the window, and rules that fired on more than half its scrubs' });

export type DraftRequestBody = z.infer<typeof DraftRequestSchema>;
