/**
 * What the REST interface answers besides claims and results: the rule set, the data
 * folder, the history, code meanings, the page's examples and batch summaries. The OpenAPI
 * description is generated from these; the handlers' answers are checked against it in the
 * service's tests. Shapes the service owns outright are exact (an undeclared field is a
 * mistake); those that carry another module's records (a rule's conditions, a kept scrub)
 * name the fields a client relies on and let the rest through.
 */
import { z } from 'zod';
import { BatchResultSchema, ClaimStatusSchema, InputFormatSchema, ReferenceDataVersionSchema, ScrubResultSchema, SeveritySchema } from './result.js';

/** A claim as the service read it: the contract's field names, values as they were sent. */
export const ReadClaimSchema = z
  .looseObject({ lines: z.array(z.unknown()) })
  .meta({ id: 'ReadClaim', description: 'a claim as it was read, before any check: an object with a lines array, its values as sent' });

/** A scrub result as the service answers it: a JSON claim's, or with `source` for a claim read from text or a file. */
export const AnyResultSchema = z.union([ScrubResultSchema, BatchResultSchema]);

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    rulesetVersion: z.string().describe('the version of the rule set in force'),
    rules: z.number().int().describe('rules in the set in force'),
    rulesState: z.enum(['ok', 'rejected']).describe('rejected when the rule files as they are now were refused and an older set is in force'),
  })
  .meta({ id: 'Health' });

export const RuleSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    severity: SeveritySchema,
    carc: z.string().nullable(),
    scope: z.string().describe('claim or line: what one evaluation of the rule looks at'),
  })
  .meta({ id: 'RuleSummary', description: 'a rule of the set in force' });

export const RuleListSchema = z.object({ rulesetVersion: z.string(), rules: z.array(RuleSummarySchema) }).meta({ id: 'RuleList' });

const SourcePositionSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int() });

export const RuleDetailSchema = RuleSummarySchema.extend({
  rarc: z.array(z.string()),
  description: z.string(),
  references: z.array(z.looseObject({ title: z.string() })),
  appliesTo: z.unknown().describe('which claims the rule applies to (payers, dates), or null for all'),
  conditions: z.unknown().describe('the json-rules-engine conditions, as written in the rule file'),
  field: z.string().nullable().describe('the claim field a finding points at'),
  message: z.string(),
  explanation: z.string(),
  fix: z.string(),
  tests: z.array(z.looseObject({ name: z.string(), expect: z.enum(['fire', 'pass']) })),
  source: SourcePositionSchema.describe('where the rule is written'),
}).meta({ id: 'RuleDetail', description: 'one rule, everything a reader needs' });

export const RulesStatusSchema = z
  .object({
    state: z.enum(['ok', 'rejected']),
    version: z.string(),
    hash: z.string().describe("SHA-256 (hex) of the rule files of the set in force: the results' rulesetHash"),
    by: z.string().describe('who put the set in force: a person who published or restored it, or "file system" for files read from the folder'),
    reason: z.string().describe('why the set in force was put in force: the reason given at a publish or restore, "changed on disk" or "loaded at start-up"'),
    rules: z.number().int(),
    loadedAt: z.string().describe('ISO time the set in force was swapped in'),
    lastCheckedAt: z.string().describe('ISO time the files were last read'),
    checks: z.number().int(),
    problems: z.array(SourcePositionSchema.extend({ code: z.string().describe('the kind of problem, an SJ_RULES_* catalog code'), message: z.string(), ruleId: z.string().optional() })),
    failedTests: z.array(SourcePositionSchema.extend({ ruleId: z.string(), case: z.string(), message: z.string() })),
    addedRules: z.array(z.string()).describe('ids of the rules the set in force has and the set before it did not (empty for the set loaded at start-up)'),
    removedRules: z.array(z.string()).describe('ids of the rules the set before had and the set in force does not: rules the last accepted reload took out of service'),
    change: z.string().describe('what the swap that put the set in force changed, in words, e.g. "2 rules removed (a, b); 1 rule added (c)"'),
  })
  .meta({ id: 'RulesStatus', description: 'whether the last edit of the rule files was accepted' });

export const TableVersionSchema = z
  .object({
    kind: z.string(),
    effective: z.string(),
    label: z.string(),
    rows: z.number().int(),
    source: z.string().describe('the file the version was imported from'),
    importedAt: z.string(),
  })
  .meta({ id: 'TableVersion', description: 'one version of an official table in the data folder' });

export const ReferenceStatusSchema = z
  .object({
    tables: z.array(TableVersionSchema),
    generation: z.string(),
    reloadedAt: z.string(),
    lastCheckedAt: z.string(),
    checks: z.number().int(),
  })
  .meta({ id: 'ReferenceStatus', description: 'the official tables loaded in the data folder' });

/** What the history list and a whole record both say of a kept scrub. */
const ScrubHeadSchema = z.looseObject({
  id: z.string(),
  claimId: z.string().nullable(),
  status: ClaimStatusSchema,
  scrubbedAt: z.string(),
  rulesetVersion: z.string(),
  owner: z.string().nullable().optional().describe('the user who made the scrub'),
});

