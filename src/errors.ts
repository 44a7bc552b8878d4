/**
 * Every error Scrubjay raises on purpose, in one catalog. Each carries a stable code and
 * the place at fault (file, line, column, claim index, field path) so the CLI, the REST
 * layer and the socket layer can report it without parsing messages.
 */
export const ERROR_CODES = {
  INPUT_NOT_JSON: 'input file is not valid JSON',
  INPUT_NOT_A_CLAIM: 'input is not a claim',
  INPUT_UNREADABLE: 'input file cannot be read',
  RULES_INVALID: 'rule files have problems',
  RULES_DIR_MISSING: 'rules folder not found',
  ARGUMENT_INVALID: 'invalid argument',
  REFERENCE_FORMAT: 'a reference table file is not of the expected layout',
  REFERENCE_STORE: 'the data folder holds a table that cannot be read',
  REFERENCE_FETCH: 'an official file could not be downloaded',
  X12_UNREADABLE: 'an X12 file cannot be split into segments (no ISA header, or separators that cannot be used)',
  X12_NOT_A_CLAIM_FILE: 'an X12 file holds no 837 claim transaction, only other transaction sets (an 835 remittance, a 277 or 999 acknowledgment, ...)',
  INPUT_TOO_LARGE: 'input file is too large for its format',
  INPUT_FORMAT_UNKNOWN: 'input file is in no format Scrubjay reads',
  OUTPUT_UNWRITABLE: 'output file cannot be written',
  STORE_LOCKED: 'the data folder is in use by another Scrubjay server',
  STORE_IO: 'the claim store could not be read or written',
  STORE_CLOSED: 'the claim store is closed',
  SETTING_INVALID: 'an environment setting is not valid',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.code = code;
    this.location = location;
  }
}
