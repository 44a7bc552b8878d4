/** Amounts and code lists as a biller reads them in a sentence (amounts are worded in text/money.ts, shared with the chat). */
import type { CodeCatalog } from '../rules/codes.js';

export { money } from '../text/money.js';

/** `M15: services ... procedure; N362: ...` (meanings lose their full stops so the list reads as one sentence). */
export function remarkList(codes: readonly string[], catalog: CodeCatalog): string {
  return codes.map((c) => `${c}: ${(catalog.rarc(c) ?? 'not in the code catalog').replace(/\.$/, '')}`).join('; ');
}