export const ScrubSummarySchema = ScrubHeadSchema.extend({
  errors: z.number().int(),
  warnings: z.number().int(),
}).meta({ id: 'ScrubSummary', description: 'one kept scrub, as the history lists it' });

export const HistoryPageSchema = z
  .object({ total: z.number().int().describe('scrubs that match, on every page'), items: z.array(ScrubSummarySchema) })
  .meta({ id: 'HistoryPage' });

export const ChatTurnSchema = z
  .looseObject({ at: z.string(), role: z.enum(['user', 'assistant']), text: z.string(), suggestions: z.array(z.string()).optional() })
  .meta({ id: 'ChatTurn' });

export const ScrubRecordSchema = ScrubHeadSchema.extend({
  referenceData: z.array(ReferenceDataVersionSchema),
  claim: ReadClaimSchema,
  result: AnyResultSchema,
  origin: z.enum(['rest', 'socket', 'page', 'batch']).optional(),
  correctionOf: z.string().optional().describe('for a replacement or void claim: the history id of the scrub it corrects'),
}).meta({ id: 'ScrubRecord', description: 'a kept scrub: the claim as sent and its result' });

export const HistoryRecordSchema = z.object({ record: ScrubRecordSchema, chat: z.array(ChatTurnSchema) }).meta({ id: 'HistoryRecord' });

const CodeKindSchema = z.enum(['carc', 'rarc']);

export const CodeListSchema = z
  .object({
    kind: CodeKindSchema,
    codes: z.array(z.object({ code: z.string(), meaning: z.string() })),
    references: z.array(z.object({ title: z.string(), url: z.string().optional(), section: z.string().optional() })),
  })
  .meta({ id: 'CodeList', description: 'every code of the catalog, with where the meanings come from' });

export const CodeMeaningSchema = z.object({ kind: CodeKindSchema, code: z.string(), meaning: z.string() }).meta({ id: 'CodeMeaning' });

export const PageExamplesSchema = z
  .object({
    examples: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        about: z.string(),
        text: z.string().describe('what the page puts in its text box: claim JSON, or an example file as it is'),
      }),
    ),
  })
  .meta({ id: 'PageExamples' });

export const TextScrubSchema = z
  .object({
    format: InputFormatSchema.nullable().describe('the format the text was read as; null when it held no claim'),
    items: z.array(
      z.object({
        scrubId: z.string().nullable().describe('the history id, or null when nothing usable could be read (nothing kept)'),
        claim: ReadClaimSchema.nullable(),
        result: BatchResultSchema,
      }),
    ),
  })
  .meta({ id: 'TextScrub', description: 'each claim of a pasted text as read, with its result and history id' });

const CountSchema = z.object({ count: z.number().int(), claims: z.number().int() });

export const BatchSummarySchema = z
  .object({
    batchId: z.string(),
    name: z.string(),
    format: InputFormatSchema.nullable(),
    summary: z.object({
      claims: z.number().int(),
      rejected: z.number().int(),
      warned: z.number().int(),
      clean: z.number().int(),
      findings: z.number().int(),
      topRules: z.array(CountSchema.extend({ ruleId: z.string() })),
      carcs: z.array(CountSchema.extend({ carc: z.string() })),
    }),
    stored: z.array(z.object({ scrubId: z.string(), claimId: z.string().nullable(), status: ClaimStatusSchema })),
    storedLimit: z.number().int().describe('at most this many claims with findings are kept in the history'),
  })
  .meta({ id: 'BatchSummary', description: 'the figures of a scrubbed file, and the claims of it kept in the history' });

/** A FHIR R4 resource posted to `POST /api/scrub` as it is. */
export const FhirResourceSchema = z
  .looseObject({ resourceType: z.string().describe('Claim, ExplanationOfBenefit, or a Bundle holding them') })
  .meta({ id: 'FhirResource', description: 'a FHIR R4 Claim or ExplanationOfBenefit resource, or a Bundle of them' });

export type ReadClaim = z.infer<typeof ReadClaimSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type RuleSummary = z.infer<typeof RuleSummarySchema>;
export type RuleList = z.infer<typeof RuleListSchema>;
export type RuleDetail = z.infer<typeof RuleDetailSchema>;
export type RulesStatus = z.infer<typeof RulesStatusSchema>;
export type ReferenceStatus = z.infer<typeof ReferenceStatusSchema>;
export type ScrubSummary = z.infer<typeof ScrubSummarySchema>;
export type HistoryPage = z.infer<typeof HistoryPageSchema>;
export type ChatTurn = z.infer<typeof ChatTurnSchema>;
export type ScrubRecord = z.infer<typeof ScrubRecordSchema>;
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;
export type CodeList = z.infer<typeof CodeListSchema>;
export type CodeMeaning = z.infer<typeof CodeMeaningSchema>;
export type PageExamples = z.infer<typeof PageExamplesSchema>;
export type TextScrub = z.infer<typeof TextScrubSchema>;
export type BatchSummary = z.infer<typeof BatchSummarySchema>;
