/**
 * The OpenAPI 3.1 description of the REST interface, generated from the same zod schemas
 * the code is typed with (the claim, the result, the service's other answers and the one
 * error body), so it cannot describe a field the code does not have. Served at
 * `GET /api/openapi.json`; the service's tests check every answer they see against it.
 */
import { z } from 'zod';
import { ClaimSchema } from './claim.js';
import { CODE_QUERY_MAX_LENGTH, CODE_SEARCH_DEFAULT_LIMIT, CODE_SEARCH_MAX_LIMIT, CODE_SET_KINDS, CodeSearchSchema } from './code-search.js';
import { toJsonSchema, type JsonSchema } from './json-schema.js';
import { ErrorBodySchema } from './problem.js';
import { AccountChangeSchema, AccountListSchema, AccountViewSchema, AuditPageSchema, RetentionSchema, NewAccountSchema, SessionSchema, SetupSchema, SignInSchema, SsoAvailabilitySchema } from './access.js';
import { BatchResultSchema, ScrubResultSchema } from './result.js';
import {
  BatchSummarySchema,
  CodeListSchema,
  CodeMeaningSchema,
  FhirResourceSchema,
  HealthSchema,
  HistoryPageSchema,
  HistoryRecordSchema,
  PageExamplesSchema,
  ReferenceStatusSchema,
  RuleDetailSchema,
  RuleListSchema,
  RulesStatusSchema,
  TableVersionSchema,
  TextScrubSchema,
} from './service.js';
import { CorrectionRequestSchema, CorrectionSchema } from './correction.js';
import { AcknowledgmentListSchema, AppealLetterSchema, CLAIM_STATES, RemitListSchema, StateChangeListSchema, StateChangeRequestSchema, StateChangeSchema, StoredRemitListSchema, WorklistPageSchema } from './remit.js';
import { MissedReportSchema } from './report.js';
import { AnswerRequestSchema, ExerciseSchema, ProgressListSchema, ProgressSchema, ScoreSchema } from './training.js';
import { DraftReportSchema, DraftRequestSchema, InsightsSchema, PreviewRequestSchema, PreviewSchema, PublishedSchema, ReasonSchema, RuleFileListSchema, RulesVersionListSchema, WorkbenchRulesSchema } from './workbench.js';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema> };
  [key: string]: unknown;
}

const COMPONENTS = '#/components/schemas/';

/** Collects the named definitions of every schema used into `components.schemas`. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema` as an operation uses it: a reference when it is named, else inline. */
  use(schema: z.ZodType): JsonSchema {
    const { $schema: _dialect, $defs, ...root } = toJsonSchema(schema);
    for (const [name, definition] of Object.entries($defs)) this.schemas[name] = relink(definition);
    return relink(root);
  }

  /** A hand-named component, for a schema another module owns and that carries no id. */
  name(name: string, schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
    const { $schema: _dialect, $defs: _none, ...root } = toJsonSchema(schema, io);
    this.schemas[name] = relink(root);
    return { $ref: `${COMPONENTS}${name}` };
  }
}

function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as JsonSchema;
}

const ERROR_MEANINGS: Record<number, string> = {
  400: 'the request is unusable: a bad parameter, a body that is not JSON or holds no claim; the body names the field, line or claim at fault',
  401: 'no valid session: sign in first (POST /api/session); for a sign-in, the user name or password is not right or the account is disabled',
  403: 'the role of the signed-in user may not do this, or a request that would change state was sent from another site',
  409: 'a conflict: an account with that user name exists; a replacement or void of a claim whose payer claim number is not known; or a rules change whose draft has problems or failing tests, or whose base is no longer the version in force (the body names the files)',
  404: 'nothing under that name',
  408: 'an upload that sent nothing for the idle limit (30 s by default) was stopped before its end; nothing of it was scrubbed as a whole file',
  413: 'the body is larger than the service accepts',
  429: 'too many requests from one user or address in a minute, too many files being scrubbed at once, or too many failed sign-ins',
  500: 'the service failed; the answer holds no detail of the failure',
  503: 'the claim store or the accounts file could not be read or written',
};

type Param = { name: string; in: 'query' | 'path' | 'header'; description: string; schema?: JsonSchema; required?: boolean };

