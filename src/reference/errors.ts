import { ScrubjayError } from '../errors.js';

/**
 * A reference file that cannot be imported as the kind asked for. `line` is 1-based; 0 means the
 * problem is with the file as a whole (its name, its container) rather than one line.
 */
export class ReferenceFormatError extends ScrubjayError {
  override readonly name = 'ReferenceFormatError';
  readonly file: string;
  readonly line: number;
  readonly expected: string;

  constructor(file: string, line: number, expected: string, found?: string) {
    const where = line > 0 ? `${file}:${line}` : file;
    const saw = found === undefined ? '' : ` (found ${JSON.stringify(clip(found))})`;
    super('SJ_REFERENCE_FORMAT', `${where}: expected ${expected}${saw}`, line > 0 ? { file, line } : { file });
    this.file = file;
    this.line = line;
    this.expected = expected;
  }
}

/** The data folder holds something this code cannot read back (a damaged or foreign table file). */
export class ReferenceStoreError extends ScrubjayError {
  override readonly name = 'ReferenceStoreError';
  readonly path: string;

  constructor(path: string, problem: string) {
    super('SJ_REFERENCE_STORE', `${path}: ${problem}`, { file: path });
    this.path = path;
  }
}

/** A caller asked for something this layer does not offer (unknown kind, malformed date). */
export class ReferenceArgumentError extends ScrubjayError {
  override readonly name = 'ReferenceArgumentError';

  constructor(message: string) {
    super('SJ_ARGUMENT_INVALID', message);
  }
}

/** A download for `data fetch` failed before anything was imported. */
export class ReferenceFetchError extends ScrubjayError {
  override readonly name = 'ReferenceFetchError';
  readonly url: string;

  constructor(url: string, problem: string) {
    super('SJ_REFERENCE_FETCH', `${url}: ${problem}`, { file: url });
    this.url = url;
  }
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
