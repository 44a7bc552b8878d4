/**
 * The claim status code list (`rules/codes/claim-status.yaml`): a short meaning, in our own
 * words, for the category, status and entity codes a 277CA sends in its STC segments, so an
 * acknowledgment can say "Rejected because information is invalid: the entity's NPI
 * (billing provider)" instead of `A7:562:85`. The official wording is X12's and licensed.
 *
 * The list is read from the shipped rules folder once; a code it lacks is shown by its
 * number, so an acknowledgment never fails to read for want of a meaning.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SHIPPED_RULES_DIR } from '../config/paths.js';
import { CODES_DIR } from '../rules/codes.js';
import { readYamlFile } from '../rules/yaml-source.js';

export const CLAIM_STATUS_FILE = 'claim-status.yaml';

const meanings = z.record(z.string(), z.string().min(3));

const fileSchema = z
  .object({
    kind: z.literal('claim-status'),
    description: z.string().min(1).optional(),
    references: z.array(z.object({ title: z.string().min(1), url: z.string().optional(), section: z.string().optional() }).strict()).min(1),
    categories: meanings,
    codes: meanings,
    entities: meanings,
  })
  .strict();

export interface ClaimStatusCatalog {
  /** `A7` → its meaning, or undefined */
  category(code: string): string | undefined;
  /** `562` → its meaning, or undefined */
  status(code: string): string | undefined;
  /** `85` → `billing provider`, or undefined */
  entity(code: string): string | undefined;
}

function tableOf(record: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(record).map(([code, meaning]) => [code.trim().toUpperCase(), meaning.trim().replace(/\s+/g, ' ')]));
}

/**
 * Reads `<rulesDir>/codes/claim-status.yaml`. A file that is missing or malformed throws: it
 * ships with the package, so that is a broken installation, not a user's input.
 */
export function loadClaimStatusCatalog(rulesDir: string): ClaimStatusCatalog {
  const path = join(rulesDir, CODES_DIR, CLAIM_STATUS_FILE);
  if (!existsSync(path)) throw new Error(`${path}: the claim status code list is missing`);
  const yaml = readYamlFile(path, path);
  const first = yaml.problems[0];
  if (first !== undefined) throw new Error(`${path}: ${first.message}`);
  const parsed = fileSchema.safeParse(yaml.documents[0]?.value);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const categories = tableOf(parsed.data.categories);
  const codes = tableOf(parsed.data.codes);
  const entities = tableOf(parsed.data.entities);
  return {
    category: (code) => categories.get(code.trim().toUpperCase()),
    status: (code) => codes.get(code.trim().replace(/^0+(?=\d)/, '')),
    entity: (code) => entities.get(code.trim().toUpperCase()),
  };
}

let shipped: ClaimStatusCatalog | undefined;

export function shippedClaimStatusCatalog(): ClaimStatusCatalog {
  shipped ??= loadClaimStatusCatalog(SHIPPED_RULES_DIR);
  return shipped;
}