const asOf: Param = { name: 'asOf', in: 'query', description: 'the date to check as of, YYYY-MM-DD (default: today)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } };
const fileName: Param = { name: 'name', in: 'query', description: 'the file name the text came from, used in messages (1 to 200 characters)', schema: { type: 'string', minLength: 1, maxLength: 200 } };

function parameter(p: Param): JsonSchema {
  return { name: p.name, in: p.in, required: p.in === 'path' ? true : (p.required ?? false), description: p.description, schema: p.schema ?? { type: 'string' } };
}

/** Any text or bytes: the readers tell the format (claim JSON, NDJSON, X12 837P, FHIR) and the encoding from the content. */
const FILE_CONTENT: JsonSchema = {
  'text/plain': { schema: { type: 'string' } },
  'application/edi-x12': { schema: { type: 'string' } },
  'application/x-ndjson': { schema: { type: 'string' } },
  'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
};

export function openApiDocument(version: string): OpenApiDocument {
  const c = new Components();
  const errorBody = c.name('ErrorBody', ErrorBodySchema, 'input');
  const json = (description: string, schema: JsonSchema): JsonSchema => ({ description, content: { 'application/json': { schema } } });
  const errors = (...statuses: number[]): Record<string, JsonSchema> =>
    Object.fromEntries([...new Set([...statuses, 429, 500, 503])].sort((a, b) => a - b).map((status) => [String(status), json(ERROR_MEANINGS[status]!, errorBody)]));

  // every route needs a session (401) and a role allowed to use it (403), unless it says it is public
  const operation = (summary: string, spec: { params?: Param[]; body?: JsonSchema; ok: JsonSchema; okStatus?: string; errors?: number[]; tags: string[]; description?: string; public?: boolean }): JsonSchema => ({
    summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.params ? { parameters: spec.params.map(parameter) } : {}),
    ...(spec.body ? { requestBody: spec.body } : {}),
    ...(spec.public ? { security: [] } : {}),
    responses: { [spec.okStatus ?? '200']: spec.ok, ...errors(...(spec.errors ?? []), ...(spec.public ? [] : [401, 403])) },
  });
  const jsonBody = (schema: JsonSchema): JsonSchema => ({ required: true, content: { 'application/json': { schema } } });

  const claim = c.use(ClaimSchema);
  const scrubResult = c.use(ScrubResultSchema);
  const batchResult = c.use(BatchResultSchema);
  const fhir = c.use(FhirResourceSchema);

  const codeRoutes = Object.fromEntries(
    (['carc', 'rarc'] as const).flatMap((kind) => [
      [`/api/codes/${kind}`, { get: operation(`Every ${kind.toUpperCase()} of the code catalog`, { tags: ['codes'], ok: json('the codes and their meanings', c.use(CodeListSchema)) }) }],
      [
        `/api/codes/${kind}/{code}`,
        {
          get: operation(`What a ${kind.toUpperCase()} means`, {
            tags: ['codes'],
            params: [{ name: 'code', in: 'path', description: kind === 'carc' ? 'the code, with or without a group code (CO-97)' : 'the code, any case' }],
            ok: json('the meaning', c.use(CodeMeaningSchema)),
            errors: [404],
          }),
        },
      ],
    ]),
  );

  const CODE_SET_NAMES: Record<(typeof CODE_SET_KINDS)[number], string> = {
    procedure: 'HCPCS Level II procedure codes (and, by their start, the codes the MUE table lists)',
    diagnosis: 'ICD-10-CM diagnosis codes (with or without the dot)',
    modifier: 'HCPCS modifiers',
    pos: 'place of service codes',
  };
  const codeSearchRoutes = Object.fromEntries(
    CODE_SET_KINDS.map((kind) => [
      `/api/codes/${kind}`,
      {
        get: operation(`Search the loaded ${CODE_SET_NAMES[kind]}`, {
          tags: ['codes'],
          description:
            'In the table version in force today: codes that start with the query first, then codes whose description holds every word of it (any case), each in code order. 404 (SJ_REFERENCE_NOT_LOADED) when no such table is loaded; the message says how to load it.',
          params: [
            { name: 'q', in: 'query', required: true, description: `the start of a code, or words of its description (1 to ${CODE_QUERY_MAX_LENGTH} characters)`, schema: { type: 'string', minLength: 1, maxLength: CODE_QUERY_MAX_LENGTH } },
            { name: 'limit', in: 'query', description: `codes in the answer, 1 to ${CODE_SEARCH_MAX_LIMIT} (default ${CODE_SEARCH_DEFAULT_LIMIT})`, schema: { type: 'string', pattern: '^\\d+$' } },
          ],
          ok: json('the codes found', c.use(CodeSearchSchema)),
          errors: [400, 404],
        }),
      },
    ]),
  );

  const text = (description: string): JsonSchema => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
  const days = (fallback: number): Param => ({ name: 'days', in: 'query', description: `the window, in days up to now (default ${fallback})`, schema: { type: 'string', pattern: '^\\d+$' } });
  const workbenchPaths = (): OpenApiDocument['paths'] => ({
    '/api/rules/files': { get: operation('The rule files of the set in force', { tags: ['workbench'], ok: json('the files', c.use(RuleFileListSchema)) }) },
    '/api/rules/files/{path}': {
      get: operation("A rule file's text in the set in force", {
        tags: ['workbench'],
        params: [{ name: 'path', in: 'path', description: 'relative to the rules folder; may hold `/`' }],
        ok: text('the text of the file'),
        errors: [400, 404],
      }),
    },
    '/api/rules/drafts': {
      post: operation('Check a changed rule set whole (lint and every embedded test) and keep it as a draft', {
        tags: ['workbench'],
        body: jsonBody(c.use(DraftRequestSchema)),
        ok: json('the draft and its check', c.use(DraftReportSchema)),
        okStatus: '201',
        errors: [400, 404, 413],
      }),
    },
    '/api/rules/drafts/{id}/preview': {
      post: operation('Run the draft and the set in force over the newest stored scrubs; progress goes to your sockets as workbench:preview-progress', {
        tags: ['workbench'],
        params: [{ name: 'id', in: 'path', description: 'the draft id' }],
        body: jsonBody(c.use(PreviewRequestSchema)),
        ok: json('what the draft would change', c.use(PreviewSchema)),
        errors: [400, 404, 409],
      }),
    },
    '/api/rules/drafts/{id}/publish': {
      post: operation('Put a draft in force: the files are written as one set and committed to the rules history', {
        tags: ['workbench'],
        params: [{ name: 'id', in: 'path', description: 'the draft id' }],
        body: jsonBody(c.use(ReasonSchema)),
        ok: json('the version now in force', c.use(PublishedSchema)),
        errors: [400, 404, 409],
      }),
    },
    '/api/rules/versions': { get: operation('Every version of the rules, newest first', { tags: ['workbench'], ok: json('the versions', c.use(RulesVersionListSchema)) }) },
    '/api/rules/versions/{version}/diff': {
      get: operation('What a version changed, as a unified diff', {
        tags: ['workbench'],
        params: [{ name: 'version', in: 'path', description: 'a version id, rule-set hash or commit id' }],
        ok: text('the unified diff'),
        errors: [404],
      }),
    },
    '/api/rules/versions/{version}/restore': {
      post: operation("Make an earlier version's files the rules in force again, as a new version", {
        tags: ['workbench'],
        params: [{ name: 'version', in: 'path', description: 'a version id, rule-set hash or commit id' }],
        body: jsonBody(c.use(ReasonSchema)),
        ok: json('the version now in force', c.use(PublishedSchema)),
        errors: [400, 404, 409],
      }),
    },
    '/api/workbench/rules': {
      get: operation('The rules in force, with where each is written and how often it fired', { tags: ['workbench'], params: [days(30)], ok: json('the rules', c.use(WorkbenchRulesSchema)), errors: [400] }),
    },
    '/api/workbench/insights': {
      get: operation('Rules that never fired, and rules that fire on more than half the claims', { tags: ['workbench'], params: [days(90)], ok: json('the two lists', c.use(InsightsSchema)), errors: [400] }),
    },
  });

  const paths: OpenApiDocument['paths'] = {
    '/api/health': { get: operation('Whether the service is up, and the rule set in force', { tags: ['service'], ok: json('up', c.use(HealthSchema)), public: true }) },
    '/api/session': {
      post: operation('Sign in', {
        tags: ['access'],
        description: 'Answers with a session cookie (HttpOnly, SameSite=Strict). The same 401 for an unknown user, a wrong password and a disabled account; 429 once failures pile up for the account or the address.',
        body: jsonBody(c.use(SignInSchema)),
        ok: json('signed in', c.use(SessionSchema)),
        errors: [400, 401, 403, 413],
        public: true,
      }),
      get: operation('Who is signed in', { tags: ['access'], ok: json('the session', c.use(SessionSchema)), errors: [401], public: true }),
      delete: {
        summary: 'Sign out',
        tags: ['access'],
        security: [],
        responses: { '204': { description: 'signed out (also when there was no session)' }, ...errors(403) },
      },
    },
    '/api/setup': {
      post: operation('Make the first admin account', {
        tags: ['access'],
        description: 'With the one-time token the server printed at its first start; from the server\'s own machine unless it runs with --remote-setup. The token is void afterwards (403).',
        body: jsonBody(c.use(SetupSchema)),
        ok: json('the account made', c.use(SessionSchema)),
        okStatus: '201',
        errors: [400, 403, 409, 413],
        public: true,
      }),
    },
    '/api/session/sso': {
      get: {
        summary: 'Begin single sign-on with the identity provider',
        tags: ['access'],
        security: [],
        description: 'Sends the browser to the identity provider, with a short-lived HttpOnly cookie (SameSite=Lax) binding it to the sign-on begun. When the provider cannot be reached, to the page with `?signin=sso-failed`. 404 when single sign-on is not configured.',
        responses: { '302': { description: 'to the identity provider, or to the page when it cannot be reached' }, ...errors(404) },
      },
    },
    '/api/session/sso/available': {
      get: operation('Whether single sign-on is offered, and the text of its button', { tags: ['access'], ok: json('offered or not', c.use(SsoAvailabilitySchema)), public: true }),
    },
    '/api/session/sso/callback': {
      get: {
        summary: 'Where the identity provider sends the browser back',
        tags: ['access'],
        security: [],
        description: 'Checks the answer (state bound to the browser, PKCE, nonce), finds the account by the provider\'s issuer and subject or makes it, and sets the role the role claim maps to. Signed in: a session cookie as for a password sign-in, and to `/`. Refused (no mapped role, a disabled account, a user name taken by another account, an answer that does not check out): audited, and to `/?signin=sso-failed&reason=...`.',
        responses: { '302': { description: 'signed in: to the page; refused: to the page with ?signin=sso-failed' }, ...errors(404) },
      },
    },
    '/api/training/exercise': {
      get: operation('A new practice claim with planted defects; the answer stays on the server until the marks come in', {
        tags: ['training'],
        params: [
          { name: 'level', in: 'query', description: '1: one obvious defect (default); 2: one subtle defect; 3: several at once', schema: { type: 'string', enum: ['1', '2', '3'] } },
          { name: 'family', in: 'query', description: 'only defects of this rule family (its file under the rules folder, e.g. code-compatibility/procedure-age)' },
        ],
        ok: json('the exercise', c.use(ExerciseSchema)),
        errors: [400],
      }),
    },
    '/api/training/exercise/{id}/answer': {
      post: operation('Score marks on a practice claim against its scrub, with each finding explained; kept as progress', {
        tags: ['training'],
        params: [{ name: 'id', in: 'path', description: 'the exercise id' }],
        body: jsonBody(c.use(AnswerRequestSchema)),
        ok: json('the score', c.use(ScoreSchema)),
        errors: [400, 404, 503],
      }),
    },
    '/api/training/progress': {
      get: operation('Your practice progress per rule family, and what to practise next', { tags: ['training'], ok: json('the progress', c.use(ProgressSchema)) }),
    },
    '/api/training/progress/all': {
      get: operation('The practice progress of every user who has practised (trainers)', { tags: ['training'], ok: json('the progress of each', c.use(ProgressListSchema)) }),
    },
    '/api/reports/missed-denials': {
      get: operation('Denials by CARC and payer: how many the scrub predicted, missed, or could not compare (no stored scrub), with example claims of the missed ones', {
        tags: ['follow-up'],
        params: [
          { name: 'from', in: 'query', description: 'remittances dated on or after this day, YYYY-MM-DD', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
          { name: 'to', in: 'query', description: 'remittances dated on or before this day, YYYY-MM-DD', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
          { name: 'payer', in: 'query', description: 'a payer id, or part of a payer name' },
          { name: 'examples', in: 'query', description: 'example claims per group, 0 to 100 (default 5)', schema: { type: 'string', pattern: '^\\d+$' } },
          { name: 'format', in: 'query', description: 'csv: one row per CARC and payer, as text/csv with a header row', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        ok: { description: 'the report', content: { 'application/json': { schema: c.use(MissedReportSchema) }, 'text/csv': { schema: { type: 'string' } } } },
        errors: [400, 503],
      }),
    },
    '/api/audit': {
      get: operation('The audit trail, newest first', {
        tags: ['access'],
        params: [
          { name: 'user', in: 'query', description: 'only this user' },
          { name: 'action', in: 'query', description: 'only this action (sign-in, scrub, history-read, ...)' },
          { name: 'since', in: 'query', description: 'only entries at or after this date or timestamp' },
          { name: 'limit', in: 'query', description: 'entries on the page, 1 to 1000 (default 100)', schema: { type: 'string', pattern: '^\\d+$' } },
        ],
        ok: json('entries, and how many match in all', c.use(AuditPageSchema)),
        errors: [400, 503],
      }),
    },
    '/api/store/retention': {
      get: operation('How full the history is against its count ceiling', { tags: ['service'], ok: json('the retention status', c.use(RetentionSchema)), errors: [503] }),
    },
    '/api/data/import': {
      post: operation('Import an official table uploaded from the page', {
        tags: ['service'],
        description: 'The file as CMS/CDC publish it (text, CSV, .gz or .zip), read by the same import as `scrubjay data import`; the new version is in force once the data folder is re-read.',
        params: [
          { name: 'kind', in: 'query', description: 'which table: icd10cm, hcpcs, ncci-ptp, mue, mce, pos, pfs, ncci-aoc', required: true },
          { name: 'effective', in: 'query', description: 'the date the version takes effect, YYYY-MM-DD (default: from the file name or content)' },
          { name: 'name', in: 'query', description: 'the file name as published, which may tell the version' },
        ],
        body: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        ok: json('the version imported', c.use(TableVersionSchema)),
        okStatus: '201',
        errors: [400, 413, 503],
      }),
    },
    '/api/accounts': {
      get: operation('Every account', { tags: ['access'], ok: json('the accounts', c.use(AccountListSchema)) }),
      post: operation('Add an account', { tags: ['access'], body: jsonBody(c.use(NewAccountSchema)), ok: json('the account', c.use(AccountViewSchema)), okStatus: '201', errors: [400, 409, 413, 503] }),
    },
    '/api/accounts/{username}': {
      patch: operation('Change an account: role, state (disable ends its sessions), password', {
        tags: ['access'],
        params: [{ name: 'username', in: 'path', description: 'the user name' }],
        body: jsonBody(c.use(AccountChangeSchema)),
        ok: json('the account as it is now', c.use(AccountViewSchema)),
        errors: [400, 404, 413, 503],
      }),
    },
    ...workbenchPaths(),
    '/api/rules': { get: operation('The rules in force', { tags: ['rules'], ok: json('the rule list', c.use(RuleListSchema)) }) },
    '/api/rules/status': { get: operation('Whether the last edit of the rule files was accepted', { tags: ['rules'], ok: json('the status', c.use(RulesStatusSchema)) }) },
    '/api/rules/{id}': {
      get: operation('One rule', { tags: ['rules'], params: [{ name: 'id', in: 'path', description: 'the rule id' }], ok: json('the rule', c.use(RuleDetailSchema)), errors: [404] }),
    },
    '/api/data/status': { get: operation('The official tables loaded in the data folder', { tags: ['service'], ok: json('the tables', c.use(ReferenceStatusSchema)) }) },
    '/api/scrub': {
      post: operation('Scrub one claim or an array of claims', {
        tags: ['scrub'],
        description:
          'A JSON claim is answered with its result, an array with a result each. A FHIR R4 resource is read as it is: one result for a Claim or ExplanationOfBenefit, a list for a Bundle, each with its source. A body that is not JSON (an 837) is read as a file: a list of results, one per claim. Every scrub is kept in the history before it is answered, and each result carries its history id (scrubId); a scrub that cannot be kept is answered 503 with a store error code instead of a result.',
        params: [asOf],
        body: {
          required: true,
          content: { 'application/json': { schema: { anyOf: [claim, { type: 'array', items: claim }, fhir] } }, ...FILE_CONTENT },
        },
        ok: json('the result, or the results', {
          anyOf: [scrubResult, { type: 'array', items: scrubResult }, batchResult, { type: 'array', items: batchResult }],
        }),
        errors: [400, 403, 413, 503],
      }),
    },
    '/api/scrub/text': {
      post: operation('Scrub text as pasted or read from a file, in any format Scrubjay reads', {
        tags: ['scrub'],
        description: 'At most 100 claims; a larger file goes to POST /api/batch. Each claim is answered as read, with its result and history id.',
        params: [asOf, fileName],
        body: { required: true, content: { ...FILE_CONTENT, 'application/json': { schema: {} } } },
        ok: json('each claim as read, with its result', c.use(TextScrubSchema)),
        errors: [400, 403, 413, 503],
      }),
    },
    '/api/batch': {
      post: operation('Scrub a whole file of claims as it streams in', {
        tags: ['scrub'],
        description: 'X12 837P, NDJSON, a JSON array or FHIR, in flat memory whatever its size. The uploading page names its socket in x-socket-id to get batch:progress events.',
        params: [
          asOf,
          fileName,
          { name: 'batchId', in: 'query', description: 'the id progress events carry (1-64 letters, digits, - or _)', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
          { name: 'x-socket-id', in: 'header', description: 'the socket.io id that is told the progress' },
        ],
        body: { required: true, content: { ...FILE_CONTENT, 'application/json': { schema: {} } } },
        ok: json('the batch summary', c.use(BatchSummarySchema)),
        errors: [400, 403, 408, 413, 503],
      }),
    },
    '/api/history': {
      get: operation('The scrubs kept, newest first, searchable by claim id', {
        tags: ['history'],
        params: [
          { name: 'claimId', in: 'query', description: 'a claim id or part of one, case-insensitive (at most 100 characters)', schema: { type: 'string', maxLength: 100 } },
          { name: 'limit', in: 'query', description: 'scrubs on a page, 1 to 200 (default 25)', schema: { type: 'string', pattern: '^\\d+$' } },
          { name: 'offset', in: 'query', description: 'scrubs to skip (default 0)', schema: { type: 'string', pattern: '^\\d+$' } },
        ],
        ok: json('a page of the history', c.use(HistoryPageSchema)),
        errors: [400, 503],
      }),
    },
    '/api/acks': {
      post: operation('Read a 277CA claim acknowledgment file: one object per claim (and per batch-level status)', {
        tags: ['follow-up'],
        params: [fileName],
        body: { required: true, content: FILE_CONTENT },
        ok: json('the acknowledgments', c.use(AcknowledgmentListSchema)),
        errors: [400, 408, 413],
      }),
    },
    '/api/remits': {
      post: operation('Post an 835 remittance: each claim payment explained, kept, matched to its stored scrub, and the claim set paid, partly paid or denied', {
        tags: ['follow-up'],
        params: [fileName],
        body: { required: true, content: FILE_CONTENT },
        ok: json('one object per claim payment, with scrub filled in where a stored scrub matched', c.use(RemitListSchema)),
        errors: [400, 408, 413, 503],
      }),
    },
    '/api/worklist': {
      get: operation('The claims to follow up: the newest scrub of each claim id, its state, money and deadlines', {
        tags: ['follow-up'],
        params: [
          { name: 'state', in: 'query', description: 'only claims in this state', schema: { type: 'string', enum: [...CLAIM_STATES] } },
          { name: 'payer', in: 'query', description: 'a payer id, or part of a payer name' },
          { name: 'carc', in: 'query', description: 'only claims a remittance adjusted with this CARC' },
          { name: 'dueBefore', in: 'query', description: 'only claims whose nearest open deadline (filing, appeal, follow-up) is before this date, YYYY-MM-DD', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
          { name: 'sort', in: 'query', description: 'money (charged less paid, highest first; the default), deadline (nearest first), newest', schema: { type: 'string', enum: ['money', 'deadline', 'newest'] } },
          { name: 'limit', in: 'query', description: 'items on a page (default 50)', schema: { type: 'string', pattern: '^\\d+$' } },
          { name: 'offset', in: 'query', description: 'items to skip (default 0)', schema: { type: 'string', pattern: '^\\d+$' } },
          { name: 'format', in: 'query', description: 'csv: the page as text/csv with a header row', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        ok: { description: 'a page of the worklist, and how many claims match in all', content: { 'application/json': { schema: c.use(WorklistPageSchema) }, 'text/csv': { schema: { type: 'string' } } } },
        errors: [400, 503],
      }),
    },
    '/api/worklist/{scrubId}/state': {
      post: operation("Record a claim's new state (sent, appealed, closed...), by the signed-in user", {
        tags: ['follow-up'],
        params: [{ name: 'scrubId', in: 'path', description: 'the history id' }],
        body: { required: true, content: { 'application/json': { schema: c.use(StateChangeRequestSchema) } } },
        ok: json('the state change as kept', c.use(StateChangeSchema)),
        errors: [400, 404, 503],
      }),
    },
    '/api/history/{id}/837': {
      get: operation('A kept claim as an 837P interchange (005010X222A1), to send it again', {
        tags: ['follow-up'],
        params: [{ name: 'id', in: 'path', description: 'the history id' }],
        ok: { description: 'the interchange', content: { 'application/edi-x12': { schema: { type: 'string' } } } },
        errors: [400, 404],
      }),
    },
    '/api/history/{id}/correction': {
      post: operation('A replacement (frequency 7) or void (frequency 8) of a kept claim, scrubbed and kept; the claim it corrects is marked corrected', {
        tags: ['follow-up'],
        description:
          "originalClaimId is the payer's claim control number (CLP07) of the newest remittance of the claim, unless the claim given names one; with neither the answer is 409 SJ_CORRECTION_NO_ORIGINAL.",
        params: [{ name: 'id', in: 'path', description: 'the history id of the claim to correct' }],
        body: jsonBody(c.use(CorrectionRequestSchema)),
        ok: json('the new scrub and its result', c.use(CorrectionSchema)),
        errors: [400, 404, 409, 413],
      }),
    },
    '/api/history/{id}/remits': {
      get: operation('The remittances posted for a kept scrub, oldest first, as they were explained', {
        tags: ['follow-up'],
        params: [{ name: 'id', in: 'path', description: 'the history id' }],
        ok: json('the stored remittances', c.use(StoredRemitListSchema)),
        errors: [404, 503],
      }),
    },
    '/api/history/{id}/states': {
      get: operation("A kept scrub's state changes, oldest first: who, when, which state, the note", {
        tags: ['follow-up'],
        params: [{ name: 'id', in: 'path', description: 'the history id' }],
        ok: json('the state changes', c.use(StateChangeListSchema)),
        errors: [404, 503],
      }),
    },
    '/api/history/{id}/appeal': {
      get: operation("A draft appeal letter for one of a kept claim's remittances, as JSON or a page to print", {
        tags: ['follow-up'],
        params: [
          { name: 'id', in: 'path', description: 'the history id' },
          { name: 'remit', in: 'query', description: "the remittance: its payer claim control number (CLP07), or its index in /api/history/{id}/remits; default the newest with a denial", schema: { type: 'string', maxLength: 100 } },
          { name: 'format', in: 'query', description: 'html: a standalone page to print', schema: { type: 'string', enum: ['json', 'html'] } },
        ],
        ok: { description: 'the letter draft', content: { 'application/json': { schema: c.use(AppealLetterSchema) }, 'text/html': { schema: { type: 'string' } } } },
        errors: [400, 404, 503],
      }),
    },
    '/api/history/{id}': {
      get: operation('One kept scrub, with its conversation', {
        tags: ['history'],
        params: [{ name: 'id', in: 'path', description: 'the history id' }],
        ok: json('the scrub and its chat', c.use(HistoryRecordSchema)),
        errors: [404, 503],
      }),
    },
    ...codeRoutes,
    ...codeSearchRoutes,
    '/api/examples': { get: operation('The example claims the page offers', { tags: ['service'], ok: json('the examples', c.use(PageExamplesSchema)) }) },
    '/api/openapi.json': { get: operation('This description', { tags: ['service'], ok: json('the OpenAPI 3.1 document', { type: 'object' }) }) },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Scrubjay',
      version,
      description: 'Checks professional claims (CMS-1500 / X12 837P) against YAML rules before they are sent. Field reference: docs/contract.md.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths,
    components: { schemas: c.schemas },
  };
}
