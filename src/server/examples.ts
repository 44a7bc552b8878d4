/**
 * The example claims the page offers, so a new user can scrub something at once. They are
 * read from the package's `examples/` folder at start-up: `page-examples.json` lists them,
 * each naming a claim of `claims.json` or holding its own, or naming a file (an X12 or FHIR
 * example) whose text is offered as it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { SHIPPED_RULES_DIR } from '../config/paths.js';
import { ScrubjayError } from '../errors.js';
import type { ClaimInput } from '../contract/claim.js';

/** The package's examples folder: beside the shipped rules, wherever the package is installed. */
export const EXAMPLES_DIR = join(dirname(SHIPPED_RULES_DIR), 'examples');
const INDEX_FILE = 'page-examples.json';
const CLAIMS_FILE = 'claims.json';

export interface PageExample {
  id: string;
  title: string;
  about: string;
  /** what the page puts in its text box: pretty-printed claim JSON, or the example file's text */
  text: string;
}

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    about: z.string().min(1),
    claimId: z.string().min(1).optional(),
    claim: z.record(z.string(), z.unknown()).optional(),
    file: z.string().min(1).optional(),
  })
  .refine((e) => [e.claimId, e.claim, e.file].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of claimId, claim or file',
  });

const indexSchema = z.object({ about: z.string().optional(), examples: z.array(entrySchema) });

/**
 * Reads the examples of a folder. A folder without an index offers none; a broken index is
 * the package's own fault, so it stops the start-up with the entry at fault named.
 */
export function loadPageExamples(dir: string = EXAMPLES_DIR): PageExample[] {
  const indexPath = join(dir, INDEX_FILE);
  if (!existsSync(indexPath)) return [];
  const parsed = indexSchema.safeParse(JSON.parse(readFileSync(indexPath, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${indexPath}: ${path ? `${path}: ` : ''}${issue?.message ?? 'not a list of examples'}`, { file: indexPath, path });
  }
  let shippedClaims: ClaimInput[] | undefined;
  const claimById = (claimId: string): ClaimInput => {
    shippedClaims ??= loadExampleClaims(dir);
    const claim = shippedClaims.find((c) => c.claimId === claimId);
    if (!claim) throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${indexPath}: no claim ${claimId} in ${CLAIMS_FILE}`, { file: indexPath });
    return claim;
  };
  return parsed.data.examples.map((entry) => {
    let text: string;
    if (entry.file !== undefined) text = readFileSync(insideFolder(dir, entry.file, indexPath), 'utf8');
    else text = `${JSON.stringify(entry.claim ?? claimById(entry.claimId!), null, 2)}\n`;
    return { id: entry.id, title: entry.title, about: entry.about, text };
  });
}

/** The claims of the folder's `claims.json`, or none when it has no such file. */
export function loadExampleClaims(dir: string = EXAMPLES_DIR): ClaimInput[] {
  const file = join(dir, CLAIMS_FILE);
  if (!existsSync(file)) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? parsed.filter((c): c is ClaimInput => c !== null && typeof c === 'object' && !Array.isArray(c) && Array.isArray((c as { lines?: unknown }).lines)) : [];
}

/** An example file named by the index, refused when the name leads out of the examples folder. */
function insideFolder(dir: string, name: string, indexPath: string): string {
  const path = resolve(dir, name);
  const rel = relative(resolve(dir), path);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) {
    throw new ScrubjayError('SJ_INPUT_UNREADABLE', `${indexPath}: example file "${name}" is not inside ${dir}`, { file: indexPath });
  }
  return path;
}
