/**
 * STC composites → statuses with their meaning. A 277CA's STC carries up to three statuses
 * (STC01, STC10, STC11), each `category:code[:entity]`.
 */
import type { ClaimStatusCatalog } from './claim-status.js';
import { ACCEPTING_CATEGORIES, type AckStatus } from './ack-types.js';

/** `A7`, `562`, `85` → "Rejected because information is invalid: the entity's NPI (billing provider)". */
export function statusMeaning(catalog: ClaimStatusCatalog, category: string, code: string, entity: string | undefined): string {
  const what = catalog.category(category) ?? `status category ${category}`;
  const about = code === '' ? null : (catalog.status(code) ?? `claim status code ${code}`);
  const whose = entity === undefined ? null : (catalog.entity(entity) ?? `entity ${entity}`);
  let text = about === null ? what : `${what}: ${lowerFirst(about)}`;
  if (whose !== null) text += ` (${whose})`;
  return text;
}

function lowerFirst(text: string): string {
  // "The entity's NPI" reads on after a colon as "the entity's NPI"; "NPI ..." stays as it is
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

export function makeStatus(catalog: ClaimStatusCatalog, parts: readonly string[]): AckStatus {
  const category = (parts[0] ?? '').toUpperCase();
  const code = parts[1] ?? '';
  const entity = parts[2] !== undefined && parts[2] !== '' ? parts[2] : undefined;
  return { category, code, ...(entity !== undefined ? { entity } : {}), meaning: statusMeaning(catalog, category, code, entity) };
}

/** Accepted when there is a status and every one is in an accepting category. */
export function isAccepted(statuses: readonly AckStatus[]): boolean {
  return statuses.length > 0 && statuses.every((s) => ACCEPTING_CATEGORIES.has(s.category));
}
