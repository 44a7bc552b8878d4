/**
 * Every error Scrubjay raises on purpose, in one catalog. A code reads `SJ_<AREA>_<WHAT>`
 * and never changes once published: clients (the page, scripts, the socket) branch on it,
 * while the message is for people and may be reworded. An entry that can be an HTTP answer
 * says its status, so every layer answers the same error the same way. Each thrown error
 * also carries the place at fault (file, line, column, claim index, field path) so the CLI,
 * the REST layer and the socket layer can report it without parsing messages.
 */
import type { ErrorBody, Problem } from './contract/problem.js';

export interface CatalogEntry {
  /** what the code means, and the message when an answer has nothing more precise to say */
  readonly message: string;
  /** the HTTP status it answers with; none for codes that only ever travel inside another answer */
  readonly status?: number;
}

/** Keeps the literal codes as the catalog's keys while checking every entry's shape. */
function catalog<const T extends Record<string, CatalogEntry>>(entries: T): T {
  return entries;
}

export const ERROR_CODES = catalog({
  // input: a claim file or body that cannot be used
  SJ_INPUT_NOT_JSON: { message: 'input file is not valid JSON', status: 400 },
  SJ_INPUT_NOT_A_CLAIM: { message: 'input is not a claim', status: 400 },
  SJ_INPUT_UNREADABLE: { message: 'input file cannot be read', status: 400 },
  SJ_INPUT_TOO_LARGE: { message: 'input file is too large for its format', status: 413 },
  SJ_INPUT_TOO_DEEP: { message: 'input JSON is nested more deeply than any claim is', status: 400 },
  SJ_INPUT_FORMAT_UNKNOWN: { message: 'input file is in no format Scrubjay reads', status: 400 },
  SJ_X12_UNREADABLE: { message: 'an X12 file cannot be split into segments (no ISA header, or separators that cannot be used)', status: 400 },
  SJ_REMIT_NOT_A_REMITTANCE: { message: 'an X12 file holds no 835 remittance transaction', status: 400 },
  SJ_REMIT_NOT_FOUND: { message: 'the scrubbed claim has no stored remittance of that payer claim control number or index', status: 404 },
  SJ_REMIT_UNUSABLE: { message: 'an 835 remittance has errors that leave claim payments unread or misread', status: 400 },
  SJ_X12_NOT_A_CLAIM_FILE: { message: 'an X12 file holds no 837 claim transaction (an 835, 999 or other transaction set)', status: 400 },
  SJ_X12_NOT_AN_ACKNOWLEDGMENT: { message: 'an X12 file holds no 277CA claim acknowledgment (005010X214): another transaction set, or a 277 of another guide such as the X212 claim status response', status: 400 },
  SJ_X12_UNWRITABLE_VALUE: { message: 'a claim value cannot be written into an 837: it holds a separator character of the interchange or is too long for its element', status: 400 },
  SJ_CORRECTION_NO_ORIGINAL: { message: "no payer claim control number is known for this claim: no remittance gave one (CLP07), so a replacement or void cannot name the claim it changes; give originalClaimId", status: 409 },

  // rules: the rule folder as a whole, then one code per kind of problem found in its files
  SJ_RULES_INVALID: { message: 'rule files have problems', status: 400 },
  SJ_RULES_DIR_MISSING: { message: 'rules folder not found', status: 503 },
  SJ_RULES_UNREADABLE: { message: 'a rule file cannot be read' },
  SJ_RULES_YAML: { message: 'a rule file is not valid YAML' },
  SJ_RULES_SCHEMA: { message: 'a rule, list or payer profile does not have the keys and values its schema requires' },
  SJ_RULES_DUPLICATE_ID: { message: 'a rule, list, payer profile or code is defined twice' },
  SJ_RULES_LINT: { message: 'a rule refers to a fact, field, operator, list or template hole that does not exist, or lacks a part it needs' },
  SJ_RULES_PATTERN: { message: 'a rule pattern is not a regular expression RE2 can run (backreferences, lookahead and lookbehind need backtracking, which RE2 leaves out)' },
  SJ_RULES_LIST_ENTRY: { message: 'a code list holds an entry that is not a code or a code range' },
  SJ_RULES_PAYER_DEFAULT: { message: 'not exactly one payer profile is the default' },
  SJ_RULES_BASE_CLAIM: { message: 'the base claim the rule tests build on is missing or not a claim' },
  SJ_RULES_CODE_CATALOG: { message: 'the CARC or RARC catalog of the rule folder is missing or malformed' },
  SJ_RULES_CODE_UNKNOWN: { message: 'a rule names a CARC or RARC its code catalog does not hold' },
  SJ_RULES_TEST_FAILED: { message: 'a test case written in a rule file did not come out as it says' },
  SJ_RULES_TESTS_TOO_SLOW: { message: "the test cases written in the rule files took longer than a reload may take" },
  SJ_RULES_PATH_REFUSED: { message: 'a rule file path is outside the rules folder, hidden (such as .git), or not a .yaml file', status: 400 },
  SJ_RULES_FILE_UNKNOWN: { message: 'the rule set in force has no file at this path', status: 404 },
  SJ_RULES_VERSION_UNKNOWN: { message: 'no rule-set version has this id or hash', status: 404 },
  SJ_RULES_DRAFT_UNKNOWN: { message: 'no draft has this id (drafts are kept in memory, a bounded number, until the service restarts)', status: 404 },
  SJ_RULES_STALE_BASE: { message: 'the rule set in force is no longer the version the change started from', status: 409 },
  SJ_RULES_CHANGE_REFUSED: { message: 'the changed rule set has problems or failing tests, so it was not published', status: 409 },
  SJ_RULES_HISTORY: { message: 'the rules history (the git repository in the rules folder) could not be read or written', status: 500 },

  // the chat's concept topics (src/assistant/topics.yaml), which compliance staff extend
  SJ_TOPICS_YAML: { message: 'the concept topic file is not valid YAML' },
  SJ_TOPICS_SCHEMA: { message: 'a concept topic lacks a key its schema requires (id, title, phrasings, keywords, answer, a public source with its URL)' },
  SJ_TOPICS_LINT: { message: 'a concept topic is defined twice, names a topic that does not exist, cites no public source, or quotes a long passage instead of explaining it' },

  // arguments and settings given by whoever runs Scrubjay
  SJ_ARGUMENT_INVALID: { message: 'invalid argument', status: 400 },
  SJ_SETTING_INVALID: { message: 'an environment setting is not valid', status: 500 },

  // reference tables (ICD-10-CM, HCPCS, NCCI, MUE, MCE)
  SJ_REFERENCE_FORMAT: { message: 'a reference table file is not of the expected layout', status: 400 },
  SJ_REFERENCE_STORE: { message: 'the data folder holds a table that cannot be read', status: 503 },
  SJ_REFERENCE_FETCH: { message: 'an official file could not be downloaded', status: 502 },
  SJ_REFERENCE_NOT_LOADED: { message: 'the official table this needs is not loaded in the data folder', status: 404 },

  SJ_OUTPUT_UNWRITABLE: { message: 'output file cannot be written', status: 500 },

  // the claim store: the request was fine, the service could not serve it
  SJ_STORE_LOCKED: { message: 'the data folder is in use by another Scrubjay server', status: 503 },
  SJ_STORE_IO: { message: 'the claim store could not be read or written', status: 503 },
  SJ_STORE_CLOSED: { message: 'the claim store is closed', status: 503 },

  // the REST layer's own refusals
  SJ_HTTP_NOT_FOUND: { message: 'not found', status: 404 },
  SJ_HTTP_NOT_JSON: { message: 'request body is not valid JSON', status: 400 },
  SJ_HTTP_TOO_LARGE: { message: 'request body is larger than the limit', status: 413 },
  SJ_HTTP_UNREADABLE: { message: 'the request could not be read', status: 400 },
  SJ_HTTP_UPLOAD_IDLE: { message: 'the upload sent nothing for too long and was stopped', status: 408 },
  SJ_HTTP_RATE_LIMITED: { message: 'too many requests from one address', status: 429 },
  SJ_HTTP_BUSY: { message: 'the server is doing as much of this at once as it may; try again shortly', status: 429 },
  SJ_HTTP_CROSS_SITE: { message: 'requests from another site are not accepted', status: 403 },
  SJ_HTTP_HOST_NOT_ALLOWED: { message: 'this server does not answer to that host name', status: 421 },

  // who is asking: sessions, sign-in, the first account, roles
  SJ_AUTH_REQUIRED: { message: 'sign in first: this needs a session', status: 401 },
  SJ_AUTH_FAILED: { message: 'the user name or password is not right, or the account is disabled', status: 401 },
  SJ_AUTH_THROTTLED: { message: 'too many failed sign-ins; wait before trying again', status: 429 },
  SJ_AUTH_FORBIDDEN: { message: 'your role may not do this', status: 403 },
  SJ_AUTH_SETUP_CLOSED: { message: 'the setup address is no longer valid: the first account exists, or the token is not the one printed at start', status: 403 },
  SJ_AUTH_SETUP_NOT_LOCAL: { message: 'the first account can only be made from the machine the server runs on', status: 403 },
  SJ_AUTH_SSO_FAILED: { message: 'single sign-on did not complete', status: 401 },
  SJ_AUTH_TOO_MANY_SOCKETS: { message: 'too many open connections for one user' },

  // accounts
  SJ_ACCOUNT_EXISTS: { message: 'an account with that user name exists', status: 409 },
  SJ_ACCOUNT_UNKNOWN: { message: 'no account with that user name', status: 404 },
  SJ_ACCOUNT_ROLE_INVALID: { message: 'not a role: use admin, compliance, biller or trainee', status: 400 },
  SJ_ACCOUNT_PASSWORD_SHORT: { message: 'the password is shorter than 12 characters', status: 400 },
  SJ_ACCOUNT_USERNAME_INVALID: { message: 'a user name is 1-64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit', status: 400 },
  SJ_ACCOUNT_FILE: { message: 'the accounts file of the data folder cannot be read or written', status: 503 },

  // the socket layer's `error` events
  SJ_SOCKET_PAYLOAD: { message: 'the payload does not fit the event' },
  SJ_SOCKET_FLOOD: { message: 'too many messages; this one was not answered' },
  SJ_SOCKET_UNKNOWN_CLAIM: { message: 'no scrubbed claim with that id on this server' },

  SJ_INTERNAL_ERROR: { message: 'internal error', status: 500 },
});

export type ErrorCode = keyof typeof ERROR_CODES;

/** The HTTP status an error code answers with; a code without one was never meant to be an answer, so it is ours (500). */
export function statusOf(code: ErrorCode): number {
  const entry: CatalogEntry = ERROR_CODES[code];
  return entry.status ?? 500;
}

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** zero-based index of the claim within its file */
  claimIndex?: number;
  /** contract field path, e.g. `lines[1].units` */
  path?: string;
}

export class ScrubjayError extends Error {
  override name = 'ScrubjayError';
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  /** every problem found, when the error sums up several (a rule set that does not load) */
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string = ERROR_CODES[code].message, location: ErrorLocation = {}, problems: readonly Problem[] = []) {
    super(message);
    this.code = code;
    this.location = location;
    this.problems = problems;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/** The body every boundary answers an error with: the REST layer as it is, the socket layer beside its `event`. */
export function errorBody(error: ScrubjayError): ErrorBody {
  const { line, column, claimIndex, path } = error.location;
  return {
    error: error.message,
    code: error.code,
    field: path ?? null,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(claimIndex !== undefined ? { claimIndex } : {}),
    ...(error.problems.length > 0 ? { problems: [...error.problems] } : {}),
  };
}
